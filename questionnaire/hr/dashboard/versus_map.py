"""The heat map of groups against the organisation: each group's shown score in each
area, coloured by how it compares with the whole organisation's.

A diverging scale centred on the organisation (ColorBrewer's orange-purple ends, a
blue-orange pair colour-blind readers tell apart): orange where a group is clearly worse
off, darker from STRONG_GAP points on, so the weakest cells draw the eye; blue where it is
clearly better; white where the difference is within its uncertainty and the rounding
(core/aggregates/versus.py), so a colour never says more than the words. Work pressure
counts the other way: a higher pressure is worse. Each cell writes its number, an arrow
for the direction of a clear difference and, for screen readers, its band and its
comparison in words. The dashboard renders it as an HTML table
(templates/hr/_versus_map.html); the CSS classes hold the colours (hr.css).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ...core.aggregates import (
    ABOVE,
    BELOW,
    ORGANISATION,
    Dashboard,
    GroupRow,
    Score,
    compared,
    number_format,
)
from .table_types import band_label

# From this many points clearly worse (or better), the darker shade.
STRONG_GAP = 10.0

WORSE_STRONG = "vs-worse-2"
WORSE = "vs-worse-1"
SAME = "vs-same"
BETTER = "vs-better-1"
BETTER_STRONG = "vs-better-2"
HIDDEN = "vs-hidden"
REFERENCE = "vs-reference"

# The fills of the classes (hr.css and pdf.css hold them; tests check the contrast of
# black text on each, WCAG AA).
FILLS = {
    WORSE_STRONG: "#e66101",
    WORSE: "#fdb863",
    SAME: "#ffffff",
    BETTER: "#d1e5f0",
    BETTER_STRONG: "#92c5de",
    HIDDEN: "#f3f4f6",
    REFERENCE: "#ffffff",
}
INK = "#000000"


@dataclass(frozen=True)
class VersusCell:
    text: str  # the number, or the short reason it is hidden
    mark: str  # ▲ / ▼ and the difference for a clear one, else ""
    words: str  # the band and the comparison, for screen readers
    css: str
    worse: bool = False


@dataclass(frozen=True)
class VersusRow:
    label: str
    kind: str
    cells: tuple[VersusCell, ...]
    note: str = ""


@dataclass(frozen=True)
class VersusMap:
    columns: tuple[str, ...]
    rows: tuple[VersusRow, ...]  # the organisation first, then each group

    @property
    def worse_cells(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.worse)


def against_organisation(dashboard: Dashboard) -> VersusMap | None:
    """The map of a dashboard whose scores are released (None before)."""
    reference = next((row for row in dashboard.heatmap if row.kind == ORGANISATION), None)
    if reference is None:
        return None
    higher_is_better = [column.higher_is_better for column in dashboard.heatmap_columns]
    rows = [_reference_row(reference)]
    for row in dashboard.heatmap:
        if row.kind == ORGANISATION:
            continue
        pairs = zip(row.scores, reference.scores, higher_is_better, strict=True)
        cells = tuple(_cell(score, base, better) for score, base, better in pairs)
        rows.append(VersusRow(row.label, row.kind, cells, row.scores[0].note if row.scores else ""))
    columns = tuple(column.label for column in dashboard.heatmap_columns)
    return VersusMap(columns, tuple(rows))


def _reference_row(row: GroupRow) -> VersusRow:
    cells = tuple(
        VersusCell(score.display, "", _band_words(score), REFERENCE)
        if score.shown
        else _hidden(score)
        for score in row.scores
    )
    return VersusRow(row.label, row.kind, cells)


def _hidden(score: Score) -> VersusCell:
    """A hidden value writes its short reason (the legend and the page say the rest)."""
    hidden = score.hidden
    short = hidden.short if hidden is not None else score.display
    return VersusCell(short, "", str(score.value), HIDDEN)


def _band_words(score: Score) -> str:
    return band_label(score.band) if score.shown else str(score.value)


@lru_cache(maxsize=16)
def _sentences(language: str | None) -> tuple[str, str, str]:
    """A cell's words in `language` (the active one): no clear difference, clearly above,
    clearly below. Looked up once per language, not per cell."""
    return (
        _("%(band)s; no clear difference from the organisation"),
        _("%(band)s; clearly above the organisation, by %(points)s points"),
        _("%(band)s; clearly below the organisation, by %(points)s points"),
    )


def _cell(score: Score, base: Score, higher_is_better: bool) -> VersusCell:
    if not score.shown:
        return _hidden(score)
    found = compared(score, base)
    band = _band_words(score)
    same, above, below = _sentences(get_language())
    if found is None or found.verdict not in (ABOVE, BELOW):
        words = same % {"band": band}
        return VersusCell(score.display, "", words, SAME)
    higher = found.verdict == ABOVE
    worse = higher != higher_is_better
    gap = abs(found.difference)
    strong = gap >= STRONG_GAP
    shades = (WORSE_STRONG, WORSE) if worse else (BETTER_STRONG, BETTER)
    css = shades[0] if strong else shades[1]
    points = number_format(gap, 1)
    words = (above if higher else below) % {"band": band, "points": points}
    mark = ("▲ " if higher else "▼ ") + points
    return VersusCell(score.display, mark, words, css, worse)


def legend() -> Sequence[tuple[str, str]]:
    """The legend: each class with what it says."""
    return (
        (
            WORSE_STRONG,
            _("clearly worse off than the organisation, by %(points)s points or more")
            % {"points": number_format(STRONG_GAP, 0)},
        ),
        (WORSE, _("clearly worse off than the organisation")),
        (SAME, _("no clear difference: within the uncertainty of the figures")),
        (BETTER, _("clearly better off than the organisation")),
        (
            BETTER_STRONG,
            _("clearly better off, by %(points)s points or more")
            % {"points": number_format(STRONG_GAP, 0)},
        ),
        (HIDDEN, _("hidden: too few responses, or it could single someone out")),
    )
