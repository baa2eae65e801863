"""Every table of HR's dashboard, defined once: the page, the CSV, the XLSX and the PDF
all render these (templates/hr/_table.html, templates/pdf/_campaign_table.html, exports.py).

A `Table` has a key (a short code, also the XLSX sheet's name), a title, its columns
(each with a code, a label and a format; a wave's column also its closing date and the
wave it is of), its rows (a label, a kind and a code, one cell per column) and its notes.
A `Cell` holds the value (a number, a text, or a `privacy.Hidden` with its reason) and the
text it is displayed as in the active language, so that no renderer formats a figure its
own way; in a column with `interval` (the trends' waves) a mean's cell also holds its
95 % interval's bounds, as cells of their own. Nothing here computes a figure: every
value comes from the Dashboard as it is, and a hidden one stays hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from ..aggregates import ORGANISATION, Change, Dashboard, Participation, Score
from ..aggregates.rows import as_percent, format_count
from ..aggregates.series import AskedDifferently, Trend, TrendPoint
from ..instrument import PRESSURE, SOURCE_CODES
from ..privacy import Hidden
from ..scoring import GOOD, LOW, PARTIAL, band
from . import findings

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

Value = float | int | str | Hidden | None


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

    @property
    def heading(self) -> str:
        """The label and note on one line, for a sheet's header."""
        return f"{self.label} ({self.note})" if self.note else self.label


@dataclass(frozen=True)
class Cell:
    """One value and its displayed text; `code` names the measure it is (a scale code)
    where the row and column alone do not (the matrix's cells); `bounds` are a mean's
    95 % interval (lower, upper), hidden with it."""

    value: Value
    text: str
    format: str
    code: str = ""
    bounds: tuple[Cell, Cell] | None = None

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
    cells: tuple[Cell, ...]
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
    return {
        LOW: _("rarely or never"),
        PARTIAL: _("sometimes"),
        GOOD: _("often or always"),
    }.get(code or "", "")


# --- cells ---------------------------------------------------------------------------------


def cell(value: Value, format: str, code: str = "") -> Cell:
    """A value with its text in the active language (a hidden one as its short reason)."""
    return Cell(value, display(value, format), format, code)


def display(value: Value, format: str) -> str:
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


def _score(score: Score) -> Cell:
    return cell(score.value, SCORE, score.code)


def _text(text: str) -> Cell:
    return Cell(text, text, TEXT)


# --- the tables ----------------------------------------------------------------------------


def dashboard_tables(dashboard: Dashboard) -> tuple[Table, ...]:
    """The dashboard's tables in the order of the page and the report."""
    tables = [participation_table(dashboard)]
    if not dashboard.scores_released:
        return tuple(tables)
    tables += [
        matrix_table(dashboard),
        work_table(dashboard),
        needs_table(dashboard),
        departments_table(dashboard),
        pressure_table(dashboard),
    ]
    trends = trends_table(dashboard)
    if trends is not None:
        tables.append(trends)
    tables.append(answers_table(dashboard))
    return tuple(tables)


def tables_by_key(dashboard: Dashboard) -> dict[str, Table]:
    return {table.key: table for table in dashboard_tables(dashboard)}


def _responses(row: Participation) -> Cell:
    # While a campaign is open the count is a lower bound: kept as text ("at least 10")
    # so that no spreadsheet mistakes it for the exact number.
    if row.at_least and not isinstance(row.responses, Hidden):
        return _text(row.display_responses)
    return cell(row.responses, COUNT)


def _rate(row: Participation) -> Cell:
    if row.at_least and isinstance(row.rate, float):
        return _text(row.display_rate)
    return cell(row.rate, PERCENT)


def participation_table(dashboard: Dashboard) -> Table:
    rows = tuple(
        Row(
            row.label,
            row.kind,
            (_responses(row), cell(row.headcount, COUNT), _rate(row)),
            note=row.note,
        )
        for row in (*dashboard.departments, dashboard.responses)
    )
    return Table(
        "participation",
        _("Participation by group"),
        _("Group"),
        (
            Column("responses", _("Responses"), COUNT),
            Column("headcount", _("Headcount"), COUNT),
            Column("rate", _("Response rate"), PERCENT),
        ),
        rows,
        tuple(findings.headcount_notes(dashboard)),
    )


def matrix_table(dashboard: Dashboard) -> Table:
    columns = (
        *(
            Column(code, label, SCORE)
            for code, label in zip(SOURCE_CODES, dashboard.matrix_columns, strict=True)
        ),
        Column("all_sources", _("All sources"), SCORE),
    )
    rows = tuple(
        Row(row.label, MEASURE, (*map(_score, row.scores), _score(row.total)), code=row.code)
        for row in dashboard.matrix
    )
    total = Row(
        _("All types"),
        TOTAL,
        (*map(_score, dashboard.sources), _score(dashboard.overall)),
        code="all_types",
    )
    return Table(
        "matrix",
        _("Average score by type of support and source (0–100)"),
        _("Type of support"),
        columns,
        (*rows, total),
        (_bands_note(),),
    )


def _bands_note() -> str:
    return _(
        "Scores run from 0 (never) to 100 (always): below 37.5 the answers were mostly "
        "“rarely or never”, from 37.5 “sometimes”, from 62.5 “often or always”. These "
        "words describe the answers; they are not a norm."
    )


def work_table(dashboard: Dashboard) -> Table:
    scores = (dashboard.overall, dashboard.pressure, dashboard.climate)
    return Table(
        "work",
        _("Overall support, work pressure and team climate (0–100)"),
        _("Measure"),
        (Column("score", _("Average score"), SCORE),),
        tuple(Row(score.label, MEASURE, (_score(score),), code=score.code) for score in scores),
        (
            _(
                "For work pressure a higher score means more pressure; for the other "
                "measures higher is better."
            ),
        ),
    )


def needs_table(dashboard: Dashboard) -> Table:
    rows = tuple(
        Row(
            row.label,
            MEASURE,
            (_score(row.need), _score(row.received), cell(row.gap, DIFFERENCE)),
            code=row.code,
        )
        for row in dashboard.needs
    )
    return Table(
        "needs",
        _("Need for support next to support received (0–100)"),
        _("Type of support"),
        (
            Column("need", _("Need"), SCORE),
            Column("received", _("Received"), SCORE),
            Column("gap", _("Gap (need minus received)"), DIFFERENCE),
        ),
        rows,
    )


def departments_table(dashboard: Dashboard) -> Table:
    notes = {row.label: row.note for row in dashboard.departments}
    return Table(
        "departments",
        _("Average score by department and dimension (0–100)"),
        _("Group"),
        tuple(Column(c.code, c.label, SCORE) for c in dashboard.heatmap_columns),
        tuple(
            Row(row.label, row.kind, tuple(map(_score, row.scores)), note=notes.get(row.label, ""))
            for row in dashboard.heatmap
        ),
        (
            _(
                "Small departments are combined into “other departments” so that no group "
                "below the minimum size is shown; a department may also be hidden so that a "
                "smaller group cannot be worked out from the totals, and a dimension is "
                "hidden for every group when showing it for one would tell what people "
                "answered."
            ),
        ),
    )


def pressure_table(dashboard: Dashboard) -> Table:
    """Pressure and support per group; the remark gives the group's place where pressure
    most exceeds support (rankings.py), no hard threshold."""
    places = {}
    if dashboard.rankings is not None:
        places = {place.label: place for place in dashboard.rankings.pressure_over_support.groups}
    rows = []
    for row in dashboard.pressure_support:
        place = places.get(row.label) if row.kind != ORGANISATION else None
        remark = ""
        if place is not None:
            remark = _("%(rank)s (%(value)s)") % {"rank": place.rank, "value": place.display}
        cells = (_score(row.pressure), _score(row.support), _text(remark))
        rows.append(Row(row.label, row.kind, cells, strong=place is not None))
    return Table(
        "pressure",
        _("Work pressure and overall support by department (0–100)"),
        _("Group"),
        (
            Column("pressure", _("Work pressure"), SCORE),
            Column("overall", _("Overall support"), SCORE),
            Column("place", _("Place by pressure minus support"), TEXT),
        ),
        tuple(rows),
        (dashboard.pressure_support_note,),
    )


def _wave_column(index: int, point: TrendPoint) -> Column:
    date_text = date_format(point.closes_on, "DATE_FORMAT")
    wave = wave_label(point.wave, point.closes_on)
    return Column(f"wave_{index}", point.wave, SCORE, date_text, wave, interval=True)


def _point(code: str, point: TrendPoint) -> Cell:
    """A wave's mean with its interval's bounds; a gap is its reason, in its bounds too."""
    values: tuple[Value, Value, Value] = (point.value, point.low, point.high)
    if point.hidden is not None:
        values = (point.hidden,) * 3
    value, low, high = values
    bounds = (cell(low, BOUND, f"{code}_low"), cell(high, BOUND, f"{code}_high"))
    return Cell(value, display(value, SCORE), SCORE, code, bounds)


def _change(code: str, change: Change | None) -> tuple[Cell, Cell]:
    """The difference from the previous wave with its interval's bounds, and the
    conclusion; a scale the previous wave asked differently is not compared."""
    code = f"{code}_difference"
    values: tuple[Value, Value, Value] = (AskedDifferently(),) * 3
    if change is not None:
        values = (change.difference, change.low, change.high)
    difference, low, high = values
    bounds = (cell(low, INTERVAL, f"{code}_low"), cell(high, INTERVAL, f"{code}_high"))
    conclusion = _text(change.verdict_label) if change is not None else cell(difference, TEXT)
    return Cell(difference, display(difference, DIFFERENCE), DIFFERENCE, code, bounds), conclusion


def _trend_row(trend: Trend, change: Change | None) -> Row:
    cells = (*(_point(trend.code, point) for point in trend.points), *_change(trend.code, change))
    clear = change is not None and change.verdict in ("higher", "lower")
    return Row(trend.label, MEASURE, cells, code=trend.code, strong=clear)


def trends_table(dashboard: Dashboard) -> Table | None:
    """Each compared scale of the whole organisation over the closed waves up to this one,
    a column per wave, then the change since the previous wave; None for the
    organisation's first wave. The change is the comparison's (aggregates/comparison.py):
    this table is also the comparison with the previous wave."""
    if not dashboard.trends:
        return None
    points = dashboard.trends[0].points
    comparison = dashboard.comparison
    changes = {change.code: change for change in comparison.changes} if comparison else {}
    return Table(
        "trends",
        _("Score of the whole organisation per wave, and the change since the previous wave"),
        _("Measure"),
        (
            *(_wave_column(index, point) for index, point in enumerate(points, start=1)),
            Column("difference", _("Change since the previous wave"), DIFFERENCE, interval=True),
            Column("verdict", _("Conclusion"), TEXT),
        ),
        tuple(_trend_row(trend, changes.get(trend.code)) for trend in dashboard.trends),
        (
            _(
                "Each wave's score comes from that wave's own figures: hidden where it was "
                "hidden in that wave, or where that wave's questionnaire asked it differently. "
                "Below each score and each change, its interval (95%). A change is called "
                "clear only when its interval does not include zero; otherwise the difference "
                "may be chance and the table says “no clear change”."
            ),
        ),
    )


def answers_table(dashboard: Dashboard) -> Table:
    """One row per question: its answers in one cell ("Never 3 (10.0%) · ..."), N/A."""
    rows = []
    for item in dashboard.distributions:
        if item.hidden is not None:
            answers = cell(item.hidden, TEXT)
        else:
            answers = _text(
                " · ".join(
                    f"{answer.label} {answer.count} ({answer.display_share})"
                    for answer in item.answers
                )
            )
        rows.append(
            Row(
                item.text,
                MEASURE,
                (answers, cell(item.not_applicable, COUNT)),
                code=item.code,
                note=item.step_label,
            )
        )
    return Table(
        "answers",
        _("Number of people per answer, whole organisation"),
        _("Question"),
        (
            Column("answers", _("Answers"), TEXT),
            Column("not_applicable", dashboard.not_applicable_label, COUNT),
        ),
        tuple(rows),
        (
            _(
                "For the whole organisation only. Neighbouring answers are merged where too "
                "few people gave them, and a question is hidden where the answers were too "
                "alike to keep them anonymous."
            ),
        ),
    )
