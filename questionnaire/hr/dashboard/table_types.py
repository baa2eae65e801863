"""What every table of HR's dashboard is made of, and how a value is written in it.

A `Table` has a key (a short code, also the XLSX sheet's name), a title, its columns
(each with a code, a label and a format; a wave's column also its closing date and the
wave it is of), its rows (a label, a kind and a code, one cell per column) and its notes.
A `TableCell` holds the value (a number, a text, or a `privacy.Hidden` with its reason)
and the text it is displayed as in the active language, so that no renderer formats a
figure its own way; in a column with `interval` (the trends' waves) a mean's cell also
holds its 95 % interval's bounds, as cells of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ...core.aggregates import Score, as_percent, format_count, number_format
from ...core.instrument import PRESSURE
from ...core.privacy import Hidden
from ...core.scoring import GOOD, LOW, PARTIAL, band

# Formats of a column: how its numbers are written, and their number format in a sheet.
COUNT = "count"
SCORE = "score"  # 0-100, one decimal
PERCENT = "percent"  # 0-100, one decimal and "%"
DIFFERENCE = "difference"  # signed, one decimal
INTERVAL = "interval"  # one bound of a 95% interval, signed
BOUND = "bound"  # one bound of a mean's 95% interval, 0-100, one decimal
TEXT = "text"

# Kinds of row besides the group kinds of aggregates.rows (department, organisation...).
MEASURE = "measure"
TOTAL = "total"

CellValue = float | int | str | Hidden | None


@dataclass(frozen=True)
class Column:
    """A column; one that holds another wave's figures (the trends) has the wave's closing
    date as `note` (a header's second line) and `wave` (wave_label), the tidy table's name
    for it. With `interval` each cell has its 95 % interval's bounds."""

    code: str
    label: str
    format: str
    note: str = ""
    wave: str = ""
    interval: bool = False
    # In a table whose rows are groups, the measure a wave's column holds (the tidy
    # table's measure; the rows' label is then the group).
    measure: str = ""

    @property
    def heading(self) -> str:
        """The label and note on one line, for a sheet's header."""
        return f"{self.label} ({self.note})" if self.note else self.label


@dataclass(frozen=True)
class TableCell:
    """One value and its displayed text; `code` names the measure it is (a scale code)
    where the row and column alone do not (the matrix's cells); `bounds` are a mean's
    95 % interval (lower, upper), hidden with it."""

    value: CellValue
    text: str
    format: str
    code: str = ""
    bounds: tuple[TableCell, TableCell] | None = None

    @property
    def hidden(self) -> Hidden | None:
        return self.value if isinstance(self.value, Hidden) else None

    @property
    def number(self) -> float | int | None:
        value = self.value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        return None

    @property
    def band(self) -> str | None:
        """The answers' band of a shown score (low, partial, good), else None."""
        number = self.number
        return band(number) if self.format == SCORE and number is not None else None

    @property
    def ramp_step(self) -> int | None:
        """A shown support or climate score rounded to a whole number: its colour on the
        heat maps' scale (work pressure, where higher is worse, is not coloured)."""
        number = self.number
        if self.format != SCORE or number is None or self.code == PRESSURE:
            return None
        return round(number)

    @property
    def interval(self) -> str:
        """The interval written below a shown mean ("58.0 … 64.4"), else ""."""
        if self.bounds is None or self.hidden is not None:
            return ""
        low, high = self.bounds
        if low.number is None or high.number is None:
            return "–"
        return f"{low.text} … {high.text}"


@dataclass(frozen=True)
class Row:
    label: str
    kind: str
    cells: tuple[TableCell, ...]
    code: str = ""
    note: str = ""
    strong: bool = False  # a finding the reader should see (high pressure with low support)
    # A small chart drawn in the row on the page (the answers' bar); the exports skip it.
    figure: str = ""


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    header: str  # the label of the rows' column
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()

    @property
    def measures_as_rows(self) -> bool:
        """True when each row is a measure (matrix, needs...), False when each is a group."""
        return any(row.kind in (MEASURE, TOTAL) for row in self.rows)

    def hidden_reasons(self) -> list[Hidden]:
        """Each kind of hidden value in the table, once."""
        found: dict[tuple[str, str], Hidden] = {}
        for row in self.rows:
            for cell in row.cells:
                if cell.hidden is not None:
                    found.setdefault(cell.hidden.reads, cell.hidden)
        return list(found.values())


def interval_labels() -> tuple[str, str]:
    """What the two bounds of a mean's interval are called in a sheet and the tidy table."""
    return _("Interval from (95%)"), _("Interval to (95%)")


def wave_label(name: str, closes_on: date) -> str:
    """A wave as the tidy table names it: its name and closing date, as in its heading
    (two waves may share a name)."""
    return f"{name} ({date_format(closes_on, 'DATE_FORMAT')})"


def band_label(code: str | None) -> str:
    return _band_labels(get_language()).get(code or "", "")


@lru_cache(maxsize=16)
def _band_labels(language: str | None) -> dict[str, str]:
    """The bands' words in `language` (the active one), looked up once per language: the
    heat map against the organisation names a band in every cell."""
    return {
        LOW: _("rarely or never"),
        PARTIAL: _("sometimes"),
        GOOD: _("often or always"),
    }


# --- cells ---------------------------------------------------------------------------------


def cell(value: CellValue, format: str, code: str = "") -> TableCell:
    """A value with its text in the active language (a hidden one as its short reason)."""
    return TableCell(value, display(value, format), format, code)


def display(value: CellValue, format: str) -> str:
    if isinstance(value, Hidden):
        return value.short
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if format == COUNT:
        return format_count(value)
    if format == PERCENT:
        return as_percent(value)
    if format in (DIFFERENCE, INTERVAL):
        return ("+" if value > 0 else "") + number_format(value, 1)
    return number_format(value, 1)


def score_cell(score: Score) -> TableCell:
    return cell(score.value, SCORE, score.code)


def text_cell(text: str) -> TableCell:
    return TableCell(text, text, TEXT)
