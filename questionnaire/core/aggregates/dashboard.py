"""The HR dashboard of one campaign: `campaign_dashboard` builds the `Dashboard` that the
page and every export render (see the package docstring for its shape)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from django.db.models import Count
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ...models import Campaign, Response
from .. import privacy
from ..gc_pace import fewer_collections
from ..instrument import (
    CLIMATE,
    NOT_APPLICABLE_LABEL,
    ORGANISATION_SUPPORT,
    OVERALL,
    PRESSURE,
    SOURCES,
    SUPPORT_TYPES,
    instrument,
    need_code,
    translate,
)
from ..languages import active_language
from ..privacy import Hidden
from .comparison import comparison
from .departments import DepartmentRows, current_departments, current_names
from .groups import ClosedWaves, Groups, ShownGroup, closed_groups, sum_known
from .labels import scale_labels
from .rankings import Candidate, Rankings, pressure_over_support, ranking
from .rows import (
    DEPARTMENT,
    HIGH_PRESSURE_FROM,
    LOW_SUPPORT_BELOW,
    NO_DEPARTMENT,
    ORGANISATION,
    Comparison,
    Dashboard,
    GroupKey,
    GroupRow,
    HeatmapColumn,
    ItemDistribution,
    MatrixRow,
    NeedRow,
    Participation,
    PressureSupportRow,
    Score,
)
from .series import GroupTrends, Trend
from .snapshot import frozen_counts, is_frozen
from .trends import group_trends, organisation_trends

ScaleScore = Callable[[str, str], Score]  # (code, label) -> the Score of one group


def campaign_dashboard(campaign: Campaign, *, today: date) -> Dashboard:
    """The aggregates of `campaign` as HR may see them on `today`, labelled in the active
    language. Scope the campaign to the HR user's organisations before calling this.

    Once the campaign has closed its figures come from its snapshot, taken on the first
    call (the only call whose cost grows with the number of responses).
    """
    # Every group's scores, rows and verdicts are many small objects kept until the end.
    with fewer_collections():
        return _campaign_dashboard(campaign, today)


def _campaign_dashboard(campaign: Campaign, today: date) -> Dashboard:
    if not is_frozen(campaign) and not privacy.scores_released(campaign, today):
        return _open_dashboard(campaign, current_departments(campaign.organisation_id), today)
    # A closed campaign's rows are its snapshot's departments; today's only name them.
    names = current_names(campaign.organisation_id)
    groups, distributions = closed_groups(campaign, names, today=today)
    waves = ClosedWaves(names, today=today)
    waves.keep(campaign, groups)
    responses, participation = groups.participation()
    return _dashboard(
        campaign,
        today,
        groups.k,
        responses=responses,
        departments=participation,
        scale=groups.total_score,
        groups=groups,
        distributions=distributions,
        comparison=comparison(campaign, groups, waves),
        trends=organisation_trends(campaign, groups, waves),
        group_trends=group_trends(campaign, groups, waves),
        closed_waves=waves,
    )


def _open_dashboard(campaign: Campaign, departments: DepartmentRows, today: date) -> Dashboard:
    k = privacy.k_for(campaign.organisation)
    responses, participation = _participation_while_open(campaign, departments, k)

    def closed(code: str, label: str) -> Score:
        return Score(code, label, Hidden(privacy.CAMPAIGN_OPEN, k))

    return _dashboard(
        campaign,
        today,
        k,
        responses=responses,
        departments=participation,
        scale=closed,
        groups=None,
        distributions=(),
        comparison=None,
    )


def _dashboard(
    campaign: Campaign,
    today: date,
    k: int,
    *,
    responses: Participation,
    departments: tuple[Participation, ...],
    scale: ScaleScore,
    groups: Groups | None,
    distributions: tuple[ItemDistribution, ...],
    comparison: Comparison | None,
    trends: tuple[Trend, ...] = (),
    group_trends: GroupTrends | None = None,
    closed_waves: ClosedWaves | None = None,
) -> Dashboard:
    language = active_language()
    labels = scale_labels(language)
    matrix = _matrix(scale, labels)
    asks_organisation = instrument(campaign.instrument_version).asks(ORGANISATION_SUPPORT)
    columns = _heatmap_columns(labels, organisation=asks_organisation)
    heatmap = _heatmap(groups, columns) if groups else ()
    pressure_support = _pressure_support(groups, labels) if groups else ()
    return Dashboard(
        campaign=campaign,
        organisation_name=campaign.organisation.name,
        language=language,
        today=today,
        status=campaign.status(today),
        k=k,
        scores_released=groups is not None,
        responses=responses,
        departments=departments,
        matrix_columns=tuple(labels[s.code] for s in SOURCES),
        matrix=matrix,
        types=tuple(row.total for row in matrix),
        sources=tuple(scale(s.code, labels[s.code]) for s in SOURCES),
        overall=scale(OVERALL, labels[OVERALL]),
        pressure=scale(PRESSURE, labels[PRESSURE]),
        climate=scale(CLIMATE, labels[CLIMATE]),
        needs=tuple(
            _need_row(row, scale(need_code(row.code), labels[need_code(row.code)]))
            for row in matrix
        ),
        heatmap_columns=columns,
        heatmap=heatmap,
        pressure_support=pressure_support,
        distributions=distributions,
        comparison=comparison,
        not_applicable_label=translate(NOT_APPLICABLE_LABEL, language),
        pressure_support_note=_pressure_support_note(),
        open_link=campaign.access == Campaign.OPEN_LINK,
        rankings=rankings_of(heatmap, pressure_support, columns, labels[OVERALL])
        if groups
        else None,
        trends=trends,
        group_trends=group_trends,
        closed_waves=closed_waves,
        organisation=scale(ORGANISATION_SUPPORT, labels[ORGANISATION_SUPPORT])
        if asks_organisation
        else None,
    )


def _matrix(scale: ScaleScore, labels: Mapping[str, str]) -> tuple[MatrixRow, ...]:
    """One row per support type: its cell per source, and the type's own score."""
    return tuple(
        MatrixRow(
            code=t.code,
            label=labels[t.code],
            scores=tuple(
                scale(f"{t.code}_{s.code}", f"{labels[t.code]} – {labels[s.code]}") for s in SOURCES
            ),
            total=scale(t.code, labels[t.code]),
        )
        for t in SUPPORT_TYPES
    )


def _pressure_support_note() -> str:
    return _(
        "Support buffers stress most where work pressure is high. The shaded corner is "
        "work pressure of %(pressure)s or more (often or always) with overall support "
        "below %(support)s (rarely or never); the groups where pressure most exceeds "
        "support are listed with the rankings, whatever their values."
    ) % {
        "pressure": number_format(HIGH_PRESSURE_FROM, 1),
        "support": number_format(LOW_SUPPORT_BELOW, 1),
    }


def _participation_while_open(
    campaign: Campaign, departments: DepartmentRows, k: int
) -> tuple[Participation, tuple[Participation, ...]]:
    """The organisation's count rounded down to a multiple of k, and each department's
    (and "no department given") from k + 1 on in steps of k (privacy rule 7), each "at
    least"; rates from those rounded counts."""
    counts = dict(
        Response.objects.filter(campaign=campaign)
        .order_by()
        .values_list("department")
        .annotate(count=Count("pk"))
    )
    count = privacy.released_count(sum(counts.values()), k)
    headcount = sum_known([headcount for _pk, _name, headcount in departments])
    organisation = Participation(
        label=_("Whole organisation"),
        kind=ORGANISATION,
        responses=count,
        headcount=headcount,
        rate=_rate_while_open(count, headcount),
        at_least=True,
    )
    rows = [
        _open_group(name, DEPARTMENT, counts.get(pk, 0), headcount, k, pk)
        for pk, name, headcount in departments
    ]
    no_department = _("No department given")
    rows.append(_open_group(no_department, NO_DEPARTMENT, counts.get(None, 0), None, k, None))
    return organisation, tuple(rows)


def _open_group(
    label: str, kind: str, count: int, headcount: int | None, k: int, cell: GroupKey
) -> Participation:
    released = privacy.released_group_count(count, k)
    rate = _rate_while_open(released, headcount)
    members = frozenset([cell])
    return Participation(label, kind, released, headcount, rate, at_least=True, members=members)


def _rate_while_open(count: int | Hidden, headcount: int | None) -> float | Hidden | None:
    if not headcount:
        return None
    return count if isinstance(count, Hidden) else round(100 * count / headcount, 1)


def frozen_response_count(campaign: Campaign) -> int | Hidden:
    """A frozen campaign's number of responses as its dashboard shows it, read from its
    frozen figures alone (no query when read with `with_frozen_counts`)."""
    loaded = frozen_counts(campaign)
    if loaded is None:
        raise ValueError(f"the figures of {campaign} are not frozen")
    # Over the snapshot's departments, as the dashboard counts (names do not count).
    names: dict[GroupKey, str] = dict.fromkeys(loaded.departments, "")
    groups = Groups(names=names, stats=loaded.cells, headcounts=loaded.headcounts, k=loaded.k)
    return groups.participation()[0].responses


# --- the group rows ---------------------------------------------------------------------


def _heatmap(groups: Groups, columns: tuple[HeatmapColumn, ...]) -> tuple[GroupRow, ...]:
    def scores(group: ShownGroup) -> tuple[Score, ...]:
        return tuple(groups.score(group, column.code, column.label) for column in columns)

    return tuple(
        GroupRow(group.label, group.kind, scores(group), group.members)
        for group in groups.shown_groups()
    )


def _pressure_support(groups: Groups, labels: Mapping[str, str]) -> tuple[PressureSupportRow, ...]:
    pressure, support = labels[PRESSURE], labels[OVERALL]
    return tuple(
        PressureSupportRow(
            group.label,
            group.kind,
            groups.score(group, PRESSURE, pressure),
            groups.score(group, OVERALL, support),
            group.members,
        )
        for group in groups.shown_groups()
    )


def rankings_of(
    heatmap: tuple[GroupRow, ...],
    pressure_support: tuple[PressureSupportRow, ...],
    columns: tuple[HeatmapColumn, ...],
    overall_label: str,
) -> Rankings:
    """Per dimension the first places among the groups' shown values (the organisation
    is not a group to rank); see rankings.py."""

    def candidate(label: str, kind: str, score: Score) -> Candidate:
        return Candidate(label, kind, score.number, score.note)

    rows = [row for row in heatmap if row.kind != ORGANISATION]
    pairs = [
        (candidate(r.label, r.kind, r.pressure), candidate(r.label, r.kind, r.support))
        for r in pressure_support
        if r.kind != ORGANISATION
    ]
    dimensions = [
        ranking(
            column.code,
            column.label,
            (candidate(row.label, row.kind, row.scores[index]) for row in rows),
            highest=not column.higher_is_better,
        )
        for index, column in enumerate(columns)
    ]
    dimensions.append(ranking(OVERALL, overall_label, (support for _p, support in pairs)))
    gap_label = _("Work pressure minus overall support")
    return Rankings(tuple(dimensions), pressure_over_support("pressure_gap", gap_label, pairs))


def _need_row(row: MatrixRow, need: Score) -> NeedRow:
    received = row.total
    needed, got = need.number, received.number
    if needed is not None and got is not None:
        gap: float | Hidden | None = round(needed - got, 1)
    else:
        gap = need.hidden or received.hidden
    return NeedRow(row.code, row.label, need, received, gap)


def _heatmap_columns(labels: Mapping[str, str], *, organisation: bool) -> tuple[HeatmapColumn, ...]:
    """The heat map's dimensions; the organisation's support only where the campaign's
    questionnaire asks it."""
    shown = (ORGANISATION_SUPPORT,) if organisation else ()
    return (
        *(HeatmapColumn(t.code, labels[t.code], True) for t in SUPPORT_TYPES),
        *(HeatmapColumn(s.code, labels[s.code], True) for s in SOURCES),
        HeatmapColumn(PRESSURE, labels[PRESSURE], False),
        HeatmapColumn(CLIMATE, labels[CLIMATE], True),
        *(HeatmapColumn(code, labels[code], True) for code in shown),
    )
