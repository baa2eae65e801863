"""The suppression rule as pure functions: complementary suppression, steps of k, coarsening."""

import itertools

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.privacy import (
    CAMPAIGN_OPEN,
    COMPLEMENTARY,
    HOMOGENEOUS,
    TOO_FEW,
    Hidden,
    coarsen,
    released_count,
    suppress,
)


def shown_groups(suppression) -> list[frozenset]:
    """Every group of cells a value is shown for, as the dashboard shows them."""
    groups = [frozenset([cell]) for cell in suppression.shown]
    if suppression.combined_shown:
        groups.append(suppression.combined)
    if suppression.total_shown:
        groups.append(frozenset(suppression.sizes))
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


def test_it_hides_departments_below_k():
    suppression = suppress({"care": 12, "kitchen": 3, "office": 9}, 5)
    assert suppression.reason("kitchen") == Hidden(TOO_FEW, 5)
    assert "kitchen" not in suppression.shown


def test_one_hidden_department_takes_the_smallest_visible_one_with_it():
    # Otherwise the total minus care and office would give kitchen's 3 responses.
    suppression = suppress({"care": 12, "kitchen": 3, "office": 9}, 5)
    assert suppression.shown == {"care"}
    assert suppression.reason("office") == Hidden(COMPLEMENTARY, 5)
    assert suppression.combined == {"kitchen", "office"}
    assert suppression.combined_shown and suppression.combined_size == 12
    assert suppression.total_shown


def test_two_hidden_departments_summing_below_k_are_completed():
    suppression = suppress({"a": 20, "b": 7, "c": 2, "d": 2}, 5)
    assert suppression.shown == {"a"}
    assert suppression.combined == {"b", "c", "d"}
    assert smallest_difference(suppression.sizes, shown_groups(suppression)) >= 5


def test_two_hidden_departments_summing_to_k_need_no_complement():
    suppression = suppress({"a": 20, "b": 7, "c": 2, "d": 3}, 5)
    assert suppression.shown == {"a", "b"}
    assert suppression.combined == {"c", "d"} and suppression.combined_shown


def test_the_no_department_group_counts_as_a_cell():
    suppression = suppress({1: 10, 2: 8, None: 1}, 5)
    assert suppression.reason(None) == Hidden(TOO_FEW, 5)
    assert suppression.shown == {1}
    assert suppression.combined == {2, None}


def test_the_total_minus_the_visible_departments_is_never_below_k():
    sizes = {1: 6, 2: 6, 3: 6, None: 4}
    suppression = suppress(sizes, 5)
    shown_sum = sum(sizes[cell] for cell in suppression.shown)
    assert suppression.total - shown_sum >= 5


def test_only_the_total_remains_when_every_department_is_small():
    suppression = suppress({1: 4, 2: 4, None: 0}, 5)
    assert suppression.shown == frozenset()
    assert not suppression.combined_shown
    assert suppression.total_shown


def test_a_total_below_k_is_hidden_too():
    suppression = suppress({1: 2, None: 2}, 5)
    assert not suppression.total_shown
    assert suppression.total_reason() == Hidden(TOO_FEW, 5)


def test_empty_departments_are_hidden_like_small_ones():
    suppression = suppress({1: 10, 2: 0}, 5)
    assert suppression.reason(2) == Hidden(TOO_FEW, 5)
    assert suppression.shown == {1}
    assert not suppression.combined_shown  # nothing to combine


@settings(max_examples=300)
@given(
    k=st.integers(3, 7),
    sizes=st.lists(st.integers(0, 15), min_size=1, max_size=7),
)
def test_no_difference_of_shown_groups_is_below_k(k, sizes):
    cells = {index: size for index, size in enumerate(sizes)}
    suppression = suppress(cells, k)
    smallest = smallest_difference(cells, shown_groups(suppression))
    assert smallest is None or smallest >= k


@pytest.mark.parametrize(
    ("count", "expected"), [(0, Hidden(TOO_FEW, 5)), (4, Hidden(TOO_FEW, 5)), (5, 5), (14, 10)]
)
def test_an_open_campaigns_count_moves_in_steps_of_k(count, expected):
    assert released_count(count, 5) == expected


def test_coarsen_merges_rare_answers_with_their_neighbours():
    assert coarsen([2, 3, 10, 6, 0], 5) == ((0, 1, 5), (2, 2, 10), (3, 3, 6), (4, 4, 0))


def test_coarsen_keeps_answers_that_reach_k():
    assert coarsen([5, 0, 7, 9, 5], 5) == ((0, 0, 5), (1, 1, 0), (2, 2, 7), (3, 3, 9), (4, 4, 5))


def test_coarsen_hides_a_distribution_where_everyone_agrees():
    assert coarsen([0, 0, 12, 0, 0], 5) == Hidden(HOMOGENEOUS, 5)


def test_coarsen_hides_a_distribution_where_fewer_than_k_disagree():
    # Merging the three "never" answers up leaves one group holding everybody.
    assert coarsen([3, 0, 10, 0, 0], 5) == Hidden(HOMOGENEOUS, 5)


def test_coarsen_hides_an_item_answered_by_fewer_than_k():
    assert coarsen([1, 1, 1, 0, 0], 5) == Hidden(TOO_FEW, 5)


@given(k=st.integers(3, 7), counts=st.lists(st.integers(0, 20), min_size=5, max_size=5))
def test_coarsened_groups_hold_none_or_at_least_k_and_keep_the_total(k, counts):
    groups = coarsen(counts, k)
    if isinstance(groups, Hidden):
        return
    assert all(count == 0 or count >= k for _first, _last, count in groups)
    assert sum(count for _first, _last, count in groups) == sum(counts)
    assert [first for first, _last, _count in groups][0] == 0
    assert groups[-1][1] == 4
    assert sum(1 for group in groups if group[2]) >= 2


def test_every_reason_explains_itself():
    with translation.override("en"):
        assert str(Hidden(TOO_FEW, 5)) == "fewer than 5 responses"
        assert "smaller hidden group" in str(Hidden(COMPLEMENTARY, 5))
        assert "closed" in str(Hidden(CAMPAIGN_OPEN, 5))
        assert "fewer than 6 people answered differently" in str(Hidden(HOMOGENEOUS, 6))
