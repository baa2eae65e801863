"""HR's dashboard as the page shows it and the exports render it: every table defined once
(tables.py, with what a table is made of in table_types.py and the trends table in
trends_table.py), the charts (charts.py) and the key findings (findings.py), all made from
one `aggregates.Dashboard`.

Code outside this package imports from here, not from its modules.
"""

from .charts import DashboardCharts, dashboard_charts, report_charts, with_answer_bars
from .findings import (
    campaign_name,
    has_figures,
    key_findings,
    participation_finding,
    participation_line,
)
from .table_types import (
    BOUND,
    COUNT,
    DIFFERENCE,
    INTERVAL,
    MEASURE,
    PERCENT,
    SCORE,
    TEXT,
    TOTAL,
    Column,
    Row,
    Table,
    TableCell,
    band_label,
    cell,
    interval_labels,
    text_cell,
    wave_label,
)
from .tables import dashboard_tables, tables_by_key
from .versus_map import VersusMap, against_organisation
from .versus_map import legend as versus_legend
from .where_to_act import AREA_SECTIONS, SHOWN_FINDINGS, Finding, area_step, where_to_act
from .wording import local_name, privacy_explained, privacy_line, scope_line

__all__ = [
    "AREA_SECTIONS",
    "area_step",
    "cell",
    "text_cell",
    "BOUND",
    "COUNT",
    "DIFFERENCE",
    "INTERVAL",
    "MEASURE",
    "PERCENT",
    "SCORE",
    "TEXT",
    "TOTAL",
    "TableCell",
    "Column",
    "DashboardCharts",
    "Finding",
    "SHOWN_FINDINGS",
    "where_to_act",
    "VersusMap",
    "against_organisation",
    "versus_legend",
    "Row",
    "Table",
    "band_label",
    "campaign_name",
    "dashboard_charts",
    "dashboard_tables",
    "interval_labels",
    "has_figures",
    "key_findings",
    "participation_finding",
    "participation_line",
    "local_name",
    "privacy_explained",
    "privacy_line",
    "scope_line",
    "report_charts",
    "tables_by_key",
    "wave_label",
    "with_answer_bars",
]
