"""Server-side SVG charts, shared by the web pages and the PDF reports.

palette.py holds the colours (the three band fills, and the continuous ramp of HR's heat
maps) and band words, svg.py the pieces every chart is drawn with, wide.py the charts of
HR's dashboard and the PDFs, narrow.py those of a phone, legend.py the ramp's legend,
placement.py where a label goes beside its point, trend.py a scale's small chart over
the waves.

Every chart is one self-contained `<svg>` string with role="img", a <title> and a <desc>
that it is labelled and described by, so the page and the PDF show the same picture and
screen readers get its summary (each page also shows the numbers in a table).

Colours are SVG presentation attributes (fill="..."), never style attributes: the strict
Content-Security-Policy forbids inline styles. Text drawn on a coloured area takes the
darker or lighter ink, whichever contrasts more, and every fill used here gives at least
4.5:1 with its ink (tests/core/test_charts.py checks it).

A value may be a number (a 0-100 score), None (not enough answers) or any other object
whose str() says why it is not shown (privacy.Hidden for HR pages). Missing and hidden
values are drawn grey and hatched, with the reason written in the cell or next to the bar.
"""

from .legend import ramp_legend
from .narrow import NARROW_WIDTH, narrow_bar_chart, narrow_heatmap, narrow_need_chart
from .palette import (
    BAND_FILLS,
    DARK_INK,
    GRID,
    HATCH_INK,
    LIGHT_INK,
    MIN_CONTRAST,
    MISSING_FILL,
    NEED_FILL,
    OUTLINE,
    RAMP_DARK_INK,
    RAMP_STOPS,
    RECEIVED_FILL,
    REFERENCE_INK,
    band_fill,
    band_words,
    contrast_ratio,
    format_score,
    ink_for,
    luminance,
    ramp_fill,
    ramp_ink,
    rounded,
)
from .scatter import (
    POINT_FILL,
    TOTAL_FILL,
    ZONE_FILL,
    ZONE_OUTLINE,
    Point,
    pressure_support_scatter,
    scatter_key,
)
from .svg import labelled, text_lines
from .trend import Wave, trend_chart
from .wide import bar_chart, heatmap, need_chart

__all__ = [
    "BAND_FILLS",
    "DARK_INK",
    "GRID",
    "HATCH_INK",
    "LIGHT_INK",
    "MIN_CONTRAST",
    "MISSING_FILL",
    "NARROW_WIDTH",
    "NEED_FILL",
    "OUTLINE",
    "POINT_FILL",
    "RAMP_DARK_INK",
    "RAMP_STOPS",
    "RECEIVED_FILL",
    "REFERENCE_INK",
    "TOTAL_FILL",
    "ZONE_FILL",
    "ZONE_OUTLINE",
    "Point",
    "Wave",
    "band_fill",
    "band_words",
    "bar_chart",
    "contrast_ratio",
    "format_score",
    "heatmap",
    "ink_for",
    "labelled",
    "luminance",
    "narrow_bar_chart",
    "narrow_heatmap",
    "narrow_need_chart",
    "need_chart",
    "pressure_support_scatter",
    "ramp_fill",
    "ramp_ink",
    "ramp_legend",
    "rounded",
    "scatter_key",
    "text_lines",
    "trend_chart",
]
