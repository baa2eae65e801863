"""The comparison of a closed wave with the organisation's previous one."""

from __future__ import annotations

from ...models import Campaign
from ..instrument import (
    CLIMATE,
    NEED,
    ORGANISATION_SUPPORT,
    OVERALL,
    PRESSURE,
    SOURCES,
    SUPPORT_TYPES,
    comparable_scales,
    instrument,
    need_code,
)
from ..languages import active_language
from ..privacy import Hidden
from .groups import ClosedWaves, Groups
from .intervals import welch_interval
from .labels import scale_labels
from .rows import Change, Comparison
from .snapshot import earlier_waves

# Compared scales: the summary scales, not each of the twelve cells (fewer comparisons,
# fewer changes found by chance).
COMPARED = (
    OVERALL,
    *(t.code for t in SUPPORT_TYPES),
    *(s.code for s in SOURCES),
    PRESSURE,
    CLIMATE,
    ORGANISATION_SUPPORT,
    *(need_code(t.code) for t in SUPPORT_TYPES),
)


def previous_campaign(campaign: Campaign) -> Campaign | None:
    """The organisation's latest campaign that closed before `campaign` opened."""
    earlier = earlier_waves(campaign)
    return earlier[-1] if earlier else None


def comparison(campaign: Campaign, now: Groups, waves: ClosedWaves) -> Comparison | None:
    # The earlier waves as the trends list them (once per dashboard: listing them reads
    # their frozen figures, the slowest part of a closed wave's dashboard).
    earlier = waves.earlier(campaign)
    if not earlier:
        return None
    previous = earlier[-1]
    # The previous wave is read from its own frozen figures, with its own k, so deletions
    # since cannot be differenced out of it either.
    before = waves.groups(previous)
    labels = scale_labels(active_language())
    # Waves answered with different instrument versions are compared only on the scales
    # both versions ask the same way.
    comparable = comparable_scales(
        instrument(campaign.instrument_version), instrument(previous.instrument_version)
    )
    return Comparison(
        previous=previous,
        changes=tuple(
            change(code, labels[code], now, before) for code in COMPARED if code in comparable
        ),
    )


def change(code: str, label: str, now: Groups, before: Groups) -> Change:
    """The shown values of both waves, their difference, and its 95% interval (Welch, from
    the spread of the stored scores of the responses that count)."""
    current, previous = now.total_value(code), before.total_value(code)
    if isinstance(current, Hidden) or isinstance(previous, Hidden):
        hidden = current if isinstance(current, Hidden) else previous
        return Change(code, label, current, previous, hidden, hidden, hidden, "hidden", None)
    # From the rounded values shown: the difference adds no precision to them.
    difference = round(current - previous, 1)
    low, high = welch_interval(
        difference,
        now.total.variance(code) or 0.0,
        now.total.n.get(code, 0),
        before.total.variance(code) or 0.0,
        before.total.n.get(code, 0),
    )
    if low > 0:
        verdict = "higher"
    elif high < 0:
        verdict = "lower"
    else:
        verdict = "no_clear_change"
    better = None
    if verdict != "no_clear_change" and not code.startswith(f"{NEED}_"):
        better = (verdict == "higher") != (code == PRESSURE)
    return Change(
        code, label, current, previous, difference, round(low, 1), round(high, 1), verdict, better
    )
