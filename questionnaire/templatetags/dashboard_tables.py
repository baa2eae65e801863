"""The rows of HR's dashboard tables: {% table_rows %} (templates/hr/_table.html) and
{% versus_rows %} (templates/hr/_versus_map.html).

A table with a row per group has a hundred rows and more in a large organisation, a
dozen cells each: the template engine's loops, lookups and conditions per cell were most
of the page's rendering. These tags write the same markup, each text escaped as the
template engine escapes it; the tests compare the page with what the templates made.
"""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..hr.dashboard import TEXT, Table
from ..hr.dashboard.versus_map import VersusMap

register = template.Library()

_MEASURE = "measure"
_ORGANISATION = "organisation"


def _escaped(value: Any) -> str:
    """django.utils.html.conditional_escape without its lazy-text wrapper (called for
    every cell): safe markup as it is, anything else as text, escaped as Django escapes."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@register.simple_tag
def table_rows(table: Table) -> SafeString:
    """The <tr> of every row of `table`, as the loop of hr/_table.html wrote them."""
    measure_class = ' class="fw-normal"' if table.key == "answers" else ""
    parts: list[str] = []
    add = parts.append
    for row in table.rows:
        add('\n      <tr class="flagged">' if row.strong else "\n      <tr>")
        add('\n        <th scope="row"')
        if row.kind == _MEASURE:
            add(measure_class)
        add(">")
        add(_escaped(row.label))
        if row.note:
            add('<br><span class="small fw-normal">')
            add(_escaped(row.note))
            add("</span>")
        add("</th>\n        ")
        figure = row.figure
        for index, cell in enumerate(row.cells):
            first_figure = index == 0 and figure
            hidden = cell.hidden
            text_format = cell.format == TEXT
            add('<td class="')
            if first_figure:
                add("hr-answers ")
            if not text_format:
                add("text-end")
            if hidden:
                add(' hidden-value" title="')
                add(_escaped(hidden))
            add('">')
            if first_figure:
                add(_escaped(figure))
            if row.strong and text_format:
                add("<strong>")
                add(_escaped(cell.text))
                add("</strong>")
            else:
                add(_escaped(cell.text))
            interval = cell.interval
            if interval:
                add('<br><span class="small">')
                add(_escaped(interval))
                add("</span>")
            add("</td>")
        add("\n      </tr>\n    ")
    # Every text above was escaped; the rest is this function's own markup.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


@register.simple_tag
def versus_rows(versus: VersusMap) -> SafeString:
    """The <tr> of every group of the map against the organisation, as the loop of
    hr/_versus_map.html wrote them."""
    parts: list[str] = []
    add = parts.append
    for row in versus.rows:
        if row.kind == _ORGANISATION:
            add('\n      <tr class="vs-organisation">')
        else:
            add("\n      <tr>")
        add('\n        <th scope="row">')
        add(_escaped(row.label))
        if row.note:
            add('<br><span class="small fw-normal">')
            add(_escaped(row.note))
            add("</span>")
        add("</th>\n        ")
        for cell in row.cells:
            add('<td class="')
            add(_escaped(cell.css))
            add('">')
            add(_escaped(cell.text))
            if cell.mark:
                add('<span class="vs-mark" aria-hidden="true">')
                add(_escaped(cell.mark))
                add("</span>")
            add('<span class="visually-hidden"> – ')
            add(_escaped(cell.words))
            add("</span></td>")
        add("\n      </tr>\n    ")
    # Every text above was escaped; the rest is this function's own markup.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703
