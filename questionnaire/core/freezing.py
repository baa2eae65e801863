"""Freezing a wave's figures when it closes, on the task queue (docs/deploy.md).

A campaign closes at the start of the day after its closing day, with no request to notice
it. So each time a campaign is created or its dates change, a freeze_campaign task is
enqueued to run at that moment (a deferred task: run_after); a moved date enqueues another,
and the one that runs while the campaign is not closed (yet) does nothing. The workers'
hourly sweep (ops/worker.py: freeze_closed_campaigns) freezes whatever a deferred task
missed (a campaign closed before this code ran, a task that failed).

Freezing is the same snapshot_take that HR's first look would take (aggregates/snapshot.py),
only earlier: the figures are the same, and HR's first look at a closed wave is as fast as
every later one.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from ..models import AggregateSnapshot, Campaign
from .aggregates import campaigns_freeze_closed, snapshot_take

FROZEN = "frozen"
NOT_CLOSED = "not closed"
ALREADY_FROZEN = "already frozen"


def closing_moment(campaign: Campaign) -> datetime:
    """When the campaign is closed: the start of the day after its closing day, here."""
    day_after = campaign.closes_on + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day_after, time.min))


def freeze_when_closed(campaign: Campaign) -> None:
    """Enqueue the freezing of the campaign's figures for the moment it closes. A backend
    that cannot defer tasks (the tests' immediate one) leaves it to the sweep."""
    if freeze_campaign.get_backend().supports_defer:
        freeze_campaign.using(run_after=closing_moment(campaign)).enqueue(campaign.pk)


@task()
def freeze_campaign(campaign_id: int) -> str:
    """Freeze one closed campaign's figures, unless frozen already or not closed (any more:
    its dates moved after this was enqueued, and another task waits for the new ones)."""
    today = timezone.localdate()
    campaign = Campaign.objects.select_related("organisation").filter(pk=campaign_id).first()
    if campaign is None or campaign.status(today) != Campaign.CLOSED:
        return NOT_CLOSED
    if AggregateSnapshot.objects.filter(campaign=campaign).exists():
        return ALREADY_FROZEN
    snapshot_take(campaign, today=today)
    return FROZEN


@task()
def freeze_closed_campaigns() -> int:
    """Freeze every closed campaign that has no frozen figures yet; how many were frozen."""
    return campaigns_freeze_closed(today=timezone.localdate())
