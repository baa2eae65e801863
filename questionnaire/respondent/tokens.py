"""Private report tokens: 256 bits, given to the respondent once, stored only as a hash."""

import base64
import hashlib
import secrets

from django.db.models import QuerySet
from django.http import Http404
from django.utils.crypto import constant_time_compare, salted_hmac

from ..core.compiled_query import CompiledQuery
from ..models import Response


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


class UnknownReportLink(Http404):
    """No response has this token: mistyped, guessed or deleted look all the same (404)."""


def response_for_token(token: str) -> Response:
    """The response a report link points to; any wrong token is a plain 404.

    The secret itself is never compared. The database finds the row by the token's SHA-256
    through a unique index, and the time that takes could at most reveal how many leading
    characters of the *hash* of a guess match a stored hash: nobody can choose a guess that
    hashes to a chosen prefix, so that says nothing about any token, and a near-miss token
    hashes to something entirely different. The second check, in constant time, demands the
    exact hash whatever the database's collation (a case-insensitive or space-padding one
    would match more than the exact string).
    """
    wanted = token_hash(token)
    found = next(iter(_BY_TOKEN_HASH.fetch(wanted)), None)
    if found is None or not constant_time_compare(found.token_hash, wanted):
        raise UnknownReportLink
    return found


def _by_token_hash(wanted: str) -> QuerySet[Response]:
    # With the campaign's frozen figures where taken: the organisation's averages beside
    # the results are read from them (aggregates.respondent_reference). The token hash is
    # unique: at most one row.
    return Response.objects.select_related(
        "campaign__organisation", "campaign__aggregate_snapshot", "department"
    ).filter(token_hash=wanted)


# Every report page asks it: its SQL is compiled once per process (core/compiled_query.py).
_BY_TOKEN_HASH = CompiledQuery(_by_token_hash, ["token-hash-stand-in"])
