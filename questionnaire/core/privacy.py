"""The one suppression rule every aggregate passes through (docs/privacy.md).

The attacker this module defends against is an HR user who sees every page and export,
combines them with arithmetic, compares waves and moments, knows the answers of one
respondent (their own, or a colleague's), and knows that answers are 0, 25, 50, 75 or 100.
docs/privacy.md states the threat model; this docstring states the rules.

1. **Groups.** The figures of a campaign are shown for *blocks* of one partition of its
   *cells* (one cell per department, one for "no department given"), decided once from the
   response counts (`suppress`): a cell with enough responses is a block of its own, the
   other cells form one "other departments combined" block, and when that block is too
   small the smallest shown cell joins it. Every block therefore holds `needed(k)`
   responses or none, so every difference of shown groups does too.
2. **k plus the one the viewer may know.** A block needs k responses *besides* one the
   viewer may know (their own answers), `needed(k) = k + 1`: knowing one member of a group
   of k would otherwise leave the mean of k - 1 others.
3. **Scales one by one, over the same blocks.** Each primary scale (the twelve cells of
   the support matrix, work pressure, team climate, support from the organisation, each
   need) is suppressed over the blocks with the number of responses that have it, by the
   same `suppress`. Primary scales share no item, so a person's value on one says nothing
   about another. Type, source and overall figures for groups are *derived*: the mean of
   the group's shown cell values (already rounded), shown only when all of them are. They
   add nothing to what the cells say, so scales answered by different people (two without
   a supervisor) cannot be linked through them.
4. **Too alike.** A mean so close to an end of the scale that, after taking out the one
   member the viewer may know, it leaves any other member less than one answer step of
   room tells what each of them answered; it is hidden (`too_alike`). So that the
   hiding does not tell which group that is, nor which end: when any group of a scale a
   reader could read is too alike, the scale is hidden for every group below the whole
   organisation (and for that too when it is the one), and the reason reads like any
   other (`Hidden`).
5. **Answer distributions** are shown for the whole organisation only. The five answers
   are shown when every answer (and "not applicable", and skipping the item) was given by
   none or by at least `needed(k)` people and at least two different answers were given
   (`distribution`). Otherwise, in three answer groups by the words of the bands (never or
   rarely, sometimes, often or always) when each group, "not applicable" and skipping
   were given by none or by `needed(k)`, at least two groups were, and no published figure
   pins how many gave one answer to 1 .. k (`grouped_distribution`): the item's mean, as
   a reader may know it, fixes how many answered "rarely" or "always" together, and that
   the five answers were not shown says that one of the four outer answers is rare; when
   that leaves one answer's count only values from 1 to k, the item is hidden. What a
   reader may then still tell of every value of the item's scale (`possible_answers`)
   bounds it in rule 4.
6. **Integrity.** A department with more responses than its headcount, and the "no
   department" cell when the organisation has more responses than people, are left out of
   every figure: someone answered more than once, and their extra answers could make a
   small group look large enough.
7. **Time.** Scores are released only once a campaign has closed, and then frozen (see
   aggregates.snapshot). While it is open only counts are shown: the organisation's,
   rounded down to a multiple of k (`released_count`), and each department's from
   `needed(k)` on, in steps of k (`released_group_count`), so that one more response moves
   a figure only after k others and a department appears only with enough responses to
   be shown on its own.

Every hidden value carries a `Hidden` reason that pages and exports show instead of it;
every reason that would tell something about the values reads the same (`Hidden`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from ..models import MIN_GROUP_SIZE_FLOOR, Campaign, Organisation
from .instrument import CHOICE_VALUES

TOO_FEW = "too_few"
COMPLEMENTARY = "complementary"
CAMPAIGN_OPEN = "campaign_open"
HOMOGENEOUS = "homogeneous"
OVER_HEADCOUNT = "over_headcount"
RARE_ANSWERS = "rare_answers"
# A department's count while its campaign is open, below needed(k) so far.
FEW_SO_FAR = "few_so_far"

# How many respondents the viewer is assumed to know the answers of (their own response).
KNOWN_TO_VIEWER = 1
# One answer step: no one's value may be narrowed down further than this.
ANSWER_STEP = CHOICE_VALUES[1] - CHOICE_VALUES[0]
# Shown means carry one decimal: the viewer knows the true mean within half of that.
ROUNDING = 0.05


def k_for(organisation: Organisation) -> int:
    """The organisation's minimum group size, never below the floor of 3."""
    return max(organisation.min_group_size, MIN_GROUP_SIZE_FLOOR)


def needed(k: int) -> int:
    """Responses a figure needs: k besides the one the viewer may know."""
    return k + KNOWN_TO_VIEWER


@dataclass(frozen=True)
class Hidden:
    """A value that is not shown, and why.

    `reason` says inside which rule hid it; readers are told less. Every value the rule
    hides for its values' sake (too few, a complement, too alike, rare answers) reads the
    same, so that the reason says nothing beyond what the pattern of hidden values does:
    "too alike" would put a group at an end of the scale, "protects a smaller group" would
    keep it off both ends, and "too few" against the others would tell which way counts
    lie (docs/privacy.md). Only reasons that follow from dates and counts HR knows anyway
    stay apart.
    """

    reason: str
    k: int

    def __str__(self) -> str:
        if self.reason == CAMPAIGN_OPEN:
            return _("shown once the campaign has closed")
        if self.reason == OVER_HEADCOUNT:
            return _("left out: more responses than people, so someone answered more than once")
        if self.reason == FEW_SO_FAR:
            return _(
                "fewer than %(needed)s responses so far: a group’s count is shown from "
                "%(needed)s on, in steps of %(k)s, while the campaign is open"
            ) % {"needed": needed(self.k), "k": self.k}
        return _(
            "hidden to protect small groups and individual answers (every figure rests "
            "on at least %(needed)s responses)"
        ) % {"needed": needed(self.k)}

    @property
    def short(self) -> str:
        """A few words for table cells and charts; str() is the full reason."""
        if self.reason == CAMPAIGN_OPEN:
            return _("after closing")
        if self.reason == OVER_HEADCOUNT:
            return _("more responses than people")
        if self.reason == FEW_SO_FAR:
            return _("fewer than %(needed)s so far") % {"needed": needed(self.k)}
        return _("hidden for privacy")

    @property
    def reads(self) -> tuple[str, str]:
        """What a reader sees of it: two hidden values that read the same are one kind."""
        return self.short, str(self)


def scores_released(campaign: Campaign, today: date) -> bool:
    return campaign.status(today) == Campaign.CLOSED


# --- groups ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suppression:
    """Which units (cells, or blocks for a scale) may be shown, decided by `suppress`.

    `shown` units are shown on their own; the `rest` only together ("other departments
    combined"), when `rest_shown`; the total when `total_shown`. `reasons` says why each
    unit that is not shown is hidden.
    """

    shown: frozenset[Hashable]
    rest: frozenset[Hashable]
    rest_shown: bool
    total_shown: bool
    reasons: Mapping[Hashable, Hidden]

    def reason(self, unit: Hashable) -> Hidden | None:
        return None if unit in self.shown else self.reasons[unit]


def _never_alike(units: frozenset[Hashable]) -> bool:
    return False


def suppress(
    sizes: Mapping[Hashable, int],
    k: int,
    *,
    too_alike: Callable[[frozenset[Hashable]], bool] = _never_alike,
) -> Suppression:
    """Complementary suppression over a partition (pure; see the module docstring).

    `sizes` maps every unit to its number of responses (empty units included);
    `too_alike(units)` says whether the values of a union of units are too alike to show.
    Which units are shown is decided from the sizes alone: a unit may be shown when it
    holds `needed(k)`, and the units that are not shown, taken together, are either empty
    or hold `needed(k)` themselves, so the total minus the shown units never reveals less
    than a showable group. Then, when any group a reader could read (a shown unit, what
    the others leave, the total) is too alike, no unit is shown at all, and the total
    neither when it is the one too alike. Hiding only the group that is too alike and a
    complement for it would tell, by which ones are hidden, which group sits at an end of
    the scale (docs/privacy.md).
    """
    minimum = needed(k)
    shown = {unit for unit in sizes if sizes[unit] >= minimum}
    rest = set(sizes) - shown
    while shown and 0 < sum(sizes[u] for u in rest) < minimum:
        # Any shown unit holds enough on its own, so one more is always enough; the
        # smallest costs least.
        smallest = min(shown, key=lambda unit: (sizes[unit], str(unit)))
        shown.remove(smallest)
        rest.add(smallest)
    total_shown = sum(sizes.values()) >= minimum and not too_alike(frozenset(sizes))
    readable = [frozenset([unit]) for unit in shown]
    if shown and sum(sizes[u] for u in rest) > 0:
        readable.append(frozenset(rest))
    if not total_shown or any(too_alike(units) for units in readable):
        rest |= shown
        shown = set()
    return Suppression(
        shown=frozenset(shown),
        rest=frozenset(rest),
        # Without any shown unit the rest is the total: shown as the total only.
        rest_shown=bool(shown) and sum(sizes[u] for u in rest) > 0,
        total_shown=total_shown,
        reasons={unit: Hidden(_why(unit, sizes[unit], minimum, too_alike), k) for unit in rest},
    )


def _why(
    unit: Hashable, size: int, minimum: int, too_alike: Callable[[frozenset[Hashable]], bool]
) -> str:
    # Kept apart inside, for the tests; HR reads one reason for all three (Hidden), since
    # which one applies would tell which way the values lie.
    if size < minimum:
        return TOO_FEW
    return HOMOGENEOUS if too_alike(frozenset([unit])) else COMPLEMENTARY


def excluded_cells(
    counts: Mapping[Hashable, int], headcounts: Mapping[Hashable, int | None]
) -> frozenset[Hashable]:
    """Cells left out of every figure because they hold more responses than people.

    A department over its headcount, and "no department given" (None) when the whole
    organisation, departments' headcounts all known, has more responses than people.
    """
    # The departments whose headcount is known, with it.
    known: dict[Hashable, int] = {}
    for cell in counts:
        headcount = headcounts.get(cell)
        if cell is not None and headcount is not None:
            known[cell] = headcount
    excluded: set[Hashable] = {
        cell for cell, headcount in known.items() if counts[cell] > headcount
    }
    departments = [cell for cell in counts if cell is not None]
    if departments and len(known) == len(departments):
        kept = [cell for cell in departments if cell not in excluded]
        room = sum(known[cell] for cell in kept) - sum(counts[cell] for cell in kept)
        if counts.get(None, 0) > room:
            excluded.add(None)
    return frozenset(excluded)


# --- values ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """What the suppression needs to know of one scale's values in a group: how many, their
    sum, the smallest and the largest."""

    n: int = 0
    total: float = 0.0
    low: float = 100.0
    high: float = 0.0

    def __add__(self, other: Spread) -> Spread:
        return Spread(
            self.n + other.n,
            self.total + other.total,
            min(self.low, other.low),
            max(self.high, other.high),
        )


def too_alike(spread: Spread, k: int, *, floor: float = 0.0, ceiling: float = 100.0) -> bool:
    """Whether a mean shown to one decimal would narrow some member's value, or the mean of
    fewer than k members, to less than one answer step, for a viewer who knows one
    member's value (the worst one for them).

    `floor` and `ceiling` bound every member's value as far as the viewer can tell (from
    the answer distributions shown beside it; 0 and 100 otherwise). For s others taken
    together, the rest of the group can hold at most (n - 1 - s) * ceiling and at least
    (n - 1 - s) * floor of the total: what is left bounds the s. A group in which nearly
    everyone gave the lowest (or highest) answers fails this, since any few of its members
    then lie close to that end too.
    """
    n = spread.n
    if n < 2:
        return True
    if _clearly_apart(spread, k, floor, ceiling):
        return False
    for known in (spread.low, spread.high):
        total_high = spread.total + ROUNDING * n - known
        total_low = spread.total - ROUNDING * n - known
        for s in range(1, min(k - 1, n - 1) + 1):
            rest = n - 1 - s
            top = min(s * ceiling, total_high - rest * floor)
            bottom = max(s * floor, total_low - rest * ceiling)
            if top - bottom < s * ANSWER_STEP:
                return True
    return False


# How far each bound of the check below must clear its limit for the answer to be sure
# without the loop: far above the rounding error of sums of scores, far below a score step.
_CLEAR_BY = 1e-6


def _clearly_apart(spread: Spread, k: int, floor: float, ceiling: float) -> bool:
    """True when too_alike's loop is sure to find every s apart by an answer step or more;
    False when it must run. Per known value, top - bottom is the least of four terms (top
    and bottom each the lesser or greater of two): s * (ceiling - floor), which holds for
    every s when ceiling - floor does for s = 1; (n - 1) * ceiling - total_low and
    total_high - (n - 1) * floor, which do not change with s; and total_high - total_low
    + rest * (ceiling - floor), which shrinks as s grows. So it is enough that each clears
    the largest s's step, by a margin the loop's rounding cannot eat (_CLEAR_BY); a group
    near a limit is left to the loop, so the verdict is always the loop's."""
    n, total = spread.n, spread.total
    largest = min(k - 1, n - 1)
    needed = largest * ANSWER_STEP + _CLEAR_BY
    width = ceiling - floor
    if width < ANSWER_STEP + _CLEAR_BY:
        return False
    for known in (spread.low, spread.high):
        total_high = total + ROUNDING * n - known
        total_low = total - ROUNDING * n - known
        if (
            (n - 1) * ceiling - total_low < needed
            or total_high - (n - 1) * floor < needed
            or total_high - total_low + (n - 1 - largest) * width < needed
        ):
            return False
    return True


def released_count(count: int, k: int) -> int | Hidden:
    """An open campaign's number of responses, rounded down to a multiple of k, so that
    it changes only in steps of k responses; fewer than k shows nothing."""
    rounded_down = count // k * k
    return rounded_down if rounded_down >= k else Hidden(TOO_FEW, k)


def released_group_count(count: int, k: int) -> int | Hidden:
    """One department's number of responses while its campaign is open: nothing below
    needed(k), then needed(k), needed(k) + k, ... (the count rounded down to that ladder).

    It changes only after k more responses (or fewer, by deletions), as the organisation's
    does; and a department shown while open holds enough responses to be shown on its own
    once the campaign closes, so the open count never pins a group the closed figures hide
    to fewer than k + 1 (docs/privacy.md, "Participation while a campaign is open")."""
    minimum = needed(k)
    if count < minimum:
        return Hidden(FEW_SO_FAR, k)
    return minimum + (count - minimum) // k * k


def distribution(
    counts: Iterable[int], not_applicable: int, k: int, *, skipped: int = 0
) -> Hidden | None:
    """Why one item's answer counts (never ... always, and "not applicable") may not be
    shown, or None when they may (see the module docstring, rule 5). `skipped` counts the
    responses without any answer to the item: the responses minus the counts shown give
    it back, so it follows the same rule."""
    counts = list(counts)
    minimum = needed(k)
    if sum(counts) < minimum:
        return Hidden(TOO_FEW, k)
    if any(0 < count < minimum for count in (*counts, not_applicable, skipped)):
        return Hidden(RARE_ANSWERS, k)
    if sum(1 for count in counts if count) < 2:
        return Hidden(HOMOGENEOUS, k)
    return None


# The three answer groups, as positions in CHOICES: never or rarely, sometimes, often or
# always (the words of the bands, scoring.band).
ANSWER_GROUPS: tuple[tuple[int, ...], ...] = ((0, 1), (2,), (3, 4))


def grouped_counts(counts: Sequence[int]) -> tuple[int, ...]:
    """The number of people per answer group (ANSWER_GROUPS), from the five answers' counts."""
    return tuple(sum(counts[i] for i in group) for group in ANSWER_GROUPS)


def grouped_distribution(
    counts: Iterable[int], not_applicable: int, k: int, *, skipped: int = 0
) -> Hidden | None:
    """Why one item's answers may not be shown even in the three answer groups, or None
    when they may (rule 5): for an item whose five answers `distribution` hides."""
    counts = list(counts)
    minimum = needed(k)
    if sum(counts) < minimum:
        return Hidden(TOO_FEW, k)
    groups = grouped_counts(counts)
    if any(0 < count < minimum for count in (*groups, not_applicable, skipped)):
        return Hidden(RARE_ANSWERS, k)
    if sum(1 for count in groups if count) < 2:
        return Hidden(HOMOGENEOUS, k)
    if pins_a_rare_answer(counts, k):
        return Hidden(RARE_ANSWERS, k)
    return None


def pins_a_rare_answer(counts: Sequence[int], k: int) -> bool:
    """Whether the answer groups, with the item's mean, leave the number of people who
    gave some answer only values from 1 to k (answer_ranges)."""
    minimum = needed(k)
    return any(low >= 1 and high < minimum for low, high in answer_ranges(counts, k))


def answer_ranges(counts: Sequence[int], k: int) -> tuple[tuple[int, int], ...]:
    """Per answer, the fewest and the most people who may have given it, for a reader who
    sees the three answer groups of an item whose five answers were not shown.

    The reader is granted the item's exact mean (a need's mean is shown beside it; for the
    other scales this is more than they have). With the groups it fixes how many answered
    "rarely" or "always" together (`outer`): the sum of the scores is 25 * outer plus what
    the groups give, reversed items alike. That the five answers were not shown, while the
    groups were, says that one of the four outer answers was given by 1 .. k. So the number
    who answered "rarely" (r) lies in [max(0, outer - high), min(low, outer)] and in one of
    four windows, one per outer answer; every count is linear in r.
    """
    never, rarely, sometimes, often, always = counts
    low, high, outer = never + rarely, often + always, rarely + always
    first, last = max(0, outer - high), min(low, outer)
    windows = (  # r for which "rarely", "never", "always", "often" is rare
        (1, k),
        (low - k, low - 1),
        (outer - k, outer - 1),
        (outer - high + 1, outer - high + k),
    )
    spans = [(max(first, a), min(last, b)) for a, b in windows if max(first, a) <= min(last, b)]
    if not spans:  # the five answers could have been shown: no window to read
        spans = [(first, last)]
    a, b = min(span[0] for span in spans), max(span[1] for span in spans)
    # Counts as functions of r are monotone, so the ends of the spans bound them; a gap
    # between spans only makes a reader less sure.
    return (
        (low - b, low - a),
        (a, b),
        (sometimes, sometimes),
        (high - outer + a, high - outer + b),
        (outer - b, outer - a),
    )


def possible_answers(counts: Sequence[int], k: int, *, whole: bool) -> tuple[int, ...]:
    """The answer values (CHOICE_VALUES) a reader cannot rule out for anyone: those given,
    when the five answers are shown (`whole`); else those that answer_ranges lets be
    given by someone."""
    if whole:
        return tuple(value for value, count in zip(CHOICE_VALUES, counts, strict=True) if count)
    ranges = answer_ranges(counts, k)
    return tuple(value for value, (_low, high) in zip(CHOICE_VALUES, ranges, strict=True) if high)


@dataclass(frozen=True)
class Reference:
    """The organisation's averages a respondent may compare their own scores with: the
    whole organisation's figures as HR sees them, which rest on k responses besides the
    respondent's own."""

    campaign: Campaign
    includes_own_response: bool
    means: dict[str, float | Hidden]
    # The k the figures were frozen with (not the organisation's k of today).
    k: int
