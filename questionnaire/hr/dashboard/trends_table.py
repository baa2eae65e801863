"""The trends tables: each compared scale of the whole organisation over the closed waves,
a column per wave with each mean's interval, then the change since the previous wave; and
the departments' trends, a row per group and a column per followed scale and wave."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ...core.aggregates import AskedDifferently, Change, Dashboard, GroupTrendRow, Trend, TrendPoint
from .table_types import (
    BOUND,
    DIFFERENCE,
    INTERVAL,
    MEASURE,
    SCORE,
    TEXT,
    CellValue,
    Column,
    Row,
    Table,
    TableCell,
    cell,
    display,
    text_cell,
    wave_label,
)


def _wave_column(index: int, point: TrendPoint) -> Column:
    date_text = date_format(point.closes_on, "DATE_FORMAT")
    wave = wave_label(point.wave, point.closes_on)
    return Column(f"wave_{index}", point.wave, SCORE, date_text, wave, interval=True)


def _point(code: str, point: TrendPoint) -> TableCell:
    """A wave's mean with its interval's bounds; a gap is its reason, in its bounds too."""
    values: tuple[CellValue, CellValue, CellValue] = (point.value, point.low, point.high)
    if point.hidden is not None:
        values = (point.hidden,) * 3
    value, low, high = values
    bounds = (cell(low, BOUND, f"{code}_low"), cell(high, BOUND, f"{code}_high"))
    return TableCell(value, display(value, SCORE), SCORE, code, bounds)


def _change(code: str, change: Change | None, previous: TrendPoint) -> tuple[TableCell, TableCell]:
    """The difference from the previous wave with its interval's bounds, and the
    conclusion; a scale the previous wave asked differently (or did not ask) is not
    compared."""
    code = f"{code}_difference"
    gap = previous.hidden if isinstance(previous.hidden, AskedDifferently) else AskedDifferently()
    values: tuple[CellValue, CellValue, CellValue] = (gap,) * 3
    if change is not None:
        values = (change.difference, change.low, change.high)
    difference, low, high = values
    bounds = (cell(low, INTERVAL, f"{code}_low"), cell(high, INTERVAL, f"{code}_high"))
    conclusion = text_cell(change.verdict_label) if change is not None else cell(difference, TEXT)
    return TableCell(
        difference, display(difference, DIFFERENCE), DIFFERENCE, code, bounds
    ), conclusion


def _trend_row(trend: Trend, change: Change | None) -> Row:
    points = (_point(trend.code, point) for point in trend.points)
    cells = (*points, *_change(trend.code, change, trend.points[-2]))
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


def department_trends_table(dashboard: Dashboard) -> Table | None:
    """The whole organisation's and each department's overall support, work pressure and
    team climate in every closed wave up to this one (aggregates.trends.group_trends): a
    column per measure and wave, each wave's value as that wave showed it. None for the
    organisation's first wave."""
    trends = dashboard.group_trends
    if trends is None:
        return None
    columns = tuple(
        Column(
            f"{code}_wave_{index}",
            _("%(measure)s, “%(wave)s”") % {"measure": label, "wave": wave},
            SCORE,
            date_format(closes_on, "DATE_FORMAT"),
            wave_label(wave, closes_on),
            measure=label,
        )
        for index, (code, label, wave, closes_on) in enumerate(trends.columns, start=1)
    )
    codes = [code for code, _label, _wave, _closes in trends.columns]
    return Table(
        "department_trends",
        _("Scores by department per wave"),
        _("Group"),
        columns,
        tuple(_group_trend_row(row, codes) for row in trends.rows),
        (
            _(
                "Each wave’s score of a department is the one that wave showed: hidden where "
                "it was hidden then, for that wave’s groups and responses. A dash means the "
                "department was not part of that wave. Only measures asked the same way in "
                "both waves are set side by side."
            ),
        ),
    )


def _group_trend_row(row: GroupTrendRow, codes: list[str]) -> Row:
    return Row(
        row.label,
        row.kind,
        tuple(cell(value, SCORE, code) for value, code in zip(row.values, codes, strict=True)),
    )
