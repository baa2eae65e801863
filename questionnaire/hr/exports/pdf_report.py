"""The PDF export: a management report of one campaign.

Page 1 says where to act (hr/dashboard/where_to_act.py): where work pressure is high, the
groups clearly worse off than the organisation and their weakest source, low participation,
the organisation's weak areas, clear changes since the previous wave, each with the section
of the fiche it concerns and a next step for HR; then the heat map of the groups against the
organisation (hr/dashboard/versus_map.py). Then the tables of hr/dashboard/ with the
dashboard's charts, and the answers per question as an appendix (one row per question).

The department heat map is the department table itself, its cells coloured on the heat
maps' continuous scale: a chart beside it repeated every number, and WeasyPrint's time
grows with every element it lays out (a chart's text costs more than a cell's). Group
tables that fit a page name every group; with more groups than that, the report names the
groups that stand out and points to the spreadsheet export for the others
(named_groups), so its length and rendering time hardly grow with the organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...core.aggregates import ORGANISATION, Dashboard, PressureSupportRow
from ...core.charts import ramp_fill, ramp_ink
from ...core.context_processors import fiche_page_url, fiche_url
from ...core.gc_pace import fewer_collections
from ...core.pdf import html_to_pdf
from ..actions import ActionPlan
from ..dashboard import (
    SHOWN_FINDINGS,
    Table,
    campaign_name,
    dashboard_tables,
    key_findings,
    report_charts,
    with_answer_bars,
)
from .shared import hidden_reasons, status_lines

PDF_STYLESHEETS = ("css/pdf.css", "css/pdf_campaign.css")
# Groups per part of a group table: a part fits one A4 page. With more groups than this,
# the report names the groups that stand out (named_groups).
ROWS_PER_PART = 36
# The tables with a row per group.
GROUP_TABLES = ("participation", "departments", "pressure", "department_trends")


def dashboard_pdf(
    dashboard: Dashboard, *, site_url: str = "http://localhost/", plan: ActionPlan | None = None
) -> bytes:
    """The report as tagged PDF/UA-1; `site_url` is the site's absolute root, where the
    PDF links to the app's fiche page; `plan` the wave's action plan (a section of its own
    before the appendix)."""
    html = dashboard_pdf_html(dashboard, site_url=site_url, plan=plan)
    return pdf_from_html(html, site_url=site_url)


def pdf_from_html(html: str, *, site_url: str) -> bytes:
    return html_to_pdf(html, stylesheets=PDF_STYLESHEETS, base_url=site_url)


def dashboard_pdf_html(
    dashboard: Dashboard, *, site_url: str, plan: ActionPlan | None = None
) -> str:
    """The document the PDF is made from (quick; WeasyPrint's rendering is the slow part)."""
    with fewer_collections():
        return _report_html(dashboard, site_url=site_url, plan=plan)


def _report_html(dashboard: Dashboard, *, site_url: str, plan: ActionPlan | None) -> str:
    named = named_groups(dashboard)
    tables = tuple(
        _named_only(table, named) if table.key in GROUP_TABLES and named is not None else table
        for table in dashboard_tables(dashboard)
    )
    by_key = {table.key: table for table in tables}
    if "answers" in by_key:
        by_key["answers"] = with_answer_bars(by_key["answers"], dashboard, strips=True)
    pressure_support = [
        row
        for row in dashboard.pressure_support
        if named is None or row.kind == ORGANISATION or row.label in named
    ]
    found = key_findings(dashboard)
    return render_to_string(
        "pdf/campaign_report.html",
        {
            "dashboard": dashboard,
            "plan": plan,
            **_plan_parts(plan),
            "campaign_name": campaign_name(dashboard.campaign),
            "findings": found[:SHOWN_FINDINGS],
            "more_in_pdf": len(found[SHOWN_FINDINGS:]),
            "tables": by_key,
            "parts": {key: table_parts(by_key[key]) for key in GROUP_TABLES if key in by_key},
            "charts": report_charts(dashboard, pressure_support),
            # With many groups, how many of them the scatter draws (besides the organisation).
            "scatter_named": None if named is None else _groups_in(pressure_support),
            "scatter_groups": _groups_in(dashboard.pressure_support),
            "ramp_css": ramp_css(by_key.get("matrix"), by_key.get("departments")),
            "status_lines": status_lines(dashboard),
            "hidden_reasons": [(h.short, str(h)) for h in hidden_reasons(tables)],
            "fiche_page_url": fiche_page_url(site_url),
            "FICHE_URL": fiche_url(dashboard.language),
            "LANGUAGE_CODE": dashboard.language,
        },
    )


# Actions the report lists per plan (the previous wave's, this wave's); the others are in
# the spreadsheet export and on the dashboard. Each listed action costs WeasyPrint time.
ACTIONS_IN_REPORT = 12


def _plan_parts(plan: ActionPlan | None) -> dict:
    if plan is None:
        return {}
    return {
        "previous_actions": plan.previous_actions[:ACTIONS_IN_REPORT],
        "more_previous_actions": len(plan.previous_actions[ACTIONS_IN_REPORT:]),
        "plan_actions": plan.actions[:ACTIONS_IN_REPORT],
        "more_plan_actions": len(plan.actions[ACTIONS_IN_REPORT:]),
    }


def named_groups(dashboard: Dashboard) -> frozenset[str] | None:
    """The groups the report names: all of them (None) when they fit a page of a table,
    else those that stand out, i.e. in a ranking of a dimension or of work pressure minus
    support, or with high pressure and low support. A management report on a hundred
    groups is not read row by row; each row cost WeasyPrint time and the report pages,
    and the spreadsheet export and the dashboard have every group."""
    if len(dashboard.heatmap) <= ROWS_PER_PART or dashboard.rankings is None:
        return None
    rankings = dashboard.rankings
    ranked = (*rankings.dimensions, rankings.pressure_over_support)
    named = {label for ranking in ranked for label in ranking.labels}
    named |= {row.label for row in dashboard.pressure_support if row.flagged}
    return frozenset(named)


def _groups_in(rows: Sequence[PressureSupportRow]) -> int:
    return sum(1 for row in rows if row.kind != ORGANISATION)


def _named_only(table: Table, named: frozenset[str]) -> Table:
    """`table` with the organisation's row and the `named` groups' rows, saying so."""
    groups = [row for row in table.rows if row.kind != ORGANISATION]
    rows = tuple(row for row in table.rows if row.kind == ORGANISATION or row.label in named)
    shown = sum(1 for row in rows if row.kind != ORGANISATION)
    if shown:
        title = ngettext(
            "%(title)s: the %(shown)s group that stands out, of %(groups)s",
            "%(title)s: the %(shown)s groups that stand out, of %(groups)s",
            shown,
        )
    else:  # every group's values hidden: none is ranked or flagged
        title = _("%(title)s: none of the %(groups)s groups stands out")
    title %= {"title": table.title, "shown": shown, "groups": len(groups)}
    note = _(
        "With this many groups the report names those that stand out: in a ranking of a "
        "dimension or of work pressure minus support, or with high pressure and low "
        "support. Every group's figures are in the spreadsheet export (CSV or XLSX) and on "
        "the dashboard."
    )
    return replace(table, title=title, rows=rows, notes=(*table.notes, note))


def _chunks(rows: tuple, size: int) -> list[tuple]:
    return [rows[start : start + size] for start in range(0, len(rows), size)] or [()]


def table_parts(table: Table) -> list[Table]:
    """The table in parts of ROWS_PER_PART rows, each titled "(part 2 of 4)"."""
    chunks = _chunks(table.rows, ROWS_PER_PART)
    if len(chunks) == 1:
        return [table]
    return [
        replace(
            table,
            title=_("%(title)s (part %(part)s of %(parts)s)")
            % {"title": table.title, "part": number, "parts": len(chunks)},
            rows=chunk,
            notes=table.notes if number == len(chunks) else (),
        )
        for number, chunk in enumerate(chunks, start=1)
    ]


def ramp_css(*tables: Table | None) -> str:
    """The colours of the heat-map tables' scores (the matrix and the departments) on the
    continuous scale, one class per whole score they show (`ramp-62`)."""
    cells = (
        cell for table in tables if table is not None for row in table.rows for cell in row.cells
    )
    steps = sorted({cell.ramp_step for cell in cells if cell.ramp_step is not None})
    rules = []
    for step in steps:
        fill = ramp_fill(step)
        rules.append(f"td.ramp-{step} {{ background: {fill}; color: {ramp_ink(fill)}; }}")
    return "\n".join(rules)
