"""What the exports share: the status lines above every export, each kind of hidden value
once, text cells a spreadsheet will not run as formulas, and the tidy table (one row per
group × wave × measure) that the CSV is and the XLSX's data sheet holds.

Every export renders the tables of hr/dashboard/, made from the same `aggregates.Dashboard`
as the HR page, so the numbers, their texts and the suppression are the page's own: a
hidden value is written as its reason, never as a number. Call the functions under
translation.override of the export's language (the Dashboard's labels are already in it).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ...core.aggregates import Dashboard
from ...core.privacy import Hidden
from ..dashboard import (
    MEASURE,
    TOTAL,
    Column,
    Row,
    Table,
    TableCell,
    band_label,
    campaign_name,
    dashboard_tables,
    interval_labels,
    privacy_line,
    scope_line,
    wave_label,
)

# A text cell starting with one of these is read as a formula by spreadsheet programs
# (a department named =HYPERLINK(...) would become a live link): OWASP's rule is to
# prefix such cells with a quote, which shows the text as typed.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(cell: float | int | str) -> float | int | str:
    """Text as text in a spreadsheet; numbers (negative ones too) stay numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def status_lines(dashboard: Dashboard) -> list[str]:
    lines = [
        _("%(organisation)s – %(campaign)s")
        % {
            "organisation": dashboard.organisation_name,
            "campaign": campaign_name(dashboard.campaign),
        },
        privacy_line(dashboard.needed),
    ]
    if dashboard.scope is not None:
        lines.append(scope_line(dashboard))
    if not dashboard.scores_released:
        lines.append(_("Scores are shown once the campaign has closed."))
    return lines


# --- the tidy table (CSV and the XLSX's data sheet) ----------------------------------------


def tidy_header() -> list[str]:
    # Each code beside its name, as for the measures: the name in the reader's language,
    # the code the same in every language, for formulas and scripts.
    return [
        _("Table code"),
        _("Table"),
        _("Group"),
        _("Wave"),
        _("Measure code"),
        _("Measure"),
        _("Responses in the group"),
        _("Value"),
        _("Band"),
        _("Why hidden"),
    ]


VALUE = 7  # where a tidy row has its value


def tidy_rows(dashboard: Dashboard, extra: tuple[Table, ...] = ()) -> list[list]:
    """One row per group x wave x measure: the value a number (or text), never a hidden
    one. The wave is this campaign but in the trends, where each wave's column is its
    own (and a mean's interval bounds are measures of their own). `extra` are tables
    beside the dashboard's (the action plan's, hr/actions/tables.py)."""
    counts = {row.label: row.responses for row in (*dashboard.departments, dashboard.responses)}
    organisation = dashboard.responses
    this_wave = wave_label(campaign_name(dashboard.campaign), dashboard.campaign.closes_on)
    rows = []
    for table in (*dashboard_tables(dashboard), *extra):
        for row in table.rows:
            by_measure = row.kind in (MEASURE, TOTAL)
            group = organisation.label if by_measure else row.label
            n = organisation.responses if by_measure else counts.get(row.label)
            n = n if isinstance(n, int) and not organisation.at_least else None
            for column, cell in zip(table.columns, row.cells, strict=True):
                wave = column.wave or this_wave
                # A trend's responses per wave are not in the dashboard: no count there.
                count = None if column.wave else n
                for code, label, shown in _measures(row, column, cell):
                    rows.append([table.key, table.title, group, wave, code, label, count, *shown])
    return rows


def _measures(row: Row, column: Column, cell: TableCell) -> list[tuple[str, str, list]]:
    """The cell as (measure code, measure, value band why-hidden), then its bounds."""
    by_measure = row.kind in (MEASURE, TOTAL)
    code = cell.code or (f"{row.code}_{column.code}" if by_measure else column.code)
    if column.wave:  # the wave has its own column: the measure is the row's, or the column's
        label = column.measure or row.label
    else:
        label = f"{row.label} – {column.label}" if by_measure else column.label
    measures = [(code, label, _tidy_value(cell))]
    if cell.bounds is not None:
        for bound, name in zip(cell.bounds, interval_labels(), strict=True):
            measures.append((bound.code, f"{label} – {name}", _tidy_value(bound)))
    return measures


def _tidy_value(cell: TableCell) -> list:
    hidden = cell.hidden
    if hidden is not None:
        return [None, "", str(hidden)]
    return [cell.value, band_label(cell.band), ""]


# --- what the workbook and the report share ----------------------------------------------


def hidden_reasons(tables: tuple[Table, ...]) -> list[Hidden]:
    """Each kind of hidden value the tables contain, once, in a stable order."""
    found: dict[tuple[str, str], Hidden] = {}
    for table in tables:
        for hidden in table.hidden_reasons():
            found.setdefault(hidden.reads, hidden)
    return sorted(found.values(), key=lambda hidden: hidden.short)
