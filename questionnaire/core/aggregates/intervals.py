"""The 95 % interval of a difference of two means (Welch), as a pure function."""

from __future__ import annotations

import math

# Two-sided 95 % interval of the normal distribution.
_Z_975 = 1.959963984540054


def welch_interval(
    difference: float, var_a: float, n_a: int, var_b: float, n_b: int
) -> tuple[float, float]:
    """95 % interval of a difference of two means with unequal variances (Welch).

    Uses Welch-Satterthwaite degrees of freedom and a t quantile from its Cornish-Fisher
    expansion around the normal one (close to the exact value from 3 degrees of freedom
    on; the normal approximation alone would be too narrow for groups of five).
    """
    se_a, se_b = var_a / n_a, var_b / n_b
    standard_error = math.sqrt(se_a + se_b)
    if standard_error == 0:
        return difference, difference
    df_denominator = se_a**2 / (n_a - 1) + se_b**2 / (n_b - 1)
    df = (se_a + se_b) ** 2 / df_denominator if df_denominator else math.inf
    margin = t_975(df) * standard_error
    return difference - margin, difference + margin


def t_975(df: float) -> float:
    """The 97.5 % quantile of Student's t with `df` degrees of freedom (approximation)."""
    z = _Z_975
    if math.isinf(df):
        return z
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * df**4)
    )
