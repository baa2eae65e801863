"""A team manager's dashboard: the readers' one `Dashboard`, restricted to their departments.

A manager sees their departments' figures exactly as the readers see them, and the
organisation's for comparison, and nothing else (docs/privacy.md, "Team managers").
So their view is never computed: it is the readers' Dashboard (the same snapshot, the
same partition, the same suppression) with every group row dropped but the organisation's
and those of groups whose members are all among the manager's departments. A department
the readers see hidden keeps its row with the same reason; a group combining it with
other departments, or "no department given", is dropped, and so are its name and figures.
The organisation's own figures (its row, matrix, needs, answers per question, comparison,
trends) are kept as they are. Rankings are the readers' rule over the kept rows: the same
printed values, put in order.

Every table, chart, finding and export is made from the Dashboard, so all of them follow.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Protocol, TypeVar

from .dashboard import rankings_of
from .rows import ORGANISATION, Dashboard, GroupKey
from .series import GroupTrends


class _GroupRow(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def members(self) -> frozenset[GroupKey]: ...


Row = TypeVar("Row", bound=_GroupRow)


def kept(row: _GroupRow, departments: frozenset[int]) -> bool:
    """The organisation's row, and a group's whose members are all the manager's."""
    if row.kind == ORGANISATION:
        return True
    return bool(row.members) and row.members <= departments


def _keep(rows: Iterable[Row], departments: frozenset[int]) -> tuple[Row, ...]:
    return tuple(row for row in rows if kept(row, departments))


def for_departments(dashboard: Dashboard, departments: Iterable[int]) -> Dashboard:
    """The part of `dashboard` a team manager of `departments` may see."""
    scope = frozenset(departments)
    heatmap = _keep(dashboard.heatmap, scope)
    pressure_support = _keep(dashboard.pressure_support, scope)
    rankings = None
    if dashboard.rankings is not None:
        rankings = rankings_of(
            heatmap, pressure_support, dashboard.heatmap_columns, dashboard.overall.label
        )
    return dataclasses.replace(
        dashboard,
        departments=_keep(dashboard.departments, scope),
        heatmap=heatmap,
        pressure_support=pressure_support,
        rankings=rankings,
        group_trends=_group_trends(dashboard.group_trends, scope),
        scope=scope,
    )


def _group_trends(trends: GroupTrends | None, scope: frozenset[int]) -> GroupTrends | None:
    if trends is None:
        return None
    return dataclasses.replace(trends, rows=_keep(trends.rows, scope))
