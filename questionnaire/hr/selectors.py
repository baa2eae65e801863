"""What the HR start page shows about each campaign (selectors).

The number of responses per campaign follows the same rules as the campaign's dashboard,
through privacy.py: while a campaign is open only a count rounded down to a multiple of k
("at least 10"), once it has closed the frozen count of its AggregateSnapshot, and nothing
below k. A closed campaign without a snapshot yet gets one here, through the dashboard
selector: that happens once per campaign, and its count is then the one every later view
and export shows. So the page costs a constant handful of queries.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db.models import Count
from django.utils.translation import gettext as _

from ..core import privacy
from ..core.aggregates import campaign_dashboard, format_count, frozen_response_count, is_frozen
from ..core.privacy import Hidden
from ..models import Campaign, Organisation, Response
from .scoping import organisations_with_campaigns_for_hr


def status_label(status: str) -> str:
    return {
        Campaign.UPCOMING: _("upcoming"),
        Campaign.OPEN: _("open"),
        Campaign.CLOSED: _("closed"),
    }[status]


@dataclass(frozen=True)
class CampaignRow:
    """One campaign on the start page; `responses` is None before it opens, and for a
    custodian, who sees no figures."""

    campaign: Campaign
    status: str
    responses: int | Hidden | None
    at_least: bool = False

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def display_responses(self) -> str:
        if self.responses is None:
            return _("not open yet")
        if isinstance(self.responses, Hidden):
            return str(self.responses)
        if self.at_least:
            return _("at least %(count)s") % {"count": format_count(self.responses)}
        return format_count(self.responses)


@dataclass(frozen=True)
class StartPageOrganisation:
    """One organisation on the start page: what the user's roles let them do there, and
    its campaigns (the organisation's numbers of responses for readers and team managers,
    as their dashboards show it)."""

    organisation: Organisation
    reader: bool
    custodian: bool
    campaigns: list[CampaignRow]
    # A team manager (and not a reader): the dashboards of their departments.
    manager: bool = False

    @property
    def sees_figures(self) -> bool:
        return self.reader or self.manager


def start_page_for_hr(user: User, *, today: date) -> list[StartPageOrganisation]:
    """The user's organisations (by name) with their campaigns (newest first)."""
    organisations = organisations_with_campaigns_for_hr(user)
    read = [entry.organisation for entry in organisations if entry.sees_figures]
    open_counts = _response_counts(
        [
            campaign.pk
            for organisation in read
            for campaign in organisation.campaigns.all()
            if campaign.status(today) == Campaign.OPEN
        ]
    )
    return [
        StartPageOrganisation(
            entry.organisation,
            reader=entry.reader,
            custodian=entry.custodian,
            campaigns=[
                _row(campaign, today=today, open_counts=open_counts)
                if entry.sees_figures
                else CampaignRow(campaign, campaign.status(today), None)
                for campaign in entry.organisation.campaigns.all()
            ],
            manager=entry.manager and not entry.reader,
        )
        for entry in organisations
    ]


def _response_counts(campaign_ids: list[int]) -> dict[int, int]:
    if not campaign_ids:
        return {}
    rows = (
        Response.objects.filter(campaign_id__in=campaign_ids)
        .values_list("campaign_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return dict(rows)


def _row(campaign: Campaign, *, today: date, open_counts: dict[int, int]) -> CampaignRow:
    status = campaign.status(today)
    if is_frozen(campaign):
        # Frozen figures are final, even when an administrator has reopened the campaign
        # since: the count is the dashboard's, from the snapshot alone.
        return CampaignRow(campaign, status, frozen_response_count(campaign))
    if status == Campaign.UPCOMING:
        return CampaignRow(campaign, status, None)
    if status == Campaign.OPEN:
        k = privacy.k_for(campaign.organisation)
        count = privacy.released_count(open_counts.get(campaign.pk, 0), k)
        return CampaignRow(campaign, status, count, at_least=isinstance(count, int))
    # The first look at a closed campaign freezes its figures (aggregates/snapshot.py).
    return CampaignRow(
        campaign, status, campaign_dashboard(campaign, today=today).responses.responses
    )
