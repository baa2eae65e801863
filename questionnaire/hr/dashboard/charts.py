"""The SVG charts of the HR dashboard page and PDF, drawn from a `Dashboard` with the
shared pieces of questionnaire/core/charts/ (heat maps on the continuous ramp with their legend,
bars, the pressure-support scatter of charts/scatter.py, the trends of charts/trend.py),
plus the answer bars only HR needs.

Each chart has a table with the same numbers on the page. Hidden values are drawn with
their short reason (the table next to the chart gives the full one). Nothing here
computes a figure: every value comes from the Dashboard as it is.

Like charts.py, colours and sizes are SVG presentation attributes, never style
attributes (the Content-Security-Policy forbids inline styles).
"""

from collections.abc import Sequence
from dataclasses import replace
from typing import TypedDict

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ...core import charts
from ...core.aggregates import (
    ORGANISATION,
    AnswerCount,
    Dashboard,
    ItemDistribution,
    PressureSupportRow,
    Score,
    Trend,
    as_percent,
)
from ...core.charts import (
    POINT_FILL,
    TOTAL_FILL,
    ZONE_FILL,
    ZONE_OUTLINE,
    Point,
    pressure_support_scatter,
    scatter_key,
    text_lines,
)
from ...core.privacy import Hidden
from .table_types import Table

__all__ = [
    "DISTRIBUTION_FILLS",
    "POINT_FILL",
    "TOTAL_FILL",
    "ZONE_FILL",
    "ZONE_OUTLINE",
    "Point",
    "dashboard_charts",
    "distribution_bar",
    "pressure_support_scatter",
]


def _short(value):
    return value.short if isinstance(value, Hidden) else value


def _bars(scores: tuple[Score, ...], chart_id: str, title: str) -> SafeString:
    return charts.bar_chart(
        [(score.label, _short(score.value)) for score in scores],
        title=title,
        description=_("Average scores from 0 to 100; the tables give the same numbers."),
        chart_id=chart_id,
    )


class DashboardCharts(TypedDict, total=False):
    """The dashboard's charts by name (none before the scores are released)."""

    matrix: SafeString
    heatmap_legend: SafeString
    types: SafeString
    sources: SafeString
    needs: SafeString
    heatmap: SafeString
    pressure_support: SafeString
    pressure_support_key: list[str]  # the PDF's: its scatter leaves the key to the text
    trends: list[tuple[Trend, SafeString]]


def dashboard_charts(dashboard: Dashboard, *, heatmap: bool = True) -> DashboardCharts:
    """Charts by name; none before the scores are released. The departments' heat map
    (a cell per group and dimension, the page's largest chart) only with `heatmap`: the
    page draws it in its "scores as they are" view alone."""
    if not dashboard.scores_released:
        return {}
    made: DashboardCharts = {
        **report_charts(dashboard, dashboard.pressure_support, in_pdf=False),
        "matrix": _matrix_chart(dashboard),
        "types": _bars(dashboard.types, "chart-types", _("Support by type")),
        "sources": _bars(dashboard.sources, "chart-sources", _("Support by source")),
    }
    if heatmap:
        made["heatmap"] = _departments_chart(dashboard)
    return made


def report_charts(
    dashboard: Dashboard, pressure_support: Sequence[PressureSupportRow], *, in_pdf: bool = True
) -> DashboardCharts:
    """The charts of the PDF report, its scatter drawn for the groups `pressure_support`
    (the report may name only some: hr/exports/pdf_report.py). Its heat maps (the matrix and the
    departments) are coloured tables, so those charts are not made; its trends are compact
    small multiples (charts/trend.py) and the scatter's key is text beside the chart. The
    page has them whole (`in_pdf` False)."""
    if not dashboard.scores_released:
        return {}
    points = [_point(row) for row in pressure_support]
    made: DashboardCharts = {
        "heatmap_legend": charts.ramp_legend(
            title=_("Colour scale of the heat maps"),
            description=_(
                "From light blue at 0 to dark blue at 100: the darker, the higher the "
                "score. Marks at 37.5 and 62.5, where the bands change: rarely or never, "
                "sometimes, often or always."
            ),
            chart_id="chart-heatmap-legend",
        ),
        "needs": _needs_chart(dashboard),
        "pressure_support": pressure_support_scatter(
            points,
            title=_("Work pressure and support by department"),
            description=_(
                "Each numbered point is a department: further right is more support, "
                "higher up is more work pressure, both 0 to 100. The shaded corner is high "
                "pressure with low support. The key under the chart and the table below "
                "give the same numbers."
            ),
            chart_id="chart-pressure-support",
            key=not in_pdf,
        ),
        "trends": [(trend, _trend_chart(trend, compact=in_pdf)) for trend in dashboard.trends],
    }
    if in_pdf:
        made["pressure_support_key"] = scatter_key(points)
    return made


def with_answer_bars(answers: Table, dashboard: Dashboard, *, strips: bool = False) -> Table:
    """The answers table with each question's bar in its row (`Row.figure`; the page and
    the PDF draw it, the spreadsheets skip it): an SVG, or for the PDF a `strips`."""

    def bar(item: ItemDistribution) -> str:
        if item.hidden:
            return ""
        if strips:
            return distribution_strip(item.answers)
        return distribution_bar(item.answers, chart_id=f"chart-answers-{item.code}")

    bars = map(bar, dashboard.distributions)
    rows = tuple(
        replace(row, figure=figure) for row, figure in zip(answers.rows, bars, strict=True)
    )
    return replace(answers, rows=rows)


def _matrix_chart(dashboard: Dashboard) -> SafeString:
    return charts.heatmap(
        [row.label for row in dashboard.matrix],
        list(dashboard.matrix_columns),
        [[_short(score.value) for score in row.scores] for row in dashboard.matrix],
        title=_("Support by type and source"),
        description=_(
            "Average score per type of support and source, 0 to 100; the table below "
            "gives the same numbers."
        ),
        chart_id="chart-matrix",
        fill_for=charts.ramp_fill,
        ink_for=charts.ramp_ink,
    )


def _needs_chart(dashboard: Dashboard) -> SafeString:
    return charts.need_chart(
        [
            (row.label, _short(row.need.value), _short(row.received.value))
            for row in dashboard.needs
        ],
        title=_("Need for support and support received"),
        description=_("Per type of support, the average need next to the support received."),
        chart_id="chart-needs",
        need_label=_("Need"),
        received_label=_("Received"),
    )


def _departments_chart(dashboard: Dashboard) -> SafeString:
    # Work pressure is the one dimension where high is bad: it has its own chart, so every
    # cell of this heat map reads the same way (a higher score is better).
    support_index = [
        index for index, column in enumerate(dashboard.heatmap_columns) if column.higher_is_better
    ]
    return charts.heatmap(
        [row.label for row in dashboard.heatmap],
        [dashboard.heatmap_columns[index].label for index in support_index],
        [[_short(row.scores[index].value) for index in support_index] for row in dashboard.heatmap],
        title=_("Support and team climate by department"),
        description=_(
            "Average score per department and dimension, 0 to 100; hidden cells say "
            "why. The table of scores by department gives the same numbers."
        ),
        chart_id="chart-heatmap",
        fill_for=charts.ramp_fill,
        ink_for=charts.ramp_ink,
        missing_label=_("no combined group"),
        cell_width=110,
    )


def _trend_chart(trend: Trend, *, compact: bool) -> SafeString:
    return charts.trend_chart(
        [charts.Wave(p.wave, p.value, p.low, p.high, p.short) for p in trend.points],
        title=trend.label,
        description=trend.summary,
        chart_id=f"chart-trend-{trend.code}",
        compact=compact,
    )


# --- answers per question ----------------------------------------------------------------

# From "never" (lightest) to "always" (darkest): a neutral scale, because for some items
# (distrust, conflict) "always" is the bad end, so the band colours would mislead.
DISTRIBUTION_FILLS = ("#eff6ff", "#bfdbfe", "#60a5fa", "#2563eb", "#1e3a8a")
_DISTRIBUTION_WIDTH, _DISTRIBUTION_HEIGHT = 300, 26


def distribution_bar(answers: Sequence[AnswerCount], *, chart_id: str) -> SafeString:
    """One item's answers as a bar split by share, lighter for less frequent answers.

    Merged answers ("never – rarely") are one segment, coloured along the same scale. The
    bar repeats the list of answers next to it, so it is hidden from screen readers.
    """
    parts = []
    x = 0.0
    for answer, fill in _segments(answers):
        width = _DISTRIBUTION_WIDTH * answer.share / 100
        parts.append(
            f'<rect x="{x:.1f}" y="0.5" width="{width:.1f}" height="{_DISTRIBUTION_HEIGHT - 1}" '
            f'fill="{fill}" stroke="{charts.OUTLINE}" stroke-width="1"/>'
        )
        if width >= 34:
            parts.append(
                text_lines(
                    [as_percent(charts.rounded(answer.share), 0)],
                    x + width / 2,
                    _DISTRIBUTION_HEIGHT / 2 + 5,
                    13,
                    charts.ink_for(fill),
                    "middle",
                )
            )
        x += width
    return mark_safe(  # noqa: S308 (the only text is a number, escaped by text_lines)  # nosec B308 B703
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-answers" '
        f'id="{escape(chart_id)}" aria-hidden="true" focusable="false" '
        f'viewBox="0 0 {_DISTRIBUTION_WIDTH} {_DISTRIBUTION_HEIGHT}" '
        f'width="{_DISTRIBUTION_WIDTH}" height="{_DISTRIBUTION_HEIGHT}">'
        + "".join(parts)
        + "</svg>"
    )


def distribution_strip(answers: Sequence[AnswerCount]) -> SafeString:
    """The same bar for the PDF, as one element: a strip whose background has a hard
    colour stop at each answer's share (an SVG of rectangles per question took WeasyPrint
    a tenth of a second more for the appendix). The row writes the shares next to it."""
    stops, start = [], 0.0
    for answer, fill in _segments(answers):
        end = start + answer.share
        stops.append(f"{fill} {start:.1f}%, {fill} {end:.1f}%")  # a hard stop each end
        start = end
    gradient = f"linear-gradient(to right, {', '.join(stops)})"
    return format_html('<span class="answer-strip" style="background: {}"></span>', gradient)


def _segments(answers: Sequence[AnswerCount]) -> list[tuple[AnswerCount, str]]:
    """The answers given, each with its fill: spread from lightest to darkest over
    however many segments there are, so merged answers keep the scale's ends."""
    shown = [answer for answer in answers if answer.count]
    steps = len(DISTRIBUTION_FILLS) - 1
    return [
        (
            answer,
            DISTRIBUTION_FILLS[
                round(index * steps / (len(shown) - 1)) if len(shown) > 1 else steps
            ],
        )
        for index, answer in enumerate(shown)
    ]


def _point(row: PressureSupportRow) -> Point:
    return Point(row.label, row.pressure.value, row.support.value, row.kind == ORGANISATION)
