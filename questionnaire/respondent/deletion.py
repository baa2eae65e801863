"""Deleting a response for good, at the respondent's request."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from ..core.aggregates import is_frozen
from ..models import Campaign, DeletedSubmission, Response

# What deleting a response does to its wave's group figures (figures_after_deletion).
FIGURES_LIVE = "live"  # not closed: the figures still follow every deletion
FIGURES_NOT_YET_FROZEN = "closed"  # closed, not looked at yet: a deletion still counts
FIGURES_FROZEN = "frozen"  # fixed at the first look after closing: they never change
FIGURES_STATES = (FIGURES_LIVE, FIGURES_NOT_YET_FROZEN, FIGURES_FROZEN)


def figures_after_deletion(campaign: Campaign, *, today: date) -> str:
    """Whether deleting a response of `campaign` today still changes its group figures.
    Frozen figures stay frozen even when the wave's dates are moved so that it is open
    again (aggregates.is_frozen); a closed wave is frozen only at the first look at its
    figures, so until then a deletion still takes the answers out of them."""
    if is_frozen(campaign):
        return FIGURES_FROZEN
    if campaign.status(today) == Campaign.CLOSED:
        return FIGURES_NOT_YET_FROZEN
    return FIGURES_LIVE


def response_delete(*, response: Response) -> None:
    """Delete the response with its answers and its cached PDF report.

    The rows cascade (Answer and PersonalReport point to the response with CASCADE) and
    the report link becomes a 404. Live figures (an open campaign's participation, a
    closed campaign not yet looked at) no longer count it; a closed campaign's figures
    already shown stay frozen (AggregateSnapshot), or comparing them before and after the
    deletion would give the deleted answers away.

    The submission key's hash is kept (DeletedSubmission), so that replaying the
    questionnaire's requests from before the submission cannot store the answers again.
    """
    with transaction.atomic():
        if response.submission_key_hash:
            DeletedSubmission.objects.get_or_create(
                submission_key_hash=response.submission_key_hash,
                defaults={"deleted_on": timezone.localdate()},
            )
        response.delete()
