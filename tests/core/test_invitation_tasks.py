"""Sending as background tasks: the custodian's button queues a task whose stored
arguments are the campaign's id alone; a worker sends; a second run never takes the batch
another run has claimed, and a run started again after its worker died finishes its own."""

import pytest
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from questionnaire.core.invitations import Tally, invitations_add, invitations_send
from questionnaire.models import Invitation

ADDRESSES = ["ann@example.org", "bert@example.org", "chris@example.org", "dirk@example.org"]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def invited(coded_a, departments_a, custodian_a, today):
    invitations_add(
        campaign=coded_a,
        department=departments_a[0],
        addresses=ADDRESSES,
        actor=custodian_a,
        today=today,
    )
    return coded_a


def test_the_button_queues_a_task_and_the_page_follows_the_worker(
    client, custodian_a, invited, mailbox, settings
):
    settings.TASKS = DATABASE_QUEUE
    settings.LANGUAGE_CODE = "en"
    client.force_login(custodian_a)
    url = reverse("hr:invitations", kwargs={"pk": invited.pk})

    queued = client.post(url, {"action": "send"}, HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(queued["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "Sending has started" in page.text and "0 of 4 sent" in page.text
    assert page["Refresh"] == "5"
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [invited.pk], "kwargs": {}}

    _worker_runs(task)

    assert sorted(message["To"] for message in mailbox.messages) == ADDRESSES
    done = client.get(queued["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert "4 of 4 sent" in done.text
    assert "Refresh" not in done
    task.refresh_from_db()
    assert task.return_value == {"sent": 4, "failed": 0}


def _worker_runs(task: DBTaskResult) -> None:
    """The queue's worker runs the task as `manage.py worker` does (its loop would close
    the test's database connection between tasks; the tasks' own tests run it whole)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test",
        excluded_queue_names=[],
    )
    task.claim("test")
    worker.run_task(task)


def test_a_batch_claimed_by_a_run_that_died_is_left_to_that_run(mailbox, invited, today):
    """A worker died after claiming two invitations: another run leaves them alone (it
    cannot know whether they went), and that task, run again, sends them, once."""
    dead = Invitation.objects.order_by("pk")[:2]
    Invitation.objects.filter(pk__in=[row.pk for row in dead]).update(claim="task-dead")

    assert invitations_send(invited.pk, today=today, run="task-other") == Tally(sent=2)
    assert invitations_send(invited.pk, today=today, run="task-dead") == Tally(sent=2)
    assert invitations_send(invited.pk, today=today, run="task-dead") == Tally()

    assert sorted(message["To"] for message in mailbox.messages) == ADDRESSES
    assert not Invitation.objects.exclude(claim="").exists()
