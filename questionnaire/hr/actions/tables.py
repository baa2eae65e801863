"""A wave's action plan as tables of hr/dashboard/ (table_types.py), for the XLSX (a sheet
each), the CSV (tidy rows) and the PDF report: this wave's actions, and the previous
wave's with what became of their areas in this one. Each cell's code names the action
(action1_owner), so two actions of one group stay apart in the tidy table."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ...core.aggregates import DEPARTMENT, ORGANISATION
from ..dashboard import (
    DIFFERENCE,
    INTERVAL,
    TEXT,
    Column,
    Row,
    Table,
    TableCell,
    cell,
    text_cell,
)
from .plan import ActionLine, ActionPlan, verdict_words


def _columns(follow_up: bool) -> tuple[Column, ...]:
    columns = [
        Column("area", _("Area"), TEXT),
        Column("what", _("What will be done"), TEXT),
        Column("owner", _("Owner"), TEXT),
        Column("due_on", _("Due on"), TEXT),
        Column("status", _("Status"), TEXT),
        Column("note", _("Note"), TEXT),
    ]
    if follow_up:
        columns += [
            Column("next_wave", _("Compared with"), TEXT),
            Column("change", _("Change"), DIFFERENCE),
            Column("change_low", _("Interval from (95%)"), INTERVAL),
            Column("change_high", _("Interval to (95%)"), INTERVAL),
            Column("verdict", _("What became of the area"), TEXT),
        ]
    return tuple(columns)


def _row(number: int, line: ActionLine, follow_up: bool) -> Row:
    action = line.action
    texts = (line.area, action.what, action.owner, line.due, line.status, action.note)
    cells: list[TableCell] = [text_cell(text) for text in texts]
    if follow_up:
        change = line.change
        if change is None:
            cells += [text_cell(line.later), cell(None, DIFFERENCE)]
            cells += [cell(None, INTERVAL), cell(None, INTERVAL), text_cell(line.follow_up)]
        else:
            verdict = line.follow_up if change.verdict == "hidden" else verdict_words(change)
            cells += [
                text_cell(line.later),
                cell(change.difference, DIFFERENCE),
                cell(change.low, INTERVAL),
                cell(change.high, INTERVAL),
                text_cell(verdict),
            ]
    columns = _columns(follow_up)
    coded = tuple(
        TableCell(c.value, c.text, c.format, f"action{number}_{column.code}")
        for c, column in zip(cells, columns, strict=True)
    )
    kind = ORGANISATION if action.department_id is None else DEPARTMENT
    return Row(line.group, kind, coded, code=f"action{number}")


def actions_table(plan: ActionPlan, *, follow_up: bool = True) -> Table:
    rows = tuple(_row(n, line, follow_up) for n, line in enumerate(plan.actions, start=1))
    return Table(
        "actions", _("Actions planned after this wave"), _("Group"), _columns(follow_up), rows
    )


def previous_actions_table(plan: ActionPlan) -> Table:
    rows = tuple(_row(n, line, True) for n, line in enumerate(plan.previous_actions, start=1))
    title = _("Actions of the previous wave, “%(wave)s”, and what became of their areas") % {
        "wave": plan.previous_name
    }
    return Table("previous_actions", title, _("Group"), _columns(True), rows)


def plan_tables(plan: ActionPlan, *, follow_up: bool = True) -> tuple[Table, ...]:
    """The plan's tables that have rows, the previous wave's first."""
    tables = [previous_actions_table(plan), actions_table(plan, follow_up=follow_up)]
    return tuple(table for table in tables if table.rows)
