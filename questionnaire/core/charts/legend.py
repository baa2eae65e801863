"""The legend of the continuous colour ramp: a bar from 0 to 100 in the heat maps' own
colours, marked where the bands change, with the band names under their stretch."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.safestring import SafeString

from .palette import DARK_INK, GRID, OUTLINE, band_words, ramp_fill
from .svg import chart_svg, text_lines, wrap

_LEFT, _BAR_WIDTH, _BAR_TOP, _BAR_HEIGHT = 16, 480, 4, 24
# 100 slices draw the gradient as plain rectangles: every renderer (browsers,
# WeasyPrint) shows them alike, and each slice has the fill a cell of its score gets.
_SLICES = 100
BAND_LIMITS = (0.0, 37.5, 62.5, 100.0)


def ramp_legend(*, title: str, description: str, chart_id: str) -> SafeString:
    """The ramp from 0 to 100 with ticks at the band limits and the bands in words."""
    slice_width = _BAR_WIDTH / _SLICES
    parts = [
        f'<rect x="{_LEFT + index * slice_width:.1f}" y="{_BAR_TOP}" '
        f'width="{slice_width + 0.3:.1f}" height="{_BAR_HEIGHT}" '
        f'fill="{ramp_fill((index + 0.5) * 100 / _SLICES)}"/>'
        for index in range(_SLICES)
    ]
    parts.append(
        f'<rect x="{_LEFT}" y="{_BAR_TOP}" width="{_BAR_WIDTH}" height="{_BAR_HEIGHT}" '
        f'fill="none" stroke="{OUTLINE}" stroke-width="1"/>'
    )
    bottom = _BAR_TOP + _BAR_HEIGHT
    for limit in BAND_LIMITS:
        x = _x(limit)
        parts.append(
            f'<path class="tick" data-score="{limit}" d="M{x:.1f} {_BAR_TOP} V{bottom + 6}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            + text_lines([_number(limit)], x, bottom + 20, 12, DARK_INK, "middle")
        )
    for low, high in zip(BAND_LIMITS, BAND_LIMITS[1:], strict=False):
        lines = wrap(band_words((low + high) / 2), _x(high) - _x(low) - 8, 13)
        parts.append(
            text_lines(lines, (_x(low) + _x(high)) / 2, bottom + 40, 13, DARK_INK, "middle")
        )
    return chart_svg(chart_id, title, description, _LEFT * 2 + _BAR_WIDTH, bottom + 66, parts)


def _x(score: float) -> float:
    return _LEFT + _BAR_WIDTH * score / 100


def _number(limit: float) -> str:
    return number_format(limit, 0 if limit.is_integer() else 1)
