"""Narrow charts for the respondent's results on a phone."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .palette import (
    DARK_INK,
    NEED_FILL,
    OUTLINE,
    RECEIVED_FILL,
    REFERENCE_INK,
    band_fill,
    band_words,
)
from .svg import (
    AXIS_HEIGHT,
    ChartValue,
    Look,
    axis,
    cell,
    chart_svg,
    check_grid,
    clamp,
    hatch_pattern,
    hatched,
    is_number,
    labelled,
    rect,
    solid,
    text_lines,
    value_text,
    wrap,
)

# Narrow charts for the respondent's results: NARROW_WIDTH units wide, so that on a 360 px
# phone (about 336 px of content) they are drawn at full size and no text is below 12 px.
# Labels and values sit on their own lines above the bars, wrapped to the width.
NARROW_WIDTH = 320
_NARROW_LINE = 18  # the line height of 14-unit text


def narrow_heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[ChartValue]],
    *,
    title: str,
    description: str,
    chart_id: str,
) -> SafeString:
    """The 4 x 3 matrix for a phone: each row's label on its own line above its cells."""
    check_grid(rows, columns, values)
    cell_width, cell_height, gap = NARROW_WIDTH / len(columns), 62, 4
    header_lines = [wrap(label, cell_width - 6, 13) for label in columns]
    y = 17 * max((len(lines) for lines in header_lines), default=1) + 8
    parts = [hatch_pattern(chart_id)]
    for index, lines in enumerate(header_lines):
        x = index * cell_width + cell_width / 2
        parts.append(text_lines(lines, x, y - 8 - 17 * (len(lines) - 1), 13, DARK_INK, "middle"))
    for label, row_values in zip(rows, values, strict=True):
        lines = wrap(label, NARROW_WIDTH, 14, bold=True)
        parts.append(text_lines(lines, 0, y + 14, 14, DARK_INK, bold=True))
        y += _NARROW_LINE * len(lines) + 4
        for index, value in enumerate(row_values):
            x = index * cell_width + gap / 2
            parts.append(_heat_cell(value, x, y, cell_width - gap, cell_height, chart_id))
        y += cell_height + 10
    return chart_svg(chart_id, title, description, NARROW_WIDTH, y, parts)


# A heat map cell's SVG depends only on its value, place, size and chart (and the language
# of its words): a cell's score takes a few values (two answers on a five-point scale), so
# most pages draw cells drawn before. Kept per those, up to a bound.
_kept_cells: dict[tuple[object, ...], str] = {}
KEPT_CELLS = 4096


def _heat_cell(
    value: ChartValue, x: float, y: float, width: float, height: float, chart_id: str
) -> str:
    key = (get_language(), value, x, y, width, height, chart_id)
    svg = _kept_cells.get(key)
    if svg is None:
        if len(_kept_cells) >= KEPT_CELLS:
            _kept_cells.clear()
        svg = _kept_cells[key] = cell(value, x, y, width, height, chart_id=chart_id, look=Look())
    return svg


def narrow_bar_chart(
    bars: Sequence[tuple[str, ChartValue]],
    *,
    title: str,
    description: str,
    chart_id: str,
    references: Sequence[ChartValue] | None = None,
    reference_label: str = "",
) -> SafeString:
    """Bars on a 0-100 scale for a phone: "label: value – band" above each bar."""
    if references is not None and len(references) != len(bars):
        raise ValueError("give one reference per bar")
    references = references or [None] * len(bars)
    rows = []
    for (label, value), reference in zip(bars, references, strict=True):
        text = labelled(label, value_text(value, band_words))
        rows.append(([text], [(value, band_fill)], reference))
    return _narrow_bars(
        rows,
        title=title,
        description=description,
        chart_id=chart_id,
        legend=[(REFERENCE_INK, reference_label)] if reference_label else [],
    )


def narrow_need_chart(
    rows: Sequence[tuple[str, ChartValue, ChartValue]],
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
                f"{labelled(need_label, value_text(need, None))} · "
                f"{labelled(received_label, value_text(received, None))}",
            ],
            [(need, solid(NEED_FILL)), (received, solid(RECEIVED_FILL))],
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


def _narrow_bars(rows, *, title, description, chart_id, legend) -> SafeString:
    """Rows of (text lines, bars as (value, fill_for), reference) on one 0-100 scale."""
    # Room on the right for half of the "100" written under the scale's end.
    left, scale_width, bar_height = 4, NARROW_WIDTH - 20, 18
    parts, spans, y = [hatch_pattern(chart_id)], [], 0
    for texts, row_bars, reference in rows:
        for text in texts:
            lines = wrap(text, NARROW_WIDTH, 14)
            parts.append(text_lines(lines, 0, y + 14, 14, DARK_INK))
            y += _NARROW_LINE * len(lines)
        top = y + 2
        for value, fill_for in row_bars:
            parts.append(
                _narrow_bar(value, left, y + 2, scale_width, bar_height, fill_for, chart_id)
            )
            y += bar_height + 2
        spans.append((top - 2, y + 2))
        if is_number(reference):
            x = left + scale_width * clamp(reference) / 100
            parts.append(
                f'<path d="M{x:.1f} {top - 3} V{y + 3}" stroke="{REFERENCE_INK}" stroke-width="4"/>'
            )
        y += 14
    parts.append(axis(left, scale_width, y, spans))
    y += AXIS_HEIGHT + 4
    for colour, label in legend:
        mark = (
            f'<path d="M{left + 4} {y} v16" stroke="{colour}" stroke-width="4"/>'
            if colour == REFERENCE_INK
            else f'<rect x="{left}" y="{y}" width="18" height="16" fill="{colour}" '
            f'stroke="{OUTLINE}"/>'
        )
        lines = wrap(label, NARROW_WIDTH - 26, 14)
        parts.append(mark + text_lines(lines, left + 26, y + 13, 14, DARK_INK))
        y += _NARROW_LINE * len(lines) + 6
    height = y
    return chart_svg(chart_id, title, description, NARROW_WIDTH, height, parts)


def _narrow_bar(value, x, y, scale_width, height, fill_for, chart_id) -> str:
    if is_number(value):
        length = max(scale_width * clamp(value) / 100, 2)
        return rect(x, y, length, height, fill_for(value))
    return hatched(x, y, scale_width, height, chart_id)
