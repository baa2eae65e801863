"""A respondent's questionnaire in progress, kept in the session (one entry per campaign).

The session cookie lasts SESSION_COOKIE_AGE (31 days), so the answers survive a reload or
a closed tab. Nothing here identifies the respondent: the entry holds the chosen department,
the answers so far and a one-time submission key.

The report token is derived from the submission key (tokens.report_token_for), so two
submissions racing each other (a double click, a second tab) both know the token of the one
response that gets stored, and the session never holds the token itself.

After submitting, the entry remembers the submission for SUBMITTED_MEMORY only, so that a
replayed form still lands on the results; then it is forgotten, so the next person on a
shared computer finds a fresh questionnaire, not the previous respondent's report link.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from .models import Campaign
from .tokens import report_token_for

SUBMITTED_MEMORY = timedelta(hours=1)

Answers = dict[str, int | None]  # item code -> 0..100, or None for "not applicable"


def session_key(campaign: Campaign) -> str:
    return f"survey:{campaign.public_id}"


def _fresh_entry(department_id: int | None = None) -> dict[str, Any]:
    return {
        "department": department_id,
        "answers": {},
        "submission_key": secrets.token_urlsafe(32),
        "submitted": False,
    }


def progress(session: SessionBase, campaign: Campaign) -> dict[str, Any]:
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


def start(session: SessionBase, campaign: Campaign, *, department_id: int | None) -> None:
    """Begin (or begin again after a submission) with the chosen department."""
    entry = session.get(session_key(campaign))
    if entry is None or entry["submitted"]:
        entry = _fresh_entry(department_id)
    else:
        entry["department"] = department_id
    session[session_key(campaign)] = entry


def save_answers(
    session: SessionBase, campaign: Campaign, *, item_codes: list[str], answers: Answers
) -> None:
    """Replace the answers to `item_codes` (one step) with `answers`; absent = skipped."""
    entry = progress(session, campaign)
    stored: dict[str, int | None] = entry["answers"]
    for code in item_codes:
        stored.pop(code, None)
    stored.update(answers)
    session[session_key(campaign)] = entry


def answers(session: SessionBase, campaign: Campaign) -> Answers:
    return dict(progress(session, campaign)["answers"])


def mark_submitted(session: SessionBase, campaign: Campaign) -> None:
    """Forget the answers; for SUBMITTED_MEMORY a repeated submit still finds the results."""
    entry = progress(session, campaign)
    entry["answers"] = {}
    entry["submitted"] = True
    entry["submitted_at"] = timezone.now().isoformat()
    session[session_key(campaign)] = entry
