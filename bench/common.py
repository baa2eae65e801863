"""What the benchmarks share: the PostgreSQL database they work in, medians, percentiles."""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import timedelta

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


def postgres_url() -> str:
    """DATABASE_URL (default DEFAULT_URL), which must name PostgreSQL; created if missing."""
    from supportcheck.ensure_database import ensure_database

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("This benchmark measures PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    ensure_database(url)
    return url


def open_campaign(today, *, days: int):
    """A campaign of a new organisation, open from `days` ago to `days` from now."""
    from questionnaire.models import Campaign, Organisation

    organisation = Organisation.objects.create(name=f"Bench {time.time_ns()}")
    return Campaign.objects.create(
        organisation=organisation,
        name="Bench wave",
        opens_on=today - timedelta(days=days),
        closes_on=today + timedelta(days=days),
    )
