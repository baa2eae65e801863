"""Every table of HR's dashboard, defined once: the page, the CSV, the XLSX and the PDF
all render these (templates/hr/_table.html, templates/pdf/_campaign_table.html, and the
exports in hr/exports/). What a table is made of is in table_types.py, the trends table in
trends_table.py. Nothing here computes a figure: every value comes from the Dashboard as it
is, and a hidden one stays hidden.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ...core.aggregates import ORGANISATION, Dashboard, Participation, Score
from ...core.instrument import SOURCE_CODES
from ...core.privacy import Hidden
from . import findings
from .table_types import (
    COUNT,
    DIFFERENCE,
    MEASURE,
    PERCENT,
    SCORE,
    TEXT,
    TOTAL,
    Column,
    Row,
    Table,
    TableCell,
    cell,
    score_cell,
    text_cell,
)
from .trends_table import department_trends_table, trends_table

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
    department_trends = department_trends_table(dashboard)
    if department_trends is not None:
        tables.append(department_trends)
    tables.append(answers_table(dashboard))
    return tuple(tables)


def tables_by_key(dashboard: Dashboard) -> dict[str, Table]:
    return {table.key: table for table in dashboard_tables(dashboard)}


def _responses(row: Participation) -> TableCell:
    # While a campaign is open the count is a lower bound: kept as text ("at least 10")
    # so that no spreadsheet mistakes it for the exact number.
    if row.at_least and not isinstance(row.responses, Hidden):
        return text_cell(row.display_responses)
    return cell(row.responses, COUNT)


def _rate(row: Participation) -> TableCell:
    if row.at_least and isinstance(row.rate, float):
        return text_cell(row.display_rate)
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
        Row(
            row.label, MEASURE, (*map(score_cell, row.scores), score_cell(row.total)), code=row.code
        )
        for row in dashboard.matrix
    )
    total = Row(
        _("All types"),
        TOTAL,
        (*map(score_cell, dashboard.sources), score_cell(dashboard.overall)),
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
    scores: tuple[Score, ...] = (dashboard.overall, dashboard.pressure, dashboard.climate)
    title = _("Overall support, work pressure and team climate (0–100)")
    if dashboard.organisation is not None:
        # Asked from version 3 on: the organisation's support, beside the team's climate.
        scores = (*scores, dashboard.organisation)
        title = _(
            "Overall support, work pressure, team climate and support from the organisation (0–100)"
        )
    return Table(
        "work",
        title,
        _("Measure"),
        (Column("score", _("Average score"), SCORE),),
        tuple(Row(score.label, MEASURE, (score_cell(score),), code=score.code) for score in scores),
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
            (score_cell(row.need), score_cell(row.received), cell(row.gap, DIFFERENCE)),
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
            Row(
                row.label,
                row.kind,
                tuple(map(score_cell, row.scores)),
                note=notes.get(row.label, ""),
            )
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
        cells = (score_cell(row.pressure), score_cell(row.support), text_cell(remark))
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


def answers_table(dashboard: Dashboard) -> Table:
    """One row per question: its answers, or its answer groups, in one cell ("Never 3 (10.0%)
    · ..."), and "not applicable"."""
    rows = []
    for item in dashboard.distributions:
        if item.hidden is not None:
            answers = cell(item.hidden, TEXT)
        else:
            answers = text_cell(
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
                "For the whole organisation only. Where an answer was given by only a few "
                "people, the question's answers are shown in three groups: rarely or never, "
                "sometimes, often or always. A question is hidden where even these groups "
                "could single people out."
            ),
        ),
    )
