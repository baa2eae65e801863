"""The frozen figures of a closed campaign (reads and writes apart).

The first time a closed campaign's figures are needed, one grouped query over the stored
score columns (per department: counts, sums, sums of squares, smallest and largest value
per scale) and one over the answers (per department, item and answer: counts) are stored
as its `AggregateSnapshot`, together with the minimum group size k, the organisation's
departments of that day with their headcounts, and the campaign's dates of that day; every
later view and export reads that row.

Freezing is a privacy rule, not only a cache (docs/privacy.md): were the figures computed
again after a respondent deleted their response, after HR changed k or a headcount, or
over today's departments (one added after freezing has no frozen headcount, so "every
headcount known" would stop holding and responses left out before would count), the
figures before and after would differ by exactly what changed.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast

from django.db import IntegrityError, connection, transaction
from django.db.models import (
    Aggregate,
    Count,
    F,
    FloatField,
    Func,
    JSONField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KeyTransform

from ...models import SCORE_FIELDS, AggregateSnapshot, Answer, Campaign, Department, Response
from .. import privacy
from .rows import GroupKey

ItemCounts = dict[str, dict[int | None, int]]  # item -> answer (None: not applicable) -> count
T = TypeVar("T")
_NOT_YET = object()


@dataclass
class Stats:
    """Per group: responses, and per scale the non-null count, sum, sum of squares,
    smallest and largest value."""

    count: int = 0
    n: dict[str, int] = field(default_factory=dict)
    total: dict[str, float] = field(default_factory=dict)
    squares: dict[str, float] = field(default_factory=dict)
    low: dict[str, float] = field(default_factory=dict)
    high: dict[str, float] = field(default_factory=dict)

    def add(self, other: Stats) -> None:
        self.count += other.count
        # Every group and scale of a dashboard is merged here: names bound once, and the
        # extremes as low_of and high_of give them, compared as min and max would.
        n, total, squares, low, high = self.n, self.total, self.squares, self.low, self.high
        other_total, other_squares = other.total, other.squares
        other_low, other_high = other.low, other.high
        for code, count in other.n.items():
            if not count:
                continue
            n[code] = n.get(code, 0) + count
            total[code] = total.get(code, 0.0) + other_total[code]
            squares[code] = squares.get(code, 0.0) + other_squares[code]
            lowest, other_lowest = low.get(code, 100.0), other_low.get(code, 0.0)
            low[code] = other_lowest if other_lowest < lowest else lowest
            highest, other_highest = high.get(code, 0.0), other_high.get(code, 100.0)
            high[code] = other_highest if other_highest > highest else highest

    def low_of(self, code: str) -> float:
        # Figures frozen before the extremes were kept: assume the widest spread.
        return self.low.get(code, 0.0)

    def high_of(self, code: str) -> float:
        return self.high.get(code, 100.0)

    def spread(self, code: str) -> privacy.Spread:
        n = self.n.get(code, 0)
        if not n:
            return privacy.Spread()
        return privacy.Spread(n, self.total[code], self.low_of(code), self.high_of(code))

    def mean(self, code: str) -> float | None:
        n = self.n.get(code, 0)
        return self.total[code] / n if n else None

    def shown_mean(self, code: str) -> float:
        """The mean of a scale a shown group holds values of (it always holds some)."""
        mean = self.mean(code)
        if mean is None:
            raise ValueError(f"no values of {code} to show")
        return mean

    def variance(self, code: str) -> float | None:
        n = self.n.get(code, 0)
        if n < 2:
            return None
        mean = self.total[code] / n
        # Sums of squares of 0-100 scores stay far from float cancellation trouble.
        return max((self.squares[code] - n * mean * mean) / (n - 1), 0.0)


def merged(stats: Iterable[Stats]) -> Stats:
    result = Stats()
    for one in stats:
        result.add(one)
    return result


@dataclass(frozen=True)
class Snapshot:
    """A closed campaign's frozen figures, decoded. Read only: the same one may be kept in
    the process and serve many dashboards (`frozen_figures`)."""

    k: int
    cells: dict[GroupKey, Stats]
    # The answer counts as frozen: rows of department, item, answer and count (figures
    # frozen before answers were counted per department: item, answer and count). Only
    # their sums over the groups that count are read (item_counts), once per dashboard.
    item_rows: list[list[Any]]
    # Headcounts as they were when the figures were frozen (None: not given, or frozen
    # before headcounts were kept).
    headcounts: dict[GroupKey, int | None]
    # The departments the partition is made of: the organisation's departments on the day
    # the figures were frozen, in that day's order; never today's (see departments_of).
    departments: tuple[int, ...] = ()
    # The campaign's dates on that day (None: frozen before they were kept); they place
    # the wave among the others whatever its dates are now.
    dates: tuple[date, date] | None = None
    # The figures' small entries as stored ("dates", "earlier"), read by wave_dates and
    # frozen_earlier.
    entries: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # What is worked out from these figures alone, once per key (`worked_out`).
    _worked_out: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, snapshot: AggregateSnapshot) -> Snapshot:
        return cls.decode(snapshot.min_group_size, snapshot.data)

    @classmethod
    def decode(cls, min_group_size: int, data: Mapping[str, Any]) -> Snapshot:
        cells = {
            cell: Stats(
                count=values["count"],
                n=values["n"],
                total=values["total"],
                squares=values["squares"],
                low=values.get("low", {}),
                high=values.get("high", {}),
            )
            for cell, values in data["cells"]
        }
        headcounts = dict(data.get("headcounts", []))
        dates = data.get("dates")
        return cls(
            min_group_size,
            cells,
            data["items"],
            headcounts,
            departments=departments_of(data, cells),
            dates=(date.fromisoformat(dates[0]), date.fromisoformat(dates[1])) if dates else None,
            entries={key: data[key] for key in ("dates", "earlier") if key in data},
        )

    def item_counts(self, cells: Iterable[GroupKey]) -> ItemCounts:
        """The answer counts of `cells` added up, per item and answer (read only: summed
        once per set of cells, and kept with the snapshot)."""
        wanted = frozenset(cells)
        return self.worked_out(("item counts", wanted), lambda: self._item_counts(wanted))

    def worked_out(self, key: Hashable, work: Callable[[], T]) -> T:
        """`work()`, done once per `key` for these figures and kept with them: for what
        depends on the frozen figures and `key` alone (never on names, the language or the
        viewer), and is only read afterwards."""
        done = self._worked_out.get(key, _NOT_YET)
        if done is _NOT_YET:
            done = self._worked_out[key] = work()
        return cast(T, done)

    def _item_counts(self, wanted: frozenset[GroupKey]) -> ItemCounts:
        rows = self.item_rows
        if rows and len(rows[0]) == 3:
            # Figures frozen before answers were counted per department hold one cell.
            rows = [[None, *row] for row in rows] if None in wanted else []
        # Some forty thousand rows at a hundred departments: summed per (item, answer).
        sums: dict[tuple[str, int | None], int] = {}
        for cell, item, value, count in rows:
            if cell in wanted:
                key = (item, value)
                sums[key] = sums.get(key, 0) + count
        counts: ItemCounts = {}
        for (item, value), count in sums.items():
            counts.setdefault(item, {})[value] = count
        return counts


def departments_of(data: Mapping[str, Any], cells: Iterable[GroupKey]) -> tuple[int, ...]:
    """The departments a snapshot's figures were computed over.

    `headcounts` lists every department of the organisation on the day of freezing (with
    None where no headcount was given), so it is that day's list. Figures frozen before
    headcounts were kept have only their cells: the departments that had responses, a
    list that can no longer change either.
    """
    if "headcounts" in data:
        return tuple(pk for pk, _headcount in data["headcounts"])
    return tuple(cell for cell in cells if isinstance(cell, int))


def _stat_aggregates(codes: Iterable[str]) -> dict[str, Aggregate]:
    aggregates: dict[str, Aggregate] = {"count": Count("pk")}
    for code in codes:
        aggregates[f"n__{code}"] = Count(code)
        aggregates[f"s__{code}"] = Sum(code)
        aggregates[f"q__{code}"] = Sum(F(code) * F(code), output_field=FloatField())
        aggregates[f"lo__{code}"] = Min(code)
        aggregates[f"hi__{code}"] = Max(code)
    return aggregates


def _stats_from_row(row: Mapping[str, Any], codes: Iterable[str]) -> Stats:
    stats = Stats(count=row["count"])
    for code in codes:
        stats.n[code] = row[f"n__{code}"]
        stats.total[code] = row[f"s__{code}"] or 0.0
        stats.squares[code] = row[f"q__{code}"] or 0.0
        if row[f"n__{code}"]:
            stats.low[code] = row[f"lo__{code}"]
            stats.high[code] = row[f"hi__{code}"]
    return stats


@functools.cache
def _stats_per_department() -> QuerySet[Response, Any]:
    """Per department (None = no department), the statistics of every scale, for every
    campaign: made once, because Django takes longer to build its 125 aggregates than the
    database takes to compute them. A campaign's filter, added to a copy, goes into the
    same WHERE clause as when it comes first (a plain column, not an aggregate)."""
    return (
        Response.objects.values("department_id")
        .annotate(**_stat_aggregates(SCORE_FIELDS))
        .order_by()
    )


def _grouped_stats(campaign: Campaign) -> dict[GroupKey, Stats]:
    """One query: per department (None = no department), the statistics of every scale."""
    rows = _stats_per_department().filter(campaign=campaign)
    return {row["department_id"]: _stats_from_row(row, SCORE_FIELDS) for row in rows}


def _item_counts(campaign: Campaign) -> list[list[Any]]:
    """One query over Answer: per department, item and answer, how many gave it."""
    rows = (
        Answer.objects.filter(response__campaign=campaign)
        .values("response__department_id", "item", "value")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [
        [row["response__department_id"], row["item"], row["value"], row["count"]] for row in rows
    ]


def snapshot_get_or_take(campaign: Campaign, *, today: date) -> Snapshot:
    """The frozen figures of a closed campaign, taken now when there are none yet."""
    frozen = frozen_figures(campaign)
    if frozen is not None:
        return frozen
    return Snapshot.load(snapshot_take(campaign, today=today))


# --- the decoded figures kept in the process ----------------------------------------------

# The annotation with_frozen_figures adds: the version of the campaign's snapshot row.
FROZEN_VERSION = "frozen_version"
# Snapshots kept decoded, most recently used last: a dashboard reads its wave's and the
# earlier waves'.
KEPT_SNAPSHOTS = 8
_kept: OrderedDict[tuple[int, str], Snapshot] = OrderedDict()
_kept_lock = threading.Lock()


def _row_version() -> RawSQL:
    """A snapshot row version's identity on PostgreSQL: the transaction and the command in
    it that wrote that version. Changing a row writes a new version, and no two versions of
    rows with the same id share both (an id taken again after a reset sequence is a new
    row, written by another command)."""
    return RawSQL("xmin::text || ':' || cmin::text", (), output_field=TextField())


def with_frozen_figures(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """`campaigns` with their frozen figures' row, in the same query; on PostgreSQL with the
    row's version instead of the figures themselves, which `frozen_figures` then finds kept
    in the process (or reads once)."""
    campaigns = campaigns.select_related("aggregate_snapshot")
    if connection.vendor != "postgresql":
        return campaigns
    version = AggregateSnapshot.objects.filter(campaign_id=OuterRef("pk")).annotate(
        version=_row_version()
    )
    return campaigns.defer("aggregate_snapshot__data").annotate(
        **{FROZEN_VERSION: Subquery(version.values("version")[:1])}
    )


def frozen_figures(campaign: Campaign) -> Snapshot | None:
    """The campaign's frozen figures decoded, None when not frozen. A campaign read through
    `with_frozen_figures` on PostgreSQL gets the copy kept for its snapshot's version, if
    any (read only: shared with every other dashboard of those figures)."""
    try:
        stored = campaign.aggregate_snapshot
    except AggregateSnapshot.DoesNotExist:
        return None
    version = getattr(campaign, FROZEN_VERSION, None)
    if version is None:
        return Snapshot.load(stored)  # read as stored, or on SQLite
    key = (stored.pk, version)
    kept = _kept_copy(key)
    if kept is not None:
        return kept
    if "data" not in stored.get_deferred_fields():
        # Figures and version from the same query.
        return _keep(key, Snapshot.load(stored))
    return _read_and_keep([stored.pk])[stored.pk]


def frozen_figures_read(campaigns: Iterable[Campaign]) -> None:
    """Read, in one query, the frozen figures of those of `campaigns` (read through
    `with_frozen_figures`) that the process does not keep yet: not one query per wave."""
    missing = []
    for campaign in campaigns:
        version = getattr(campaign, FROZEN_VERSION, None)
        if version is not None and _kept_copy((campaign.aggregate_snapshot.pk, version)) is None:
            missing.append(campaign.aggregate_snapshot.pk)
    if missing:
        _read_and_keep(missing)


def _kept_copy(key: tuple[int, str]) -> Snapshot | None:
    with _kept_lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
        return kept


def _keep(key: tuple[int, str], snapshot: Snapshot) -> Snapshot:
    with _kept_lock:
        _kept[key] = snapshot
        while len(_kept) > KEPT_SNAPSHOTS:
            _kept.popitem(last=False)
    return snapshot


def _read_and_keep(pks: list[int]) -> dict[int, Snapshot]:
    """The snapshots' figures, each read with its version and kept under it (whatever
    version the campaigns' query saw)."""
    rows = (
        AggregateSnapshot.objects.filter(pk__in=pks)
        .annotate(version=_row_version())
        .values_list("pk", "version", "min_group_size", "data")
    )
    return {pk: _keep((pk, version), Snapshot.decode(k, data)) for pk, version, k, data in rows}


# The annotations with_frozen_counts adds: the frozen figures' groups, in their order, the
# number of responses of each, and the departments' headcounts.
FROZEN_CELLS = "frozen_cells"
FROZEN_COUNTS = "frozen_counts"
FROZEN_HEADCOUNTS = "frozen_headcounts"


def with_frozen_counts(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """`campaigns` with their frozen figures' row; on PostgreSQL with only what their
    number of responses is worked out from (`frozen_counts`: each group's count and the
    headcounts, taken out of the figures by the database), not the figures themselves:
    the start page lists every wave of every organisation of the user."""
    campaigns = campaigns.select_related("aggregate_snapshot")
    if connection.vendor != "postgresql":
        return campaigns
    data = "aggregate_snapshot__data"
    return campaigns.defer(data).annotate(
        **{
            FROZEN_CELLS: _json_path(data, "$.cells[*][0]"),
            FROZEN_COUNTS: _json_path(data, "$.cells[*][1].count"),
            FROZEN_HEADCOUNTS: KeyTransform("headcounts", data),
        }
    )


def _json_path(field: str, path: str) -> Func:
    """The values at `path` in the JSON of `field`, as one array (in their order)."""
    return Func(
        F(field),
        Value(path),
        function="jsonb_path_query_array",
        output_field=JSONField(),
    )


def frozen_counts(campaign: Campaign) -> Snapshot | None:
    """The campaign's frozen figures as far as counting responses goes (k, each group's
    number of responses, the departments and their headcounts; no scale and no answer),
    None when not frozen. A campaign read without `with_frozen_counts` gets them all."""
    if not hasattr(campaign, FROZEN_CELLS):
        return frozen_figures(campaign)
    try:
        stored = campaign.aggregate_snapshot
    except AggregateSnapshot.DoesNotExist:
        return None
    counts = zip(getattr(campaign, FROZEN_CELLS), getattr(campaign, FROZEN_COUNTS), strict=True)
    cells: dict[GroupKey, Stats] = {cell: Stats(count=count) for cell, count in counts}
    headcounts = getattr(campaign, FROZEN_HEADCOUNTS)
    data = {} if headcounts is None else {"headcounts": headcounts}
    return Snapshot(
        stored.min_group_size,
        cells,
        [],
        dict(headcounts or []),
        departments=departments_of(data, cells),
    )


def forget_kept_figures() -> None:
    """Empty the process's kept figures (the tests' way to read them as a new process)."""
    with _kept_lock:
        _kept.clear()


def is_frozen(campaign: Campaign) -> bool:
    """Whether the campaign's figures are frozen. From then on they are what every output
    shows, even when an administrator moves its dates so that it is open again: figures
    once shown never move (a reopened campaign's new responses never count)."""
    try:
        campaign.aggregate_snapshot  # noqa: B018 (the lookup is the question)
    except AggregateSnapshot.DoesNotExist:
        return False
    return True


def wave_dates(campaign: Campaign) -> tuple[date, date]:
    """When a wave opened and closed, as the waves are ordered by: its dates on the day its
    figures were frozen where they were (so no later date change moves it among the
    waves), otherwise its dates now."""
    dates = _frozen_entry(campaign, "dates")
    if not dates:
        return campaign.opens_on, campaign.closes_on
    return date.fromisoformat(dates[0]), date.fromisoformat(dates[1])


def frozen_earlier(campaign: Campaign) -> frozenset[int] | None:
    """The waves that had closed before this one opened on the day its figures were frozen
    (None: not frozen, or frozen before they were kept)."""
    earlier = _frozen_entry(campaign, "earlier")
    return None if earlier is None else frozenset(earlier)


def _frozen_entry(campaign: Campaign, key: str) -> Any:
    """One entry of the campaign's frozen figures as stored (None: not frozen, or frozen
    before it was kept): from the row as read, or from the copy the process keeps when
    the campaign was read without the figures (`with_frozen_figures`)."""
    try:
        stored = campaign.aggregate_snapshot
    except AggregateSnapshot.DoesNotExist:
        return None
    if "data" not in stored.get_deferred_fields():
        return stored.data.get(key)
    frozen = frozen_figures(campaign)
    return None if frozen is None else frozen.entries.get(key)


def earlier_waves(campaign: Campaign) -> list[Campaign]:
    """The organisation's campaigns that closed before `campaign` opened, oldest first, with
    their frozen figures where taken (one query). Each wave is placed by its dates on the
    day its figures were frozen (wave_dates), so moving a closed wave's dates afterwards
    does not take it out of a later wave's comparison or trends; and a frozen wave follows
    only the waves that preceded it when it was frozen."""
    opens_on = wave_dates(campaign)[0]
    others = with_frozen_figures(
        Campaign.objects.filter(organisation_id=campaign.organisation_id)
        .exclude(pk=campaign.pk)
        .select_related("organisation")
    )
    frozen = frozen_earlier(campaign)
    if frozen is not None:
        others = others.filter(pk__in=frozen)
    frozen_figures_read(others)
    dated = [(wave_dates(wave)[1], wave.pk, wave) for wave in others]
    earlier = sorted((entry for entry in dated if entry[0] < opens_on), key=lambda e: e[:2])
    return [wave for _closes_on, _pk, wave in earlier]


def snapshot_take(campaign: Campaign, *, today: date) -> AggregateSnapshot:
    cells = _grouped_stats(campaign)
    headcounts = Department.objects.filter(organisation_id=campaign.organisation_id)
    data = {
        "cells": [
            [
                cell,
                {
                    "count": s.count,
                    "n": s.n,
                    "total": s.total,
                    "squares": s.squares,
                    "low": s.low,
                    "high": s.high,
                },
            ]
            for cell, s in cells.items()
        ],
        "items": _item_counts(campaign),
        # Every department of that day, also those without responses: the list the
        # partition is made of (departments_of).
        "headcounts": [
            [pk, headcount] for pk, headcount in headcounts.values_list("pk", "headcount")
        ],
        "dates": [campaign.opens_on.isoformat(), campaign.closes_on.isoformat()],
        # The waves this one is compared with and follows in the trends: a wave created
        # afterwards with dates before it does not add a comparison to figures once shown.
        "earlier": [wave.pk for wave in earlier_waves(campaign)],
    }
    # Two first looks at once both compute; the second insert fails on the unique
    # campaign, and both then use the row that was stored first.
    try:
        with transaction.atomic():
            return AggregateSnapshot.objects.create(
                campaign=campaign,
                min_group_size=privacy.k_for(campaign.organisation),
                taken_on=today,
                data=data,
            )
    except IntegrityError:
        return AggregateSnapshot.objects.get(campaign=campaign)


def campaigns_freeze_closed(*, today: date) -> int:
    """Freeze the figures of every closed campaign that has none yet; how many were frozen.

    Run daily (manage.py freeze_closed_campaigns) so the first HR look at a closed wave
    reads stored figures instead of aggregating every answer during the request.
    """
    campaigns = Campaign.objects.filter(
        closes_on__lt=today, aggregate_snapshot__isnull=True
    ).select_related("organisation")
    frozen = 0
    for campaign in campaigns:
        snapshot_take(campaign, today=today)
        frozen += 1
    return frozen
