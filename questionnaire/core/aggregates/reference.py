"""What a respondent may compare their own scores with: the organisation's averages."""

from __future__ import annotations

from datetime import date

from ...models import SCORE_FIELDS, Campaign, Response
from .. import privacy
from ..privacy import Hidden
from .comparison import previous_campaign
from .groups import closed_groups
from .snapshot import is_frozen


def respondent_reference(response: Response, *, today: date) -> privacy.Reference | None:
    """Organisation averages a respondent may see next to their own scores, or None.

    The respondent's own campaign once it has closed, otherwise the organisation's latest
    campaign that closed before theirs opened. Both are the whole organisation's figures as
    HR sees them (frozen, with k responses besides one the reader may know: their own).
    """
    campaign: Campaign | None = response.campaign
    if not _released(response.campaign, today):
        campaign = previous_campaign(response.campaign)
        if campaign is not None and not _released(campaign, today):
            campaign = None
    if campaign is None:
        return None
    # The snapshot's departments, headcounts and k: the same groups as HR's dashboard,
    # whatever departments the organisation has today (names are not shown here).
    groups, _shown = closed_groups(campaign, {}, today=today)
    means = groups.reference_means(SCORE_FIELDS)
    if all(isinstance(mean, Hidden) for mean in means.values()):
        return None
    own = campaign.pk == response.campaign_id
    return privacy.Reference(campaign=campaign, includes_own_response=own, means=means, k=groups.k)


def _released(campaign: Campaign, today: date) -> bool:
    return is_frozen(campaign) or privacy.scores_released(campaign, today)
