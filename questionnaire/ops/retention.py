"""Data retention: deleting the responses of campaigns closed long ago, and deleting a whole
campaign with everything in it (docs/data-retention.md).

A closed campaign's aggregate snapshot is kept when its responses go: it holds only the
figures HR already sees (counts and sums per department, answer counts per item, shown only
through the suppression rule), so HR can still open the old wave and compare the next one
with it. Deleting the campaign removes the snapshot too.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ..core.aggregates import campaigns_freeze_closed
from ..models import (
    AccessCodeTries,
    AggregateSnapshot,
    Answer,
    Campaign,
    CampaignCodeMisses,
    DeletedSubmission,
    ExportRendering,
    Invitation,
    PersonalReport,
    ReportLinkMiss,
    Response,
)

_AGE = re.compile(r"(?P<number>[1-9][0-9]{0,3})(?P<unit>[md])")


class MalformedAge(ValueError):
    pass


def parse_age(text: str) -> tuple[int, str]:
    """'24m' is 24 months, '90d' 90 days; anything else raises MalformedAge."""
    match = _AGE.fullmatch(text.strip().lower())
    if match is None:
        raise MalformedAge(
            f"{text!r} is not an age: write a whole number of months or days from 1 to 9999, "
            "followed by m or d, for example 24m or 90d"
        )
    return int(match["number"]), match["unit"]


def cutoff_for(age: tuple[int, str], *, today: date) -> date:
    """The first closing day that is not yet old enough: campaigns that closed before it are
    purged; one that closed on it is exactly `age` old and kept."""
    number, unit = age
    if unit == "d":
        return today - timedelta(days=number)
    months = today.year * 12 + today.month - 1 - number
    year, month = divmod(months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(today.day, last_day))


@dataclass(frozen=True)
class CampaignPurge:
    campaign: Campaign
    responses: int
    answers: int
    reports: int


def campaigns_past_retention(*, cutoff: date, today: date) -> QuerySet[Campaign]:
    """Closed campaigns whose closing day is before `cutoff` and that still hold responses;
    an open or upcoming campaign never qualifies (its closing day is today or later)."""
    return (
        Campaign.objects.filter(closes_on__lt=min(cutoff, today))
        .annotate(response_count=Count("responses"))
        .filter(response_count__gt=0)
        .select_related("organisation")
        .order_by("organisation__name", "closes_on", "pk")
    )


def responses_purge(*, cutoff: date, today: date, dry_run: bool) -> list[CampaignPurge]:
    """Delete (or with `dry_run` only count) the responses of every campaign past retention,
    with their answers and cached PDF reports. Figures of those campaigns that were never
    frozen are frozen first, so HR keeps them."""
    campaigns = list(campaigns_past_retention(cutoff=cutoff, today=today))
    if campaigns and not dry_run:
        campaigns_freeze_closed(today=today)
    return [_purge_one(campaign, dry_run=dry_run) for campaign in campaigns]


def _purge_one(campaign: Campaign, *, dry_run: bool) -> CampaignPurge:
    counts = campaign_contents(campaign)
    if not dry_run:
        with transaction.atomic():
            responses = Response.objects.filter(campaign=campaign)
            _remember_submission_keys(responses)
            responses.delete()
    return CampaignPurge(campaign, counts["responses"], counts["answers"], counts["reports"])


def _remember_submission_keys(responses: QuerySet[Response]) -> None:
    """Keep the purged responses' submission keys (their hashes), as the respondent's own
    delete does: a browser may still hold a questionnaire from before the submission, and
    replaying it once the campaign is open again must not store the answers again."""
    today = timezone.localdate()
    DeletedSubmission.objects.bulk_create(
        (
            DeletedSubmission(submission_key_hash=key, deleted_on=today)
            for key in responses.values_list("submission_key_hash", flat=True)
            if key
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )


def campaign_contents(campaign: Campaign) -> dict[str, int]:
    """How many rows of each kind the campaign holds."""
    return {
        "responses": Response.objects.filter(campaign=campaign).count(),
        "answers": Answer.objects.filter(response__campaign=campaign).count(),
        "reports": PersonalReport.objects.filter(response__campaign=campaign).count(),
        "snapshots": AggregateSnapshot.objects.filter(campaign=campaign).count(),
    }


def campaign_delete(*, campaign: Campaign) -> None:
    """Delete the campaign with its responses, answers, PDF reports and frozen figures.

    Everything cascades from the campaign; departments and the organisation stay, since
    they belong to the organisation's other campaigns too.
    """
    with transaction.atomic():
        campaign.delete()


@dataclass(frozen=True)
class ShortLivedPurge:
    login_attempts: int
    report_link_misses: int
    deleted_submissions: int
    code_tries: int
    invitations: int = 0


def short_lived_purge(*, now: datetime, dry_run: bool) -> ShortLivedPurge:
    """Delete (or count) the records that only matter for a while (docs/data-retention.md).

    - failed logins (django-axes: the username typed and the client's address) whose
      cool-off is over: the last failure is older than AXES_COOLOFF_TIME, so they no
      longer lock anyone out;
    - wrong report links counted against a client, older than the throttling window;
    - submission keys of deleted responses, once every browser cookie that could still
      hold one has expired (SESSION_COOKIE_AGE after the deletion at the latest);
    - the counts of access-code tries (per code and per campaign) of windows that are over
      (each new try deletes its own code's and campaign's, this the rest);
    - the e-mail addresses of invitations, once their campaign has closed: they were kept
      only for the reminder (core/invitations.py).
    """
    expired = (
        AccessAttempt.objects.filter(attempt_time__lte=now - settings.AXES_COOLOFF_TIME),
        ReportLinkMiss.objects.filter(missed_at__lte=now - settings.REPORT_LINK_MISS_WINDOW),
        DeletedSubmission.objects.filter(
            deleted_on__lt=(now - timedelta(seconds=settings.SESSION_COOKIE_AGE)).date()
        ),
        AccessCodeTries.objects.filter(window__lte=now - settings.CODE_TRY_WINDOW),
        CampaignCodeMisses.objects.filter(window__lte=now - settings.CODE_MISS_WINDOW),
        Invitation.objects.filter(campaign__closes_on__lt=timezone.localdate(now)),
    )
    counts = [rows.count() if dry_run else _deleted(rows) for rows in expired]
    logins, misses, deleted, tries, code_misses, invitations = counts
    return ShortLivedPurge(
        logins, misses, deleted, code_tries=tries + code_misses, invitations=invitations
    )


# Finished tasks (their arguments: ids, a language, the site's address; their result or
# error) stay this long for operators to look at; a PDF's rendering request a day (by then
# the PDF is kept, or the next request asks again).
TASK_RECORDS_KEPT = timedelta(days=7)
RENDERING_REQUESTS_KEPT = timedelta(days=1)


def task_records_purge(*, now: datetime, dry_run: bool) -> int:
    """Delete (or count) the task queue's finished tasks older than TASK_RECORDS_KEPT and
    the PDF rendering requests older than RENDERING_REQUESTS_KEPT; how many tasks."""
    finished = DBTaskResult.objects.finished().filter(finished_at__lt=now - TASK_RECORDS_KEPT)
    if dry_run:
        return finished.count()
    ExportRendering.objects.filter(asked_at__lt=now - RENDERING_REQUESTS_KEPT).delete()
    return _deleted(finished)


def _deleted(rows: QuerySet) -> int:
    # Only the model's own rows; the delete() total also counts cascaded ones.
    return rows.delete()[1].get(rows.model._meta.label, 0)
