"""Deleting a response for good, at the respondent's request."""

from django.db import transaction

from .models import Response


def response_delete(*, response: Response) -> None:
    """Delete the response with its answers and its cached PDF report.

    The rows cascade (Answer and PersonalReport point to the response with CASCADE) and
    the report link becomes a 404. Live figures (an open campaign's participation, a
    closed campaign not yet looked at) no longer count it; a closed campaign's figures
    already shown stay frozen (AggregateSnapshot), or comparing them before and after the
    deletion would give the deleted answers away.
    """
    with transaction.atomic():
        response.delete()
