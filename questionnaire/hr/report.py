"""The PDF export: a management report of one campaign.

Page 1 sums up (findings.py): participation, the strongest and weakest support, where
high pressure meets low support, clear changes since the previous wave, each with the
section of the fiche it concerns and a next step. Then the tables of tables.py with the
dashboard's charts, and the answers per question as an appendix (one row per question).

The department heat map is the department table itself, its cells coloured on the heat
maps' continuous scale: a chart beside it repeated every number, and WeasyPrint's time
grows with every element it lays out (a chart's text costs more than a cell's). Group
tables that fit a page name every group; with more groups than that, the report names the
groups that stand out and points to the spreadsheet export for the others
(named_groups), so its length and rendering time hardly grow with the organisation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..core.aggregates import ORGANISATION, Dashboard, PressureSupportRow
from ..core.charts import palette
from ..core.context_processors import fiche_url
from ..core.languages import active_language
from ..core.pdf import html_to_pdf
from ..models import Campaign, Department, Organisation
from .charts import report_charts, with_answer_bars
from .exports import hidden_reasons, status_lines
from .findings import campaign_name, key_findings
from .tables import Table, dashboard_tables

PDF_STYLESHEETS = ("css/pdf.css", "css/pdf_campaign.css")
# Groups per part of a group table: a part fits one A4 page. With more groups than this,
# the report names the groups that stand out (named_groups).
ROWS_PER_PART = 36
# The tables with a row per group.
GROUP_TABLES = ("participation", "departments", "pressure")


def dashboard_pdf(dashboard: Dashboard, *, site_url: str = "http://localhost/") -> bytes:
    """The report as tagged PDF/UA-1; `site_url` is the site's absolute root, where the
    PDF links to the app's fiche page."""
    return pdf_from_html(dashboard_pdf_html(dashboard, site_url=site_url), site_url=site_url)


def pdf_from_html(html: str, *, site_url: str) -> bytes:
    return html_to_pdf(html, stylesheets=PDF_STYLESHEETS, base_url=site_url)


def dashboard_pdf_html(dashboard: Dashboard, *, site_url: str) -> str:
    """The document the PDF is made from (quick; WeasyPrint's rendering is the slow part)."""
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
    return render_to_string(
        "pdf/campaign_report.html",
        {
            "dashboard": dashboard,
            "campaign_name": campaign_name(dashboard.campaign),
            "findings": key_findings(dashboard),
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


def inputs_fingerprint(campaign: Campaign, *, site_url: str) -> str:
    """A digest of everything a closed campaign's report is made from, read without
    building the report: the rows it reads (the organisation, its departments, its
    campaigns and their frozen figures), the language, the links, and the code, templates,
    stylesheets and translations that turn them into the report. The same digest, the
    same PDF, so a kept PDF is served in a few queries (hr/export_cache.py).

    The campaigns read are this one and the organisation's waves that closed before it
    opened, the same filter the comparison and the trends use (aggregates/comparison.py,
    aggregates/trends.py): a later wave changes nothing in this report, and a change of
    dates that makes a wave an earlier one changes the rows read. The day it is made is
    left out: a closed wave's report reads only frozen figures, and the same report made
    on another day is the same.
    """
    organisation = campaign.organisation
    rows = (
        Organisation.objects.filter(pk=organisation.pk).values().first(),
        list(Department.objects.filter(organisation=organisation).order_by("pk").values()),
        list(
            Campaign.objects.filter(organisation=organisation)
            .filter(Q(pk=campaign.pk) | Q(closes_on__lt=campaign.opens_on))
            .order_by("pk")
            .values(*CAMPAIGN_FIELDS, *SNAPSHOT_FIELDS)
        ),
    )
    language = active_language()
    links = (site_url, fiche_page_url(site_url), fiche_url(language))
    shown = repr((campaign.pk, rows, language, links))
    return hashlib.sha256((_sources_digest() + shown).encode()).hexdigest()


# A campaign's own fields, and its frozen figures' identity: a snapshot is never changed,
# only taken (or deleted with its campaign), so its pk and date stand for its data.
CAMPAIGN_FIELDS = tuple(field.attname for field in Campaign._meta.concrete_fields)
SNAPSHOT_FIELDS = (
    "aggregate_snapshot__pk",
    "aggregate_snapshot__taken_on",
    "aggregate_snapshot__min_group_size",
)


@cache
def _sources_digest() -> str:
    """The app's code, templates, stylesheets and compiled translations, read once per
    process: any of them may change what the report says."""
    root = Path(settings.BASE_DIR)
    files = sorted(
        [
            *(root / "questionnaire").rglob("*.py"),
            *(root / "templates").rglob("*.html"),
            *(root / "static" / name for name in PDF_STYLESHEETS),
            *(root / "locale").rglob("*.mo"),
        ]
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def fiche_page_url(site_url: str) -> str:
    try:
        return urljoin(site_url, reverse("fiche"))
    except NoReverseMatch:
        return fiche_url(active_language())


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
        fill = palette.ramp_fill(step)
        rules.append(f"td.ramp-{step} {{ background: {fill}; color: {palette.ramp_ink(fill)}; }}")
    return "\n".join(rules)
