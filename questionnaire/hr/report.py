"""The PDF export: a management report of one campaign.

Page 1 sums up (findings.py): participation, the strongest and weakest support, where
high pressure meets low support, clear changes since the previous wave, each with the
section of the fiche it concerns and a next step. Then the tables of tables.py with the
dashboard's charts, and the answers per question as an appendix (one row per question).

Long department tables are cut into page-sized parts that together show every group.
With more groups than fit one page, the heat map is drawn in the department table's cells
(the charts' band colours) instead of as a chart beside it: WeasyPrint's time grows with
the number of elements, and the chart repeated the table's every number.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from ..aggregates import Dashboard
from ..charts import palette
from ..context_processors import fiche_url
from ..languages import active_language
from ..models import Campaign, Department, Organisation
from ..pdf import html_to_pdf
from .charts import DashboardCharts, dashboard_charts
from .exports import hidden_reasons, status_lines
from .findings import campaign_name, key_findings
from .tables import Table, dashboard_tables

PDF_STYLESHEETS = ("css/pdf.css", "css/pdf_campaign.css")
# Groups per part of a department table or of the heat map: a part fits one A4 page.
ROWS_PER_PART = 36


def dashboard_pdf(dashboard: Dashboard, *, site_url: str = "http://localhost/") -> bytes:
    """The report as tagged PDF/UA-1; `site_url` is the site's absolute root, where the
    PDF links to the app's fiche page."""
    return pdf_from_html(dashboard_pdf_html(dashboard, site_url=site_url), site_url=site_url)


def pdf_from_html(html: str, *, site_url: str) -> bytes:
    return html_to_pdf(html, stylesheets=PDF_STYLESHEETS, base_url=site_url)


def dashboard_pdf_html(dashboard: Dashboard, *, site_url: str) -> str:
    """The document the PDF is made from (quick; WeasyPrint's rendering is the slow part)."""
    tables = dashboard_tables(dashboard)
    by_key = {table.key: table for table in tables}
    charts = dashboard_charts(dashboard)
    return render_to_string(
        "pdf/campaign_report.html",
        {
            "dashboard": dashboard,
            "campaign_name": campaign_name(dashboard.campaign),
            "findings": key_findings(dashboard),
            "tables": by_key,
            "parts": {
                key: table_parts(by_key[key])
                for key in ("participation", "departments", "pressure")
                if key in by_key
            },
            "charts": charts,
            "heatmap_parts": heatmap_parts(dashboard, charts),
            # Many groups: the department table's cells carry the heat map's colours.
            "heat_table": len(dashboard.heatmap) > ROWS_PER_PART,
            "band_css": band_css(),
            "status_lines": status_lines(dashboard),
            "hidden_reasons": [(h.short, str(h)) for h in hidden_reasons(tables)],
            "fiche_page_url": fiche_page_url(site_url),
            "FICHE_URL": fiche_url(dashboard.language),
            "LANGUAGE_CODE": dashboard.language,
        },
    )


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


def heatmap_parts(dashboard: Dashboard, charts: DashboardCharts) -> list:
    """The heat map chart when it fits a page; none for more groups (the department
    table is coloured instead): a chart of a hundred rows took WeasyPrint seconds to draw,
    and its every number is in the table anyway."""
    if "heatmap" not in charts or len(dashboard.heatmap) > ROWS_PER_PART:
        return []
    return [charts["heatmap"]]


def band_css() -> str:
    """The charts' band colours for the coloured cells of the department table."""
    return "\n".join(
        f"td.band-{code} {{ background: {fill}; color: {palette.ink_for(fill)}; }}"
        for code, fill in palette.BAND_FILLS.items()
    )
