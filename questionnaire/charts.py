"""Server-side SVG charts, shared by the web pages and the PDF reports.

Every chart is one self-contained `<svg>` string with role="img", a <title> and a <desc>
that it is labelled and described by, so the page and the PDF show the same picture and
screen readers get its summary (each page also shows the numbers in a table).

Colours are SVG presentation attributes (fill="..."), never style attributes: the strict
Content-Security-Policy forbids inline styles. Text drawn on a coloured area takes the
darker or lighter ink, whichever contrasts more, and every fill used here gives at least
4.5:1 with its ink (tests/test_charts.py checks it).

A value may be a number (a 0-100 score), None (not enough answers) or any other object
whose str() says why it is not shown (privacy.Hidden for HR pages). Missing and hidden
values are drawn grey and hatched, with the reason written in the cell or next to the bar.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from numbers import Real

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .scoring import GOOD, LOW, PARTIAL, band

DARK_INK = "#1f2937"
LIGHT_INK = "#ffffff"
# One hue from light to dark: a band is "how often", not good or bad, so no red-to-green
# verdict that the words beside it ("not a norm") would contradict. Lightness alone tells
# the bands apart, which also works for colour-blind readers and in grey print; the band
# is always written next to its colour as well.
BAND_FILLS = {LOW: "#dbe4f3", PARTIAL: "#8aa6d6", GOOD: "#1e3a8a"}
MISSING_FILL = "#f3f4f6"
HATCH_INK = "#c4c8ce"
NEED_FILL = "#e5e7eb"
RECEIVED_FILL = "#4b6cb7"
OUTLINE = "#374151"
GRID = "#6b7280"
REFERENCE_INK = "#1e3a8a"
MIN_CONTRAST = 4.5

# Bar charts: the 0-100 scale, the room for the value written after a bar, the axis.
_SCALE_WIDTH = 280
_VALUE_WIDTH = 215
_AXIS_HEIGHT = 28

# Average glyph width as a share of the font size (DejaVu Sans and the usual sans-serif
# fonts are close to it): enough to wrap labels before they overflow a cell.
_GLYPH_WIDTH = 0.58
_BOLD_GLYPH_WIDTH = 0.68

Value = object  # a number, None, or an object whose str() explains why it is hidden


def band_fill(score: float) -> str:
    """The fill of a 0-100 score: its descriptive band's colour."""
    return BAND_FILLS[band(score)]


def band_words(score: float) -> str:
    """The band of a 0-100 score in words, as the reports write it."""
    return {
        LOW: _("rarely or never"),
        PARTIAL: _("sometimes"),
        GOOD: _("often or always"),
    }[band(score)]


def rounded(score: float) -> int:
    """A score as a whole number, halves rounded up so that the number shown and its band
    agree (62.5 is "often or always" and shows as 63, not as 62 by banker's rounding)."""
    return math.floor(score + 0.5)


def format_score(score: float) -> str:
    return str(rounded(score))


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink_for(fill: str) -> str:
    """The text colour that contrasts most with `fill`."""
    return max((DARK_INK, LIGHT_INK), key=lambda ink: contrast_ratio(ink, fill))


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[Value]],
    *,
    title: str,
    description: str,
    chart_id: str,
    fill_for: Callable[[float], str] = band_fill,
    words_for: Callable[[float], str] | None = band_words,
    format_value: Callable[[float], str] = format_score,
    missing_label: str | None = None,
    label_width: int = 150,
    cell_width: int = 120,
) -> SafeString:
    """A grid of coloured cells: `values[r][c]` is the cell of `rows[r]` and `columns[c]`.

    Used for the personal 4 x 3 matrix (types x sources) and for HR's departments x
    dimensions. Each cell shows its number and, when `words_for` is given, the band in
    words; a cell without a number is hatched grey and says why (`missing_label` for
    None, str(value) for a hidden value).
    """
    if len(values) != len(rows) or any(len(row) != len(columns) for row in values):
        raise ValueError("values must have one row per row label and one cell per column")
    missing_label = missing_label or _("not enough answers")
    cell_height, gap = 70, 4
    header_lines = [_wrap(label, cell_width - 4, 13) for label in columns]
    header_height = 17 * max((len(lines) for lines in header_lines), default=1) + 12
    width = label_width + len(columns) * cell_width
    height = header_height + len(rows) * cell_height
    parts = [_hatch_pattern(chart_id)]
    for index, lines in enumerate(header_lines):
        x = label_width + index * cell_width + cell_width / 2
        top = header_height - 8 - 17 * (len(lines) - 1)
        parts.append(_text_lines(lines, x, top, 13, DARK_INK, anchor="middle"))
    for row_index, (label, row_values) in enumerate(zip(rows, values, strict=True)):
        top = header_height + row_index * cell_height
        lines = _wrap(label, label_width - 10, 14, bold=True)
        first_line = top + cell_height / 2 - 9 * (len(lines) - 1) + 5
        parts.append(_text_lines(lines, 2, first_line, 14, DARK_INK, bold=True))
        for column_index, value in enumerate(row_values):
            x = label_width + column_index * cell_width
            parts.append(
                _cell(
                    value,
                    x + gap / 2,
                    top + gap / 2,
                    cell_width - gap,
                    cell_height - gap,
                    chart_id=chart_id,
                    fill_for=fill_for,
                    words_for=words_for,
                    format_value=format_value,
                    missing_label=missing_label,
                )
            )
    return _svg(chart_id, title, description, width, height, parts)


def bar_chart(
    bars: Sequence[tuple[str, Value]],
    *,
    title: str,
    description: str,
    chart_id: str,
    references: Sequence[Value] | None = None,
    reference_label: str = "",
    fill_for: Callable[[float], str] = band_fill,
    words_for: Callable[[float], str] | None = band_words,
    format_value: Callable[[float], str] = format_score,
    missing_label: str | None = None,
) -> SafeString:
    """Horizontal bars on a 0-100 scale, coloured by band, one per (label, value).

    Each label sits above its bar, so the chart stays narrow enough to read on a phone.
    `references` (one per bar, for example an organisation's averages) are drawn as a
    dark marker on each bar and named in a legend by `reference_label`; a reference that
    is None or hidden is simply not drawn.
    """
    if references is not None and len(references) != len(bars):
        raise ValueError("give one reference per bar")
    missing_label = missing_label or _("not enough answers")
    left, scale_width, row_height, bar_height = 10, _SCALE_WIDTH, 52, 24
    legend_height = 30 if references is not None and reference_label else 0
    width = left + scale_width + _VALUE_WIDTH
    bottom = len(bars) * row_height + 4
    height = bottom + _AXIS_HEIGHT + legend_height
    spans = [
        (index * row_height + 19, index * row_height + 22 + bar_height + 3)
        for index in range(len(bars))
    ]
    parts = [_hatch_pattern(chart_id), _axis(left, scale_width, bottom, spans)]
    for index, (label, value) in enumerate(bars):
        top = index * row_height
        parts.append(_text_lines([label], left, top + 15, 14, DARK_INK, bold=True))
        parts.append(
            _bar(
                value,
                left,
                top + 22,
                scale_width,
                bar_height,
                chart_id=chart_id,
                fill_for=fill_for,
                words_for=words_for,
                format_value=format_value,
                missing_label=missing_label,
            )
        )
        reference = references[index] if references is not None else None
        if _is_number(reference):
            x = left + scale_width * _clamp(reference) / 100
            parts.append(
                f'<path d="M{x:.1f} {top + 19} v{bar_height + 6}" stroke="{REFERENCE_INK}" '
                f'stroke-width="4"/>'
            )
    if legend_height:
        y = bottom + _AXIS_HEIGHT + 6
        parts.append(
            f'<path d="M{left + 4} {y} v18" stroke="{REFERENCE_INK}" stroke-width="4"/>'
            + _text_lines([reference_label], left + 14, y + 14, 14, DARK_INK)
        )
    return _svg(chart_id, title, description, width, height, parts)


def need_chart(
    rows: Sequence[tuple[str, Value, Value]],
    *,
    title: str,
    description: str,
    chart_id: str,
    need_label: str,
    received_label: str,
    missing_label: str | None = None,
) -> SafeString:
    """Per row (label, need, received): a grey bar for the need above a blue bar for the
    support received, on the same 0-100 scale, so a shortfall shows as a gap."""
    missing_label = missing_label or _("not enough answers")
    left, scale_width, row_height, bar_height = 10, _SCALE_WIDTH, 74, 22
    width = left + scale_width + _VALUE_WIDTH
    bottom = len(rows) * row_height + 4
    height = bottom + _AXIS_HEIGHT + 30
    spans = [(index * row_height + 19, index * row_height + 71) for index in range(len(rows))]
    parts = [_hatch_pattern(chart_id), _axis(left, scale_width, bottom, spans)]
    for index, (label, need, received) in enumerate(rows):
        top = index * row_height
        parts.append(_text_lines([label], left, top + 15, 14, DARK_INK, bold=True))
        for offset, value, fill, prefix in (
            (22, need, NEED_FILL, need_label),
            (46, received, RECEIVED_FILL, received_label),
        ):
            parts.append(
                _bar(
                    value,
                    left,
                    top + offset,
                    scale_width,
                    bar_height,
                    chart_id=chart_id,
                    fill_for=lambda _score, fill=fill: fill,
                    words_for=None,
                    format_value=format_score,
                    missing_label=missing_label,
                    prefix=prefix,
                )
            )
    y = bottom + _AXIS_HEIGHT + 6
    # Each bar is also labelled "Need: 75" or "Received: 50"; the legend repeats it.
    parts.append(
        f'<rect x="{left}" y="{y}" width="18" height="16" fill="{NEED_FILL}" stroke="{OUTLINE}"/>'
        + _text_lines([need_label], left + 24, y + 13, 14, DARK_INK)
        + f'<rect x="{left + 150}" y="{y}" width="18" height="16" fill="{RECEIVED_FILL}" '
        f'stroke="{OUTLINE}"/>' + _text_lines([received_label], left + 174, y + 13, 14, DARK_INK)
    )
    return _svg(chart_id, title, description, width, height, parts)


# Narrow charts for the respondent's results: NARROW_WIDTH units wide, so that on a 360 px
# phone (about 336 px of content) they are drawn at full size and no text is below 12 px.
# Labels and values sit on their own lines above the bars, wrapped to the width.
NARROW_WIDTH = 320
_NARROW_LINE = 18  # the line height of 14-unit text


def narrow_heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[Value]],
    *,
    title: str,
    description: str,
    chart_id: str,
) -> SafeString:
    """The 4 x 3 matrix for a phone: each row's label on its own line above its cells."""
    if len(values) != len(rows) or any(len(row) != len(columns) for row in values):
        raise ValueError("values must have one row per row label and one cell per column")
    cell_width, cell_height, gap = NARROW_WIDTH / len(columns), 62, 4
    header_lines = [_wrap(label, cell_width - 6, 13) for label in columns]
    y = 17 * max((len(lines) for lines in header_lines), default=1) + 8
    parts = [_hatch_pattern(chart_id)]
    for index, lines in enumerate(header_lines):
        x = index * cell_width + cell_width / 2
        parts.append(_text_lines(lines, x, y - 8 - 17 * (len(lines) - 1), 13, DARK_INK, "middle"))
    for label, row_values in zip(rows, values, strict=True):
        lines = _wrap(label, NARROW_WIDTH, 14, bold=True)
        parts.append(_text_lines(lines, 0, y + 14, 14, DARK_INK, bold=True))
        y += _NARROW_LINE * len(lines) + 4
        for index, value in enumerate(row_values):
            parts.append(
                _cell(
                    value,
                    index * cell_width + gap / 2,
                    y,
                    cell_width - gap,
                    cell_height,
                    chart_id=chart_id,
                    fill_for=band_fill,
                    words_for=band_words,
                    format_value=format_score,
                    missing_label=_("not enough answers"),
                )
            )
        y += cell_height + 10
    return _svg(chart_id, title, description, NARROW_WIDTH, y, parts)


def narrow_bar_chart(
    bars: Sequence[tuple[str, Value]],
    *,
    title: str,
    description: str,
    chart_id: str,
    references: Sequence[Value] | None = None,
    reference_label: str = "",
) -> SafeString:
    """Bars on a 0-100 scale for a phone: "label: value – band" above each bar."""
    if references is not None and len(references) != len(bars):
        raise ValueError("give one reference per bar")
    references = references or [None] * len(bars)
    rows = []
    for (label, value), reference in zip(bars, references, strict=True):
        text = labelled(label, _value_text(value, band_words))
        rows.append(([text], [(value, band_fill)], reference))
    return _narrow_bars(
        rows,
        title=title,
        description=description,
        chart_id=chart_id,
        legend=[(REFERENCE_INK, reference_label)] if reference_label else [],
    )


def narrow_need_chart(
    rows: Sequence[tuple[str, Value, Value]],
    *,
    title: str,
    description: str,
    chart_id: str,
    need_label: str,
    received_label: str,
) -> SafeString:
    """Per (label, need, received) for a phone: the need bar above the received bar."""
    chart_rows = [
        (
            [
                label,
                f"{labelled(need_label, _value_text(need, None))} · "
                f"{labelled(received_label, _value_text(received, None))}",
            ],
            [(need, lambda _score: NEED_FILL), (received, lambda _score: RECEIVED_FILL)],
            None,
        )
        for label, need, received in rows
    ]
    return _narrow_bars(
        chart_rows,
        title=title,
        description=description,
        chart_id=chart_id,
        legend=[(NEED_FILL, need_label), (RECEIVED_FILL, received_label)],
    )


def labelled(label: str, value: str) -> str:
    """A label and its value, joined as the active language writes it (French puts a
    no-break space before the colon)."""
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def _value_text(value, words_for) -> str:
    if not _is_number(value):
        return _missing_text(value, _("not enough answers"))
    text = format_score(value)
    return f"{text} – {words_for(value)}" if words_for is not None else text


def _narrow_bars(rows, *, title, description, chart_id, legend) -> SafeString:
    """Rows of (text lines, bars as (value, fill_for), reference) on one 0-100 scale."""
    # Room on the right for half of the "100" written under the scale's end.
    left, scale_width, bar_height = 4, NARROW_WIDTH - 20, 18
    parts, spans, y = [_hatch_pattern(chart_id)], [], 0
    for texts, row_bars, reference in rows:
        for text in texts:
            lines = _wrap(text, NARROW_WIDTH, 14)
            parts.append(_text_lines(lines, 0, y + 14, 14, DARK_INK))
            y += _NARROW_LINE * len(lines)
        top = y + 2
        for value, fill_for in row_bars:
            parts.append(
                _narrow_bar(value, left, y + 2, scale_width, bar_height, fill_for, chart_id)
            )
            y += bar_height + 2
        spans.append((top - 2, y + 2))
        if _is_number(reference):
            x = left + scale_width * _clamp(reference) / 100
            parts.append(
                f'<path d="M{x:.1f} {top - 3} V{y + 3}" stroke="{REFERENCE_INK}" stroke-width="4"/>'
            )
        y += 14
    parts.append(_axis(left, scale_width, y, spans))
    y += _AXIS_HEIGHT + 4
    for colour, label in legend:
        mark = (
            f'<path d="M{left + 4} {y} v16" stroke="{colour}" stroke-width="4"/>'
            if colour == REFERENCE_INK
            else f'<rect x="{left}" y="{y}" width="18" height="16" fill="{colour}" '
            f'stroke="{OUTLINE}"/>'
        )
        lines = _wrap(label, NARROW_WIDTH - 26, 14)
        parts.append(mark + _text_lines(lines, left + 26, y + 13, 14, DARK_INK))
        y += _NARROW_LINE * len(lines) + 6
    height = y
    return _svg(chart_id, title, description, NARROW_WIDTH, height, parts)


def _narrow_bar(value, x, y, scale_width, height, fill_for, chart_id) -> str:
    if _is_number(value):
        length = max(scale_width * _clamp(value) / 100, 2)
        return _rect(x, y, length, height, fill_for(value))
    return _rect(x, y, scale_width, height, MISSING_FILL, outline=HATCH_INK) + _rect(
        x, y, scale_width, height, f"url(#{chart_id}-hatch)", outline=HATCH_INK
    )


def _svg(chart_id, title, description, width, height, parts) -> SafeString:
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


def _cell(
    value, x, y, width, height, *, chart_id, fill_for, words_for, format_value, missing_label
) -> str:
    centre = x + width / 2
    if _is_number(value):
        fill = fill_for(value)
        ink = ink_for(fill)
        number = _text_lines([format_value(value)], centre, y + 25, 20, ink, "middle", True)
        words = ""
        if words_for is not None:
            words = _text_lines(
                _wrap(words_for(value), width - 6, 12), centre, y + 43, 12, ink, "middle"
            )
        return _rect(x, y, width, height, fill) + number + words
    lines = _wrap(_missing_text(value, missing_label), width - 8, 13)
    first_line = y + height / 2 - 8.5 * (len(lines) - 1) + 4
    return (
        _rect(x, y, width, height, MISSING_FILL)
        + _rect(x, y, width, height, f"url(#{chart_id}-hatch)")
        + _text_lines(lines, centre, first_line, 13, DARK_INK, "middle")
    )


def _bar(
    value,
    x,
    y,
    scale_width,
    height,
    *,
    chart_id,
    fill_for,
    words_for,
    format_value,
    missing_label,
    prefix: str = "",
) -> str:
    label_x = x + scale_width + 8
    lead = labelled(prefix, "") if prefix else ""
    if _is_number(value):
        length = max(scale_width * _clamp(value) / 100, 2)
        text = lead + format_value(value)
        if words_for is not None:
            text += f" – {words_for(value)}"
        return _rect(x, y, length, height, fill_for(value)) + _text_lines(
            [text], label_x, y + height / 2 + 5, 14, DARK_INK
        )
    return (
        _rect(x, y, scale_width, height, MISSING_FILL, outline=HATCH_INK)
        + _rect(x, y, scale_width, height, f"url(#{chart_id}-hatch)", outline=HATCH_INK)
        + _text_lines(
            [lead + _missing_text(value, missing_label)], x + 8, y + height / 2 + 5, 14, DARK_INK
        )
    )


def _axis(x, width, bottom, spans) -> str:
    """Ticks every 25 points below the bars, and dashed lines across each bar (`spans`:
    (top, bottom) pairs) where the bands change."""
    parts = [f'<path d="M{x} {bottom} h{width}" stroke="{GRID}" stroke-width="1"/>']
    for tick in (0, 25, 50, 75, 100):
        tick_x = x + width * tick / 100
        parts.append(
            f'<path d="M{tick_x:.1f} {bottom} v6" stroke="{GRID}" stroke-width="1"/>'
            + _text_lines([str(tick)], tick_x, bottom + 22, 12, DARK_INK, "middle")
        )
    for threshold in (37.5, 62.5):
        line_x = x + width * threshold / 100
        parts.extend(
            f'<path d="M{line_x:.1f} {top} V{end}" stroke="{GRID}" stroke-width="1" '
            f'stroke-dasharray="3 3"/>'
            for top, end in spans
        )
    return "".join(parts)


def _hatch_pattern(chart_id: str) -> str:
    return (
        f'<defs><pattern id="{escape(chart_id)}-hatch" width="8" height="8" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<path d="M0 0 V8" stroke="{HATCH_INK}" stroke-width="3"/></pattern></defs>'
    )


def _rect(x, y, width, height, fill, outline: str = OUTLINE) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'fill="{fill}" stroke="{outline}" stroke-width="1"/>'
    )


def _text_lines(lines, x, y, size, fill, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return "".join(
        f'<text x="{x:.1f}" y="{y + index * (size + 4):.1f}" font-size="{size}" '
        f'fill="{fill}" text-anchor="{anchor}"{weight}>{escape(line)}</text>'
        for index, line in enumerate(lines)
    )


def _wrap(text: str, width: float, size: int, bold: bool = False) -> list[str]:
    """`text` in lines that fit `width`; words are never cut (a long word may overflow)."""
    glyph = size * (_BOLD_GLYPH_WIDTH if bold else _GLYPH_WIDTH)
    return textwrap.wrap(str(text), max(int(width / glyph), 6), break_long_words=False) or [""]


def _missing_text(value, missing_label: str) -> str:
    return missing_label if value is None else str(value)


def _is_number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _clamp(score: float) -> float:
    return min(max(float(score), 0.0), 100.0)


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[index : index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
