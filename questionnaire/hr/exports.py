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
from urllib.parse import urljoin

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..aggregates import Dashboard, Participation
from ..pdf import html_to_pdf
from ..privacy import Hidden
from .charts import dashboard_charts

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


# A text cell starting with one of these is read as a formula by spreadsheet programs
# (a department named =HYPERLINK(...) would become a live link): OWASP's rule is to
# prefix such cells with a quote, which shows the text as typed.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(cell: float | int | str) -> float | int | str:
    """Text as text in a spreadsheet; numbers (negative ones too) stay numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def _spreadsheet_row(cells) -> list[float | int | str]:
    return [spreadsheet_cell(_plain(cell)) for cell in cells]


def _status_lines(dashboard: Dashboard) -> list[str]:
    lines = [
        _("%(organisation)s – %(campaign)s")
        % {"organisation": dashboard.organisation_name, "campaign": dashboard.campaign.name},
        _(
            "No figure from fewer than %(needed)s responses is shown (%(k)s besides one "
            "whose answers a reader may know)."
        )
        % {"needed": dashboard.needed, "k": dashboard.k},
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
                writer.writerow(_spreadsheet_row([table.title, row[0], header, cell]))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- XLSX --------------------------------------------------------------------------------


def dashboard_xlsx(dashboard: Dashboard) -> bytes:
    """One sheet per table, numbers as numbers, hidden values as their reason."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    about = workbook.worksheets[0]  # the sheet a new workbook has
    about.title = _("About")[:31]
    for line in _status_lines(dashboard):
        about.append(_spreadsheet_row([line]))
    bold = Font(bold=True)
    for table in export_tables(dashboard):
        sheet = workbook.create_sheet(_sheet_title(table.title))
        sheet.append(_spreadsheet_row([table.title]))
        sheet["A1"].font = bold
        sheet.append(_spreadsheet_row(table.headers))
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            sheet.append(_spreadsheet_row(row))
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
    return pdf_from_html(dashboard_pdf_html(dashboard, site_url=site_url), site_url=site_url)


def dashboard_pdf_html(dashboard: Dashboard, *, site_url: str) -> str:
    """The document the PDF is made from (quick; WeasyPrint's rendering is the slow part)."""
    return render_to_string(
        "pdf/campaign_report.html",
        {
            "dashboard": dashboard,
            "tables": {table.key: _formatted(table) for table in export_tables(dashboard)},
            "charts": dashboard_charts(dashboard),
            "status_lines": _status_lines(dashboard),
            "hidden_reasons": _hidden_reasons(dashboard),
            "fiche_page_url": _fiche_page_url(site_url),
            "FICHE_URL": settings.FICHE_URL,
            "LANGUAGE_CODE": dashboard.language,
        },
    )


def pdf_from_html(html: str, *, site_url: str) -> bytes:
    return html_to_pdf(html, stylesheets=PDF_STYLESHEETS, base_url=site_url)


def _fiche_page_url(site_url: str) -> str:
    try:
        return urljoin(site_url, reverse("fiche"))
    except NoReverseMatch:
        return settings.FICHE_URL


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


def _hidden_reasons(dashboard: Dashboard) -> list[tuple[str, str]]:
    """(short, full) for every kind of hidden value the report contains."""
    found: dict[str, Hidden] = {}
    for table in export_tables(dashboard):
        for row in table.rows:
            for cell in row:
                if isinstance(cell, Hidden):
                    found.setdefault(cell.short, cell)
    return [(short, str(hidden)) for short, hidden in sorted(found.items())]
