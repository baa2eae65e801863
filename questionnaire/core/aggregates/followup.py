"""What became of an area in a group from one closed wave to the next: the follow-up of an
action (hr/actions/).

Like the comparison with the previous wave (comparison.py), each wave is read from its own
frozen figures with its own k, and only values its own dashboard shows are used: a group
hidden in either wave, combined with others, or not part of the later wave gives no
figure, only the reason; so does a scale the two waves' questionnaires ask differently.
The difference is that of the shown (rounded) values, with its 95 % Welch interval and
the verdict the comparison uses. The interval takes the group's number of answers and the
**organisation's** spread of the scale in each wave, never the group's own: printed for a
small group, its own spread would say how alike its few answers were (all the same, or all
at the extremes), which can pin every member's value. The organisation's spread includes
the differences between its departments, so it is usually the wider one and the verdict
errs on the side of "no clear change" (docs/privacy.md, "Action plans").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _

from ...models import Campaign
from ..instrument import NEED, PRESSURE, comparable_scales, instrument
from ..privacy import Hidden
from .groups import Groups
from .intervals import welch_interval
from .rows import Change, Score, Uncertainty
from .series import AskedDifferently

NOT_IN_WAVE = "not_in_wave"


@dataclass(frozen=True)
class NotInWave(Hidden):
    """The group was not part of the later wave (a department added or deleted since)."""

    reason: str = NOT_IN_WAVE
    k: int = 0

    def __str__(self) -> str:
        return _("the group was not part of the later wave")

    @property
    def short(self) -> str:
        return _("not in that wave")


@cache
def _comparable(first: int, second: int) -> frozenset[str]:
    return comparable_scales(instrument(first), instrument(second))


def group_score(groups: Groups, department_id: int | None, code: str) -> Score | None:
    """The Score its wave's dashboard shows of `code` for a department, or for the whole
    organisation (None); None when the department was not part of the wave."""
    if department_id is None:
        return groups.total_score(code, "")
    if department_id not in groups.cells:
        return None
    return groups.cell_score(department_id, code, "")


def area_change(
    code: str,
    label: str,
    department_id: int | None,
    before: tuple[Campaign, Groups],
    after: tuple[Campaign, Groups],
) -> Change:
    """The change of `code` in the group between the two waves, as rows.Change; a side that
    is not shown makes every figure that side's reason ("hidden" verdict)."""
    if code not in _comparable(before[0].instrument_version, after[0].instrument_version):
        return _not_shown(code, label, AskedDifferently())
    previous, current = (
        group_score(before[1], department_id, code),
        group_score(after[1], department_id, code),
    )
    if previous is None or current is None:
        return _not_shown(code, label, NotInWave())
    hidden = current.hidden or previous.hidden
    if hidden is not None or current.number is None or previous.number is None:
        return _not_shown(code, label, hidden or Hidden("too_few", before[1].k))
    spreads = (_spread(after[1], code, current), _spread(before[1], code, previous))
    return _shown_change(code, label, current, previous, spreads)


def _spread(groups: Groups, code: str, shown: Score) -> Uncertainty | None:
    """The organisation's variance of `code` in the wave, over the group's number of
    answers (module docstring: why not the group's own)."""
    organisation = groups.total_score(code, "").uncertainty
    if organisation is None or shown.uncertainty is None:
        return None
    return Uncertainty(organisation.variance, shown.uncertainty.n)


def _not_shown(code: str, label: str, why: Hidden) -> Change:
    return Change(code, label, why, why, why, why, why, "hidden", None)


def _shown_change(
    code: str,
    label: str,
    current: Score,
    previous: Score,
    spreads: tuple[Uncertainty | None, Uncertainty | None],
) -> Change:
    now, then = current.number or 0.0, previous.number or 0.0
    difference = round(now - then, 1)
    spread_now, spread_then = spreads
    low, high = difference, difference
    if spread_now is not None and spread_then is not None:
        low, high = welch_interval(
            difference, spread_now.variance, spread_now.n, spread_then.variance, spread_then.n
        )
    verdict = "higher" if low > 0 else "lower" if high < 0 else "no_clear_change"
    better = None
    if verdict != "no_clear_change" and not code.startswith(f"{NEED}_"):
        better = (verdict == "higher") != (code == PRESSURE)
    return Change(
        code, label, now, then, difference, round(low, 1), round(high, 1), verdict, better
    )
