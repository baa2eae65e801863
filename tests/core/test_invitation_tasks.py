"""Sending as background tasks: the custodian's button queues a task whose stored
arguments are the campaign's id alone; a worker sends; a second run never takes the batch
another run has claimed, and a run started again after its worker died finishes its own."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from questionnaire.core.invitation_tasks import send_due_reminders, send_invitations
from questionnaire.core.invitations import (
    REMINDER_DAYS_BEFORE_CLOSING,
    Tally,
    invitations_add,
    invitations_send,
    reminder_day,
    reminder_message,
    reminders_send,
)
from questionnaire.models import Invitation
from questionnaire.ops import worker

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
    # Only the sending task: a worker of another test may have queued its periodic jobs.
    task = DBTaskResult.objects.get(task_path__endswith=".send_invitations")
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


def test_a_sending_task_abandoned_after_its_workers_died_leaves_nothing_unsent(
    mailbox, invited, today, settings
):
    """Its worker died MAX_ATTEMPTS times with two invitations claimed: the task fails, and
    the next run sends those two as well, instead of leaving them to a run that never comes."""
    settings.TASKS = DATABASE_QUEUE
    result = send_invitations.enqueue(invited.pk)
    dead_workers = ["first", "second", "third"][: worker.MAX_ATTEMPTS]
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=dead_workers)
    claimed = [row.pk for row in Invitation.objects.order_by("pk")[:2]]
    Invitation.objects.filter(pk__in=claimed).update(claim=f"task-{result.id}")

    worker.tasks_taken_back(lease=timedelta(seconds=60), backend_name="default")

    assert DBTaskResult.objects.get(pk=result.id).status == "FAILED"
    assert invitations_send(invited.pk, today=today, run="task-next") == Tally(sent=4)
    assert sorted(message["To"] for message in mailbox.messages) == ADDRESSES


# --- the reminder, sent by the workers' periodic sweep ----------------------------------


def _closing_in(campaign, days: int, today):
    campaign.closes_on = today + timedelta(days=days)
    campaign.save(update_fields=["closes_on"])
    return campaign


def _sweep() -> dict[str, int]:
    """One run of the periodic job, as the workers' scheduler enqueues it (the tests'
    backend runs it at once)."""
    return send_due_reminders.enqueue().return_value


def test_on_the_reminder_day_the_sweep_reminds_each_invitee_once(invited, mailbox, today):
    invitations_send(invited.pk, today=today)
    _closing_in(invited, REMINDER_DAYS_BEFORE_CLOSING, today)
    mailbox.clear()

    assert _sweep() == {"sent": 4, "failed": 0}
    assert _sweep() == {"sent": 0, "failed": 0}  # the next hour, or another worker

    assert sorted(message["To"] for message in mailbox.messages) == ADDRESSES
    reminder = reminder_message(invited, to=ADDRESSES[0]).subject
    assert all(message["Subject"] == reminder for message in mailbox.messages)
    assert Invitation.objects.filter(campaign=invited, reminded=True).count() == 4


def test_before_the_reminder_day_and_once_closed_the_sweep_sends_nothing(invited, mailbox, today):
    invitations_send(invited.pk, today=today)
    mailbox.clear()
    _closing_in(invited, REMINDER_DAYS_BEFORE_CLOSING + 1, today)
    assert _sweep() == {"sent": 0, "failed": 0}

    invited.opens_on, invited.closes_on = today - timedelta(days=9), today - timedelta(days=1)
    invited.save(update_fields=["opens_on", "closes_on"])
    assert _sweep() == {"sent": 0, "failed": 0}
    assert mailbox.messages == []


def test_a_reminder_sent_by_hand_is_not_sent_again_on_the_day(invited, mailbox, today):
    invitations_send(invited.pk, today=today)
    reminders_send(invited.pk, today=today)
    _closing_in(invited, REMINDER_DAYS_BEFORE_CLOSING, today)
    mailbox.clear()

    assert _sweep() == {"sent": 0, "failed": 0}
    assert mailbox.messages == []


@pytest.mark.parametrize(
    ("opens", "closes", "reminded"),
    [(0, 14, 12), (0, 3, 1), (0, 2, 2), (0, 0, 0)],
)
def test_the_reminder_day_is_two_days_before_closing_or_the_last_day(
    coded_a, today, opens, closes, reminded
):
    coded_a.opens_on, coded_a.closes_on = today + timedelta(opens), today + timedelta(closes)
    assert reminder_day(coded_a) == today + timedelta(reminded)


def test_the_page_says_when_the_reminder_goes(client, custodian_a, invited, today):
    _closing_in(invited, 10, today)
    client.force_login(custodian_a)
    url = reverse("hr:invitations", kwargs={"pk": invited.pk})
    for language, sentence in [
        ("en", "A reminder goes to everyone invited on {day}, by itself, once."),
        ("nl", "Op {day} gaat er vanzelf één herinnering naar iedereen"),
        ("fr", "Le {day}, un rappel part de lui-même, une seule fois"),
    ]:
        with translation.override(language):
            day = date_format(today + timedelta(days=8), "DATE_FORMAT")
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).text
        assert sentence.format(day=day) in page, language
