"""A scale's small chart over the waves: each shown value as a dot at its value with its
95 % interval as a bar, a wave whose value is not shown as a gap with its short reason.
Lines join only neighbouring shown waves: a line across a gap would draw values that are
not there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from .palette import DARK_INK, GRID, REFERENCE_INK, format_score
from .svg import chart_svg, is_number, text_lines, wrap

_LEFT, _TOP, _WIDTH, _HEIGHT = 34, 10, 250, 110
# A compact chart has no axis labels on its left; its values, at 22 units in a chart drawn
# a fifth of the page wide, are about 7.5 pt.
_COMPACT_LEFT, _COMPACT_VALUE_SIZE = 8, 22


@dataclass(frozen=True)
class Wave:
    """One wave on the chart: a number value with its interval, or the reason it is not
    shown (`low`/`high` None: no interval)."""

    label: str
    value: object
    low: float | None = None
    high: float | None = None
    reason: str = ""


def trend_chart(
    waves: Sequence[Wave], *, title: str, description: str, chart_id: str, compact: bool = False
) -> SafeString:
    """Waves from left to right on a 0-100 scale. A `compact` chart (the PDF's small
    multiples, five to a row) writes only the values, larger, above or below their
    interval, and a dash for a gap: the axis and the waves are the same for every chart,
    so the report says them once, and the table below the charts names each wave and
    gives each gap's reason."""
    left = _COMPACT_LEFT if compact else _LEFT
    step = _WIDTH / max(len(waves), 1)
    size = _COMPACT_VALUE_SIZE if compact else 12
    parts = [_frame(left, ticks=not compact)]
    previous = None
    for index, wave in enumerate(waves):
        x = left + step * (index + 0.5)
        if not compact:
            parts.append(_wave_label(wave.label, x, step, index, len(waves)))
        value = wave.value
        if not is_number(value):
            # A compact chart marks a gap with a dash: its reason does not fit a fifth of a
            # page at a legible size, and the table below gives it.
            lines = ["–"] if compact else wrap(wave.reason, step - 4, 12)
            top = _y(50) - 8 * (len(lines) - 1)
            parts.append(
                f'<g class="gap" data-wave="{index}">'
                + text_lines(lines, x, top, size, DARK_INK, "middle")
                + "</g>"
            )
            previous = None
            continue
        if previous is not None:
            parts.append(
                f'<path d="M{previous[0]:.1f} {previous[1]:.1f} L{x:.1f} {_y(value):.1f}" '
                f'stroke="{REFERENCE_INK}" stroke-width="1.5"/>'
            )
        parts.append(_point(wave, value, x, index))
        parts.append(_value_label(wave, value, x, size) if compact else _side_label(value, x))
        previous = (x, _y(value))
    height = _TOP + _HEIGHT + (10 if compact else 40)
    return chart_svg(chart_id, title, description, left + _WIDTH + 8, height, parts)


def _y(score: float) -> float:
    return _TOP + _HEIGHT * (1 - min(max(float(score), 0.0), 100.0) / 100)


def _frame(left: float, *, ticks: bool) -> str:
    bottom = _TOP + _HEIGHT
    parts = [
        f'<rect class="plot-area" x="{left}" y="{_TOP}" width="{_WIDTH}" height="{_HEIGHT}" '
        f'fill="none" stroke="{GRID}" stroke-width="1"/>'
    ]
    for tick in (0, 50, 100) if ticks else ():
        parts.append(text_lines([str(tick)], left - 6, _y(tick) + 4, 12, DARK_INK, "end"))
    # The band limits, as on the other charts.
    parts.extend(
        f'<path d="M{left} {_y(limit):.1f} h{_WIDTH}" stroke="{GRID}" stroke-width="1" '
        f'stroke-dasharray="3 3"/>'
        for limit in (37.5, 62.5)
    )
    parts.append(f'<path d="M{left} {bottom} h{_WIDTH}" stroke="{GRID}" stroke-width="1"/>')
    return "".join(parts)


def _wave_label(label: str, x: float, step: float, index: int, count: int) -> str:
    # With many waves only the first and last are named; the table names all.
    if count > 4 and index not in (0, count - 1):
        return ""
    lines = wrap(label, max(step, 80) - 4, 12)[:2]
    return text_lines(lines, x, _TOP + _HEIGHT + 16, 12, DARK_INK, "middle")


def _point(wave: Wave, value: float, x: float, index: int) -> str:
    y = _y(value)
    interval = ""
    if wave.low is not None and wave.high is not None:
        top, bottom = _y(wave.high), _y(wave.low)
        interval = (
            f'<path class="interval" d="M{x:.1f} {top:.1f} V{bottom:.1f} '
            f'M{x - 5:.1f} {top:.1f} h10 M{x - 5:.1f} {bottom:.1f} h10" '
            f'stroke="{GRID}" stroke-width="1.5"/>'
        )
    low = "" if wave.low is None else f' data-low="{wave.low}"'
    high = "" if wave.high is None else f' data-high="{wave.high}"'
    return (
        interval + f'<circle class="point" data-wave="{index}" data-value="{float(value)}"{low}'
        f'{high} cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{REFERENCE_INK}"/>'
    )


def _side_label(value: float, x: float) -> str:
    return text_lines([format_score(value)], x + 8, _y(value) - 6, 12, DARK_INK)


def _value_label(wave: Wave, value: float, x: float, size: int) -> str:
    """The value centred above its interval (its dot), or below it where there is no room
    above: the line joining the waves runs through the dots, not through the text."""
    top = _y(wave.high if wave.high is not None else value) - 6
    if top - size < 0:
        top = _y(wave.low if wave.low is not None else value) + 6 + size * 0.8
    return text_lines([format_score(value)], x, top, size, DARK_INK, "middle")
