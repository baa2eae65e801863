"""Answers -> scores, as pure functions (no Django), COPSOQ-style.

- An item scores 0-100 (never 0, rarely 25, sometimes 50, often 75, always 100); a reverse
  item is flipped (100 - value) so that a high score is always the better situation for
  support and climate. For work pressure a high score means more pressure.
- "Not applicable" and skipped items are unanswered.
- A scale's score is the mean of its answered items when at least half of its items are
  answered; otherwise it is missing (None), shown as "not enough answers", never as 0.
- Bands are descriptive, not clinical norms: below 37.5 "rarely or never" (low), from 37.5
  to below 62.5 "sometimes" (partial), 62.5 and above "often or always" (good).
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import fmean
from typing import overload

from .instrument import CHOICE_VALUES, Instrument

LOW = "low"
PARTIAL = "partial"
GOOD = "good"
PARTIAL_FROM = 37.5
GOOD_FROM = 62.5

# An item's answer: one of CHOICE_VALUES, or None for "not applicable"; absent = skipped.
Answers = Mapping[str, int | None]


def item_score(value: int, *, reverse: bool) -> int:
    # Only a true int is an answer: False == 0 and 50.0 == 50 would otherwise pass as one.
    if type(value) is not int or value not in CHOICE_VALUES:
        raise ValueError(f"{value!r} is not one of {CHOICE_VALUES}")
    return 100 - value if reverse else value


def scale_score(item_scores: list[int | None]) -> float | None:
    """The mean of the answered items, or None when fewer than half are answered."""
    answered = [score for score in item_scores if score is not None]
    if not answered or 2 * len(answered) < len(item_scores):
        return None
    return fmean(answered)


def score_response(instrument: Instrument, answers: Answers) -> dict[str, float | None]:
    """Every scale of `instrument` scored from `answers` (item code -> value or None)."""
    unknown = set(answers) - {item.code for item in instrument.items}
    if unknown:
        raise ValueError(f"unknown items: {sorted(unknown)}")
    item_scores: dict[str, int | None] = {}
    for item in instrument.items:
        value = answers.get(item.code)
        item_scores[item.code] = None if value is None else item_score(value, reverse=item.reverse)
    return {
        scale: scale_score([item_scores[code] for code in codes])
        for scale, codes in instrument.scales().items()
    }


@overload
def band(score: float) -> str: ...
@overload
def band(score: None) -> None: ...
@overload
def band(score: float | None) -> str | None: ...
def band(score: float | None) -> str | None:
    if score is None:
        return None
    if score < PARTIAL_FROM:
        return LOW
    if score < GOOD_FROM:
        return PARTIAL
    return GOOD


def need_gap(need: float | None, received: float | None) -> float | None:
    """How far received support falls short of the need (positive = a shortfall)."""
    if need is None or received is None:
        return None
    return need - received
