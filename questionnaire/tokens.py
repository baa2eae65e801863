"""Private report tokens: 256 random bits, given to the respondent once, stored as a hash."""

import hashlib
import secrets

from django.shortcuts import get_object_or_404

from .models import Response


def new_report_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def response_for_token(token: str) -> Response:
    """The response a report link points to; any wrong token is a plain 404.

    The lookup is by the token's SHA-256, so the database compares hashes, never the
    secret itself, and a near-miss token tells nothing about the right one.
    """
    return get_object_or_404(
        Response.objects.select_related("campaign__organisation", "department"),
        token_hash=token_hash(token),
    )
