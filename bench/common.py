"""What the benchmarks share: the PostgreSQL database they work in, medians, percentiles."""

from __future__ import annotations

import statistics

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/supportcheck_bench"


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
