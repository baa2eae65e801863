"""Whether one shown mean is clearly above or below another: a group against the whole
organisation, or one area against another.

The rule the comparison with the previous wave uses (comparison.py): the difference of
the two values as shown, with its 95 % interval (Welch, intervals.py) from each side's
number of answers and the organisation's spread (rows.Uncertainty: a group's own spread,
bounded by a verdict, would tell how alike its few answers are). A difference counts
only when the interval stays clear of zero by more than the rounding of the values shown
(ROUNDING), so a verdict never rests on a digit the reader cannot see. Without a spread
for either side (a hidden value, or a mean of a single score) there is no verdict:
nothing is claimed.

Treating the two means as independent is cautious: a group is part of the organisation and
two areas are answered by the same people, which makes the true interval narrower, so a
difference called clear here is clear.
"""

from __future__ import annotations

from dataclasses import dataclass

from .intervals import welch_interval
from .rows import Score

# Shown values are rounded to one decimal: each may be off by up to half of this.
ROUNDING = 0.1

ABOVE = "above"
BELOW = "below"
WITHIN = "within"  # the difference is within its uncertainty (or there is none to tell)


@dataclass(frozen=True)
class Versus:
    """`score` against `reference`: the difference of the shown values (score minus
    reference), its 95 % interval, and the verdict (ABOVE, BELOW or WITHIN)."""

    difference: float
    low: float
    high: float
    verdict: str

    @property
    def clear(self) -> bool:
        return self.verdict != WITHIN


def compared(score: Score, reference: Score) -> Versus | None:
    """`score` against `reference`, or None when either is not shown."""
    value, base = score.number, reference.number
    if value is None or base is None:
        return None
    difference = round(value - base, 1)
    if score.uncertainty is None or reference.uncertainty is None:
        return Versus(difference, difference, difference, WITHIN)
    low, high = welch_interval(
        difference,
        score.uncertainty.variance,
        score.uncertainty.n,
        reference.uncertainty.variance,
        reference.uncertainty.n,
    )
    verdict = WITHIN
    if low > ROUNDING:
        verdict = ABOVE
    elif high < -ROUNDING:
        verdict = BELOW
    return Versus(difference, round(low, 1), round(high, 1), verdict)


def clearly_below(score: Score, reference: Score) -> bool:
    found = compared(score, reference)
    return found is not None and found.verdict == BELOW


def clearly_above(score: Score, reference: Score) -> bool:
    found = compared(score, reference)
    return found is not None and found.verdict == ABOVE
