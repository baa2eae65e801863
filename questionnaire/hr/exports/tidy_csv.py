"""The CSV export: the tidy table of shared.py, with the delimiter and decimal mark a
spreadsheet of the export's language reads. Returns bytes; the view only streams them."""

from __future__ import annotations

import csv
import io

from ...core.aggregates import Dashboard
from ..dashboard import Table
from .shared import spreadsheet_cell, tidy_header, tidy_rows

# Belgian spreadsheets (Dutch and French) read ";" between fields and "," in numbers;
# English ones "," and ".".
DELIMITERS = {"nl": ";", "fr": ";"}


def csv_delimiter(language: str) -> str:
    return DELIMITERS.get(language, ",")


def decimal_comma(language: str) -> bool:
    return csv_delimiter(language) == ";"


def _csv_field(value, comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text.replace(".", ",") if comma else text
    if isinstance(value, int):
        return str(value)
    return str(spreadsheet_cell(value))


def dashboard_csv(dashboard: Dashboard, extra: tuple[Table, ...] = ()) -> bytes:
    """The tidy table, UTF-8 with a byte order mark (so spreadsheet programs read the
    accents right), with the delimiter and decimal mark of the export's language; `extra`
    tables (the action plan's) follow the dashboard's."""
    comma = decimal_comma(dashboard.language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter(dashboard.language))
    writer.writerow(tidy_header())
    for row in tidy_rows(dashboard, extra):
        writer.writerow([_csv_field(value, comma) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
