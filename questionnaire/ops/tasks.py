"""The daily retention purge as a task (docs/data-retention.md), enqueued once a day by the
workers' scheduler (ops/worker.py). `manage.py purge_responses` does the same by hand, and
shows what it would delete with --dry-run."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .retention import cutoff_for, responses_purge, short_lived_purge, task_records_purge


@task()
def purge_past_retention() -> dict[str, int]:
    """Delete the responses of campaigns closed more than RETENTION_MONTHS ago, the
    short-lived records past their time and old finished tasks; the counts (no names)."""
    today, now = timezone.localdate(), timezone.now()
    cutoff = cutoff_for((settings.RETENTION_MONTHS, "m"), today=today)
    purged = responses_purge(cutoff=cutoff, today=today, dry_run=False)
    short = short_lived_purge(now=now, dry_run=False)
    return {
        "campaigns": len(purged),
        "responses": sum(row.responses for row in purged),
        "login_attempts": short.login_attempts,
        "report_link_misses": short.report_link_misses,
        "code_tries": short.code_tries,
        "deleted_submissions": short.deleted_submissions,
        "tasks": task_records_purge(now=now, dry_run=False),
    }
