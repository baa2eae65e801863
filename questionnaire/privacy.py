"""The one suppression rule every aggregate passes through (DESIGN.md §4, rule 3).

No figure derived from fewer than k responses is shown anywhere, k being the
organisation's minimum group size (default 5, never below 3). Every hidden value carries a
`Hidden` reason that pages and exports show instead of the number.

Differencing. The groups HR can see figures for are unions of *cells*: one cell per
department plus one for the responses without a department. `suppress` decides, from the
cell sizes alone, which cells are shown on their own, which are shown only together as
"other departments", and whether the organisation total is shown. Cells below k go into
the combined group; when that group holds 1 to k-1 responses the smallest shown cell joins
it (one is enough: it holds at least k). So the shown groups are unions of blocks of one
partition in which every block is empty or holds at least k responses, and every
difference of unions of shown groups, being itself a union of blocks, is empty or holds at
least k responses. Scores are suppressed scale by scale with the number of responses that
have that scale (a department of six where one person answered about a supervisor shows
no supervisor figure); the response counts are suppressed as one more "scale" in which
every response counts. The dashboard and every export of a campaign read the same
`aggregates.Dashboard`, so no two views of one campaign can partition differently.

Time. The scores of a campaign are released only once it has closed: while it is open, a
view taken before and after one more response would reveal that response. While open,
participation is shown only for the whole organisation, rounded down to a multiple of k,
so it moves in steps of k responses (`released_count`). Participation per department is
withheld until the campaign closes: rounded counts per department would still step at
the moment a known person submits, telling which department they chose (or that they left
it out), and the rounding remainders of the departments against the total would bound
the small groups. A respondent comparing their own scores with their organisation's knows
their own part of the average, so that comparison needs at least k other responses.

Homogeneity. A distribution of answers in which everybody gave the same answer tells
every member's answer without any small group. Answer distributions are therefore shown
for the whole organisation only (never per department, where groups are small and alike),
only when at least k people answered the item, and only after `coarsen`: neighbouring
answers are merged ("never – rarely") until every answer shown holds none or at least k
people, and when that leaves a single answer group holding everybody, the distribution is
hidden (reason HOMOGENEOUS) because it would reveal each person's answer.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .models import MIN_GROUP_SIZE_FLOOR, Campaign, Organisation

TOO_FEW = "too_few"
COMPLEMENTARY = "complementary"
CAMPAIGN_OPEN = "campaign_open"
HOMOGENEOUS = "homogeneous"


def k_for(organisation: Organisation) -> int:
    """The organisation's minimum group size, never below the floor of 3."""
    return max(organisation.min_group_size, MIN_GROUP_SIZE_FLOOR)


@dataclass(frozen=True)
class Hidden:
    """A value that is not shown, and why."""

    reason: str
    k: int

    def __str__(self) -> str:
        if self.reason == CAMPAIGN_OPEN:
            return _("shown once the campaign has closed")
        if self.reason == COMPLEMENTARY:
            return _("hidden so that a smaller hidden group cannot be worked out from the totals")
        if self.reason == HOMOGENEOUS:
            return _(
                "hidden because fewer than %(k)s people answered differently from the rest"
            ) % {"k": self.k}
        return _("fewer than %(k)s responses") % {"k": self.k}

    @property
    def short(self) -> str:
        """A few words for table cells and charts; str() is the full reason."""
        if self.reason == CAMPAIGN_OPEN:
            return _("after closing")
        if self.reason == COMPLEMENTARY:
            return _("protects a small group")
        if self.reason == HOMOGENEOUS:
            return _("answers too alike")
        return _("fewer than %(k)s") % {"k": self.k}


def scores_released(campaign: Campaign, today: date) -> bool:
    return campaign.status(today) == Campaign.CLOSED


@dataclass(frozen=True)
class Suppression:
    """Which groups of one scale may be shown, decided by `suppress` from the cell sizes.

    `shown` cells are shown on their own; `combined` cells only together, as "other
    departments", and only when `combined_shown`; the organisation total when
    `total_shown`.
    """

    k: int
    sizes: Mapping[Hashable, int]
    shown: frozenset
    combined: frozenset
    combined_shown: bool
    total_shown: bool

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    @property
    def combined_size(self) -> int:
        return sum(self.sizes[cell] for cell in self.combined)

    def reason(self, cell: Hashable) -> Hidden | None:
        """Why `cell` is not shown on its own, or None when it is."""
        if cell in self.shown:
            return None
        if self.sizes.get(cell, 0) < self.k:
            return Hidden(TOO_FEW, self.k)
        return Hidden(COMPLEMENTARY, self.k)

    def total_reason(self) -> Hidden | None:
        return None if self.total_shown else Hidden(TOO_FEW, self.k)


def suppress(sizes: Mapping[Hashable, int], k: int) -> Suppression:
    """Complementary suppression over a partition (pure; see the module docstring).

    `sizes` maps every cell of the partition (department ids, None for "no department")
    to its number of responses, empty cells included.
    """
    shown = {cell for cell, size in sizes.items() if size >= k}
    combined = set(sizes) - shown
    combined_size = sum(sizes[cell] for cell in combined)
    if 0 < combined_size < k and shown:
        # Any shown cell holds at least k, so one is enough; the smallest costs least.
        smallest = min(shown, key=lambda cell: (sizes[cell], str(cell)))
        shown.remove(smallest)
        combined.add(smallest)
        combined_size += sizes[smallest]
    return Suppression(
        k=k,
        sizes=dict(sizes),
        shown=frozenset(shown),
        combined=frozenset(combined),
        # Without any shown cell the combined group is the total: shown as the total only.
        combined_shown=bool(shown) and combined_size >= k,
        total_shown=sum(sizes.values()) >= k,
    )


def released_count(count: int, k: int) -> int | Hidden:
    """An open campaign's number of responses, rounded down to a multiple of k, so that
    it changes only in steps of k responses; fewer than k shows nothing."""
    rounded_down = count // k * k
    return rounded_down if rounded_down >= k else Hidden(TOO_FEW, k)


def coarsen(counts: Sequence[int], k: int) -> tuple[tuple[int, int, int], ...] | Hidden:
    """Merge neighbouring answer counts until each holds none or at least k people.

    `counts` are per answer in their natural order (never ... always). Returns
    (first index, last index, count) per answer group, or Hidden when fewer than k
    answered or when one group would hold everybody (see the module docstring).
    """
    if sum(counts) < k:
        return Hidden(TOO_FEW, k)
    groups = [[index, index, count] for index, count in enumerate(counts)]
    while True:
        small = [i for i, group in enumerate(groups) if 0 < group[2] < k]
        if not small:
            break
        position = min(small, key=lambda i: groups[i][2])
        neighbours = [i for i in (position - 1, position + 1) if 0 <= i < len(groups)]
        other = min(neighbours, key=lambda i: groups[i][2])
        first, second = sorted((position, other))
        groups[first] = [groups[first][0], groups[second][1], groups[first][2] + groups[second][2]]
        del groups[second]
    if sum(1 for group in groups if group[2] > 0) < 2:
        return Hidden(HOMOGENEOUS, k)
    return tuple((first, last, count) for first, last, count in groups)


@dataclass(frozen=True)
class Reference:
    """The organisation's averages a respondent may compare their own scores with."""

    campaign: Campaign
    includes_own_response: bool
    means: dict[str, float | Hidden]


def reference_mean(mean: float | None, n: int, *, own_counted: bool, k: int) -> float | Hidden:
    """An organisation mean a respondent may see next to their own score.

    A respondent knows their own part of the mean, so it needs k responses besides theirs.
    """
    others = n - (1 if own_counted else 0)
    if mean is None or others < k:
        return Hidden(TOO_FEW, k)
    return mean
