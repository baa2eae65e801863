"""The rows of the trends over waves (trends.py computes them): plain dataclasses that
depend on nothing else of the package, so that the Dashboard (rows.py) can hold them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import number_format


@dataclass(frozen=True)
class TrendPoint:
    """One closed wave of one scale: its printed value with the 95 % interval of the
    mean, or why it is not shown (`reason` in full, `short` for the chart)."""

    wave: str
    closes_on: date
    value: float | None
    low: float | None = None
    high: float | None = None
    reason: str = ""
    short: str = ""

    @property
    def shown(self) -> bool:
        return self.value is not None

    @property
    def display(self) -> str:
        return number_format(self.value, 1) if self.value is not None else self.reason

    @property
    def display_interval(self) -> str:
        if self.low is None or self.high is None:
            return "–"
        return f"{number_format(self.low, 1)} … {number_format(self.high, 1)}"


@dataclass(frozen=True)
class Trend:
    """One compared scale over the waves, in date order (the last is this wave), with a
    one-line summary that claims a change only when the last comparison shows one."""

    code: str
    label: str
    points: tuple[TrendPoint, ...]
    summary: str
