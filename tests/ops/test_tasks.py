"""The periodic work on the task queue, run in this process by the worker's own code on
either database: the scheduler enqueues the freezing sweep and the retention purge once
however many workers ask, the tasks freeze and purge, a campaign's freezing waits for its
closing moment, and the task of a worker that died is taken back (READY again), or failed
after MAX_ATTEMPTS. Real worker processes: test_worker_processes.py (PostgreSQL)."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from questionnaire.core.freezing import freeze_campaign
from questionnaire.hr.services import campaign_create
from questionnaire.models import AggregateSnapshot, Campaign, PeriodicJob, Response, TaskWorker
from questionnaire.ops import worker
from questionnaire.ops.retention import cutoff_for
from tests.support.results_factory import make_response
from tests.support.task_queue import on_the_queue, run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=True)


def _wave(organisation, name, closes_on, responses=6):
    campaign = Campaign.objects.create(
        organisation=organisation,
        name=name,
        opens_on=closes_on - timedelta(days=30),
        closes_on=closes_on,
    )
    for _ in range(responses):
        make_response(campaign, submitted_on=campaign.opens_on)
    return campaign


def _tasks(name: str):
    return DBTaskResult.objects.filter(task_path__endswith=name)


def test_the_periodic_jobs_are_enqueued_once_however_many_workers_ask(db):
    with on_the_queue():
        first = worker.periodic_jobs_enqueue()
        again = worker.periodic_jobs_enqueue()  # a second worker, a beat later

    assert sorted(first) == [
        "freeze_closed_campaigns",
        "purge_past_retention",
        "send_due_reminders",
    ]
    assert again == []
    assert _tasks("freeze_closed_campaigns").count() == 1
    assert _tasks("purge_past_retention").count() == 1
    due = dict(PeriodicJob.objects.values_list("name", "due_at"))
    ahead = {name: round((at - timezone.now()) / timedelta(minutes=1)) for name, at in due.items()}
    assert ahead == {
        "freeze_closed_campaigns": 60,
        "purge_past_retention": 24 * 60,
        "send_due_reminders": 60,
    }


def test_a_job_is_enqueued_again_once_due(db):
    with on_the_queue():
        worker.periodic_jobs_enqueue()
        PeriodicJob.objects.filter(name="freeze_closed_campaigns").update(
            due_at=timezone.now() - timedelta(seconds=1)
        )
        assert worker.periodic_jobs_enqueue() == ["freeze_closed_campaigns"]


def test_the_periodic_tasks_freeze_closed_waves_and_purge_old_responses(org_a, today):
    cutoff = cutoff_for((24, "m"), today=today)
    old = _wave(org_a, "Old", cutoff - timedelta(days=1))
    recent = _wave(org_a, "Recent", today - timedelta(days=1))
    open_wave = _wave(org_a, "Open", today + timedelta(days=3))

    with on_the_queue():
        worker.periodic_jobs_enqueue()
        assert not AggregateSnapshot.objects.exists()  # enqueued, not run
        run_queued_tasks()

    frozen = set(AggregateSnapshot.objects.values_list("campaign__name", flat=True))
    assert frozen == {"Old", "Recent"}
    assert Response.objects.filter(campaign=old).count() == 0  # past retention: purged
    assert Response.objects.filter(campaign=recent).count() == 6
    assert Response.objects.filter(campaign=open_wave).count() == 6
    (purge,) = _tasks("purge_past_retention")
    assert purge.status == "SUCCESSFUL"
    assert purge.return_value["campaigns"] == 1 and purge.return_value["responses"] == 6


def test_a_new_campaign_is_frozen_at_the_moment_it_closes(org_a, today):
    with on_the_queue():
        campaign = campaign_create(
            organisation=org_a,
            name="Spring wave",
            opens_on=today,
            closes_on=today,
            default_language="nl",
        )
        (task,) = _tasks("freeze_campaign")
        tomorrow = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
        assert task.run_after == tomorrow
        run_queued_tasks()  # not due yet: waits
        assert task.status == "READY" and not AggregateSnapshot.objects.exists()

        # Midnight passes.
        Campaign.objects.filter(pk=campaign.pk).update(
            opens_on=today - timedelta(days=1), closes_on=today - timedelta(days=1)
        )
        DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
        run_queued_tasks()

    task.refresh_from_db()
    assert (task.status, task.return_value) == ("SUCCESSFUL", "frozen")
    assert AggregateSnapshot.objects.get().campaign_id == campaign.pk


def test_a_freezing_due_before_the_campaign_closes_freezes_nothing(campaign_a):
    """Its closing day moved later after the task was enqueued (another one waits)."""
    assert freeze_campaign.call(campaign_a.pk) == "not closed"
    assert not AggregateSnapshot.objects.exists()


def _running(worker_ids):
    with on_the_queue():
        result = freeze_campaign.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=worker_ids)
    return DBTaskResult.objects.get(pk=result.id)


def test_a_dead_workers_task_is_taken_back_and_a_live_ones_left(db):
    lease = timedelta(seconds=60)
    TaskWorker.objects.create(worker_id="alive", seen_at=timezone.now())
    TaskWorker.objects.create(worker_id="silent", seen_at=timezone.now() - 2 * lease)
    of_the_living = _running(["alive"])
    of_the_silent = _running(["silent"])
    of_the_vanished = _running(["gone"])  # no heartbeat row at all

    assert worker.tasks_taken_back(lease=lease, backend_name="default") == 2

    statuses = {
        task.pk: task.status
        for task in DBTaskResult.objects.filter(
            pk__in=[of_the_living.pk, of_the_silent.pk, of_the_vanished.pk]
        )
    }
    assert statuses == {
        of_the_living.pk: "RUNNING",
        of_the_silent.pk: "READY",
        of_the_vanished.pk: "READY",
    }


def test_a_task_that_kills_its_worker_every_time_fails_in_the_end(db):
    task = _running(["first", "second", "third"][: worker.MAX_ATTEMPTS])

    assert worker.tasks_taken_back(lease=timedelta(seconds=60), backend_name="default") == 0

    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == "questionnaire.ops.worker.AbandonedTask"
