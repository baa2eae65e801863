"""HR's PDF report alone, rendered uncached at N departments: quick (about 30 s), for
measuring a change to the report without bench_dashboard.py's 100k responses.

    DATABASE_URL=postgres://... .venv/bin/python bench/bench_report_pdf.py \
        [--departments 120] [--runs 7] [--language nl] [--profile 30] [--html report.html]

The report's cost depends on the departments, not on the responses: the organisation is
bench/many_departments.py's (15 responses per department, one in ten with 3, two closed
waves), made afresh in DATABASE_URL (PostgreSQL, created if missing, and emptied first:
give it a database of its own). The waves' figures are frozen first, as they are once a
closed wave has been looked at. Each run then times what the rendering task does for a
PDF that is not kept (hr/exports/kept_pdf.py):

- dashboard: `campaign_dashboard` from the frozen figures;
- html: the report's document (`pdf_report.dashboard_pdf_html`);
- weasyprint: its layout as tagged PDF/UA-1 (`pdf_report.pdf_from_html`);
- garbage after: collecting what the rendering left (it runs with fewer collections);

(the total is their sum) and, right after, a plain three-page WeasyPrint document
(bench/common.py), so that both share the machine's load of that moment. It prints the
medians, the report's total as a multiple of the plain document (the figure to compare
across runs on a shared machine), the page count and size. `--profile N` then prints
cProfile's N costliest functions of one rendering; `--html FILE` writes the document
WeasyPrint lays out.

Target (issues "where to act" and "action plans"): the whole under 1.5 s at 120
departments.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import postgres_url  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--departments", type=int, default=120)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--language", default="nl")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--html", type=Path, default=None, metavar="FILE")
    arguments = parser.parse_args()
    os.environ["DATABASE_URL"] = postgres_url()
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportcheck.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation
    from pypdf import PdfReader

    from bench.common import plain_document, render_plain
    from bench.many_departments import many_departments
    from questionnaire.core.aggregates import campaign_dashboard
    from questionnaire.hr.exports import pdf_report

    call_command("migrate", verbosity=0)
    today = date.today()
    call_command("flush", interactive=False, verbosity=0)
    campaign = many_departments(arguments.departments, 15, today=today)
    site_url = "http://localhost/"
    translation.activate(arguments.language)
    campaign_dashboard(campaign, today=today)  # freezes both waves' figures
    render_plain(plain_document())  # WeasyPrint's imports and fonts, once

    def render() -> tuple[bytes, list[float]]:
        marks = [time.perf_counter()]
        dashboard = campaign_dashboard(campaign, today=today)
        marks.append(time.perf_counter())
        html = pdf_report.dashboard_pdf_html(dashboard, site_url=site_url)
        marks.append(time.perf_counter())
        pdf = pdf_report.pdf_from_html(html, site_url=site_url)
        marks.append(time.perf_counter())
        # The garbage the rendering left for later (core/pdf.py collects less often while
        # it renders): counted here, not in the plain document that follows.
        gc.collect()
        marks.append(time.perf_counter())
        return pdf, [(b - a) * 1000 for a, b in zip(marks, marks[1:], strict=False)]

    phases: list[list[float]] = []
    plains: list[float] = []
    pdf = b""
    for _ in range(arguments.runs):
        pdf, times = render()
        phases.append(times)
        start = time.perf_counter()
        render_plain(plain_document())
        plains.append((time.perf_counter() - start) * 1000)

    def median(values) -> float:
        return statistics.median(values)

    dashboard_ms, html_ms, weasy_ms, collect_ms = (
        median(column) for column in zip(*phases, strict=True)
    )
    total = median([sum(times) for times in phases])
    plain = median(plains)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"{arguments.departments} departments, {campaign.responses.count()} responses, "
        f"language {arguments.language}, {arguments.runs} runs (medians, ms)"
    )
    print(
        f"dashboard {dashboard_ms:.0f}  html {html_ms:.0f}  weasyprint {weasy_ms:.0f}  "
        f"garbage after {collect_ms:.0f}  "
        f"total {total:.0f}  plain 3 pages {plain:.0f}  ratio {total / plain:.1f}  "
        f"pages {pages}  {len(pdf) / 1024:.0f} KiB"
    )
    if arguments.html:
        dashboard = campaign_dashboard(campaign, today=today)
        arguments.html.write_text(pdf_report.dashboard_pdf_html(dashboard, site_url=site_url))
    if arguments.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        render()
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(arguments.profile)
        stats.sort_stats("cumulative").print_stats(arguments.profile)


if __name__ == "__main__":
    main()
