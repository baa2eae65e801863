"""The SVG pieces every chart is drawn with: the <svg> element, cells, bars, the axis, the
hatching of missing values, wrapped text. Every text is escaped here."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real
from typing import TypeGuard

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .palette import (
    DARK_INK,
    GRID,
    HATCH_INK,
    MISSING_FILL,
    OUTLINE,
    band_fill,
    band_words,
    format_score,
    ink_for,
)

# Bar charts: the 0-100 scale, the room for the value written after a bar, the axis.
SCALE_WIDTH = 280
VALUE_WIDTH = 215
AXIS_HEIGHT = 28

# Average glyph width as a share of the font size (DejaVu Sans and the usual sans-serif
# fonts are close to it): enough to wrap labels before they overflow a cell.
GLYPH_WIDTH = 0.58
BOLD_GLYPH_WIDTH = 0.68

ChartValue = object  # a number, None, or an object whose str() explains why it is hidden


@dataclass(frozen=True)
class Look:
    """How a value is drawn: its fill, the words after its number (none when
    `words_for` is None), how its number is written, what a missing value says, and the
    ink of text on a fill."""

    fill_for: Callable[[float], str] = band_fill
    words_for: Callable[[float], str] | None = band_words
    format_value: Callable[[float], str] = format_score
    missing_label: str = ""
    ink_for: Callable[[str], str] = ink_for

    def missing(self, value: ChartValue) -> str:
        """Why `value` is not drawn: str() of a hidden value, the missing label for None."""
        if value is not None:
            return str(value)
        return self.missing_label or _("not enough answers")


def labelled(label: str, value: str) -> str:
    """A label and its value, joined as the active language writes it (French puts a
    no-break space before the colon)."""
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def value_text(value: ChartValue, words_for: Callable[[float], str] | None) -> str:
    """A value as written above a narrow bar: "63 – often or always", or why it is hidden."""
    if not is_number(value):
        return Look().missing(value)
    text = format_score(value)
    return f"{text} – {words_for(value)}" if words_for is not None else text


def check_grid(rows, columns, values) -> None:
    if len(values) != len(rows) or any(len(row) != len(columns) for row in values):
        raise ValueError("values must have one row per row label and one cell per column")


def chart_svg(chart_id, title, description, width, height, parts) -> SafeString:
    return mark_safe(  # noqa: S308 (every text inside was escaped by _text_lines/_svg)  # nosec B308 B703
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'id="{escape(chart_id)}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" '
        f'aria-labelledby="{escape(chart_id)}-title" aria-describedby="{escape(chart_id)}-desc">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>'
        + "".join(parts)
        + "</svg>"
    )


def cell(value: ChartValue, x, y, width, height, *, chart_id: str, look: Look) -> str:
    """One square of a heat map: its number and band words, or hatched with the reason."""
    centre = x + width / 2
    if is_number(value):
        fill = look.fill_for(value)
        ink = look.ink_for(fill)
        number = text_lines([look.format_value(value)], centre, y + 25, 20, ink, "middle", True)
        words = ""
        if look.words_for is not None:
            words = text_lines(
                wrap(look.words_for(value), width - 6, 12), centre, y + 43, 12, ink, "middle"
            )
        return rect(x, y, width, height, fill) + number + words
    lines = wrap(look.missing(value), width - 8, 13)
    first_line = y + height / 2 - 8.5 * (len(lines) - 1) + 4
    return hatched(x, y, width, height, chart_id, outline=OUTLINE) + text_lines(
        lines, centre, first_line, 13, DARK_INK, "middle"
    )


def bar(
    value: ChartValue, x, y, scale_width, height, *, chart_id: str, look: Look, prefix: str = ""
) -> str:
    """One bar on a 0-100 scale with its value written after it, or hatched with the
    reason written inside."""
    lead = labelled(prefix, "") if prefix else ""
    if is_number(value):
        length = max(scale_width * clamp(value) / 100, 2)
        text = lead + look.format_value(value)
        if look.words_for is not None:
            text += f" – {look.words_for(value)}"
        return rect(x, y, length, height, look.fill_for(value)) + text_lines(
            [text], x + scale_width + 8, y + height / 2 + 5, 14, DARK_INK
        )
    return hatched(x, y, scale_width, height, chart_id) + text_lines(
        [lead + look.missing(value)], x + 8, y + height / 2 + 5, 14, DARK_INK
    )


def hatched(x, y, width, height, chart_id: str, outline: str = HATCH_INK) -> str:
    """The grey, hatched area of a value that is not shown."""
    return rect(x, y, width, height, MISSING_FILL, outline=outline) + rect(
        x, y, width, height, f"url(#{chart_id}-hatch)", outline=outline
    )


def axis(x, width, bottom, spans) -> str:
    """Ticks every 25 points below the bars, and dashed lines across each bar (`spans`:
    (top, bottom) pairs) where the bands change."""
    parts = [f'<path d="M{x} {bottom} h{width}" stroke="{GRID}" stroke-width="1"/>']
    for tick in (0, 25, 50, 75, 100):
        tick_x = x + width * tick / 100
        parts.append(
            f'<path d="M{tick_x:.1f} {bottom} v6" stroke="{GRID}" stroke-width="1"/>'
            + text_lines([str(tick)], tick_x, bottom + 22, 12, DARK_INK, "middle")
        )
    for threshold in (37.5, 62.5):
        line_x = x + width * threshold / 100
        parts.extend(
            f'<path d="M{line_x:.1f} {top} V{end}" stroke="{GRID}" stroke-width="1" '
            f'stroke-dasharray="3 3"/>'
            for top, end in spans
        )
    return "".join(parts)


def hatch_pattern(chart_id: str) -> str:
    return (
        f'<defs><pattern id="{escape(chart_id)}-hatch" width="8" height="8" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<path d="M0 0 V8" stroke="{HATCH_INK}" stroke-width="3"/></pattern></defs>'
    )


def rect(x, y, width, height, fill, outline: str = OUTLINE) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'fill="{fill}" stroke="{outline}" stroke-width="1"/>'
    )


def text_lines(lines, x, y, size, fill, anchor: str = "start", bold: bool = False) -> str:
    # The standard library's escape, which Django's escape() calls: without the lazy-text
    # wrapper around it, called for each of a page's some hundred lines of chart text.
    weight = ' font-weight="bold"' if bold else ""
    return "".join(
        f'<text x="{x:.1f}" y="{y + index * (size + 4):.1f}" font-size="{size}" '
        f'fill="{fill}" text-anchor="{anchor}"{weight}>{html.escape(str(line))}</text>'
        for index, line in enumerate(lines)
    )


def wrap(text: str, width: float, size: int, bold: bool = False) -> list[str]:
    """`text` in lines that fit `width`; words are never cut (a long word may overflow)."""
    glyph = size * (BOLD_GLYPH_WIDTH if bold else GLYPH_WIDTH)
    return list(_wrapped(str(text), max(int(width / glyph), 6)))


@lru_cache(maxsize=4096)
def _wrapped(text: str, characters: int) -> tuple[str, ...]:
    """textwrap's lines of `text`, kept per text and width: charts wrap the same labels
    and band words on every page."""
    return tuple(textwrap.wrap(text, characters, break_long_words=False) or [""])


def is_number(value: object) -> TypeGuard[float]:
    """Whether `value` is a score to draw (a hidden value or None is not; nor is a bool)."""
    return isinstance(value, Real) and not isinstance(value, bool)


def solid(fill: str) -> Callable[[float], str]:
    """One fill whatever the value."""
    return lambda _score: fill


def clamp(score: float) -> float:
    return min(max(float(score), 0.0), 100.0)
