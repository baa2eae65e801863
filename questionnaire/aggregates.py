"""Campaign aggregates for HR: everything the dashboard and the exports show (selectors).

`campaign_dashboard(campaign, today=...)` returns one frozen `Dashboard`. The HR page, the
CSV, the XLSX and the PDF all render that same object, so they show the same numbers with
the same suppression. The rows are defined in aggregate_rows, the groups and their
figures in groups (the one partition of privacy rules 1-6), the frozen figures in
snapshots. Labels are resolved in the active language, so templates loop over rows and
never look anything up.

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

A closed campaign's figures come from its frozen snapshot (snapshots.py): the dashboard
costs a constant handful of small queries. While a campaign is open only its number of
responses is read (one COUNT).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from functools import partial

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import privacy
from .aggregate_rows import (
    DEPARTMENT,
    HIGH_PRESSURE_FROM,
    LOW_SUPPORT_BELOW,
    NO_DEPARTMENT,
    ORGANISATION,
    OTHER,
    RESPONSES,
    AnswerCount,
    Change,
    Column,
    Comparison,
    Dashboard,
    GroupRow,
    ItemDistribution,
    MatrixRow,
    NeedRow,
    Participation,
    PressureSupportRow,
    Score,
)
from .groups import OVERALL, PRIMARY, Groups
from .instrument import (
    CHOICES,
    CLIMATE,
    NEED,
    NOT_APPLICABLE_LABEL,
    PRESSURE,
    SOURCES,
    SUPPORT_TYPES,
    comparable_scales,
    instrument,
    need_code,
    translate,
)
from .languages import active_language
from .models import SCORE_FIELDS, Campaign, Department, Response
from .privacy import Hidden
from .snapshots import Snapshot, snapshot_get_or_take

__all__ = [
    "DEPARTMENT",
    "NO_DEPARTMENT",
    "ORGANISATION",
    "OTHER",
    "RESPONSES",
    "campaign_dashboard",
    "frozen_response_count",
    "previous_campaign",
    "respondent_reference",
]

# Two-sided 95% interval.
_Z_975 = 1.959963984540054


# --- the selector -----------------------------------------------------------------------


def campaign_dashboard(campaign: Campaign, *, today: date) -> Dashboard:
    """The aggregates of `campaign` as HR may see them on `today`, labelled in the active
    language. Scope the campaign to the HR user's organisations before calling this.

    Once the campaign has closed its figures come from its snapshot, taken on the first
    call (the only call whose cost grows with the number of responses).
    """
    departments = list(
        Department.objects.filter(organisation=campaign.organisation).values_list(
            "pk", "name", "headcount"
        )
    )
    if not privacy.scores_released(campaign, today):
        return _open_dashboard(campaign, departments, today)
    snapshot = snapshot_get_or_take(campaign, today=today)
    groups = _groups(snapshot, departments)
    distributions = _distributions(campaign, snapshot, groups)
    groups.set_bounds(_bounds(campaign, distributions))
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
        comparison=_comparison(campaign, groups, departments, today),
    )


def _groups(snapshot: Snapshot, departments) -> Groups:
    names = {pk: name for pk, name, _headcount in departments}
    names[None] = ""
    return Groups(names=names, stats=snapshot.cells, headcounts=snapshot.headcounts, k=snapshot.k)


def _open_dashboard(campaign: Campaign, departments, today: date) -> Dashboard:
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
    campaign, today, k, *, responses, departments, scale, groups, distributions, comparison
) -> Dashboard:
    language = active_language()
    labels = scale_labels(language)
    type_labels = [labels[t.code] for t in SUPPORT_TYPES]
    source_labels = [labels[s.code] for s in SOURCES]
    matrix = tuple(
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
    columns = _heatmap_columns(type_labels, source_labels)
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
        matrix_columns=tuple(source_labels),
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
        heatmap=_heatmap(groups, columns) if groups else (),
        pressure_support=_pressure_support(groups, labels) if groups else (),
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
        open_link=campaign.access == Campaign.OPEN_LINK,
    )


def _participation_while_open(
    campaign: Campaign, departments, k: int
) -> tuple[Participation, tuple[Participation, ...]]:
    """Only the organisation's count, rounded down to a multiple of k (privacy rule 7)."""
    count = privacy.released_count(Response.objects.filter(campaign=campaign).count(), k)
    headcounts = [headcount for _pk, _name, headcount in departments]
    headcount = sum(headcounts) if headcounts and None not in headcounts else None
    rate: float | Hidden | None = None
    if headcount:
        rate = count if isinstance(count, Hidden) else round(100 * count / headcount, 1)
    organisation = Participation(
        label=_("Whole organisation"),
        kind=ORGANISATION,
        responses=count,
        headcount=headcount,
        rate=rate,
        at_least=True,
    )
    closed = Hidden(privacy.CAMPAIGN_OPEN, k)
    rows = [
        Participation(name, DEPARTMENT, closed, headcount, closed if headcount else None)
        for _pk, name, headcount in departments
    ]
    rows.append(Participation(_("No department given"), NO_DEPARTMENT, closed, None, None))
    return organisation, tuple(rows)


def frozen_response_count(snapshot) -> int | Hidden:
    """A closed campaign's number of responses as its dashboard shows it, read from its
    frozen figures alone (no query)."""
    loaded = Snapshot.load(snapshot)
    names = {cell: "" for cell in loaded.cells}
    groups = Groups(names=names, stats=loaded.cells, headcounts=loaded.headcounts, k=loaded.k)
    return groups.participation()[0].responses


# --- the group rows ---------------------------------------------------------------------


def _rows_of(groups: Groups):
    """Every group a row is shown for, in order: each department and "no department", the
    departments combined (when shown), the whole organisation; as (label, kind, score),
    score(code, label) giving that group's Score."""
    for cell in groups.cells:
        kind = DEPARTMENT if cell is not None else NO_DEPARTMENT
        yield groups.label(cell), kind, partial(groups.cell_score, cell)
    if groups.has_combined:
        yield _("Other departments combined"), OTHER, groups.combined_score
    yield _("Whole organisation"), ORGANISATION, groups.total_score


def _heatmap(groups: Groups, columns: tuple[Column, ...]) -> tuple[GroupRow, ...]:
    return tuple(
        GroupRow(label, kind, tuple(score(c.code, c.label) for c in columns))
        for label, kind, score in _rows_of(groups)
    )


def _pressure_support(groups: Groups, labels: Mapping[str, str]) -> tuple[PressureSupportRow, ...]:
    pressure, support = labels[PRESSURE], labels[OVERALL]
    return tuple(
        PressureSupportRow(label, kind, score(PRESSURE, pressure), score(OVERALL, support))
        for label, kind, score in _rows_of(groups)
    )


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


# --- answer distributions ----------------------------------------------------------------


def _distributions(
    campaign: Campaign, snapshot: Snapshot, groups: Groups
) -> tuple[ItemDistribution, ...]:
    """Organisation-level answer distributions per item, over the cells that count, as
    privacy.distribution allows them."""
    language = active_language()
    counts: dict[str, dict[int | None, int]] = {}
    for cell in groups.included:
        for item, by_value in snapshot.items.get(cell, {}).items():
            item_counts = counts.setdefault(item, {})
            for value, count in by_value.items():
                item_counts[value] = item_counts.get(value, 0) + count
    questions = instrument(campaign.instrument_version)
    choice_labels = [translate(choice.label, language) for choice in CHOICES]
    distributions = []
    for step in questions.steps:
        step_label = translate(step.title, language)
        for item in step.items:
            item_counts = counts.get(item.code, {})
            values = [item_counts.get(choice.value, 0) for choice in CHOICES]
            not_applicable = item_counts.get(None, 0)
            skipped = groups.total.count - sum(values) - not_applicable
            hidden = privacy.distribution(values, not_applicable, groups.k, skipped=skipped)
            answered = sum(values)
            answers = (
                ()
                if hidden
                else tuple(
                    AnswerCount(label, count, round(100 * count / answered, 1))
                    for label, count in zip(choice_labels, values, strict=True)
                )
            )
            distributions.append(
                ItemDistribution(
                    code=item.code,
                    text=translate(item.text, language),
                    step_label=step_label,
                    answers=answers,
                    not_applicable=hidden or not_applicable,
                    hidden=hidden,
                )
            )
    return tuple(distributions)


def _bounds(
    campaign: Campaign, distributions: tuple[ItemDistribution, ...]
) -> dict[str, tuple[float, float]]:
    """Per primary scale, the lowest and highest value anyone can have as far as the shown
    distributions tell (a scale's value is a mean of its items' scores)."""
    questions = instrument(campaign.instrument_version)
    shown = {d.code: d for d in distributions if d.hidden is None}
    bounds = {}
    for code, items in questions.scales().items():
        if code not in PRIMARY:
            continue
        lows, highs = [], []
        for item_code in items:
            distribution = shown.get(item_code)
            if distribution is None:
                lows.append(0.0)
                highs.append(100.0)
                continue
            given = [c.value for c, a in zip(CHOICES, distribution.answers, strict=True) if a.count]
            scores = [100 - v if questions.item(item_code).reverse else v for v in given]
            lows.append(float(min(scores)))
            highs.append(float(max(scores)))
        bounds[code] = (min(lows), max(highs))
    return bounds


# --- comparison with the previous wave ----------------------------------------------------

# Compared scales: the summary scales, not each of the twelve cells (fewer comparisons,
# fewer changes found by chance).
_COMPARED = (
    OVERALL,
    *(t.code for t in SUPPORT_TYPES),
    *(s.code for s in SOURCES),
    PRESSURE,
    CLIMATE,
    *(need_code(t.code) for t in SUPPORT_TYPES),
)


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


def _closed_groups(campaign: Campaign, departments, today: date) -> Groups:
    """A closed campaign's groups with their shown values, bounds included."""
    snapshot = snapshot_get_or_take(campaign, today=today)
    groups = _groups(snapshot, departments)
    groups.set_bounds(_bounds(campaign, _distributions(campaign, snapshot, groups)))
    return groups


def _comparison(campaign: Campaign, now: Groups, departments, today: date) -> Comparison | None:
    previous = previous_campaign(campaign)
    if previous is None:
        return None
    # The previous wave is read from its own frozen figures, with its own k, so deletions
    # since cannot be differenced out of it either.
    before = _closed_groups(previous, departments, today)
    labels = scale_labels(active_language())
    # Waves answered with different instrument versions are compared only on the scales
    # both versions ask the same way.
    comparable = comparable_scales(
        instrument(campaign.instrument_version), instrument(previous.instrument_version)
    )
    return Comparison(
        previous=previous,
        changes=tuple(
            _change(code, labels[code], now, before) for code in _COMPARED if code in comparable
        ),
    )


def scale_labels(language: str) -> dict[str, str]:
    """Every scale's label in `language`."""
    labels = {OVERALL: _("Overall support"), PRESSURE: _("Work pressure")}
    labels[CLIMATE] = _("Team climate")
    for t in SUPPORT_TYPES:
        labels[t.code] = translate(t.label, language)
        labels[need_code(t.code)] = _need_label(translate(t.label, language))
    for s in SOURCES:
        labels[s.code] = translate(s.label, language)
    return labels


def _change(code: str, label: str, now: Groups, before: Groups) -> Change:
    """The shown values of both waves, their difference, and its 95% interval (Welch, from
    the spread of the stored scores of the responses that count)."""
    current = now.total_score(code, label).value
    previous = before.total_score(code, label).value
    if not isinstance(current, float) or not isinstance(previous, float):
        hidden = current if isinstance(current, Hidden) else previous
        return Change(code, label, current, previous, hidden, hidden, hidden, "hidden", None)
    # From the rounded values shown: the difference adds no precision to them.
    difference = round(current - previous, 1)
    low, high = _welch_interval(
        difference,
        now.total.variance(code) or 0.0,
        now.total.n.get(code, 0),
        before.total.variance(code) or 0.0,
        before.total.n.get(code, 0),
    )
    if low > 0:
        verdict = "higher"
    elif high < 0:
        verdict = "lower"
    else:
        verdict = "no_clear_change"
    better = None
    if verdict != "no_clear_change" and not code.startswith(f"{NEED}_"):
        better = (verdict == "higher") != (code == PRESSURE)
    return Change(
        code, label, current, previous, difference, round(low, 1), round(high, 1), verdict, better
    )


# --- what a respondent may compare with -----------------------------------------------------


def respondent_reference(response: Response, *, today: date) -> privacy.Reference | None:
    """Organisation averages a respondent may see next to their own scores, or None.

    The respondent's own campaign once it has closed, otherwise the organisation's latest
    campaign that closed before theirs opened. Both are the whole organisation's figures as
    HR sees them (frozen, with k responses besides one the reader may know: their own).
    """
    if privacy.scores_released(response.campaign, today):
        campaign = response.campaign
    else:
        campaign = previous_campaign(response.campaign)
        if campaign is not None and campaign.closes_on >= today:
            campaign = None
    if campaign is None:
        return None
    departments = Department.objects.filter(organisation_id=campaign.organisation_id).values_list(
        "pk", "name", "headcount"
    )
    groups = _closed_groups(campaign, list(departments), today)
    means = groups.reference_means(SCORE_FIELDS)
    if all(isinstance(mean, Hidden) for mean in means.values()):
        return None
    own = campaign.pk == response.campaign_id
    return privacy.Reference(campaign=campaign, includes_own_response=own, means=means)


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
