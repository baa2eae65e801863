"""The SVG charts of the HR dashboard page, drawn from a `Dashboard` with charts.py.

Each chart has a table with the same numbers on the page. Hidden values are drawn with
their short reason (the table next to the chart gives the full one). Nothing here
computes a figure: every value comes from the Dashboard as it is.
"""

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from . import charts
from .aggregates import Dashboard, Score
from .privacy import Hidden


def _short(value):
    return value.short if isinstance(value, Hidden) else value


def _bars(scores: tuple[Score, ...], chart_id: str, title: str) -> SafeString:
    return charts.bar_chart(
        [(score.label, _short(score.value)) for score in scores],
        title=title,
        description=_("Average scores from 0 to 100; the tables give the same numbers."),
        chart_id=chart_id,
    )


def dashboard_charts(dashboard: Dashboard) -> dict[str, SafeString]:
    """Charts by name; none before the scores are released."""
    if not dashboard.scores_released:
        return {}
    # Work pressure is the one dimension where high is bad: it has its own chart below,
    # so every cell of the heatmap reads the same way (a higher score is better).
    support_index = [
        index for index, column in enumerate(dashboard.heatmap_columns) if column.higher_is_better
    ]
    return {
        "matrix": charts.heatmap(
            [row.label for row in dashboard.matrix],
            list(dashboard.matrix_columns),
            [[_short(score.value) for score in row.scores] for row in dashboard.matrix],
            title=_("Support by type and source"),
            description=_(
                "Average score per type of support and source, 0 to 100; the table below "
                "gives the same numbers."
            ),
            chart_id="chart-matrix",
        ),
        "types": _bars(dashboard.types, "chart-types", _("Support by type")),
        "sources": _bars(dashboard.sources, "chart-sources", _("Support by source")),
        "needs": charts.need_chart(
            [
                (row.label, _short(row.need.value), _short(row.received.value))
                for row in dashboard.needs
            ],
            title=_("Need for support and support received"),
            description=_("Per type of support, the average need next to the support received."),
            chart_id="chart-needs",
            need_label=_("Need"),
            received_label=_("Received"),
        ),
        "heatmap": charts.heatmap(
            [row.label for row in dashboard.heatmap],
            [dashboard.heatmap_columns[index].label for index in support_index],
            [
                [_short(row.scores[index].value) for index in support_index]
                for row in dashboard.heatmap
            ],
            title=_("Support and team climate by department"),
            description=_(
                "Average score per department and dimension, 0 to 100; hidden cells say "
                "why. The table of scores by department gives the same numbers."
            ),
            chart_id="chart-heatmap",
            words_for=None,
            missing_label=_("no combined group"),
            cell_width=110,
        ),
        "pressure_support": charts.need_chart(
            [
                (row.label, _short(row.pressure.value), _short(row.support.value))
                for row in dashboard.pressure_support
            ],
            title=_("Work pressure and support by department"),
            description=_(
                "Per department, the average work pressure (grey) above the overall support "
                "(coloured by band), 0 to 100. The table below gives the same numbers."
            ),
            chart_id="chart-pressure-support",
            need_label=_("Work pressure"),
            received_label=_("Overall support"),
            missing_label=_("no combined group"),
        ),
    }
