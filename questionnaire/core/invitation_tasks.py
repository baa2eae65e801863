"""Sending invitations and their reminder as background tasks (Django's Tasks API, through
its backport django-tasks; `manage.py worker` runs them, docs/deploy.md).

A task gets the campaign's id only: never an address or a code, since its arguments are
stored in the tasks' table. It passes its own id as the run's name, so a task run again
after its worker died first finishes the batch it had claimed (invitations.py). A task that
has ended, however, frees what it still claims: it will not run again under that name.

send_due_reminders is periodic (ops/worker.py, PERIODIC_JOBS): it sends the reminder of
each campaign whose reminder day has come, to those not reminded yet.
"""

from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskContext, TaskResult, task
from django_tasks.signals import task_finished

from .invitations import (
    Tally,
    campaigns_due_for_reminder,
    claims_release,
    invitations_send,
    reminders_send,
)


def _run_name(task_result: TaskResult) -> str:
    return f"task-{task_result.id}"


def _counts(tally: Tally) -> dict[str, int]:
    return {"sent": tally.sent, "failed": tally.failed}


@task(takes_context=True)
def send_invitations(context: TaskContext, campaign_id: int) -> dict[str, int]:
    run = _run_name(context.task_result)
    return _counts(invitations_send(campaign_id, today=timezone.localdate(), run=run))


@task(takes_context=True)
def send_reminders(context: TaskContext, campaign_id: int) -> dict[str, int]:
    run = _run_name(context.task_result)
    return _counts(reminders_send(campaign_id, today=timezone.localdate(), run=run))


@task(takes_context=True)
def send_due_reminders(context: TaskContext) -> dict[str, int]:
    """The reminder of every campaign whose reminder day has come (campaigns_due_for_reminder),
    to those not reminded yet: a second run, or one on another worker, sends nothing again."""
    today, run = timezone.localdate(), _run_name(context.task_result)
    tally = Tally()
    for campaign in campaigns_due_for_reminder(today):
        tally += reminders_send(campaign.pk, today=today, run=run)
    return _counts(tally)


SENDING_TASKS = {send_invitations.func, send_reminders.func, send_due_reminders.func}


@receiver(task_finished)
def _ended_run_frees_its_claims(sender, task_result: TaskResult, **kwargs) -> None:
    """A sending task that has ended (done, failed with an error, or abandoned after its
    worker died MAX_ATTEMPTS times, ops/worker.py) never runs again under its name, so the
    invitations it still claims would wait for it for ever: the next run sends them."""
    if task_result.task.func in SENDING_TASKS:
        claims_release(_run_name(task_result))
