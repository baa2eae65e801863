"""The t quantile behind every "clearly higher / lower" verdict, against SciPy's exact one."""

import math

import pytest
from scipy import stats

from questionnaire.core.aggregates.intervals import t_975, welch_interval


@pytest.mark.parametrize("df", [3, 4, 5, 8, 12, 30, 120, 10_000])
def test_the_t_quantile_is_close_to_the_exact_one_from_three_degrees_of_freedom(df):
    exact = stats.t.ppf(0.975, df)
    # 0.12 % too narrow at 3 degrees of freedom (3.179 against 3.182), closer with more.
    assert t_975(df) == pytest.approx(exact, rel=1.5e-3)


def test_without_a_limit_to_the_degrees_of_freedom_it_is_the_normal_quantile():
    assert t_975(math.inf) == pytest.approx(stats.norm.ppf(0.975), abs=1e-12)


def test_two_groups_without_spread_give_the_difference_itself():
    assert welch_interval(12.5, 0.0, 6, 0.0, 9) == (12.5, 12.5)
