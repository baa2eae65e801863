"""Rankings of the groups per dimension: where to look first, without a hard threshold.

Per dimension the lowest three groups (for work pressure, where high is bad, the highest
three), and the groups where high pressure meets low support (the largest pressure minus
support). Only values the dashboard shows are ranked, never a hidden one: a group whose
value is hidden is left out of that dimension's ranking altogether, so neither its
place nor its absence from the top says anything about its value beyond "hidden", which
the tables say already. The organisation is not a group to rank.

Pure functions over (group, value) pairs, so they depend on nothing else of the package
(rows.py holds a `Rankings` on the Dashboard).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .numbers import number_format

# How many places a ranking shows; groups tied with the last place are shown too.
PLACES = 3


@dataclass(frozen=True)
class Candidate:
    """A group as a ranking sees it: its label, kind (rows.py's kinds), the note naming
    the departments of a combined group, and its shown value (None: not shown)."""

    label: str
    kind: str
    value: float | None
    note: str = ""


@dataclass(frozen=True)
class RankedGroup:
    """One place: groups with equal values share the rank and are marked `tied`."""

    rank: int
    label: str
    kind: str
    value: float
    tied: bool
    note: str = ""

    @property
    def display(self) -> str:
        return number_format(self.value, 1)


@dataclass(frozen=True)
class Ranking:
    """The first places of one dimension. `highest` is True where the highest values
    come first (work pressure, pressure minus support); `ranked` counts the groups with
    a shown value, `left_out` those whose value is hidden."""

    code: str
    label: str
    highest: bool
    groups: tuple[RankedGroup, ...]
    ranked: int
    left_out: int

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(group.label for group in self.groups)

    @property
    def first(self) -> tuple[RankedGroup, ...]:
        """The first PLACES groups, for a short list (the rest tie with the last of them)."""
        return self.groups[:PLACES]

    @property
    def more_tied(self) -> int:
        """How many more groups tie with the last of `first`."""
        return max(len(self.groups) - PLACES, 0)


@dataclass(frozen=True)
class Rankings:
    dimensions: tuple[Ranking, ...]
    pressure_over_support: Ranking


def ranking(
    code: str, label: str, candidates: Iterable[Candidate], *, highest: bool = False
) -> Ranking:
    """The groups in the first PLACES places of `candidates` by shown value (competition
    ranking: equal values share a place, 1, 2, 2, 4), lowest first unless `highest`.

    A ranking needs two groups to compare: with fewer shown values it has no places."""
    candidates = list(candidates)
    shown = [(c, c.value) for c in candidates if c.value is not None]
    ordered = sorted(shown, key=lambda pair: -pair[1] if highest else pair[1])
    places: list[RankedGroup] = []
    if len(shown) >= 2:
        values = [value for _candidate, value in ordered]
        for candidate, value in ordered:
            ahead = [v for v in values if (v > value if highest else v < value)]
            if len(ahead) >= PLACES:
                break
            tied = values.count(value) > 1
            places.append(
                RankedGroup(
                    1 + len(ahead), candidate.label, candidate.kind, value, tied, candidate.note
                )
            )
    return Ranking(code, label, highest, tuple(places), len(shown), len(candidates) - len(shown))


def pressure_over_support(
    code: str, label: str, pairs: Iterable[tuple[Candidate, Candidate]]
) -> Ranking:
    """Groups by work pressure minus support, largest first, among groups with both
    values shown; the difference is taken from the printed values (privacy rule 7)."""
    candidates = []
    for pressure, support in pairs:
        gap = None
        if pressure.value is not None and support.value is not None:
            gap = round(pressure.value - support.value, 1)
        candidates.append(Candidate(pressure.label, pressure.kind, gap, pressure.note))
    return ranking(code, label, candidates, highest=True)
