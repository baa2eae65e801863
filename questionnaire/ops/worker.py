"""The task worker (`manage.py worker`): django-tasks-db's worker, with what it lacks for
several workers on one database (docs/deploy.md).

- **Heartbeat and lease.** django-tasks-db marks a task RUNNING when a worker claims it and
  never looks at it again: a worker killed in the middle (SIGKILL, out of memory, its
  machine gone) leaves its task RUNNING for ever. Here each worker writes its heartbeat
  (TaskWorker.seen_at, the database's clock) every `heartbeat` seconds from a thread of its
  own, and every worker takes back the RUNNING tasks of workers not seen for `lease`
  seconds: READY again, for any worker to run. A task taken back MAX_ATTEMPTS times (it
  kills its worker every time) is marked FAILED instead. A task may therefore run twice
  (a worker that stalled for longer than the lease and then carried on): every task of the
  app is idempotent (the kept PDF is locked and fingerprinted, a snapshot is unique per
  campaign, the purge deletes what is past its time).
- **Periodic work.** The same thread enqueues the periodic tasks when due (PERIODIC_JOBS:
  the hourly sweep that freezes closed waves, the hourly sending of due reminders, the
  daily retention purge). Each job's next
  time is a row (PeriodicJob) moved forward by a conditional UPDATE in the transaction
  that enqueues the task, so with any number of workers each run is enqueued once, and
  nothing but the workers has to run (no cron line on one chosen machine).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, close_old_connections, connection
from django.db.models.functions import Now
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from ..core.freezing import freeze_closed_campaigns
from ..core.invitation_tasks import send_due_reminders
from ..models import PeriodicJob, TaskWorker
from .tasks import purge_past_retention

logger = logging.getLogger("questionnaire.worker")

HEARTBEAT_SECONDS = 10.0
LEASE_SECONDS = 60.0
MAX_ATTEMPTS = 3
# name: (task, how often). The first run is due when a worker first starts.
PERIODIC_JOBS: dict[str, tuple[Any, timedelta]] = {
    "freeze_closed_campaigns": (freeze_closed_campaigns, timedelta(hours=1)),
    "send_due_reminders": (send_due_reminders, timedelta(hours=1)),
    "purge_past_retention": (purge_past_retention, timedelta(days=1)),
}


class AbandonedTask(Exception):
    """The task's worker died running it MAX_ATTEMPTS times."""


class Worker(DatabaseWorker):
    def __init__(self, *, heartbeat: float, lease: float, periodic: bool, **options: Any):
        super().__init__(**options)
        self.heartbeat = heartbeat
        self.lease = timedelta(seconds=lease)
        self.periodic = periodic
        self.stopped = threading.Event()

    def run(self) -> None:
        self.keep_up()  # seen before it claims a task
        beating = threading.Thread(target=self._beat, name="heartbeat", daemon=True)
        beating.start()
        try:
            super().run()
        finally:
            self.stopped.set()
            beating.join(timeout=self.heartbeat + 5)
            TaskWorker.objects.filter(worker_id=self.worker_id).delete()

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(self.heartbeat):
                self.keep_up()
        finally:
            connection.close()  # this thread's own connection

    def keep_up(self) -> None:
        """One heartbeat: seen alive, dead workers' tasks taken back, due jobs enqueued. A
        database that is away is tried again at the next beat; any other error is logged
        and the beating goes on (a worker that stopped beating would lose its task)."""
        close_old_connections()
        try:
            # Connected first: exclusive_transaction() on a connection not yet open would
            # begin an ordinary transaction (opening it resets the transaction mode).
            connection.ensure_connection()
            heartbeat(self.worker_id)
            tasks_taken_back(lease=self.lease, backend_name=self.backend_name)
            if self.periodic:
                periodic_jobs_enqueue()
        except DatabaseError:
            logger.warning("Worker %s: the database was away or busy", self.worker_id)
        except Exception:
            logger.exception("Worker %s: its heartbeat failed", self.worker_id)


def heartbeat(worker_id: str) -> None:
    # Each write of the heartbeat thread takes SQLite's write lock from its start
    # (exclusive_transaction; a plain transaction elsewhere): on SQLite a transaction that
    # reads, then writes while a PDF rendering holds the lock, fails at once instead of
    # waiting for it.
    with exclusive_transaction():
        TaskWorker.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": Now()})


def tasks_taken_back(*, lease: timedelta, backend_name: str) -> int:
    """Make the RUNNING tasks of workers not seen within `lease` READY again (FAILED after
    MAX_ATTEMPTS); how many were taken back."""
    alive = set(
        TaskWorker.objects.filter(seen_at__gte=Now() - lease).values_list("worker_id", flat=True)
    )
    taken = 0
    with exclusive_transaction():
        running = (
            DBTaskResult.objects.running()
            .filter(backend_name=backend_name)
            .select_for_update(skip_locked=True)
        )
        for result in running:
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                _abandon(result)
                continue
            result.status = TaskResultStatus.READY
            result.save(update_fields=["status"])
            logger.warning("Task %s taken back from a dead worker", result.id)
            taken += 1
    TaskWorker.objects.filter(seen_at__lt=Now() - lease * 10).delete()  # long gone
    return taken


def _abandon(result: DBTaskResult) -> None:
    """Mark the task FAILED and tell that it ended, as the library's worker does for a task
    that raised: what waits for its end runs (a sending task frees its invitations,
    invitation_tasks.py), and the library logs it with the reason (raised here so that the
    log's traceback is the reason, not "None")."""
    try:
        raise AbandonedTask(f"its worker died {len(result.worker_ids)} times")
    except AbandonedTask as abandoned:
        result.set_failed(abandoned)
    try:
        backend = type(result.task.get_backend())
    except (ImportError, SuspiciousOperation):
        # A task this release no longer has (as the library's worker checks): no one waits.
        logger.error("Task %s abandoned: its worker died each time", result.id)
        return
    task_finished.send(sender=backend, task_result=result.task_result)


def periodic_jobs_enqueue(jobs: dict[str, tuple[Any, timedelta]] | None = None) -> list[str]:
    """Enqueue each periodic job that is due, once over all workers; the names enqueued."""
    enqueued = []
    for name, (job, every) in (jobs or PERIODIC_JOBS).items():
        with exclusive_transaction():
            PeriodicJob.objects.get_or_create(name=name, defaults={"due_at": Now()})
        with exclusive_transaction():
            due = PeriodicJob.objects.filter(name=name, due_at__lte=Now())
            if due.update(due_at=Now() + every):
                job.enqueue()
                enqueued.append(name)
    return enqueued


def worker_options(add: Callable[..., Any]) -> None:
    """The worker's own command-line options, next to db_worker's."""
    add("--heartbeat", type=float, default=HEARTBEAT_SECONDS, help="seconds between heartbeats")
    add(
        "--lease",
        type=float,
        default=LEASE_SECONDS,
        help="seconds without a heartbeat after which a worker's running task is taken back",
    )
    add(
        "--no-periodic",
        action="store_false",
        dest="periodic",
        help="do not enqueue the periodic tasks (freezing sweep, reminders, retention purge)",
    )
