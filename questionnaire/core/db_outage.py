"""The database going away: a friendly 503 "try again in a moment", never a 500.

Here are what counts as an outage and the 503 page; supportcheck/db_outage.py puts the page
in place of any view's response, and the survey's views put it in place of theirs
themselves, so that what the respondent sent stays in their cookie.

Only a lost or refused PostgreSQL connection counts as an outage. Every other database
error — a missing table, a broken query, a constraint, a timeout — still surfaces as a 500
with its traceback, so a programming error is never hidden behind "try again".

The respondent loses nothing: a submission is one transaction (services.response_submit), so
nothing half-written stays behind, and their answers stay in their own signed cookie
(respondent/views/survey.py keeps the state of a failed submit unsubmitted), or, when the
database went before the view kept them, in the page's "Try again" form, which posts them
again; so trying again works.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

# The name it had before the ops package: log filters and alerts key on it.
logger = logging.getLogger("questionnaire.db_outage")

RETRY_AFTER_SECONDS = 30


# SQLSTATEs of a dropped or refused connection: class 08 (connection exception) and 57P
# (the server shutting down, crashed or starting up). A connection the client saw die
# (refused, "server closed the connection unexpectedly") has none.
CONNECTION_SQLSTATES = ("08", "57P")


def is_outage(error: BaseException) -> bool:
    """Whether `error` means the database connection was lost or could not be made."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    cause = error.__cause__
    if cause is None or not hasattr(cause, "pgcode"):
        # Not from PostgreSQL: SQLite (development only) cannot go away, and its
        # OperationalErrors ("no such table") are programming errors.
        return False
    return cause.pgcode is None or cause.pgcode.startswith(CONNECTION_SQLSTATES)


def outage_response(
    request: HttpRequest, error: DatabaseError, *, resend: bool = False
) -> HttpResponse:
    """The 503 page. With `resend` (the questionnaire's views), a POST's "Try again" posts
    the same fields again: the database may have gone before the view kept them in the
    respondent's cookie (the campaign is the first thing a step looks up), and a link would
    reopen the step without them."""
    # What went wrong and where, by the route's pattern: never the path (it may hold a
    # private report token), the query string, the body or the error's text.
    match = request.resolver_match
    logger.error(
        "Database unavailable during %s %s: %s (sqlstate %s)",
        request.method,
        match.route if match else "?",
        type(error).__name__,
        getattr(error.__cause__, "pgcode", None),
    )
    fields: list[tuple[str, str]] = []
    if resend and request.method == "POST":
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
    response = render(request, "503.html", {"resend": fields}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
