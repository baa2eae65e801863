"""Sending invitations and their reminder as background tasks (Django's Tasks API, through
its backport django-tasks; `manage.py worker` runs them, docs/deploy.md).

A task gets the campaign's id only: never an address or a code, since its arguments are
stored in the tasks' table. It passes its own id as the run's name, so a task run again
after its worker died first finishes the batch it had claimed (invitations.py).
"""

from django.utils import timezone
from django_tasks import TaskContext, task

from .invitations import Tally, invitations_send, reminders_send


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
