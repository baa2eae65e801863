"""The "in short" of a respondent's results: where support comes from and where it is missing.

Every line names the one scale it is about and gives that scale's own band, so no line can
say more than the score it stands on: a person who gets support often from colleagues and
rarely from their supervisor reads exactly that, never one verdict over all the support
questions.
The overall score is only given as what it is, an average of different sources and types,
without band words (tests/respondent/test_results_summary.py checks this on generated answers).

Works on the PersonalScore, MatrixScore and NeedGap objects of results.py, without a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..core.scoring import LOW

# The key message names at most this many cells "rarely or never" and counts the others
# (the 4 x 3 picture right below shows them all): on a phone it stays within a screen.
SHOWN_MISSING = 3


@dataclass(frozen=True)
class Summary:
    sources: tuple[Any, ...]  # every source, highest score first, missing scores last
    missing: tuple[Any, ...]  # the (at most SHOWN_MISSING) weakest cells of the low band
    more_missing: int  # how many other cells are in the low band ("and N more")
    lowest: tuple[Any, ...]  # with no cell in the low band: the lowest cells, when they differ
    short_of_need: tuple[Any, ...]  # types received well below the need
    overall: Any


def summarise(*, sources: Sequence, cells: Sequence, gaps: Sequence, overall) -> Summary:
    scored_cells = [cell for cell in cells if cell.score is not None]
    # sorted() is stable: cells with the same score keep the fiche's order.
    missing = sorted((cell for cell in scored_cells if cell.band == LOW), key=lambda c: c.score)
    return Summary(
        sources=tuple(sorted(sources, key=_highest_first)),
        missing=tuple(missing[:SHOWN_MISSING]),
        more_missing=max(len(missing) - SHOWN_MISSING, 0),
        lowest=() if missing else _lowest(scored_cells),
        short_of_need=tuple(gap for gap in gaps if gap.is_large),
        overall=overall,
    )


def _highest_first(score) -> tuple[bool, float]:
    return (score.score is None, -(score.score or 0.0))


def _lowest(scored_cells: list) -> tuple:
    """The lowest cells (all of them when tied); none when every cell has the same score,
    since "lowest" would then say nothing."""
    if len({cell.score for cell in scored_cells}) < 2:
        return ()
    lowest = min(cell.score for cell in scored_cells)
    return tuple(cell for cell in scored_cells if cell.score == lowest)
