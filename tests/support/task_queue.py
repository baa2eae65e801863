"""The task queue in tests: the database backend in place of the tests' immediate one, and
real `manage.py worker` processes on the test run's database (tests/ops/test_worker_*.py).

A worker process reads only committed rows, so tests that start one use a live
(transactional) database; it is PostgreSQL's (the SQLite test database lives in the test
process's memory)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from questionnaire.models import TaskWorker
from questionnaire.ops.worker import Worker
from tests.support.servers import ROOT

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Fast enough for tests: a worker looks for tasks ten times a second, beats twice a second,
# and takes back the task of a worker not seen for 5 s (not less: on a busy 2-core machine
# a live worker has gone unscheduled for more than a second).
FAST = ("--interval", "0.1", "--heartbeat", "0.5", "--lease", "5", "--no-startup-delay")


def on_the_queue():
    """Enqueued tasks go to the database (as in production) until a worker runs them."""
    return override_settings(TASKS=DATABASE_TASKS)


def run_queued_tasks() -> None:
    """Run every task that is due in this process, as one worker would, then return."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-batch",
        excluded_queue_names=[],
        heartbeat=60,
        lease=60,
        periodic=False,
    ).run()


def wait_for(condition: Callable[[], object], *, seconds: float = 180, what: str = "") -> None:
    """Poll `condition` every 50 ms until it holds; fail after `seconds` (generous: a PDF
    rendering on a busy 2-core machine has taken 40 s)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
        time.sleep(0.05)


def queue_drained() -> bool:
    return not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


@contextmanager
def workers(
    environment: dict[str, str], log_dir: Path, count: int = 1, *, module: str | None = None
) -> Iterator[list[subprocess.Popen]]:
    """`count` worker processes on the test database, started and seen alive (their
    heartbeats); stopped (SIGKILL, the test is over) afterwards. `module` runs a test
    module in place of manage.py (holding_worker)."""
    command = ["-m", module] if module else ["manage.py"]
    started = []
    for number in range(len(_alive()), len(_alive()) + count):
        log = (log_dir / f"worker-{number}.log").open("w")
        started.append(
            subprocess.Popen(  # noqa: S603
                [sys.executable, *command, "worker", *FAST],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    expected = len(_alive()) + count
    try:
        wait_for(lambda: len(_alive()) >= expected, what="the workers' first heartbeat")
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)


def _alive() -> list[str]:
    return list(TaskWorker.objects.values_list("worker_id", flat=True))
