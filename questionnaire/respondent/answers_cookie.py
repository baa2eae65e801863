"""A respondent's questionnaire in progress, kept on their own device (one entry per campaign).

The state travels in a signed cookie (SurveyState), not in the server's session table: until
the respondent submits, the server stores nothing about them, and afterwards nothing on the
server ties a response to the moment it was sent (the response itself keeps only the day).
The cookie lasts SESSION_COOKIE_AGE (31 days) from the last change, so the answers survive a
reload or a closed tab. An entry holds the chosen department, the answers so far and a
one-time submission key; the signature makes a forged or edited cookie count as none.

The report token is derived from the submission key (tokens.report_token_for), so two
submissions racing each other (a double click, a second tab) both know the token of the one
response that gets stored, and the cookie never holds the token itself.

After submitting, the entry remembers the submission for SUBMITTED_MEMORY only, so that a
replayed form still lands on the results; then it is forgotten, so the next person on a
shared computer finds a fresh questionnaire, not the previous respondent's report link.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ..models import Campaign
from .tokens import report_token_for

SUBMITTED_MEMORY = timedelta(hours=1)
COOKIE_NAME = "supportcheck_survey"
COOKIE_SALT = "supportcheck.survey-state"

AnswersSoFar = dict[str, int | None]  # item code -> 0..100, or None for "not applicable"


class SurveyState(dict):
    """The respondent's entries by campaign, read from and written back to the cookie."""

    modified = False

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.modified = True

    def __delitem__(self, key):
        super().__delitem__(key)
        self.modified = True


def load(request: HttpRequest) -> SurveyState:
    """The state the request's cookie carries; none when it is missing, forged or stale."""
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return SurveyState()
    try:
        data = signing.loads(value, salt=COOKIE_SALT, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:  # also an expired signature
        return SurveyState()
    return SurveyState(data) if isinstance(data, dict) else SurveyState()


def store(state: SurveyState, response: HttpResponse) -> None:
    """Write the state back to the respondent's cookie when a view changed it."""
    if not state.modified:
        return
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(dict(state), salt=COOKIE_SALT, compress=True),
        max_age=settings.SESSION_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def session_key(campaign: Campaign) -> str:
    return session_key_for(campaign.public_id)


def session_key_for(public_id: str) -> str:
    return f"survey:{public_id}"


def _fresh_entry(department_id: int | None = None, code: str | None = None) -> dict[str, Any]:
    return {
        "department": department_id,
        # A campaign on access codes: the code given on the first page, spent on submitting.
        "code": code,
        "answers": {},
        "submission_key": secrets.token_urlsafe(32),
        "submitted": False,
    }


def progress(session: SurveyState, campaign: Campaign) -> dict[str, Any]:
    """The campaign's entry, fresh (unsaved until modified) when there is none or when its
    submission is older than SUBMITTED_MEMORY (which is then forgotten)."""
    entry = session.get(session_key(campaign))
    if entry is not None and _submission_expired(entry):
        del session[session_key(campaign)]
        entry = None
    if entry is None:
        entry = _fresh_entry()
    return entry


def report_token(entry: dict[str, Any]) -> str:
    return report_token_for(entry["submission_key"])


def _submission_expired(entry: dict[str, Any]) -> bool:
    if not entry["submitted"]:
        return False
    submitted_at = datetime.fromisoformat(entry["submitted_at"])
    return timezone.now() - submitted_at > SUBMITTED_MEMORY


def start(
    session: SurveyState,
    campaign: Campaign,
    *,
    department_id: int | None,
    code: str | None = None,
) -> None:
    """Begin (or begin again after a submission) with the chosen department (and code)."""
    entry = session.get(session_key(campaign))
    if entry is None or entry["submitted"]:
        entry = _fresh_entry(department_id, code)
    else:
        entry["department"] = department_id
        entry["code"] = code
    session[session_key(campaign)] = entry


def save_answers(
    session: SurveyState, campaign: Campaign, *, item_codes: list[str], answers: AnswersSoFar
) -> None:
    """Replace the answers to `item_codes` (one step) with `answers`; absent = skipped."""
    entry = progress(session, campaign)
    stored: dict[str, int | None] = entry["answers"]
    for code in item_codes:
        stored.pop(code, None)
    stored.update(answers)
    session[session_key(campaign)] = entry


def forget(session: SurveyState, campaign: Campaign) -> None:
    """Drop the campaign's entry: the next visit starts a fresh questionnaire."""
    if session_key(campaign) in session:
        del session[session_key(campaign)]


def mark_submitted(session: SurveyState, campaign: Campaign) -> None:
    """Forget the answers; for SUBMITTED_MEMORY a repeated submit still finds the results."""
    entry = progress(session, campaign)
    entry["answers"] = {}
    entry["submitted"] = True
    entry["submitted_at"] = timezone.now().isoformat()
    session[session_key(campaign)] = entry
