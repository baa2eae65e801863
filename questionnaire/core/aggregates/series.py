"""The rows of the trends over waves (trends.py computes them): plain dataclasses that
depend on nothing else of the package, so that the Dashboard (rows.py) can hold them; and
`AskedDifferently`, a value not compared because its wave asked with other questions.
`GroupTrends` are the departments' figures per wave, beside the organisation's."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from ..privacy import Hidden

ASKED_DIFFERENTLY = "asked_differently"


@dataclass(frozen=True)
class AskedDifferently(Hidden):
    """A value left out because its wave asked the scale with other questions than the
    wave it is set beside (instrument.comparable_scales, docs/instrument-versions.md): an
    earlier wave's in HR's trends, or, `for_respondent`, the organisation's average a
    respondent's scores are compared with (respondent/comparable.py), in their words."""

    reason: str = ASKED_DIFFERENTLY
    k: int = 0
    for_respondent: bool = False
    # The other wave's questionnaire did not ask the scale at all (the organisation's own
    # support before version 3): said as such rather than "asked differently".
    not_asked: bool = False

    def __str__(self) -> str:
        if self.for_respondent:
            if self.not_asked:
                return _("not compared: that survey did not ask this")
            return _("not compared: that survey asked other questions")
        if self.not_asked:
            return _("not asked in this wave's questionnaire")
        return _("asked differently in this wave's questionnaire")

    @property
    def short(self) -> str:
        if self.not_asked:
            return _("not asked")
        if self.for_respondent:
            return _("other questions")
        return _("asked differently")


@dataclass(frozen=True)
class TrendPoint:
    """One closed wave of one scale: its printed value with the 95 % interval of the
    mean, or why it is not shown (`hidden`: the wave's own suppression, with its own k, or
    AskedDifferently)."""

    wave: str
    closes_on: date
    value: float | None
    low: float | None = None
    high: float | None = None
    hidden: Hidden | None = None

    @property
    def shown(self) -> bool:
        return self.value is not None

    @property
    def reason(self) -> str:
        """Why the value is not shown, in full ("" when it is shown)."""
        return str(self.hidden) if self.hidden is not None else ""

    @property
    def short(self) -> str:
        """Why the value is not shown in a few words, for the chart."""
        return self.hidden.short if self.hidden is not None else ""


@dataclass(frozen=True)
class Trend:
    """One compared scale over the waves, in date order (the last is this wave), with a
    one-line summary that claims a change only when the last comparison shows one."""

    code: str
    label: str
    points: tuple[TrendPoint, ...]
    summary: str


@dataclass(frozen=True)
class GroupTrendRow:
    """One group's value of each followed scale in each wave, scale by scale and within a
    scale wave by wave (GroupTrends.columns): the value its wave showed, that wave's
    reason where it was hidden or asked differently, None where the group was not part of
    that wave. `kind` as in rows.py (the organisation, a department, no department)."""

    label: str
    kind: str
    values: tuple[float | Hidden | None, ...]
    # The department's id (None for "no department"); empty for the organisation's row.
    members: frozenset[Hashable] = frozenset()


@dataclass(frozen=True)
class GroupTrends:
    """The departments' trends: `columns` are (scale code, scale label, wave name, the
    wave's closing date), in the order of every row's values; the organisation's row
    first."""

    columns: tuple[tuple[str, str, str, date], ...]
    rows: tuple[GroupTrendRow, ...]
