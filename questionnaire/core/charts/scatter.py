"""Work pressure against support per group: a scatter that draws every group exactly where
its values are (HR's dashboard and its PDF).

Colours and sizes are SVG presentation attributes, never style attributes (the
Content-Security-Policy forbids inline styles).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..privacy import Hidden
from ..scoring import GOOD_FROM, PARTIAL_FROM
from . import placement
from .palette import DARK_INK, GRID, LIGHT_INK, OUTLINE, format_score
from .svg import is_number

POINT_FILL = "#1e3a8a"
TOTAL_FILL = "#111827"
ZONE_FILL = "#fee2e2"
ZONE_OUTLINE = "#b91c1c"
# The corner the fiche's buffer effect points at: pressure in the high band, support in
# the low one (aggregates.rows.HIGH_PRESSURE_FROM and LOW_SUPPORT_BELOW).
HIGH_PRESSURE_FROM = GOOD_FROM
LOW_SUPPORT_BELOW = PARTIAL_FROM


@dataclass(frozen=True)
class Point:
    """One group of the scatter: values are numbers, Hidden, or None (no such group)."""

    label: str
    pressure: object
    support: object
    is_total: bool = False


@dataclass(frozen=True)
class Placed:
    """A group with both values shown: drawn at them."""

    label: str
    pressure: float
    support: float
    is_total: bool


def _placed(point: Point) -> Placed | None:
    pressure, support = point.pressure, point.support
    if is_number(pressure) and is_number(support):
        return Placed(point.label, float(pressure), float(support), point.is_total)
    return None


# Plot geometry: the 0-100 square, with room for the y axis title and ticks on the left.
_LEFT, _TOP, _SIZE = 78, 16, 320
_KEY_LINE = 22
_DOT = 4  # the radius of the dot at a group's true position
_BADGE_HEIGHT = 22
# An answer step is 25 points; a label may sit at most half a step from its point, so no
# label can be read as a neighbouring answer. Points within _SAME of each other share one
# label, which must then stay within the limit of each of them.
_HALF_STEP = 12.5
_SAME = 1.5


def pressure_support_scatter(
    points: Sequence[Point], *, title: str, description: str, chart_id: str, key: bool = True
) -> SafeString:
    """Support (x) against work pressure (y) on 0-100 scales, each group drawn as a dot
    exactly where its values are, with a numbered label next to it.

    The corner where pressure is high and support low is shaded: the fiche's buffer
    effect says that is where missing support hurts most. Groups with (nearly) the same
    values share a label ("2-4"); a label that would cover another moves away by at most
    half an answer step, joined to its dot by a leader line. A key under the chart names
    every number with its values; groups without both values are listed with the reason.
    Without `key` the chart leaves it to the page around it (scatter_key): the PDF writes
    it as text, which costs WeasyPrint less than a chart's lines.
    """
    drawn = [placed for point in points if (placed := _placed(point)) is not None]
    width = _LEFT + _SIZE + 180
    clusters = _clusters(drawn)
    parts = [_zone(), _axes(), _zone_label(), *_labelled(clusters)]
    key_top = _y(0) + 66
    if not key:
        return _svg(chart_id, title, description, width, key_top - 20, parts)
    # Wrapped to the chart's width at about 8 px per character of 14 px text.
    lines = [
        wrapped
        for entry in _key(clusters, points)
        for wrapped in textwrap.wrap(
            entry, width // 8, break_long_words=False, subsequent_indent="   "
        )
    ]
    parts.extend(
        _text(line, 4, key_top + index * _KEY_LINE, 14) for index, line in enumerate(lines)
    )
    height = key_top + len(lines) * _KEY_LINE
    return _svg(chart_id, title, description, width, height, parts)


def scatter_key(points: Sequence[Point]) -> list[str]:
    """The chart's key: each number with its group and values, in the order the chart
    numbers them, then the groups it cannot draw with the reason."""
    drawn = [placed for point in points if (placed := _placed(point)) is not None]
    return _key(_clusters(drawn), points)


def _key(clusters: list[list[Placed]], points: Sequence[Point]) -> list[str]:
    numbered = [point for cluster in clusters for point in cluster]
    key = [
        _("%(number)s. %(label)s: work pressure %(pressure)s, support %(support)s")
        % {
            "number": number,
            "label": point.label,
            "pressure": format_score(point.pressure),
            "support": format_score(point.support),
        }
        for number, point in enumerate(numbered, start=1)
    ]
    key.extend(
        _("%(label)s: not drawn (%(reason)s)") % {"label": point.label, "reason": _reason(point)}
        for point in points
        if _placed(point) is None
    )
    return key


def _x(support: float) -> float:
    return _LEFT + _SIZE * _clamp(support) / 100


def _y(pressure: float) -> float:
    return _TOP + _SIZE * (1 - _clamp(pressure) / 100)


def _clusters(drawn: list[Placed]) -> list[list[Placed]]:
    """Groups with (nearly) the same values, in the order of the first of each, so that
    the members of one cluster get consecutive numbers. The organisation is never merged
    with a department: its square must stay visible."""
    clusters: list[list[Placed]] = []
    for point in drawn:
        for cluster in clusters:
            first = cluster[0]
            if (
                first.is_total == point.is_total
                and math.hypot(first.support - point.support, first.pressure - point.pressure)
                <= _SAME
            ):
                cluster.append(point)
                break
        else:
            clusters.append([point])
    return clusters


def _labelled(clusters: list[list[Placed]]) -> list[str]:
    """Every group's dot at its values, then each cluster's label and leader line."""
    scale = _SIZE / 100
    limit = (_HALF_STEP - _SAME) * scale
    area = (_LEFT, _TOP, _LEFT + _SIZE, _TOP + _SIZE)
    dots = tuple((_x(p.support), _y(p.pressure)) for cluster in clusters for p in cluster)
    leaders: list[str] = []
    badges: list[str] = []
    numbered = []
    first_number = 1
    for cluster in clusters:
        numbers = range(first_number, first_number + len(cluster))
        first_number += len(cluster)
        numbered.append((cluster, numbers, _numbers_text(numbers)))
    labels = tuple(
        (_x(cluster[0].support), _y(cluster[0].pressure), 10 + 8.5 * len(text), _BADGE_HEIGHT)
        for cluster, _numbers, text in numbered
    )
    boxes = placement.place_all(labels, limit=limit, dots=dots, area=area)
    for (cluster, numbers, text), (x, y, _width, _height), box in zip(
        numbered, labels, boxes, strict=True
    ):
        if (box.x, box.y) != (x, y):
            leaders.append(
                f'<path class="leader" d="M{x:.1f} {y:.1f} L{box.x:.1f} {box.y:.1f}" '
                f'stroke="{OUTLINE}" stroke-width="1.5"/>'
            )
        badges.append(_badge(box, text, numbers, cluster[0].is_total))
    marks = [
        _dot(point, number)
        for number, point in enumerate((p for c in clusters for p in c), start=1)
    ]
    return leaders + marks + badges


def _numbers_text(numbers: range) -> str:
    if len(numbers) == 1:
        return str(numbers[0])
    if len(numbers) == 2:
        return f"{numbers[0]},{numbers[1]}"
    return f"{numbers[0]}–{numbers[-1]}"


def _dot(point: Placed, number: int) -> str:
    """The group's true position, with its values as data for tests and tools."""
    x, y = _x(point.support), _y(point.pressure)
    attributes = (
        f'class="point" data-number="{number}" data-label="{escape(point.label)}" '
        f'data-support="{float(point.support)}" data-pressure="{float(point.pressure)}"'
    )
    if point.is_total:
        return (
            f'<rect {attributes} x="{x - _DOT:.1f}" y="{y - _DOT:.1f}" width="{2 * _DOT}" '
            f'height="{2 * _DOT}" fill="{TOTAL_FILL}" stroke="{LIGHT_INK}" '
            f'stroke-width="1"/>'
        )
    return (
        f'<circle {attributes} cx="{x:.1f}" cy="{y:.1f}" r="{_DOT}" fill="{POINT_FILL}" '
        f'stroke="{LIGHT_INK}" stroke-width="1"/>'
    )


def _badge(box, text: str, numbers: range, is_total: bool) -> str:
    # The organisation's label is square-cornered and darker, a department's rounded, so
    # the two are told apart without colour.
    fill, corner = (TOTAL_FILL, 0) if is_total else (POINT_FILL, _BADGE_HEIGHT / 2)
    kind = "total" if is_total else "group"
    members = " ".join(str(number) for number in numbers)
    return (
        f'<g class="label label-{kind}" data-numbers="{members}" '
        f'data-x="{box.x:.1f}" data-y="{box.y:.1f}">'
        f'<rect x="{box.x - box.width / 2:.1f}" y="{box.y - box.height / 2:.1f}" '
        f'width="{box.width:.1f}" height="{box.height:.1f}" rx="{corner:.1f}" fill="{fill}" '
        f'stroke="{LIGHT_INK}" stroke-width="1.5"/>'
        + _text(text, box.x, box.y + 5, 13, LIGHT_INK, anchor="middle", bold=True)
        + "</g>"
    )


def _zone() -> str:
    x0, x1 = _x(0), _x(LOW_SUPPORT_BELOW)
    y0, y1 = _y(100), _y(HIGH_PRESSURE_FROM)
    return (
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
        f'fill="{ZONE_FILL}" stroke="{ZONE_OUTLINE}" stroke-width="1" stroke-dasharray="4 3"/>'
    )


def _zone_label() -> str:
    lines = textwrap.wrap(_("High pressure, low support"), 14, break_long_words=False)
    x = (_x(0) + _x(LOW_SUPPORT_BELOW)) / 2
    return "".join(
        _text(line, x, _y(100) + 18 + index * 16, 12, anchor="middle")
        for index, line in enumerate(lines)
    )


def _axes() -> str:
    bottom, right = _y(0), _x(100)
    parts = [
        f'<rect class="plot-area" x="{_LEFT}" y="{_TOP}" width="{_SIZE}" height="{_SIZE}" '
        f'fill="none" '
        f'stroke="{GRID}" stroke-width="1"/>'
    ]
    for tick in (0, 25, 50, 75, 100):
        x, y = _x(tick), _y(tick)
        parts.append(
            f'<path d="M{x:.1f} {bottom} v6 M{_LEFT} {y:.1f} h-6" stroke="{GRID}" '
            f'stroke-width="1"/>'
            + _text(str(tick), x, bottom + 21, 12, anchor="middle")
            + _text(str(tick), _LEFT - 9, y + 4, 12, anchor="end")
        )
    # The band limits, as on the other charts.
    for threshold in (37.5, 62.5):
        parts.append(
            f'<path d="M{_x(threshold):.1f} {_TOP} V{bottom} M{_LEFT} {_y(threshold):.1f} '
            f'H{right}" stroke="{GRID}" stroke-width="1" stroke-dasharray="3 3"/>'
        )
    centre = _TOP + _SIZE / 2
    parts.append(
        _text(_("Overall support"), _LEFT + _SIZE / 2, bottom + 42, 14, anchor="middle", bold=True)
        + f'<text x="18" y="{centre:.1f}" font-size="14" font-weight="bold" '
        f'fill="{DARK_INK}" text-anchor="middle" transform="rotate(-90 18 {centre:.1f})">'
        f"{escape(_('Work pressure'))}</text>"
    )
    return "".join(parts)


def _reason(point: Point) -> str:
    for value in (point.support, point.pressure):
        if isinstance(value, Hidden):
            return str(value)
    return _("no combined group")


def _text(
    text: str,
    x: float,
    y: float,
    size: int,
    fill: str = DARK_INK,
    *,
    anchor: str = "start",
    bold: bool = False,
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}"{weight}>{escape(text)}</text>'
    )


def _svg(chart_id: str, title: str, description: str, width, height, parts) -> SafeString:
    chart_id = escape(chart_id)
    return mark_safe(  # noqa: S308 (every text inside was escaped by _text/_svg)  # nosec B308 B703
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" id="{chart_id}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )


def _clamp(score: float) -> float:
    return min(max(float(score), 0.0), 100.0)
