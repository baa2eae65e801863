"""The XLSX export: an "about" sheet, one sheet per table of tables.py, and a "data"
sheet with the CSV's tidy table for pivoting.

Sheets are named by short names in the export's language (Excel cuts names at 31
characters; a title cut mid-word reads badly; the tables' codes are in the data sheet's
"Table code" column); each starts with the table's full title, then its header row
(frozen), numbers as numbers with a number format per column, hidden values as their
short reason, and the table's notes below. A column whose means have a 95 % interval
(the trends' waves) is followed by the interval's two bounds, a column each.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from ...core import privacy
from ...core.aggregates import Dashboard
from ...core.privacy import Hidden
from ..dashboard import (
    BOUND,
    COUNT,
    DIFFERENCE,
    INTERVAL,
    PERCENT,
    SCORE,
    Column,
    Table,
    TableCell,
    band_label,
    campaign_name,
    dashboard_tables,
    interval_labels,
    privacy_explained,
)
from .shared import VALUE, hidden_reasons, spreadsheet_cell, status_lines, tidy_header, tidy_rows

NUMBER_FORMATS = {
    COUNT: "0",
    SCORE: "0.0",
    # The rates are percentages already (35.0 for 35 %): shown with a % sign, not scaled.
    PERCENT: '0.0"%"',
    DIFFERENCE: "+0.0;-0.0;0.0",
    INTERVAL: "+0.0;-0.0;0.0",
    BOUND: "0.0",
}
MIN_WIDTH, MAX_WIDTH = 8, 60

ABOUT, DATA = "about", "data"


def sheet_names() -> dict[str, str]:
    """Each sheet's name in the active language, by the code of its table (or ABOUT, DATA):
    at most 31 characters, none of the characters Excel refuses in a name."""
    return {
        ABOUT: _("About these figures"),
        "participation": _("Participation"),
        "matrix": _("Type and source"),
        "work": _("Pressure and climate"),
        "needs": _("Need and received"),
        "departments": _("Departments"),
        "pressure": _("Pressure and support"),
        "trends": _("Trends"),
        "department_trends": _("Trends by department"),
        "answers": _("Answers per question"),
        "actions": _("Actions"),
        "previous_actions": _("Actions of the previous wave"),
        DATA: _("All figures"),
    }


def sheet_name(code: str) -> str:
    return sheet_names().get(code, code)[:31]


def dashboard_workbook(dashboard: Dashboard, extra: tuple[Table, ...] = ()) -> bytes:
    """The workbook; `extra` tables (the action plan's) get a sheet each after the
    dashboard's, and their rows in the data sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    tables = (*dashboard_tables(dashboard), *extra)
    _about(workbook.active, dashboard, tables)
    for table in tables:
        _table_sheet(workbook.create_sheet(sheet_name(table.key)), table)
    _data_sheet(workbook.create_sheet(sheet_name(DATA)), dashboard, extra)
    workbook.properties.title = campaign_name(dashboard.campaign)
    workbook.properties.language = dashboard.language
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold(row) -> None:
    from openpyxl.styles import Font

    for cell in row:
        cell.font = Font(bold=True)


def _about(sheet, dashboard: Dashboard, tables: tuple[Table, ...]) -> None:
    sheet.title = sheet_name(ABOUT)
    sheet.append([spreadsheet_cell(_("About these figures"))])
    _bold(sheet[1])
    for line in status_lines(dashboard):
        sheet.append([spreadsheet_cell(line)])
    sheet.append([])
    sheet.append([_("Minimum group size (k)"), dashboard.k])
    for line in privacy_explained(k=dashboard.k, needed=dashboard.needed):
        sheet.append([spreadsheet_cell(line)])
    sheet.append([])
    sheet.append([_("Bands of a score (0–100)"), _("The answers were mostly")])
    for span, code in (("0–37.5", "low"), ("37.5–62.5", "partial"), ("62.5–100", "good")):
        sheet.append([span, band_label(code)])
    sheet.append([])
    sheet.append([_("Hidden value"), _("Why it is hidden")])
    reasons = {reason.reads: reason for reason in _all_reasons(dashboard.k)}
    # An earlier wave's, in the trends: its own k, or its questionnaire asked differently.
    for reason in hidden_reasons(tables):
        reasons.setdefault(reason.reads, reason)
    for short, full in reasons:
        sheet.append([short, full])
    sheet.append([])
    sheet.append([_("Sheet"), _("Table")])
    for table in tables:
        sheet.append([sheet_name(table.key), spreadsheet_cell(table.title)])
    sheet.append([sheet_name(DATA), _("Every figure in one long table, for pivot tables")])
    _widths(sheet)


def _all_reasons(k: int) -> list[Hidden]:
    # Every other reason reads as "hidden for privacy" (privacy.Hidden).
    codes = (privacy.TOO_FEW, privacy.OVER_HEADCOUNT, privacy.CAMPAIGN_OPEN)
    return [Hidden(code, k) for code in codes]


def _value(cell: TableCell) -> float | int | str:
    value = cell.value
    if isinstance(value, Hidden):
        return value.short
    return "" if value is None else spreadsheet_cell(value)


def _table_sheet(sheet, table: Table) -> None:
    with_codes = table.measures_as_rows
    sheet.append([spreadsheet_cell(table.title)])
    _bold(sheet[1])
    codes = [_("Code")] if with_codes else []
    headings = [heading for column in table.columns for heading in _headings(column)]
    sheet.append([table.header, *codes, *map(spreadsheet_cell, headings)])
    _bold(sheet[2])
    first = 2 + len(codes)  # the column of the first value
    for row in table.rows:
        cells = [
            each
            for column, cell in zip(table.columns, row.cells, strict=True)
            for each in _cells(column, cell)
        ]
        sheet.append(
            [spreadsheet_cell(row.label), *([row.code] if with_codes else []), *map(_value, cells)]
        )
        _number_formats(sheet, cells, first)
    if table.notes:
        sheet.append([])
        for note in table.notes:
            sheet.append([spreadsheet_cell(note)])
    sheet.freeze_panes = sheet.cell(3, first).coordinate  # the headers and row labels
    _widths(sheet, skip_first_row=True, until_row=2 + len(table.rows))


def _number_formats(sheet, cells: list[TableCell], first: int) -> None:
    """The last row's numbers formatted by their cells' formats, from column `first`."""
    for offset, cell in enumerate(cells):
        if cell.number is not None and cell.format in NUMBER_FORMATS:
            sheet.cell(sheet.max_row, first + offset).number_format = NUMBER_FORMATS[cell.format]


def _headings(column: Column) -> list[str]:
    """A column's header in the sheet: its label (and note), then its bounds' if any."""
    return [column.heading, *(interval_labels() if column.interval else ())]


def _cells(column: Column, cell: TableCell) -> list[TableCell]:
    """A cell in the sheet: itself, then its bounds where its column has an interval."""
    return [cell, *(cell.bounds or ())] if column.interval else [cell]


def _data_sheet(sheet, dashboard: Dashboard, extra: tuple[Table, ...]) -> None:
    sheet.append(tidy_header())
    _bold(sheet[1])
    for row in tidy_rows(dashboard, extra):
        sheet.append([spreadsheet_cell(value) if value is not None else None for value in row])
        if isinstance(row[VALUE], float):
            sheet.cell(sheet.max_row, VALUE + 1).number_format = "0.0"
    sheet.freeze_panes = "A2"
    _widths(sheet)


def _widths(sheet, *, skip_first_row: bool = False, until_row: int | None = None) -> None:
    """Each column as wide as its longest text (a title or note in column A spills over)."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    last = until_row or sheet.max_row
    for row in sheet.iter_rows(min_row=2 if skip_first_row else 1, max_row=last):
        for cell in row:
            if cell.value is not None:
                length = len(str(cell.value)) + 2
                widths[cell.column] = max(widths.get(cell.column, 0), length)
    for column, width in widths.items():
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, width))
