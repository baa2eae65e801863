"""The rows of HR's dashboard tables: {% table_rows %} (templates/hr/_table.html) and
{% versus_rows %} (templates/hr/_versus_map.html).

A table with a row per group has a hundred rows and more in a large organisation, a
dozen cells each: the template engine's loops, lookups and conditions per cell were most
of the page's rendering. These tags write the same markup, each text escaped as the
template engine escapes it; the tests compare the page with what the templates made.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from ..hr.dashboard import TEXT, Table
from ..hr.dashboard.versus_map import VersusMap

register = template.Library()

_MEASURE = "measure"
_ORGANISATION = "organisation"


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
        add(conditional_escape(row.label))
        if row.note:
            add('<br><span class="small fw-normal">')
            add(conditional_escape(row.note))
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
                add(conditional_escape(hidden))
            add('">')
            if first_figure:
                add(conditional_escape(figure))
            if row.strong and text_format:
                add("<strong>")
                add(conditional_escape(cell.text))
                add("</strong>")
            else:
                add(conditional_escape(cell.text))
            interval = cell.interval
            if interval:
                add('<br><span class="small">')
                add(conditional_escape(interval))
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
        add(conditional_escape(row.label))
        if row.note:
            add('<br><span class="small fw-normal">')
            add(conditional_escape(row.note))
            add("</span>")
        add("</th>\n        ")
        for cell in row.cells:
            add('<td class="')
            add(conditional_escape(cell.css))
            add('">')
            add(conditional_escape(cell.text))
            if cell.mark:
                add('<span class="vs-mark" aria-hidden="true">')
                add(conditional_escape(cell.mark))
                add("</span>")
            add('<span class="visually-hidden"> – ')
            add(conditional_escape(cell.words))
            add("</span></td>")
        add("\n      </tr>\n    ")
    # Every text above was escaped; the rest is this function's own markup.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703
