"""Sending invitations and their reminder as background tasks (Django's Tasks API, through
its backport django-tasks; `manage.py worker` runs them, docs/deploy.md).

A task gets the campaign's id only: never an address or a code, since its arguments are
stored in the tasks' table. It passes its own id as the run's name, so a task run again
after its worker died first finishes the batch it had claimed (invitations.py).

send_due_reminders is periodic (ops/worker.py, PERIODIC_JOBS): it sends the reminder of
each campaign whose reminder day has come, to those not reminded yet.
"""

from django.utils import timezone
from django_tasks import TaskContext, task

from .invitations import Tally, campaigns_due_for_reminder, invitations_send, reminders_send


def _counts(tally: Tally) -> dict[str, int]:
    return {"sent": tally.sent, "failed": tally.failed}


@task(takes_context=True)
def send_invitations(context: TaskContext, campaign_id: int) -> dict[str, int]:
    run = f"task-{context.task_result.id}"
    return _counts(invitations_send(campaign_id, today=timezone.localdate(), run=run))


@task(takes_context=True)
def send_reminders(context: TaskContext, campaign_id: int) -> dict[str, int]:
    run = f"task-{context.task_result.id}"
    return _counts(reminders_send(campaign_id, today=timezone.localdate(), run=run))


@task(takes_context=True)
def send_due_reminders(context: TaskContext) -> dict[str, int]:
    """The reminder of every campaign whose reminder day has come (campaigns_due_for_reminder),
    to those not reminded yet: a second run, or one on another worker, sends nothing again."""
    today, run = timezone.localdate(), f"task-{context.task_result.id}"
    tally = Tally()
    for campaign in campaigns_due_for_reminder(today):
        tally += reminders_send(campaign.pk, today=today, run=run)
    return _counts(tally)
