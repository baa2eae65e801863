"""Deleting a response for good, at the respondent's request."""

from django.db import transaction

from .models import Response


def response_delete(*, response: Response) -> None:
    """Delete the response with its answers and its cached PDF report.

    The rows cascade (Answer and PersonalReport point to the response with CASCADE), so
    the response is gone from every aggregate at once and its report link becomes a 404.
    """
    with transaction.atomic():
        response.delete()
