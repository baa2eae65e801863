"""Deleting a response for good, at the respondent's request."""

from django.db import transaction
from django.utils import timezone

from ..models import DeletedSubmission, Response


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
