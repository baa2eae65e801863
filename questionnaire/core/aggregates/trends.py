"""Each compared scale over every closed wave of the organisation up to this one.

Like the comparison with the previous wave (comparison.py), each wave is read from its own
frozen figures with its own k, so a value hidden in its wave stays hidden here: it is a
gap with its reason. A wave whose questionnaire asks a scale differently from this wave's
is a gap too (instrument.comparable_scales). A shown value is the printed one; its 95 %
interval is the t interval of a mean, from the wave's frozen count and spread of the
organisation's scores. A summary claims a change only when the comparison of this wave
with the previous one finds a clear one (Welch interval excluding zero).

One query lists the waves with their frozen figures (a wave not yet frozen is frozen now,
as the comparison does); the rest is arithmetic.

`group_trends` sets each department's figures per wave beside the organisation's, for the
measures HR follows per team (GROUP_TREND_SCALES): each wave's value for the department
is the one that wave's own dashboard shows (its frozen groups, its k), so it adds no
figure; a department a wave did not have is a gap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

from django.utils.translation import gettext as _

from ...models import Campaign
from ..instrument import CLIMATE, OVERALL, PRESSURE, comparable_scales, instrument
from ..languages import active_language
from ..privacy import Hidden
from .comparison import COMPARED, change
from .groups import ClosedWaves, Groups
from .intervals import t_975
from .labels import scale_labels
from .numbers import number_format
from .rows import DEPARTMENT, NO_DEPARTMENT, ORGANISATION, Change, GroupKey
from .series import AskedDifferently, GroupTrendRow, GroupTrends, Trend, TrendPoint
from .snapshot import wave_dates

# The measures followed per department over the waves: support and pressure, which the
# dashboard sets against each other, and the team's climate.
GROUP_TREND_SCALES = (OVERALL, PRESSURE, CLIMATE)


def organisation_trends(campaign: Campaign, now: Groups, closed: ClosedWaves) -> tuple[Trend, ...]:
    """The trends of `campaign`'s organisation up to `campaign` (whose groups are `now`);
    empty when it is the organisation's first wave."""
    earlier = closed.earlier(campaign)
    if not earlier:
        return ()
    waves = [*earlier, campaign]
    groups = [*(closed.groups(wave) for wave in earlier), now]
    asked = instrument(campaign.instrument_version)
    comparable = [comparable_scales(asked, instrument(w.instrument_version)) for w in waves]
    labels = scale_labels(active_language())
    # Each wave named in the active language, as the comparison and the headings name it.
    names = [wave.name_in(active_language(fallback="")) for wave in waves]
    asked_in = [instrument(wave.instrument_version) for wave in waves]
    return tuple(
        _trend(
            code,
            labels[code],
            waves,
            names,
            groups,
            [code in scales for scales in comparable],
            [questions.asks(code) for questions in asked_in],
        )
        for code in COMPARED
        if asked.asks(code)  # a scale this wave does not ask has no trend here
    )


def _trend(
    code: str,
    label: str,
    waves: Sequence[Campaign],
    names: Sequence[str],
    groups: Sequence[Groups],
    same_way: Sequence[bool],
    asked: Sequence[bool],
) -> Trend:
    points = tuple(
        _point(name, wave_dates(wave)[1], wave_groups, code)
        if same
        else TrendPoint(
            name, wave_dates(wave)[1], None, hidden=AskedDifferently(not_asked=not was_asked)
        )
        for wave, name, wave_groups, same, was_asked in zip(
            waves, names, groups, same_way, asked, strict=True
        )
    )
    last_change = None
    if same_way[-2] and points[-1].shown and points[-2].shown:
        last_change = change(code, label, groups[-1], groups[-2])
    return Trend(code, label, points, _summary(points, last_change))


def _point(name: str, closes_on: date, groups: Groups, code: str) -> TrendPoint:
    value = groups.total_value(code)
    if isinstance(value, Hidden):
        return TrendPoint(name, closes_on, None, hidden=value)
    low, high = mean_interval(value, groups.total.variance(code), groups.total.n.get(code, 0))
    return TrendPoint(name, closes_on, value, low, high)


def mean_interval(mean: float, variance: float | None, n: int) -> tuple[float | None, float | None]:
    """The 95 % t interval of a mean of n scores, within 0-100 (where every mean of 0-100
    scores lies); centred on the printed mean, which carries all the precision shown."""
    if variance is None or n < 2:
        return None, None
    margin = t_975(n - 1) * math.sqrt(variance / n)
    return round(max(mean - margin, 0.0), 1), round(min(mean + margin, 100.0), 1)


def _summary(points: Sequence[TrendPoint], last_change: Change | None) -> str:
    shown = [(point.wave, point.value) for point in points if point.value is not None]
    if not shown:
        return _("Not shown in any wave.")
    if len(shown) == 1:
        return _("%(value)s in “%(wave)s”; no other wave is shown.") % {
            "value": number_format(shown[0][1], 1),
            "wave": shown[0][0],
        }
    trend = _(
        "From %(first)s in %(first_wave)s to %(last)s in %(last_wave)s over %(count)s waves shown"
    ) % {
        "first": number_format(shown[0][1], 1),
        "first_wave": shown[0][0],
        "last": number_format(shown[-1][1], 1),
        "last_wave": shown[-1][0],
        "count": len(shown),
    }
    if last_change is None:
        verdict = _("this wave cannot be compared with the previous one")
    elif last_change.verdict in ("higher", "lower"):
        verdict = (
            _("clearly higher than the previous wave")
            if last_change.verdict == "higher"
            else _("clearly lower than the previous wave")
        )
    else:
        verdict = _("no clear change since the previous wave")
    return _("%(trend)s; %(verdict)s.") % {"trend": trend, "verdict": verdict}


def group_trends(campaign: Campaign, now: Groups, closed: ClosedWaves) -> GroupTrends | None:
    """The whole organisation's and each department's figures of GROUP_TREND_SCALES in
    every closed wave up to `campaign` (whose groups are `now`), for the departments of
    `campaign` (and "no department given"); None for the organisation's first wave."""
    earlier = closed.earlier(campaign)
    if not earlier:
        return None
    waves = [*earlier, campaign]
    groups = [*(closed.groups(wave) for wave in earlier), now]
    asked = instrument(campaign.instrument_version)
    labels = scale_labels(active_language())
    names = [wave.name_in(active_language(fallback="")) for wave in waves]
    scales = [code for code in GROUP_TREND_SCALES if asked.asks(code)]
    comparable = [comparable_scales(asked, instrument(wave.instrument_version)) for wave in waves]
    columns = tuple(
        (code, labels[code], name, wave_dates(wave)[1])
        for code in scales
        for wave, name in zip(waves, names, strict=True)
    )

    def row(
        label: str,
        kind: str,
        value: Callable[[Groups, str], float | Hidden | None],
        members: frozenset[GroupKey] = frozenset(),
    ) -> GroupTrendRow:
        values = tuple(
            value(wave_groups, code) if code in same else AskedDifferently()
            for code in scales
            for wave_groups, same in zip(groups, comparable, strict=True)
        )
        return GroupTrendRow(label, kind, values, members)

    rows = [row(_("Whole organisation"), ORGANISATION, lambda g, code: g.total_value(code))]
    for cell in now.cells:
        kind = DEPARTMENT if cell is not None else NO_DEPARTMENT
        rows.append(row(now.label(cell), kind, _cell_value(cell), frozenset([cell])))
    return GroupTrends(columns, tuple(rows))


def _cell_value(cell: GroupKey) -> Callable[[Groups, str], float | Hidden | None]:
    def value(groups: Groups, code: str) -> float | Hidden | None:
        if cell not in groups.cells:
            return None  # the department was not part of that wave
        return groups.cell_score(cell, code, "").value

    return value
