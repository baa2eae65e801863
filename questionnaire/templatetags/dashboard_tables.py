"""The long lists of HR's dashboard: the rows of its tables, {% table_rows %}
(templates/hr/_table.html), and of the map against the organisation, {% versus_rows %}
(templates/hr/_versus_map.html); the actions of a plan, {% action_items %}
(templates/hr/dashboard/_action_list.html, also in the PDF report).

A table with a row per group has a hundred rows and more in a large organisation, a
dozen cells each, and a plan may hold a hundred actions: the template engine's loops,
lookups and conditions per cell were most of the page's rendering. These tags write the
same markup, each text escaped as the template engine escapes it and the messages
translated and filled in as {% translate %} and {% blocktranslate %} do.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

# The values of hr.dashboard's row kinds and cell formats the markup depends on (the core,
# these tags included, imports no audience's package).
_MEASURE = "measure"
_ORGANISATION = "organisation"
_TEXT = "text"


def _escaped(value: Any) -> str:
    """django.utils.html.conditional_escape without its lazy-text wrapper (called for
    every cell): safe markup as it is, anything else as text, escaped as Django escapes."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _add_label(add: Callable[[str], None], label: str, note: str) -> None:
    """A row header's text, its note below it, and the end of the header cell."""
    add(_escaped(label))
    if note:
        add('<br><span class="small fw-normal">')
        add(_escaped(note))
        add("</span>")
    add("</th>\n        ")


@register.simple_tag
def table_rows(table: Any) -> SafeString:
    """The <tr> of every row of `table` (hr.dashboard.Table), as the loop of
    hr/_table.html wrote them."""
    measure_class = ' class="fw-normal"' if table.key == "answers" else ""
    parts: list[str] = []
    add = parts.append
    for row in table.rows:
        add('\n      <tr class="flagged">' if row.strong else "\n      <tr>")
        add('\n        <th scope="row"')
        if row.kind == _MEASURE:
            add(measure_class)
        add(">")
        _add_label(add, row.label, row.note)
        figure = row.figure
        for index, cell in enumerate(row.cells):
            first_figure = index == 0 and figure
            hidden = cell.hidden
            text_format = cell.format == _TEXT
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
def versus_rows(versus: Any) -> SafeString:
    """The <tr> of every group of the map against the organisation (hr.dashboard.VersusMap),
    as the loop of hr/_versus_map.html wrote them."""
    parts: list[str] = []
    add = parts.append
    for row in versus.rows:
        if row.kind == _ORGANISATION:
            add('\n      <tr class="vs-organisation">')
        else:
            add("\n      <tr>")
        add('\n        <th scope="row">')
        _add_label(add, row.label, row.note)
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


@register.simple_tag
def action_items(lines: Any, follow: Any = False, editable: Any = False) -> SafeString:
    """The <li> of every action of `lines` (hr.actions.ActionLine), as the loop of
    hr/dashboard/_action_list.html wrote them: with `follow` what became of each area,
    with `editable` the link that edits it."""
    meta = _("Owner: %(owner)s, due %(due)s, %(status)s")
    edit = _escaped(_("Edit"))
    parts: list[str] = []
    add = parts.append
    for line in lines:
        action = line.action
        group_and_area = f"{_escaped(line.group)} – {_escaped(line.area)}"
        add('\n  <li class="action-item" id="action-')
        add(_escaped(localize(action.pk)))
        add('">\n    <strong>')
        add(group_and_area)
        add("</strong>: ")
        add(_escaped(action.what))
        add('\n    <br><span class="action-meta">')
        # As {% blocktranslate %} fills it: the message as translated, each value escaped.
        owner, due, status = _escaped(action.owner), _escaped(line.due), _escaped(line.status)
        add(meta % {"owner": owner, "due": due, "status": status})
        if action.note:
            add(" · ")
            add(_escaped(action.note))
        add("</span>\n    ")
        if follow:
            add('<br><span class="action-follow-up">')
            add(_escaped(line.follow_up))
            add("</span>")
        add("\n    ")
        if editable:
            url = reverse(
                "hr:action_edit", kwargs={"pk": action.campaign_id, "action_pk": action.pk}
            )
            add('<span class="no-print"> · <a href="')
            add(_escaped(url))
            add('">')
            add(edit)
            add('<span class="visually-hidden"> ')
            add(group_and_area)
            add("</span></a></span>")
        add("\n  </li>\n  ")
    # Every text above was escaped; the rest is this function's own markup.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703
