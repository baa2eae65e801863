"""CSV, XLSX and PDF exports of a campaign's aggregates.

Every export renders the same `aggregates.Dashboard` as the HR page, so the numbers and
the suppression are the dashboard's own: a hidden value is written as its reason, never
as a number. Call the functions under translation.override of the export's language
(the Dashboard's labels are already in it). Each returns bytes; the views only stream
them (suggested URL names: hr:export_csv, hr:export_xlsx, hr:export_pdf).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import charts
from .aggregates import HIGH_PRESSURE_FROM, Dashboard, Participation, Score
from .privacy import Hidden
from .scoring import GOOD, LOW, PARTIAL, PARTIAL_FROM

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_CONTENT_TYPE = "application/pdf"
PDF_STYLESHEETS = ("css/pdf.css", "css/pdf_campaign.css")

Cell = float | int | str | Hidden


@dataclass(frozen=True)
class Table:
    """One table of an export: a title, column headers, and rows whose first cell names
    the row. Cells are numbers, text, or Hidden (written as its reason)."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _value(value) -> Cell:
    return "" if value is None else value


def _responses(row: Participation) -> Cell:
    # While a campaign is open the count is a lower bound: written as text ("at least 10")
    # so that no spreadsheet mistakes it for the exact number.
    return row.display_responses if row.at_least else _value(row.responses)


def _rate(row: Participation) -> Cell:
    return row.display_rate if row.at_least else _value(row.rate)


def export_tables(dashboard: Dashboard) -> tuple[Table, ...]:
    """The dashboard as tables, shared by the CSV, the XLSX and the PDF."""
    tables = [
        Table(
            "participation",
            _("Responses"),
            (_("Group"), _("Responses"), _("Headcount"), _("Response rate (%)")),
            tuple(
                (row.label, _responses(row), _value(row.headcount), _rate(row))
                for row in (*dashboard.departments, dashboard.responses)
            ),
        )
    ]
    if not dashboard.scores_released:
        return tuple(tables)
    tables.append(
        Table(
            "matrix",
            _("Support by type and source (0 to 100)"),
            (_("Type of support"), *dashboard.matrix_columns, _("All sources")),
            (
                *(
                    (row.label, *(_value(s.value) for s in row.scores), _value(row.total.value))
                    for row in dashboard.matrix
                ),
                (
                    _("All types"),
                    *(_value(s.value) for s in dashboard.sources),
                    _value(dashboard.overall.value),
                ),
            ),
        )
    )
    tables.append(
        Table(
            "scales",
            _("Overall support, work pressure and team climate (0 to 100)"),
            (_("Scale"), _("Score")),
            tuple(
                (score.label, _value(score.value))
                for score in (dashboard.overall, dashboard.pressure, dashboard.climate)
            ),
        )
    )
    tables.append(
        Table(
            "needs",
            _("Need for support and support received (0 to 100)"),
            (_("Type of support"), _("Need"), _("Received"), _("Need minus received")),
            tuple(
                (row.label, _value(row.need.value), _value(row.received.value), _value(row.gap))
                for row in dashboard.needs
            ),
        )
    )
    tables.append(
        Table(
            "departments",
            _("Scores by department (0 to 100)"),
            (_("Group"), *(column.label for column in dashboard.heatmap_columns)),
            tuple(
                (row.label, *(_value(score.value) for score in row.scores))
                for row in dashboard.heatmap
            ),
        )
    )
    tables.append(
        Table(
            "pressure_support",
            _("Work pressure and support by department"),
            (
                _("Group"),
                _("Work pressure"),
                _("Overall support"),
                _("High pressure with low support"),
            ),
            tuple(
                (
                    row.label,
                    _value(row.pressure.value),
                    _value(row.support.value),
                    _("yes") if row.flagged else _("no"),
                )
                for row in dashboard.pressure_support
            ),
        )
    )
    distribution_rows: list[tuple[Cell, ...]] = []
    for item in dashboard.distributions:
        if item.hidden is not None:
            distribution_rows.append((item.text, item.hidden, "", ""))
            continue
        for answer in item.answers:
            distribution_rows.append((item.text, answer.label, answer.count, answer.share))
        distribution_rows.append(
            (item.text, dashboard.not_applicable_label, _value(item.not_applicable), "")
        )
    tables.append(
        Table(
            "distributions",
            _("Answers per question, whole organisation"),
            (_("Question"), _("Answer"), _("People"), _("Share of answers (%)")),
            tuple(distribution_rows),
        )
    )
    if dashboard.comparison is not None:
        tables.append(
            Table(
                "comparison",
                _("Compared with %(campaign)s") % {"campaign": dashboard.comparison.previous.name},
                (
                    _("Scale"),
                    _("This wave"),
                    _("Previous wave"),
                    _("Difference"),
                    _("Interval from (95%)"),
                    _("Interval to (95%)"),
                    _("Conclusion"),
                ),
                tuple(
                    (
                        change.label,
                        _value(change.current),
                        _value(change.previous),
                        _value(change.difference),
                        _value(change.low),
                        _value(change.high),
                        change.verdict_label,
                    )
                    for change in dashboard.comparison.changes
                ),
            )
        )
    return tuple(tables)


def _plain(cell: Cell) -> float | int | str:
    return str(cell) if isinstance(cell, Hidden) else cell


def export_filename(dashboard: Dashboard, extension: str) -> str:
    name = slugify(dashboard.campaign.name) or "campaign"
    return f"supportcheck-{name}.{extension}"


def _status_lines(dashboard: Dashboard) -> list[str]:
    lines = [
        _("%(organisation)s – %(campaign)s")
        % {"organisation": dashboard.organisation_name, "campaign": dashboard.campaign.name},
        _("No figure from fewer than %(k)s responses is shown.") % {"k": dashboard.k},
    ]
    if not dashboard.scores_released:
        lines.append(_("Scores are shown once the campaign has closed."))
    return lines


# --- CSV ---------------------------------------------------------------------------------


def dashboard_csv(dashboard: Dashboard) -> bytes:
    """One long table: table, group, measure, value (numbers with a decimal point).

    Starts with a byte order mark so spreadsheet programs read the accents right.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Table"), _("Group"), _("Measure"), _("Value")])
    for table in export_tables(dashboard):
        for row in table.rows:
            for header, cell in zip(table.headers[1:], row[1:], strict=True):
                writer.writerow([table.title, row[0], header, _plain(cell)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- XLSX --------------------------------------------------------------------------------


def dashboard_xlsx(dashboard: Dashboard) -> bytes:
    """One sheet per table, numbers as numbers, hidden values as their reason."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    about = workbook.active
    about.title = _("About")[:31]
    for line in _status_lines(dashboard):
        about.append([line])
    bold = Font(bold=True)
    for table in export_tables(dashboard):
        sheet = workbook.create_sheet(_sheet_title(table.title))
        sheet.append([table.title])
        sheet["A1"].font = bold
        sheet.append(list(table.headers))
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_plain(cell) for cell in row])
        sheet.column_dimensions["A"].width = 48
        sheet.freeze_panes = "B3"
    workbook.properties.title = dashboard.campaign.name
    workbook.properties.language = dashboard.language
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet name.
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title)
    return cleaned[:31]


# --- PDF ---------------------------------------------------------------------------------


def dashboard_pdf(dashboard: Dashboard, *, site_url: str = "http://localhost/") -> bytes:
    """The aggregate report as tagged PDF/UA-1 with charts, tables and links to the fiche.

    `site_url` is the site's absolute root; the PDF links to the app's fiche page there.
    """
    from weasyprint import HTML  # a heavy import, only needed where PDFs are made
    from weasyprint.urls import URLFetcher

    html = render_to_string(
        "pdf/campaign_report.html",
        {
            "dashboard": dashboard,
            "tables": {table.key: _formatted(table) for table in export_tables(dashboard)},
            "charts": _charts(dashboard),
            "status_lines": _status_lines(dashboard),
            "hidden_reasons": _hidden_reasons(dashboard),
            "fiche_page_url": _fiche_page_url(site_url),
            "FICHE_URL": settings.FICHE_URL,
            "LANGUAGE_CODE": dashboard.language,
        },
    )
    # Self-contained (inline SVG, stylesheets passed here): rendering never fetches.
    document = HTML(
        string=html, base_url=site_url, url_fetcher=URLFetcher(allowed_protocols=["data"])
    )
    return document.write_pdf(stylesheets=_stylesheets(), pdf_variant="pdf/ua-1")


def _fiche_page_url(site_url: str) -> str:
    try:
        return urljoin(site_url, reverse("fiche"))
    except NoReverseMatch:
        return settings.FICHE_URL


@cache
def _stylesheets():
    from weasyprint import CSS

    sheets = []
    for name in PDF_STYLESHEETS:
        with open(finders.find(name), encoding="utf-8") as css_file:
            sheets.append(CSS(string=css_file.read()))
    return sheets


def _pressure_fill(score: float) -> str:
    # High pressure is the worrying end: coloured like low support.
    if score >= HIGH_PRESSURE_FROM:
        return charts.BAND_FILLS[LOW]
    return charts.BAND_FILLS[PARTIAL if score >= PARTIAL_FROM else GOOD]


def _pressure_words(score: float) -> str:
    if score >= HIGH_PRESSURE_FROM:
        return _("high pressure")
    if score >= PARTIAL_FROM:
        return _("moderate pressure")
    return _("low pressure")


def _display(cell: Cell) -> str:
    if isinstance(cell, Hidden):
        return cell.short
    if isinstance(cell, bool | str):
        return str(cell)
    if isinstance(cell, int):
        return number_format(cell, 0)
    return number_format(cell, 1)


def _formatted(table: Table) -> Table:
    return Table(
        table.key,
        table.title,
        table.headers,
        tuple(tuple(_display(cell) for cell in row) for row in table.rows),
    )


def _short(value):
    """Charts write a hidden value's short reason; the legend gives the full one."""
    return value.short if isinstance(value, Hidden) else value


def _hidden_reasons(dashboard: Dashboard) -> list[tuple[str, str]]:
    """(short, full) for every kind of hidden value the report contains."""
    found: dict[str, Hidden] = {}
    for table in export_tables(dashboard):
        for row in table.rows:
            for cell in row:
                if isinstance(cell, Hidden):
                    found.setdefault(cell.short, cell)
    return [(short, str(hidden)) for short, hidden in sorted(found.items())]


def _charts(dashboard: Dashboard) -> dict[str, SafeString]:
    if not dashboard.scores_released:
        return {}
    support_columns = [c for c in dashboard.heatmap_columns if c.higher_is_better]
    support_index = [dashboard.heatmap_columns.index(c) for c in support_columns]
    pressure_index = next(
        index for index, c in enumerate(dashboard.heatmap_columns) if not c.higher_is_better
    )
    return {
        "matrix": charts.heatmap(
            [row.label for row in dashboard.matrix],
            list(dashboard.matrix_columns),
            [[_short(score.value) for score in row.scores] for row in dashboard.matrix],
            title=_("Support by type and source"),
            description=_(
                "Average score per type of support and source, 0 to 100; the table below "
                "gives the same numbers."
            ),
            chart_id="chart-matrix",
        ),
        "types": _bars(dashboard.types, "chart-types", _("Support by type")),
        "sources": _bars(dashboard.sources, "chart-sources", _("Support by source")),
        "needs": charts.need_chart(
            [
                (row.label, _short(row.need.value), _short(row.received.value))
                for row in dashboard.needs
            ],
            title=_("Need for support and support received"),
            description=_("Per type of support, the average need next to the support received."),
            chart_id="chart-needs",
            need_label=_("Need"),
            received_label=_("Received"),
        ),
        "departments": charts.heatmap(
            [row.label for row in dashboard.heatmap],
            [c.label for c in support_columns],
            [[_short(row.scores[i].value) for i in support_index] for row in dashboard.heatmap],
            title=_("Support and team climate by department"),
            description=_(
                "Average score per department and dimension, 0 to 100; hidden cells say "
                "why. The table of scores by department gives the same numbers."
            ),
            chart_id="chart-departments",
            missing_label=_("no combined group"),
        ),
        "pressure": charts.bar_chart(
            [(row.label, _short(row.scores[pressure_index].value)) for row in dashboard.heatmap],
            title=_("Work pressure by department"),
            description=_(
                "Average work pressure per department, 0 to 100: a long bar is high "
                "pressure. The table of work pressure and support gives the same numbers."
            ),
            chart_id="chart-pressure",
            fill_for=_pressure_fill,
            words_for=_pressure_words,
            missing_label=_("no combined group"),
        ),
    }


def _bars(scores: tuple[Score, ...], chart_id: str, title: str) -> SafeString:
    return charts.bar_chart(
        [(score.label, _short(score.value)) for score in scores],
        title=title,
        description=_("Average scores from 0 to 100; the tables give the same numbers."),
        chart_id=chart_id,
    )
