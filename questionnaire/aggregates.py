"""Campaign aggregates for HR: everything the dashboard and the exports show (selectors).

`campaign_dashboard(campaign, today=...)` returns one frozen `Dashboard`. The HR page, the
CSV, the XLSX and the PDF all render that same object, so they show the same numbers with
the same suppression. Every figure is either a number or a `privacy.Hidden` whose str()
says why it is not shown; each row object has a `display` text ready for templates
(numbers formatted in the active language, hidden values as their reason).

Labels are resolved in the active language (instrument labels for types, sources and
items, gettext for the rest), so templates loop over rows and never look anything up.

Shape, in template terms::

    dashboard.responses                   Participation of the whole organisation
    dashboard.departments                 Participation rows: each department, "no
                                          department", "other departments combined"
    dashboard.matrix_columns              source labels (colleagues, supervisor, ...)
    dashboard.matrix                      MatrixRow per type: .label, .scores (one Score
                                          per source), .total (the type's Score)
    dashboard.types / .sources            Score rows
    dashboard.overall / .pressure / .climate   Score
    dashboard.needs                       NeedRow: .need, .received (Score), .gap
    dashboard.heatmap_columns             Column: .code, .label, .higher_is_better
    dashboard.heatmap                     GroupRow: .label, .kind, .scores (one per column)
    dashboard.pressure_support            PressureSupportRow: .pressure, .support, .flagged
    dashboard.distributions               ItemDistribution: .text, .answers, .hidden
    dashboard.comparison                  Comparison or None: .previous, .changes (Change)

Individual scores are never returned: every number is a count, a mean over a group, or a
difference of such means, and every group passes through `privacy.suppress`.

Closed campaigns are frozen. The first time a closed campaign's figures are needed,
one grouped query over the stored score columns (counts, sums and sums of squares per
department) and one over the answers (counts per item and answer) are stored as its
`AggregateSnapshot`; every later view and export reads that row. This keeps a respondent
who deletes their response after the figures were shown from being differenced out (the
figures before and after would differ by exactly them), keeps k fixed for figures
already shown, and makes the dashboard cost a constant handful of small queries: the
departments, the snapshot, the previous wave with its snapshot. While a campaign is open
only its number of responses is read (one COUNT).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, F, FloatField, Sum
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import privacy
from .instrument import (
    CHOICES,
    CLIMATE,
    NOT_APPLICABLE_LABEL,
    PRESSURE,
    SOURCES,
    SUPPORT_TYPES,
    comparable_scales,
    instrument,
    translate,
)
from .models import SCORE_FIELDS, AggregateSnapshot, Answer, Campaign, Department, Response
from .privacy import Hidden
from .scoring import GOOD_FROM, PARTIAL_FROM, band

# Kinds of group a row stands for.
ORGANISATION = "organisation"
DEPARTMENT = "department"
NO_DEPARTMENT = "no_department"
OTHER = "other"

# The buffer the fiche describes: support matters most where pressure is high. A group
# is flagged when its pressure is in the high band and its support in the low band.
HIGH_PRESSURE_FROM = GOOD_FROM
LOW_SUPPORT_BELOW = PARTIAL_FROM

# Two-sided 95% interval.
_Z_975 = 1.959963984540054

# The pseudo-scale of response counts: every response counts.
RESPONSES = "responses"

Number = float | int
Value = Number | Hidden | None


def _language() -> str:
    return (translation.get_language() or "en")[:2]


def _format(value: Value, decimals: int = 1, suffix: str = "") -> str:
    if isinstance(value, Hidden):
        return str(value)
    if value is None:
        return "–"
    return number_format(value, decimals) + suffix


@dataclass(frozen=True)
class Score:
    """A mean score (0-100) of one scale for one group, or why it is not shown.

    `value` is a float rounded to one decimal, a `Hidden`, or None when there is no such
    group for this scale (the "other departments" row when no department is combined).
    `members` are the partition cells the value is computed over (department ids, None
    for "no department"); `note` names the departments a combined value covers.
    """

    code: str
    label: str
    value: float | Hidden | None
    members: frozenset = frozenset()
    note: str = ""

    @property
    def shown(self) -> bool:
        return isinstance(self.value, float)

    @property
    def hidden(self) -> Hidden | None:
        return self.value if isinstance(self.value, Hidden) else None

    @property
    def band(self) -> str | None:
        return band(self.value) if self.shown else None

    @property
    def display(self) -> str:
        return _format(self.value)


@dataclass(frozen=True)
class Participation:
    """Responses of one group; `rate` is a percentage of the headcount (None: no headcount).

    While the campaign is open only the organisation row has a number, rounded down to a
    multiple of k (`at_least` is then True: "at least 10").
    """

    label: str
    kind: str
    responses: int | Hidden
    headcount: int | None
    rate: float | Hidden | None
    at_least: bool = False
    members: frozenset = frozenset()
    note: str = ""

    @property
    def display_responses(self) -> str:
        if isinstance(self.responses, int) and self.at_least:
            return _("at least %(count)s") % {"count": self.responses}
        return _format(self.responses, 0)

    @property
    def display_rate(self) -> str:
        if isinstance(self.rate, float) and self.at_least:
            return _("at least %(rate)s") % {"rate": _format(self.rate, 1, "%")}
        return _format(self.rate, 1, "%")


@dataclass(frozen=True)
class MatrixRow:
    """One support type: its score per source (in SOURCES order) and its type score."""

    code: str
    label: str
    scores: tuple[Score, ...]
    total: Score


@dataclass(frozen=True)
class NeedRow:
    """Need for one type of support next to the support received; gap = need - received."""

    code: str
    label: str
    need: Score
    received: Score
    gap: float | Hidden | None

    @property
    def display_gap(self) -> str:
        if isinstance(self.gap, float):
            return number_format(self.gap, 1, force_grouping=False)
        return _format(self.gap)


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    higher_is_better: bool  # False for work pressure


@dataclass(frozen=True)
class GroupRow:
    """One row of the departments x dimensions heatmap (one Score per heatmap column)."""

    label: str
    kind: str
    scores: tuple[Score, ...]


@dataclass(frozen=True)
class PressureSupportRow:
    """Work pressure against overall support for one group; `flagged` where high
    pressure meets low support."""

    label: str
    kind: str
    pressure: Score
    support: Score

    @property
    def flagged(self) -> bool:
        return (
            self.pressure.shown
            and self.support.shown
            and self.pressure.value >= HIGH_PRESSURE_FROM
            and self.support.value < LOW_SUPPORT_BELOW
        )


@dataclass(frozen=True)
class AnswerCount:
    """People who gave one answer (or a merged range of answers, "Never – Rarely");
    `share` is a percentage of those who answered the item with a value."""

    label: str
    count: int
    share: float

    @property
    def display_share(self) -> str:
        return _format(self.share, 1, "%")


@dataclass(frozen=True)
class ItemDistribution:
    """The answers to one item over the whole organisation.

    When `hidden` is set, `answers` is empty. `not_applicable` is a count or Hidden.
    """

    code: str
    text: str
    step_label: str
    answers: tuple[AnswerCount, ...]
    not_applicable: int | Hidden
    hidden: Hidden | None

    @property
    def display_not_applicable(self) -> str:
        return _format(self.not_applicable, 0)


@dataclass(frozen=True)
class Change:
    """One scale compared with the previous wave, organisation-wide.

    `difference` = current - previous with its 95% confidence interval [`low`, `high`]
    (Welch). `verdict` is "higher" or "lower" only when the interval excludes 0,
    otherwise "no_clear_change"; "hidden" when a side is hidden. `better` says whether a
    clear change is an improvement (None when unclear or neither, as for needs).
    """

    code: str
    label: str
    current: float | Hidden
    previous: float | Hidden
    difference: float | Hidden
    low: float | Hidden
    high: float | Hidden
    verdict: str
    better: bool | None

    @property
    def display_current(self) -> str:
        return _format(self.current)

    @property
    def display_previous(self) -> str:
        return _format(self.previous)

    @property
    def display_difference(self) -> str:
        if isinstance(self.difference, float):
            sign = "+" if self.difference > 0 else ""
            return sign + number_format(self.difference, 1)
        return _format(self.difference)

    @property
    def display_interval(self) -> str:
        if isinstance(self.low, float) and isinstance(self.high, float):
            return f"{number_format(self.low, 1)} … {number_format(self.high, 1)}"
        return _format(self.low)

    @property
    def verdict_label(self) -> str:
        return {
            "higher": _("higher than last wave"),
            "lower": _("lower than last wave"),
            "no_clear_change": _("no clear change"),
        }.get(self.verdict) or (
            self.difference.short if isinstance(self.difference, Hidden) else ""
        )


@dataclass(frozen=True)
class Comparison:
    previous: Campaign
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Dashboard:
    """Everything HR sees about one campaign; see the module docstring for the shape."""

    campaign: Campaign
    organisation_name: str
    language: str
    today: date
    status: str  # Campaign.UPCOMING / OPEN / CLOSED
    k: int
    scores_released: bool
    responses: Participation
    departments: tuple[Participation, ...]
    matrix_columns: tuple[str, ...]
    matrix: tuple[MatrixRow, ...]
    types: tuple[Score, ...]
    sources: tuple[Score, ...]
    overall: Score
    pressure: Score
    climate: Score
    needs: tuple[NeedRow, ...]
    heatmap_columns: tuple[Column, ...]
    heatmap: tuple[GroupRow, ...]
    pressure_support: tuple[PressureSupportRow, ...]
    distributions: tuple[ItemDistribution, ...]
    comparison: Comparison | None
    not_applicable_label: str
    pressure_support_note: str


# --- the selector -----------------------------------------------------------------------


def campaign_dashboard(campaign: Campaign, *, today: date) -> Dashboard:
    """The aggregates of `campaign` as HR may see them on `today`, labelled in the active
    language. Scope the campaign to the HR user's organisations before calling this.

    Once the campaign has closed its figures come from its AggregateSnapshot, taken on the
    first call (the only call whose cost grows with the number of responses).
    """
    language = _language()
    organisation = campaign.organisation
    released = privacy.scores_released(campaign, today)
    departments = list(
        Department.objects.filter(organisation=organisation).values_list("pk", "name", "headcount")
    )
    if released:
        snapshot = _snapshot(campaign, today)
        k = snapshot.k
        stats = snapshot.cells
    else:
        k = privacy.k_for(organisation)
        stats = {None: _Stats(count=Response.objects.filter(campaign=campaign).count())}
    groups = _Groups(departments, stats, k, language)

    if released:
        responses, participation = groups.participation()
    else:
        responses, participation = groups.participation_while_open()

    def scale(code: str, label: str) -> Score:
        return groups.total_score(code, label) if released else _closed_score(code, label, k)

    type_labels = [translate(d.label, language) for d in SUPPORT_TYPES]
    source_labels = [translate(d.label, language) for d in SOURCES]
    matrix = tuple(
        MatrixRow(
            code=t.code,
            label=type_label,
            scores=tuple(
                scale(f"{t.code}_{s.code}", f"{type_label} – {source_label}")
                for s, source_label in zip(SOURCES, source_labels, strict=True)
            ),
            total=scale(t.code, type_label),
        )
        for t, type_label in zip(SUPPORT_TYPES, type_labels, strict=True)
    )
    types = tuple(row.total for row in matrix)
    sources = tuple(scale(s.code, label) for s, label in zip(SOURCES, source_labels, strict=True))
    needs = tuple(
        _need_row(row, scale(f"need_{row.code}", _need_label(row.label))) for row in matrix
    )
    columns = _heatmap_columns(type_labels, source_labels)
    heatmap = groups.heatmap(columns) if released else ()
    pressure_support = groups.pressure_support() if released else ()
    distributions = _distributions(campaign, snapshot.items, k, language) if released else ()
    comparison = _comparison(campaign, groups.total, k, language, today) if released else None
    return Dashboard(
        campaign=campaign,
        organisation_name=organisation.name,
        language=language,
        today=today,
        status=campaign.status(today),
        k=k,
        scores_released=released,
        responses=responses,
        departments=participation,
        matrix_columns=tuple(source_labels),
        matrix=matrix,
        types=types,
        sources=sources,
        overall=scale("overall", _("Overall support")),
        pressure=scale(PRESSURE, _("Work pressure")),
        climate=scale(CLIMATE, _("Team climate")),
        needs=needs,
        heatmap_columns=columns,
        heatmap=heatmap,
        pressure_support=pressure_support,
        distributions=distributions,
        comparison=comparison,
        not_applicable_label=translate(NOT_APPLICABLE_LABEL, language),
        pressure_support_note=_(
            "Support buffers stress most where work pressure is high. A group is flagged "
            "when its work pressure is %(pressure)s or more (often or always) and its "
            "overall support is below %(support)s (rarely or never)."
        )
        % {
            "pressure": number_format(HIGH_PRESSURE_FROM, 1),
            "support": number_format(LOW_SUPPORT_BELOW, 1),
        },
    )


# --- statistics from the database ------------------------------------------------------


@dataclass
class _Stats:
    """Per group: responses, and per scale the non-null count, sum and sum of squares."""

    count: int = 0
    n: dict[str, int] = field(default_factory=dict)
    total: dict[str, float] = field(default_factory=dict)
    squares: dict[str, float] = field(default_factory=dict)

    def add(self, other: _Stats) -> None:
        self.count += other.count
        for code, n in other.n.items():
            self.n[code] = self.n.get(code, 0) + n
            self.total[code] = self.total.get(code, 0.0) + other.total[code]
            self.squares[code] = self.squares.get(code, 0.0) + other.squares[code]

    def mean(self, code: str) -> float | None:
        n = self.n.get(code, 0)
        return self.total[code] / n if n else None

    def variance(self, code: str) -> float | None:
        n = self.n.get(code, 0)
        if n < 2:
            return None
        mean = self.total[code] / n
        # Sums of squares of 0-100 scores stay far from float cancellation trouble.
        return max((self.squares[code] - n * mean * mean) / (n - 1), 0.0)


def _stat_aggregates(codes: Iterable[str]) -> dict:
    aggregates: dict = {"count": Count("pk")}
    for code in codes:
        aggregates[f"n__{code}"] = Count(code)
        aggregates[f"s__{code}"] = Sum(code)
        aggregates[f"q__{code}"] = Sum(F(code) * F(code), output_field=FloatField())
    return aggregates


def _stats_from_row(row: dict, codes: Iterable[str]) -> _Stats:
    stats = _Stats(count=row["count"])
    for code in codes:
        stats.n[code] = row[f"n__{code}"]
        stats.total[code] = row[f"s__{code}"] or 0.0
        stats.squares[code] = row[f"q__{code}"] or 0.0
    return stats


def _grouped_stats(campaign: Campaign) -> dict[int | None, _Stats]:
    """One query: per department (None = no department), counts, sums, sums of squares."""
    rows = (
        Response.objects.filter(campaign=campaign)
        .values("department_id")
        .annotate(**_stat_aggregates(SCORE_FIELDS))
        .order_by()
    )
    return {row["department_id"]: _stats_from_row(row, SCORE_FIELDS) for row in rows}


def _item_counts(campaign: Campaign) -> dict[str, dict[int | None, int]]:
    """One query over Answer: how many gave each answer (None = not applicable) per item."""
    counts: dict[str, dict[int | None, int]] = {}
    rows = (
        Answer.objects.filter(response__campaign=campaign)
        .values("item", "value")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts.setdefault(row["item"], {})[row["value"]] = row["count"]
    return counts


@dataclass(frozen=True)
class _Snapshot:
    k: int
    cells: dict[int | None, _Stats]
    items: dict[str, dict[int | None, int]]

    @classmethod
    def load(cls, snapshot: AggregateSnapshot) -> _Snapshot:
        data = snapshot.data
        cells = {
            cell: _Stats(
                count=values["count"],
                n=values["n"],
                total=values["total"],
                squares=values["squares"],
            )
            for cell, values in data["cells"]
        }
        items: dict[str, dict[int | None, int]] = {}
        for item, value, count in data["items"]:
            items.setdefault(item, {})[value] = count
        return cls(snapshot.min_group_size, cells, items)


def _snapshot(campaign: Campaign, today: date) -> _Snapshot:
    """The frozen figures of a closed campaign, taken now when there are none yet."""
    stored = AggregateSnapshot.objects.filter(campaign=campaign).first()
    if stored is None:
        stored = _take_snapshot(campaign, today)
    return _Snapshot.load(stored)


def frozen_response_count(snapshot: AggregateSnapshot) -> int | Hidden:
    """A closed campaign's number of responses as its dashboard shows it, read from its
    frozen figures alone (no query)."""
    loaded = _Snapshot.load(snapshot)
    sizes = {cell: stats.count for cell, stats in loaded.cells.items()}
    suppression = privacy.suppress(sizes, loaded.k)
    return suppression.total if suppression.total_shown else suppression.total_reason()


def freeze_closed_campaigns(*, today: date) -> int:
    """Freeze the figures of every closed campaign that has none yet; how many were frozen.

    Run daily (manage.py freeze_closed_campaigns) so the first HR look at a closed wave
    reads stored figures instead of aggregating every answer during the request.
    """
    campaigns = Campaign.objects.filter(
        closes_on__lt=today, aggregate_snapshot__isnull=True
    ).select_related("organisation")
    frozen = 0
    for campaign in campaigns:
        _take_snapshot(campaign, today)
        frozen += 1
    return frozen


def _take_snapshot(campaign: Campaign, today: date) -> AggregateSnapshot:
    cells = _grouped_stats(campaign)
    items = _item_counts(campaign)
    data = {
        "cells": [
            [cell, {"count": s.count, "n": s.n, "total": s.total, "squares": s.squares}]
            for cell, s in cells.items()
        ],
        "items": [
            [item, value, count]
            for item, by_value in items.items()
            for value, count in by_value.items()
        ],
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


# --- groups and suppression --------------------------------------------------------------


class _Groups:
    """The partition of one campaign (departments + "no department") with its stats, and
    the suppression of each scale over it (computed once per scale, used by every view)."""

    def __init__(self, departments, stats: dict, k: int, language: str):
        self.k = k
        self.language = language
        self.names = {pk: name for pk, name, _headcount in departments}
        self.headcounts = {pk: headcount for pk, _name, headcount in departments}
        # Every department is a cell, with or without responses: an empty department is
        # shown as "fewer than k" like a small one, so emptiness is not told apart.
        self.cells: list[Hashable] = [pk for pk, _name, _headcount in departments]
        for pk in stats:
            if pk is not None and pk not in self.names:
                self.cells.append(pk)  # a department moved to another organisation
                self.names[pk] = _("Unknown department")
                self.headcounts[pk] = None
        self.cells.append(None)
        self.stats = {cell: stats.get(cell, _Stats()) for cell in self.cells}
        self._suppressions: dict[str, privacy.Suppression] = {}
        self.total = _Stats()
        for cell_stats in self.stats.values():
            self.total.add(cell_stats)

    def label(self, cell) -> str:
        return self.names[cell] if cell is not None else _("No department given")

    def size(self, cell, code: str) -> int:
        stats = self.stats[cell]
        return stats.count if code == RESPONSES else stats.n.get(code, 0)

    def suppression(self, code: str) -> privacy.Suppression:
        if code not in self._suppressions:
            self._suppressions[code] = privacy.suppress(
                {cell: self.size(cell, code) for cell in self.cells}, self.k
            )
        return self._suppressions[code]

    def _note(self, cells) -> str:
        names = sorted(self.label(cell) for cell in cells)
        return _("combines: %(names)s") % {"names": ", ".join(names)}

    def _mean(self, stats: Iterable[_Stats], code: str) -> float:
        n = sum(s.n.get(code, 0) for s in stats)
        total = sum(s.total.get(code, 0.0) for s in stats) if n else 0.0
        return round(total / n, 1)

    # scores

    def total_score(self, code: str, label: str) -> Score:
        suppression = self.suppression(code)
        value = (
            self._mean(self.stats.values(), code)
            if suppression.total_shown
            else suppression.total_reason()
        )
        return Score(code, label, value, frozenset(self.cells))

    def cell_score(self, cell, code: str, label: str) -> Score:
        suppression = self.suppression(code)
        reason = suppression.reason(cell)
        value = self._mean([self.stats[cell]], code) if reason is None else reason
        return Score(code, label, value, frozenset([cell]))

    def combined_score(self, code: str, label: str) -> Score:
        suppression = self.suppression(code)
        if not suppression.combined_shown:
            reason = (
                None if suppression.combined_size == 0 else Hidden(privacy.COMPLEMENTARY, self.k)
            )
            if not suppression.shown:
                reason = None  # everything is combined: that is the organisation total
            return Score(code, label, reason, frozenset())
        cells = suppression.combined
        return Score(
            code,
            label,
            self._mean([self.stats[cell] for cell in cells], code),
            frozenset(cells),
            self._note(cells),
        )

    def _has_combined(self, codes: Iterable[str]) -> bool:
        return any(self.suppression(code).combined_shown for code in codes)

    # participation

    def _rate(self, count, cells) -> float | Hidden | None:
        headcounts = [self.headcounts.get(cell) for cell in cells]
        if not headcounts or any(headcount is None for headcount in headcounts):
            return None
        if isinstance(count, Hidden):
            return count
        headcount = sum(headcounts)
        return round(100 * count / headcount, 1) if headcount else None

    def _organisation_headcount(self) -> int | None:
        departments = [cell for cell in self.cells if cell is not None]
        headcounts = [self.headcounts[cell] for cell in departments]
        if not headcounts or any(headcount is None for headcount in headcounts):
            return None
        return sum(headcounts)

    def _organisation_rate(self, count) -> float | Hidden | None:
        headcount = self._organisation_headcount()
        if headcount is None or headcount == 0:
            return None
        if isinstance(count, Hidden):
            return count
        return round(100 * count / headcount, 1)

    def participation(self) -> tuple[Participation, tuple[Participation, ...]]:
        suppression = self.suppression(RESPONSES)
        total_count = suppression.total if suppression.total_shown else suppression.total_reason()
        organisation = Participation(
            label=_("Whole organisation"),
            kind=ORGANISATION,
            responses=total_count,
            headcount=self._organisation_headcount(),
            rate=self._organisation_rate(total_count),
            members=frozenset(self.cells),
        )
        rows = []
        for cell in self.cells:
            reason = suppression.reason(cell)
            count = self.size(cell, RESPONSES) if reason is None else reason
            rows.append(
                Participation(
                    label=self.label(cell),
                    kind=DEPARTMENT if cell is not None else NO_DEPARTMENT,
                    responses=count,
                    headcount=self.headcounts.get(cell),
                    rate=self._rate(count, [cell]) if cell is not None else None,
                    members=frozenset([cell]),
                )
            )
        if suppression.combined_shown:
            cells = suppression.combined
            count = suppression.combined_size
            rows.append(
                Participation(
                    label=_("Other departments combined"),
                    kind=OTHER,
                    responses=count,
                    headcount=None,
                    rate=self._rate(count, cells),
                    members=frozenset(cells),
                    note=self._note(cells),
                )
            )
        return organisation, tuple(rows)

    def participation_while_open(self) -> tuple[Participation, tuple[Participation, ...]]:
        count = privacy.released_count(self.total.count, self.k)
        organisation = Participation(
            label=_("Whole organisation"),
            kind=ORGANISATION,
            responses=count,
            headcount=self._organisation_headcount(),
            rate=self._organisation_rate(count),
            at_least=True,
            members=frozenset(self.cells),
        )
        closed = Hidden(privacy.CAMPAIGN_OPEN, self.k)
        rows = tuple(
            Participation(
                label=self.label(cell),
                kind=DEPARTMENT if cell is not None else NO_DEPARTMENT,
                responses=closed,
                headcount=self.headcounts.get(cell),
                rate=closed if self.headcounts.get(cell) is not None else None,
            )
            for cell in self.cells
        )
        return organisation, rows

    # group views

    def heatmap(self, columns: tuple[Column, ...]) -> tuple[GroupRow, ...]:
        codes = [column.code for column in columns]
        rows = [
            GroupRow(
                self.label(cell),
                DEPARTMENT if cell is not None else NO_DEPARTMENT,
                tuple(self.cell_score(cell, c.code, c.label) for c in columns),
            )
            for cell in self.cells
        ]
        if self._has_combined(codes):
            rows.append(
                GroupRow(
                    _("Other departments combined"),
                    OTHER,
                    tuple(self.combined_score(c.code, c.label) for c in columns),
                )
            )
        rows.append(
            GroupRow(
                _("Whole organisation"),
                ORGANISATION,
                tuple(self.total_score(c.code, c.label) for c in columns),
            )
        )
        return tuple(rows)

    def pressure_support(self) -> tuple[PressureSupportRow, ...]:
        pressure_label, support_label = _("Work pressure"), _("Overall support")
        rows = [
            PressureSupportRow(
                self.label(cell),
                DEPARTMENT if cell is not None else NO_DEPARTMENT,
                self.cell_score(cell, PRESSURE, pressure_label),
                self.cell_score(cell, "overall", support_label),
            )
            for cell in self.cells
        ]
        if self._has_combined([PRESSURE, "overall"]):
            rows.append(
                PressureSupportRow(
                    _("Other departments combined"),
                    OTHER,
                    self.combined_score(PRESSURE, pressure_label),
                    self.combined_score("overall", support_label),
                )
            )
        rows.append(
            PressureSupportRow(
                _("Whole organisation"),
                ORGANISATION,
                self.total_score(PRESSURE, pressure_label),
                self.total_score("overall", support_label),
            )
        )
        return tuple(rows)


def _closed_score(code: str, label: str, k: int) -> Score:
    return Score(code, label, Hidden(privacy.CAMPAIGN_OPEN, k))


def _need_label(type_label: str) -> str:
    return _("Need: %(type)s") % {"type": type_label}


def _need_row(row: MatrixRow, need: Score) -> NeedRow:
    received = row.total
    if need.shown and received.shown:
        gap: float | Hidden | None = round(need.value - received.value, 1)
    else:
        gap = need.hidden or received.hidden
    return NeedRow(row.code, row.label, need, received, gap)


def _heatmap_columns(type_labels, source_labels) -> tuple[Column, ...]:
    return (
        *(Column(t.code, label, True) for t, label in zip(SUPPORT_TYPES, type_labels, strict=True)),
        *(Column(s.code, label, True) for s, label in zip(SOURCES, source_labels, strict=True)),
        Column(PRESSURE, _("Work pressure"), False),
        Column(CLIMATE, _("Team climate"), True),
    )


# --- answer distributions ----------------------------------------------------------------


def _distributions(
    campaign: Campaign, counts: dict[str, dict[int | None, int]], k: int, language: str
) -> tuple[ItemDistribution, ...]:
    """Organisation-level answer distributions per item, coarsened by privacy.coarsen."""
    questions = instrument(campaign.instrument_version)
    choice_labels = [translate(choice.label, language) for choice in CHOICES]
    distributions = []
    for step in questions.steps:
        step_label = translate(step.title, language)
        for item in step.items:
            item_counts = counts.get(item.code, {})
            values = [item_counts.get(choice.value, 0) for choice in CHOICES]
            not_applicable = item_counts.get(None, 0)
            shown_not_applicable: int | Hidden = (
                not_applicable
                if not_applicable == 0 or not_applicable >= k
                else Hidden(privacy.TOO_FEW, k)
            )
            groups = privacy.coarsen(values, k)
            if isinstance(groups, Hidden):
                answers: tuple[AnswerCount, ...] = ()
                hidden: Hidden | None = groups
            else:
                answered = sum(values)
                answers = tuple(
                    AnswerCount(
                        choice_labels[first]
                        if first == last
                        else f"{choice_labels[first]} – {choice_labels[last]}",
                        count,
                        round(100 * count / answered, 1),
                    )
                    for first, last, count in groups
                )
                hidden = None
            distributions.append(
                ItemDistribution(
                    code=item.code,
                    text=translate(item.text, language),
                    step_label=step_label,
                    answers=answers,
                    not_applicable=shown_not_applicable,
                    hidden=hidden,
                )
            )
    return tuple(distributions)


# --- comparison with the previous wave ----------------------------------------------------

# Compared scales: the summary scales, not each of the twelve cells (fewer comparisons,
# fewer changes found by chance).
_COMPARED = (
    "overall",
    *(t.code for t in SUPPORT_TYPES),
    *(s.code for s in SOURCES),
    PRESSURE,
    CLIMATE,
    *(f"need_{t.code}" for t in SUPPORT_TYPES),
)


def respondent_reference(response: Response, *, today: date) -> privacy.Reference | None:
    """Organisation averages a respondent may see next to their own scores, or None.

    The respondent's own campaign once it has closed, otherwise the organisation's latest
    campaign that closed before theirs opened. Both come from the frozen figures HR sees,
    so respondents and HR read the same numbers, and a deletion after closing cannot be
    read off by comparing the averages before and after it.
    """
    if privacy.scores_released(response.campaign, today):
        campaign = response.campaign
    else:
        campaign = (
            Campaign.objects.filter(
                organisation_id=response.campaign.organisation_id,
                closes_on__lt=min(today, response.campaign.opens_on),
            )
            .order_by("-closes_on")
            .first()
        )
    if campaign is None:
        return None
    snapshot = _snapshot(campaign, today)
    k = max(snapshot.k, privacy.k_for(response.campaign.organisation))
    totals = _Stats()
    for cell_stats in snapshot.cells.values():
        totals.add(cell_stats)
    own = campaign.pk == response.campaign_id
    means = {
        code: privacy.reference_mean(
            totals.mean(code),
            totals.n.get(code, 0),
            own_counted=own and getattr(response, code) is not None,
            k=k,
        )
        for code in SCORE_FIELDS
    }
    if all(isinstance(mean, Hidden) for mean in means.values()):
        return None
    return privacy.Reference(campaign=campaign, includes_own_response=own, means=means)


def previous_campaign(campaign: Campaign) -> Campaign | None:
    """The organisation's latest campaign that closed before `campaign` opened."""
    return (
        Campaign.objects.filter(
            organisation_id=campaign.organisation_id, closes_on__lt=campaign.opens_on
        )
        .select_related("aggregate_snapshot", "organisation")
        .order_by("-closes_on", "-pk")
        .first()
    )


def _comparison(
    campaign: Campaign, now: _Stats, k: int, language: str, today: date
) -> Comparison | None:
    previous = previous_campaign(campaign)
    if previous is None:
        return None
    # The previous wave is read from its own frozen figures, so deletions since cannot
    # be differenced out of it either; its k may have been larger.
    try:
        stored = previous.aggregate_snapshot
    except AggregateSnapshot.DoesNotExist:
        stored = _take_snapshot(previous, today)
    before_snapshot = _Snapshot.load(stored)
    before = _Stats()
    for cell_stats in before_snapshot.cells.values():
        before.add(cell_stats)
    k = max(k, before_snapshot.k)
    labels = _scale_labels(language)
    # Waves answered with different instrument versions are compared only on the scales
    # both versions ask the same way.
    comparable = comparable_scales(
        instrument(campaign.instrument_version), instrument(previous.instrument_version)
    )
    return Comparison(
        previous=previous,
        changes=tuple(
            _change(code, labels[code], now, before, k) for code in _COMPARED if code in comparable
        ),
    )


def _scale_labels(language: str) -> dict[str, str]:
    labels = {"overall": _("Overall support"), PRESSURE: _("Work pressure")}
    labels[CLIMATE] = _("Team climate")
    for t in SUPPORT_TYPES:
        labels[t.code] = translate(t.label, language)
        labels[f"need_{t.code}"] = _need_label(translate(t.label, language))
    for s in SOURCES:
        labels[s.code] = translate(s.label, language)
    return labels


def _change(code: str, label: str, now: _Stats, before: _Stats, k: int) -> Change:
    n_now, n_before = now.n.get(code, 0), before.n.get(code, 0)
    current: float | Hidden = round(now.mean(code), 1) if n_now >= k else Hidden(privacy.TOO_FEW, k)
    previous: float | Hidden = (
        round(before.mean(code), 1) if n_before >= k else Hidden(privacy.TOO_FEW, k)
    )
    if isinstance(current, Hidden) or isinstance(previous, Hidden):
        hidden = current if isinstance(current, Hidden) else previous
        return Change(code, label, current, previous, hidden, hidden, hidden, "hidden", None)
    difference = now.mean(code) - before.mean(code)
    low, high = _welch_interval(
        difference, now.variance(code), n_now, before.variance(code), n_before
    )
    if low > 0:
        verdict = "higher"
    elif high < 0:
        verdict = "lower"
    else:
        verdict = "no_clear_change"
    better = None
    if verdict != "no_clear_change" and not code.startswith("need_"):
        better = (verdict == "higher") != (code == PRESSURE)
    return Change(
        code,
        label,
        current,
        previous,
        round(difference, 1),
        round(low, 1),
        round(high, 1),
        verdict,
        better,
    )


def _welch_interval(difference, var_a, n_a, var_b, n_b) -> tuple[float, float]:
    """95% interval of a difference of two means with unequal variances (Welch).

    Uses Welch-Satterthwaite degrees of freedom and a t quantile from its Cornish-Fisher
    expansion around the normal one (close to the exact value from 3 degrees of freedom
    on; the normal approximation alone would be too narrow for groups of five).
    """
    se_a, se_b = var_a / n_a, var_b / n_b
    standard_error = math.sqrt(se_a + se_b)
    if standard_error == 0:
        return difference, difference
    df_denominator = se_a**2 / (n_a - 1) + se_b**2 / (n_b - 1)
    df = (se_a + se_b) ** 2 / df_denominator if df_denominator else math.inf
    margin = _t_975(df) * standard_error
    return difference - margin, difference + margin


def _t_975(df: float) -> float:
    z = _Z_975
    if math.isinf(df):
        return z
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * df**4)
    )
