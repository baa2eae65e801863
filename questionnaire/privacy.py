"""The one suppression rule every aggregate passes through (DESIGN.md §4, rule 3).

No figure derived from fewer than k responses is shown anywhere, k being the
organisation's minimum group size (default 5, never below 3). Every hidden value carries a
`Hidden` reason that pages and exports show instead of the number.

Two time rules protect single responses:
- the scores of a campaign are released only once it has closed; while it is open, a view
  taken before and after one more response would reveal that response;
- a respondent comparing their own scores with their organisation's knows their own part of
  the average, so the comparison needs at least k other responses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from .models import MIN_GROUP_SIZE_FLOOR, SCORE_FIELDS, Campaign, Organisation, Response

TOO_FEW = "too_few"
COMPLEMENTARY = "complementary"
CAMPAIGN_OPEN = "campaign_open"


def k_for(organisation: Organisation) -> int:
    """The organisation's minimum group size, never below the floor of 3."""
    return max(organisation.min_group_size, MIN_GROUP_SIZE_FLOOR)


@dataclass(frozen=True)
class Hidden:
    """A value that is not shown, and why."""

    reason: str
    k: int

    def __str__(self) -> str:
        if self.reason == CAMPAIGN_OPEN:
            return _("shown once the campaign has closed")
        if self.reason == COMPLEMENTARY:
            return _("hidden so that a smaller hidden group cannot be worked out from the totals")
        return _("fewer than %(k)s responses") % {"k": self.k}


def scores_released(campaign: Campaign, today: date) -> bool:
    return campaign.status(today) == Campaign.CLOSED


@dataclass(frozen=True)
class Reference:
    """The organisation's averages a respondent may compare their own scores with."""

    campaign: Campaign
    includes_own_response: bool
    means: dict[str, float | Hidden]


def respondent_reference(response: Response, *, today: date) -> Reference | None:
    """Organisation averages to show next to a respondent's own, or None.

    Uses the respondent's own campaign once it has closed, otherwise the organisation's
    latest closed campaign before it. Each mean needs at least k responses besides the
    respondent's own.
    """
    organisation = response.campaign.organisation
    k = k_for(organisation)
    if scores_released(response.campaign, today):
        campaign = response.campaign
    else:
        campaign = (
            Campaign.objects.filter(
                organisation=organisation,
                closes_on__lt=min(today, response.campaign.opens_on),
            )
            .order_by("-closes_on")
            .first()
        )
    if campaign is None:
        return None
    own = campaign.pk == response.campaign_id
    totals = Response.objects.filter(campaign=campaign).aggregate(
        **{f"n_{field}": Count(field) for field in SCORE_FIELDS},
        **{f"mean_{field}": Avg(field) for field in SCORE_FIELDS},
    )
    means: dict[str, float | Hidden] = {}
    for field in SCORE_FIELDS:
        others = totals[f"n_{field}"] - (1 if own and getattr(response, field) is not None else 0)
        means[field] = totals[f"mean_{field}"] if others >= k else Hidden(TOO_FEW, k)
    if all(isinstance(value, Hidden) for value in means.values()):
        return None
    return Reference(campaign=campaign, includes_own_response=own, means=means)
