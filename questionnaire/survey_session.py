"""A respondent's questionnaire in progress, kept in the session (one entry per campaign).

The session cookie lasts SESSION_COOKIE_AGE (31 days), so the answers survive a reload or
a closed tab. Nothing here identifies the respondent: the entry holds the chosen department,
the answers so far, a one-time submission key and the report token the submission will get.

The report token is drawn when the questionnaire starts, not at submission, so that two
submissions racing each other (a double click, a second tab) both know the token of the one
response that gets stored and can both send the respondent to its results page.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from .models import Campaign
from .tokens import new_report_token

Answers = dict[str, int | None]  # item code -> 0..100, or None for "not applicable"


def session_key(campaign: Campaign) -> str:
    return f"survey:{campaign.public_id}"


def _fresh_entry(department_id: int | None = None) -> dict[str, Any]:
    return {
        "department": department_id,
        "answers": {},
        "submission_key": secrets.token_urlsafe(32),
        "token": new_report_token(),
        "submitted": False,
    }


def progress(session: SessionBase, campaign: Campaign) -> dict[str, Any]:
    """The campaign's entry, created (unsaved until modified) when there is none yet."""
    entry = session.get(session_key(campaign))
    if entry is None:
        entry = _fresh_entry()
    return entry


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
    """Forget the answers and keep the token, so a repeated submit finds the results."""
    entry = progress(session, campaign)
    entry["answers"] = {}
    entry["submitted"] = True
    session[session_key(campaign)] = entry
