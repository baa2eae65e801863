"""What the benchmarks share: the PostgreSQL database they work in, medians, percentiles,
and a plain WeasyPrint document to measure PDFs against on a machine whose speed varies."""

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


def plain_document(sections: int = 6) -> str:
    """A4 pages of ordinary text and one table (six sections: three pages): what any
    WeasyPrint PDF costs."""
    paragraph = (
        "<p>Social support at work is the help one can count on from colleagues, a "
        "supervisor and people outside the team. It is practical, informational, respecting "
        "or emotional, and it softens the strain of a heavy workload.</p>"
    )
    rows = "".join(
        f"<tr><th>Row {n}</th><td>{n * 7 % 100}</td><td>text</td></tr>" for n in range(30)
    )
    sections = "".join(
        f"<h2>Section {n}</h2>{paragraph * 4}<table><tbody>{rows if n == 1 else ''}</tbody></table>"
        for n in range(1, sections + 1)
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title>'
        "<style>@page { size: A4; margin: 18mm 16mm 20mm }"
        ' html { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4 }'
        "</style></head><body><main><h1>A plain document</h1>" + sections + "</main></body></html>"
    )


def render_plain(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
