"""Campaign aggregates: everything HR's dashboard and exports show, and the organisation's
averages a respondent may compare with.

`campaign_dashboard(campaign, today=...)` returns one frozen `Dashboard`. The HR page, the
CSV, the XLSX and the PDF all render that same object, so they show the same numbers with
the same suppression. Labels are resolved in the active language, so templates loop over
rows and never look anything up.

The package, in the order a figure is made:

    snapshot.py       a closed campaign's frozen figures (`snapshot_get_or_take` reads,
                      `snapshot_take` and `campaigns_freeze_closed` write), with the
                      departments and dates they were frozen over
    departments.py    the departments rows are shown for: today's while a campaign is
                      open, its snapshot's (named as today) once it has closed
    distributions.py  answer distributions per question and the bounds they tell
    groups.py         the one partition of a campaign's groups (privacy rules 1-6), the
                      figures of each group, and `shown_groups()`, the rows' one iterator;
                      `closed_groups` and `ClosedWaves` read a closed wave's groups
    comparison.py     the change since the previous wave; intervals.py its Welch interval
    trends.py         each compared scale over the closed waves, and each department's
                      (series.py their rows)
    versus.py         whether a shown mean is clearly above or below another (a group
                      against the organisation), with comparison.py's interval
    rankings.py       per dimension the first places among shown values
    labels.py         every scale's label
    numbers.py        `number_format`: numbers as the active language writes them
    rows.py           the row dataclasses the dashboard is made of
    dashboard.py      `campaign_dashboard`, which puts them together
    restrict.py       `for_departments`, a team manager's part of that one Dashboard
    reference.py      `respondent_reference`, what a respondent compares with

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
    dashboard.heatmap_columns             HeatmapColumn: .code, .label, .higher_is_better
    dashboard.heatmap                     GroupRow: .label, .kind, .scores (one per column)
    dashboard.pressure_support            PressureSupportRow: .pressure, .support
    dashboard.distributions               ItemDistribution: .text, .answers, .hidden
    dashboard.comparison                  Comparison or None: .previous, .changes (Change)
    dashboard.rankings                    Rankings or None: .dimensions (Ranking: .groups
                                          of RankedGroup .rank .label .value .tied),
                                          .pressure_over_support
    dashboard.trends                      Trend: .label, .points (TrendPoint), .summary
    dashboard.group_trends                GroupTrends or None: .columns (scale, wave),
                                          .rows (GroupTrendRow: .label, .kind, .values)

Individual scores are never returned: every number is a count, a mean over a group, or a
difference of such means, and every group passes through `privacy.suppress`.

A closed campaign's figures come from its frozen snapshot: the dashboard costs a constant
handful of small queries. While a campaign is open only its numbers of responses are read
(one COUNT per department, in one query).
"""

from .comparison import previous_campaign
from .dashboard import campaign_dashboard, frozen_response_count
from .departments import current_names
from .followup import NotInWave, area_change
from .groups import MATRIX_CODES, NEED_CODES, ClosedWaves
from .labels import scale_labels
from .numbers import number_format
from .reference import respondent_reference
from .restrict import for_departments
from .rows import (
    DEPARTMENT,
    HIGH_PRESSURE_FROM,
    LOW_SUPPORT_BELOW,
    NO_DEPARTMENT,
    ORGANISATION,
    OTHER,
    RESPONSES,
    AnswerCount,
    Change,
    Comparison,
    Dashboard,
    GroupRow,
    HeatmapColumn,
    ItemDistribution,
    MatrixRow,
    NeedRow,
    Participation,
    PressureSupportRow,
    Score,
    Uncertainty,
    as_percent,
    format_count,
)
from .series import AskedDifferently, GroupTrendRow, GroupTrends, Trend, TrendPoint
from .snapshot import (
    campaigns_freeze_closed,
    is_frozen,
    snapshot_take,
    wave_dates,
    with_frozen_counts,
    with_frozen_figures,
)
from .versus import ABOVE, BELOW, ROUNDING, WITHIN, Versus, clearly_above, clearly_below, compared

__all__ = [
    "MATRIX_CODES",
    "NEED_CODES",
    "ClosedWaves",
    "NotInWave",
    "area_change",
    "current_names",
    "scale_labels",
    "ABOVE",
    "BELOW",
    "ROUNDING",
    "WITHIN",
    "Uncertainty",
    "Versus",
    "clearly_above",
    "clearly_below",
    "compared",
    "DEPARTMENT",
    "HIGH_PRESSURE_FROM",
    "LOW_SUPPORT_BELOW",
    "NO_DEPARTMENT",
    "ORGANISATION",
    "OTHER",
    "RESPONSES",
    "AnswerCount",
    "AskedDifferently",
    "Change",
    "HeatmapColumn",
    "Comparison",
    "Dashboard",
    "GroupRow",
    "GroupTrendRow",
    "GroupTrends",
    "ItemDistribution",
    "MatrixRow",
    "NeedRow",
    "Participation",
    "PressureSupportRow",
    "Score",
    "Trend",
    "TrendPoint",
    "as_percent",
    "campaigns_freeze_closed",
    "campaign_dashboard",
    "for_departments",
    "format_count",
    "frozen_response_count",
    "is_frozen",
    "number_format",
    "previous_campaign",
    "respondent_reference",
    "snapshot_take",
    "with_frozen_counts",
    "with_frozen_figures",
    "wave_dates",
]
