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
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ...models import Campaign
from ..instrument import comparable_scales, instrument
from ..languages import active_language
from ..privacy import Hidden
from .comparison import COMPARED, change
from .groups import ClosedWaves, Groups
from .intervals import t_975
from .labels import scale_labels
from .rows import Change
from .series import AskedDifferently, Trend, TrendPoint
from .snapshot import earlier_waves, wave_dates


def organisation_trends(campaign: Campaign, now: Groups, closed: ClosedWaves) -> tuple[Trend, ...]:
    """The trends of `campaign`'s organisation up to `campaign` (whose groups are `now`);
    empty when it is the organisation's first wave."""
    earlier = earlier_waves(campaign)
    if not earlier:
        return ()
    waves = [*earlier, campaign]
    groups = [*(closed.groups(wave) for wave in earlier), now]
    asked = instrument(campaign.instrument_version)
    comparable = [comparable_scales(asked, instrument(w.instrument_version)) for w in waves]
    labels = scale_labels(active_language())
    # Each wave named in the active language, as the comparison and the headings name it.
    names = [wave.name_in(active_language(fallback="")) for wave in waves]
    return tuple(
        _trend(code, labels[code], waves, names, groups, [code in scales for scales in comparable])
        for code in COMPARED
    )


def _trend(
    code: str,
    label: str,
    waves: Sequence[Campaign],
    names: Sequence[str],
    groups: Sequence[Groups],
    same_way: Sequence[bool],
) -> Trend:
    points = tuple(
        _point(name, wave_dates(wave)[1], wave_groups, code)
        if same
        else TrendPoint(name, wave_dates(wave)[1], None, hidden=AskedDifferently())
        for wave, name, wave_groups, same in zip(waves, names, groups, same_way, strict=True)
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
