"""The suppression rule as pure functions: complementary suppression over k plus the one
response a reader may know, values too alike to show, cells over their headcount, answer
distributions, steps of k."""

import itertools

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.core.privacy import (
    CAMPAIGN_OPEN,
    COMPLEMENTARY,
    HOMOGENEOUS,
    OVER_HEADCOUNT,
    RARE_ANSWERS,
    TOO_FEW,
    Hidden,
    Spread,
    answer_ranges,
    distribution,
    excluded_cells,
    grouped_distribution,
    possible_answers,
    released_count,
    suppress,
    too_alike,
)


def shown_groups(sizes, suppression) -> list[frozenset]:
    """Every group of cells a value is shown for, as the dashboard shows them."""
    groups = [frozenset([cell]) for cell in suppression.shown]
    if suppression.rest_shown:
        groups.append(suppression.rest)
    if suppression.total_shown:
        groups.append(frozenset(sizes))
    return groups


def smallest_difference(sizes, groups) -> int | None:
    """The smallest non-empty |union(A) - union(B)| over all pairs of sets of groups."""
    smallest = None
    families = [
        frozenset().union(*chosen)
        for length in range(len(groups) + 1)
        for chosen in itertools.combinations(groups, length)
    ]
    for first in families:
        for second in families:
            size = sum(sizes[cell] for cell in first - second)
            if size and (smallest is None or size < smallest):
                smallest = size
    return smallest


def test_it_hides_departments_below_k_plus_one():
    suppression = suppress({"care": 12, "kitchen": 5, "office": 9}, 5)
    assert suppression.reason("kitchen") == Hidden(TOO_FEW, 5)
    assert "kitchen" not in suppression.shown


def test_one_hidden_department_takes_the_smallest_visible_one_with_it():
    # Otherwise the total minus care and office would give kitchen's 5 responses.
    suppression = suppress({"care": 12, "kitchen": 5, "office": 9}, 5)
    assert suppression.shown == {"care"}
    assert suppression.reason("office") == Hidden(COMPLEMENTARY, 5)
    assert suppression.rest == {"kitchen", "office"}
    assert suppression.rest_shown


def test_two_hidden_departments_summing_below_k_plus_one_are_completed():
    suppression = suppress({1: 2, 2: 3, 3: 8, 4: 20}, 5)
    assert suppression.shown == {4}
    assert suppression.rest == {1, 2, 3}


def test_two_hidden_departments_summing_to_k_plus_one_need_no_complement():
    suppression = suppress({1: 3, 2: 3, 3: 8, 4: 20}, 5)
    assert suppression.shown == {3, 4}
    assert suppression.rest_shown


def test_only_the_total_remains_when_every_department_is_small():
    suppression = suppress({1: 4, 2: 4, None: 1}, 5)
    assert suppression.shown == frozenset()
    assert suppression.total_shown and not suppression.rest_shown


def test_a_total_of_k_is_hidden_too():
    """A reader who answered knows their own part: k responses leave k - 1 others."""
    suppression = suppress({1: 5}, 5)
    assert not suppression.total_shown
    assert suppression.reason(1) == Hidden(TOO_FEW, 5)


def test_empty_departments_are_hidden_like_small_ones():
    suppression = suppress({1: 10, 2: 0}, 5)
    assert suppression.reason(2) == Hidden(TOO_FEW, 5)
    assert suppression.shown == {1}
    assert not suppression.rest_shown  # nothing to combine


def test_a_unit_too_alike_hides_the_scale_for_every_unit():
    alike = {frozenset(["kitchen"])}
    suppression = suppress(
        {"care": 12, "kitchen": 8, "office": 9}, 5, too_alike=lambda units: units in alike
    )
    assert suppression.reason("kitchen") == Hidden(HOMOGENEOUS, 5)
    assert suppression.reason("office") == Hidden(COMPLEMENTARY, 5)
    assert suppression.reason("care") == Hidden(COMPLEMENTARY, 5)
    assert suppression.shown == frozenset() and not suppression.rest_shown
    assert suppression.total_shown


def test_what_the_shown_units_leave_too_alike_hides_every_unit():
    # Care and kitchen shown would leave office and reception (9 together) to the total.
    alike = {frozenset(["office", "reception"])}
    sizes = {"care": 12, "kitchen": 8, "office": 5, "reception": 4}
    suppression = suppress(sizes, 5, too_alike=lambda units: units in alike)
    assert suppression.shown == frozenset() and suppression.total_shown


def test_a_total_too_alike_hides_everything():
    sizes = {"care": 12, "kitchen": 8}
    suppression = suppress(sizes, 5, too_alike=lambda units: units == frozenset(sizes))
    assert suppression.shown == frozenset() and not suppression.total_shown


@settings(max_examples=300)
@given(
    k=st.integers(3, 7),
    sizes=st.lists(st.integers(0, 15), min_size=2, max_size=7),
    data=st.data(),
)
def test_what_is_hidden_does_not_tell_which_unit_is_too_alike(k, sizes, data):
    """Whichever readable group is too alike, the same units are hidden: a reader who
    sees which ones cannot tell which group sits at an end, nor that it is one rather than
    another (and every reason reads the same, test_every_hidden_value_reads_the_same)."""
    cells = {index: size for index, size in enumerate(sizes)}
    by_counts = suppress(cells, k)
    readable = [frozenset([unit]) for unit in by_counts.shown]
    if by_counts.rest_shown:
        readable.append(by_counts.rest)
    if not readable:
        return
    first, second = data.draw(st.lists(st.sampled_from(readable), min_size=2, max_size=2))
    one = suppress(cells, k, too_alike=lambda units: units == first)
    other = suppress(cells, k, too_alike=lambda units: units == second)
    assert one.shown == other.shown == frozenset()
    assert one.rest == other.rest == frozenset(cells)
    assert one.total_shown and other.total_shown
    assert {str(hidden) for hidden in one.reasons.values()} == {
        str(hidden) for hidden in other.reasons.values()
    }


@settings(max_examples=300)
@given(
    k=st.integers(3, 7),
    sizes=st.lists(st.integers(0, 15), min_size=1, max_size=7),
)
def test_no_difference_of_shown_groups_holds_k_or_fewer(k, sizes):
    cells = {index: size for index, size in enumerate(sizes)}
    suppression = suppress(cells, k)
    smallest = smallest_difference(cells, shown_groups(cells, suppression))
    assert smallest is None or smallest > k


def test_everyone_saying_never_is_too_alike():
    assert too_alike(Spread(n=8, total=0.0, low=0.0, high=0.0), 5)
    assert too_alike(Spread(n=8, total=800.0, low=100.0, high=100.0), 5)


def test_one_person_apart_from_a_unanimous_group_is_too_alike():
    # Knowing the one who said "always", the others' total is below one answer step.
    assert too_alike(Spread(n=8, total=100.0 + 7 * 0.0, low=0.0, high=100.0), 5)


def test_a_mixed_group_is_not_too_alike():
    assert not too_alike(Spread(n=6, total=250.0, low=0.0, high=75.0), 5)


def test_a_group_where_nearly_everyone_said_never_is_too_alike():
    """Fifteen people, three of whom answered "sometimes" and the rest "never": any four
    of them average at most about 22, less than one answer step from the bottom."""
    assert too_alike(Spread(n=15, total=87.5, low=0.0, high=50.0), 5)
    assert not too_alike(Spread(n=15, total=400.0, low=0.0, high=100.0), 5)


def test_bounds_from_the_distributions_count_too():
    """Everyone answered at least "sometimes" (the distribution says so) and the mean is
    50: every value is 50."""
    spread = Spread(n=6, total=300.0, low=50.0, high=50.0)
    assert not too_alike(spread, 5)
    assert too_alike(spread, 5, floor=50.0, ceiling=75.0)


@pytest.mark.parametrize(
    ("count", "expected"), [(0, Hidden(TOO_FEW, 5)), (4, Hidden(TOO_FEW, 5)), (5, 5), (14, 10)]
)
def test_an_open_campaigns_count_moves_in_steps_of_k(count, expected):
    assert released_count(count, 5) == expected


def test_a_department_over_its_headcount_is_left_out():
    counts = {1: 5, 2: 7, None: 0}
    assert excluded_cells(counts, {1: 1, 2: 10}) == {1}


def test_no_department_is_left_out_when_the_organisation_has_more_responses_than_people():
    counts = {1: 9, 2: 6, None: 5}
    assert excluded_cells(counts, {1: 9, 2: 7}) == {None}
    assert excluded_cells(counts, {1: 9, 2: None}) == frozenset()  # headcounts unknown


def test_a_distribution_is_shown_when_every_answer_was_given_by_none_or_enough():
    assert distribution([6, 0, 7, 9, 0], 0, 5) is None


def test_a_rare_answer_hides_the_distribution():
    assert distribution([6, 1, 7, 9, 0], 0, 5) == Hidden(RARE_ANSWERS, 5)


def test_a_rare_not_applicable_hides_the_distribution():
    assert distribution([6, 0, 7, 9, 0], 2, 5) == Hidden(RARE_ANSWERS, 5)


def test_a_few_who_skipped_the_question_hide_the_distribution():
    """The responses minus those counted would give the two who skipped it."""
    assert distribution([6, 0, 7, 9, 0], 0, 5, skipped=2) == Hidden(RARE_ANSWERS, 5)
    assert distribution([6, 0, 7, 9, 0], 0, 5, skipped=6) is None


def test_a_unanimous_distribution_is_hidden():
    assert distribution([0, 0, 12, 0, 0], 0, 5) == Hidden(HOMOGENEOUS, 5)


def test_an_item_answered_by_k_or_fewer_is_hidden():
    assert distribution([1, 1, 1, 1, 1], 0, 5) == Hidden(TOO_FEW, 5)


def test_a_rare_answer_is_shown_within_its_answer_group():
    """One "rarely" among 7 "never": the five answers would single it out, the three
    groups (7 rarely or never, 7 sometimes, 9 often or always) do not."""
    assert grouped_distribution([6, 1, 7, 9, 0], 0, 5) is None
    # Even granted the item's exact mean, a reader cannot tell 1 "rarely" from 1 "always".
    assert answer_ranges([6, 1, 7, 9, 0], 5) == ((6, 7), (0, 1), (7, 7), (8, 9), (0, 1))


def test_a_group_the_mean_would_split_into_a_rare_answer_is_hidden():
    """Nobody said never or rarely: the item's mean then tells that exactly one person
    said "always". Three groups each of none or k + 1 people (the naive rule) would show
    it; the split check hides it."""
    counts = [0, 0, 7, 8, 1]
    assert answer_ranges(counts, 5)[4] == (1, 1)
    assert grouped_distribution(counts, 0, 5) == Hidden(RARE_ANSWERS, 5)


def test_answer_groups_follow_the_rules_of_the_five_answers():
    assert grouped_distribution([6, 0, 3, 9, 0], 0, 5) == Hidden(RARE_ANSWERS, 5)
    assert grouped_distribution([6, 1, 7, 9, 0], 2, 5) == Hidden(RARE_ANSWERS, 5)
    assert grouped_distribution([6, 1, 7, 9, 0], 0, 5, skipped=3) == Hidden(RARE_ANSWERS, 5)
    assert grouped_distribution([0, 0, 0, 8, 1], 0, 5) == Hidden(HOMOGENEOUS, 5)
    assert grouped_distribution([1, 1, 1, 1, 1], 0, 5) == Hidden(TOO_FEW, 5)


def test_the_groups_bound_a_scale_less_tightly_than_the_five_answers():
    assert possible_answers([6, 1, 7, 9, 0], 5, whole=True) == (0, 25, 50, 75)
    assert possible_answers([6, 1, 7, 9, 0], 5, whole=False) == (0, 25, 50, 75, 100)


def _splits_a_reader_allows(counts, k):
    """Every five answers a reader of the three groups, the exact mean and the rule allows."""
    never, rarely, sometimes, often, always = counts
    low, high, outer = never + rarely, often + always, rarely + always
    for r in range(low + 1):
        split = (low - r, r, sometimes, high - (outer - r), outer - r)
        if 0 <= outer - r <= high and any(0 < split[i] <= k for i in (0, 1, 3, 4)):
            yield split


@settings(max_examples=120, deadline=None)
@given(st.lists(st.integers(0, 14), min_size=5, max_size=5), st.sampled_from([3, 5]))
def test_shown_answer_groups_never_pin_an_answer_to_a_few_people(counts, k):
    """Brute force over every split the reader cannot rule out: where the groups are shown,
    no answer's number of people is left only values from 1 to k, and answer_ranges
    says exactly what the reader can tell."""
    groups = (counts[0] + counts[1], counts[2], counts[3] + counts[4])
    if distribution(counts, 0, k) is None or any(0 < group <= k for group in groups):
        return  # the five answers are shown, or the groups are hidden before any split
    if sum(1 for group in groups if group) < 2:
        return
    splits = list(_splits_a_reader_allows(counts, k))
    assert tuple(counts) in splits
    ranges = answer_ranges(counts, k)
    for i in range(5):
        seen = [split[i] for split in splits]
        assert ranges[i] == (min(seen), max(seen))
    if grouped_distribution(counts, 0, k) is None:
        assert not any(low >= 1 and high <= k for low, high in ranges)


def test_every_hidden_value_reads_the_same_unless_dates_or_counts_tell_why():
    with translation.override("en"):
        protected = {
            Hidden(reason, 5).reads
            for reason in (TOO_FEW, COMPLEMENTARY, HOMOGENEOUS, RARE_ANSWERS)
        }
        assert protected == {
            (
                "hidden for privacy",
                "hidden to protect small groups and individual answers (every figure rests on at "
                "least 6 responses)",
            )
        }
        assert "closed" in str(Hidden(CAMPAIGN_OPEN, 5))
        assert "more responses than people" in str(Hidden(OVER_HEADCOUNT, 5))


def _too_alike_by_every_step(spread, k, floor, ceiling):
    """too_alike's rule written out: every known value and every number of others."""
    n = spread.n
    if n < 2:
        return True
    for known in (spread.low, spread.high):
        total_high = spread.total + 0.05 * n - known
        total_low = spread.total - 0.05 * n - known
        for s in range(1, min(k - 1, n - 1) + 1):
            rest = n - 1 - s
            top = min(s * ceiling, total_high - rest * floor)
            bottom = max(s * floor, total_low - rest * ceiling)
            if top - bottom < s * 25:
                return True
    return False


@st.composite
def _groups_of_scores(draw):
    """A group's spread from scores on the answers' steps (and means of several items),
    with the bounds a shown distribution may set."""
    step = draw(st.sampled_from([25.0, 12.5, 100 / 12, 6.25]))
    scores = draw(st.lists(st.integers(0, int(100 / step)), min_size=1, max_size=40))
    values = [min(100.0, index * step) for index in scores]
    floor = draw(st.sampled_from([0.0, 25.0, 50.0]))
    ceiling = draw(st.sampled_from([100.0, 75.0, 50.0, floor + 25.0]))
    values = [min(max(value, floor), ceiling) for value in values]
    spread = Spread(len(values), sum(values), min(values), max(values))
    return spread, draw(st.integers(3, 10)), floor, ceiling


@settings(max_examples=2000, deadline=None)
@given(_groups_of_scores())
def test_too_alike_answers_as_checking_every_step_would(group):
    """too_alike's shortcut for groups clearly spread out never changes its verdict."""
    spread, k, floor, ceiling = group
    expected = _too_alike_by_every_step(spread, k, floor, ceiling)
    assert too_alike(spread, k, floor=floor, ceiling=ceiling) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.0] * 10, True),  # everyone at the end of the scale
        ([0.0] * 9 + [25.0], True),
        ([0.0, 25.0, 50.0, 75.0, 100.0] * 3, False),  # spread out
        ([50.0] * 14 + [75.0], False),
    ],
)
def test_too_alike_groups_at_an_end_of_the_scale_and_not_spread_ones(values, expected):
    spread = Spread(len(values), sum(values), min(values), max(values))
    assert too_alike(spread, 5) == expected == _too_alike_by_every_step(spread, 5, 0.0, 100.0)
