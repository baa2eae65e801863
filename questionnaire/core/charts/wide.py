"""The wide charts of the HR dashboard and the PDF reports: heat map, bars, need against
support received."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.safestring import SafeString

from .palette import (
    DARK_INK,
    NEED_FILL,
    OUTLINE,
    RECEIVED_FILL,
    REFERENCE_INK,
    band_fill,
    band_words,
    format_score,
    ink_for,
)
from .svg import (
    AXIS_HEIGHT,
    SCALE_WIDTH,
    VALUE_WIDTH,
    ChartValue,
    Look,
    axis,
    bar,
    cell,
    chart_svg,
    check_grid,
    clamp,
    hatch_pattern,
    is_number,
    solid,
    text_lines,
    wrap,
)


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[ChartValue]],
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
    ink_for: Callable[[str], str] = ink_for,
) -> SafeString:
    """A grid of coloured cells: `values[r][c]` is the cell of `rows[r]` and `columns[c]`.

    Used for the personal 4 x 3 matrix (types x sources) and for HR's departments x
    dimensions. Each cell shows its number and, when `words_for` is given, the band in
    words; a cell without a number is hatched grey and says why (`missing_label` for
    None, str(value) for a hidden value). `ink_for` picks the text colour on a fill.
    """
    check_grid(rows, columns, values)
    look = Look(fill_for, words_for, format_value, missing_label or "", ink_for)
    cell_height, gap = 70, 4
    header_lines = [wrap(label, cell_width - 4, 13) for label in columns]
    header_height = 17 * max((len(lines) for lines in header_lines), default=1) + 12
    width = label_width + len(columns) * cell_width
    height = header_height + len(rows) * cell_height
    parts = [hatch_pattern(chart_id)]
    for index, lines in enumerate(header_lines):
        x = label_width + index * cell_width + cell_width / 2
        top = header_height - 8 - 17 * (len(lines) - 1)
        parts.append(text_lines(lines, x, top, 13, DARK_INK, anchor="middle"))
    for row_index, (label, row_values) in enumerate(zip(rows, values, strict=True)):
        top = header_height + row_index * cell_height
        lines = wrap(label, label_width - 10, 14, bold=True)
        first_line = top + cell_height / 2 - 9 * (len(lines) - 1) + 5
        parts.append(text_lines(lines, 2, first_line, 14, DARK_INK, bold=True))
        for column_index, value in enumerate(row_values):
            x = label_width + column_index * cell_width
            parts.append(
                cell(
                    value,
                    x + gap / 2,
                    top + gap / 2,
                    cell_width - gap,
                    cell_height - gap,
                    chart_id=chart_id,
                    look=look,
                )
            )
    return chart_svg(chart_id, title, description, width, height, parts)


def bar_chart(
    bars: Sequence[tuple[str, ChartValue]],
    *,
    title: str,
    description: str,
    chart_id: str,
    references: Sequence[ChartValue] | None = None,
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
    look = Look(fill_for, words_for, format_value, missing_label or "")
    left, scale_width, row_height, bar_height = 10, SCALE_WIDTH, 52, 24
    legend_height = 30 if references is not None and reference_label else 0
    width = left + scale_width + VALUE_WIDTH
    bottom = len(bars) * row_height + 4
    height = bottom + AXIS_HEIGHT + legend_height
    spans = [
        (index * row_height + 19, index * row_height + 22 + bar_height + 3)
        for index in range(len(bars))
    ]
    parts = [hatch_pattern(chart_id), axis(left, scale_width, bottom, spans)]
    for index, (label, value) in enumerate(bars):
        top = index * row_height
        parts.append(text_lines([label], left, top + 15, 14, DARK_INK, bold=True))
        parts.append(
            bar(value, left, top + 22, scale_width, bar_height, chart_id=chart_id, look=look)
        )
        reference = references[index] if references is not None else None
        if is_number(reference):
            x = left + scale_width * clamp(reference) / 100
            parts.append(
                f'<path d="M{x:.1f} {top + 19} v{bar_height + 6}" stroke="{REFERENCE_INK}" '
                f'stroke-width="4"/>'
            )
    if legend_height:
        y = bottom + AXIS_HEIGHT + 6
        parts.append(
            f'<path d="M{left + 4} {y} v18" stroke="{REFERENCE_INK}" stroke-width="4"/>'
            + text_lines([reference_label], left + 14, y + 14, 14, DARK_INK)
        )
    return chart_svg(chart_id, title, description, width, height, parts)


def need_chart(
    rows: Sequence[tuple[str, ChartValue, ChartValue]],
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
    missing = missing_label or ""
    left, scale_width, row_height, bar_height = 10, SCALE_WIDTH, 74, 22
    width = left + scale_width + VALUE_WIDTH
    bottom = len(rows) * row_height + 4
    height = bottom + AXIS_HEIGHT + 30
    spans = [(index * row_height + 19, index * row_height + 71) for index in range(len(rows))]
    parts = [hatch_pattern(chart_id), axis(left, scale_width, bottom, spans)]
    for index, (label, need, received) in enumerate(rows):
        top = index * row_height
        parts.append(text_lines([label], left, top + 15, 14, DARK_INK, bold=True))
        for offset, value, fill, prefix in (
            (22, need, NEED_FILL, need_label),
            (46, received, RECEIVED_FILL, received_label),
        ):
            parts.append(
                bar(
                    value,
                    left,
                    top + offset,
                    scale_width,
                    bar_height,
                    chart_id=chart_id,
                    look=Look(solid(fill), None, format_score, missing),
                    prefix=prefix,
                )
            )
    y = bottom + AXIS_HEIGHT + 6
    # Each bar is also labelled "Need: 75" or "Received: 50"; the legend repeats it.
    parts.append(
        f'<rect x="{left}" y="{y}" width="18" height="16" fill="{NEED_FILL}" stroke="{OUTLINE}"/>'
        + text_lines([need_label], left + 24, y + 13, 14, DARK_INK)
        + f'<rect x="{left + 150}" y="{y}" width="18" height="16" fill="{RECEIVED_FILL}" '
        f'stroke="{OUTLINE}"/>' + text_lines([received_label], left + 174, y + 13, 14, DARK_INK)
    )
    return chart_svg(chart_id, title, description, width, height, parts)
