"""Private report tokens: 256 bits, given to the respondent once, stored only as a hash."""

import base64
import hashlib
import secrets

from django.shortcuts import get_object_or_404
from django.utils.crypto import salted_hmac

from .models import Response


def new_report_token() -> str:
    return secrets.token_urlsafe(32)


def report_token_for(submission_key: str) -> str:
    """The report token of the questionnaire whose one-time submission key this is.

    Derived with the server's secret, so the session in progress only needs its random
    submission key: racing submissions (a double click, a second tab) compute the same
    token, and the database holds neither the token nor anything that yields it without
    the SECRET_KEY.
    """
    digest = salted_hmac("supportcheck.report-token", submission_key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


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
