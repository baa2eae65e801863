"""Benchmark of the personal PDF report: rendering, and the cached download.

    .venv/bin/python bench/bench_pdf.py [--renders 15] [--downloads 50]

Without DATABASE_URL it works in a throwaway SQLite file that it migrates and removes
afterwards; with DATABASE_URL it uses that (existing) database, migrates it, and deletes
the organisation it created when done. It creates one response, then
- renders its PDF `--renders` times without the cache (the stored copy is deleted before
  each run), through reports.personal_report_pdf, as the first download does (the
  results, the template, WeasyPrint and storing the copy, some 15 ms besides
  WeasyPrint on a quiet machine), each time
  followed by a plain three-page WeasyPrint document (text and a table, the same font,
  PDF/UA-1), so that both share the machine's load of that moment;
- downloads it `--downloads` times through Django's test Client, served from the cache;
and prints the medians, the size of the PDF, the peak of Python allocations during one
rendering (tracemalloc) and the process's peak resident memory (ru_maxrss).
Targets: rendering at most 1.5 x the plain document, cached download under 50 ms (medians).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup() -> Path | None:
    """Configure Django; returns the throwaway SQLite file when one is used."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportcheck.test_settings")
    throwaway = None
    if not os.environ.get("DATABASE_URL"):
        throwaway = Path(tempfile.mkstemp(prefix="bench-pdf-", suffix=".sqlite3")[1])
        os.environ["DATABASE_URL"] = f"sqlite:///{throwaway}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test Client's "testserver" host in
    call_command("migrate", verbosity=0)
    return throwaway


def _response():
    from bench.common import open_campaign
    from tests.support.results_factory import make_response

    campaign = open_campaign(date.today(), days=7)
    response, token = make_response(campaign, language="fr")
    return campaign.organisation, response, token


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=15)
    parser.add_argument("--downloads", type=int, default=50)
    options = parser.parse_args()

    throwaway = _setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from pypdf import PdfReader

    from bench.common import plain_document, render_plain
    from questionnaire.models import PersonalReport
    from questionnaire.respondent.reports import personal_report_pdf

    organisation, response, token = _response()
    site_url = "http://testserver/"
    try:
        start = time.perf_counter()
        personal_report_pdf(response=response, language="fr", site_url=site_url, today=date.today())
        cold = time.perf_counter() - start

        plain_html = plain_document()
        plain_pages = len(PdfReader(io.BytesIO(render_plain(plain_html))).pages)
        renders, plains = [], []
        for _ in range(options.renders):
            PersonalReport.objects.filter(response=response).delete()
            start = time.perf_counter()
            pdf = personal_report_pdf(
                response=response, language="fr", site_url=site_url, today=date.today()
            )
            renders.append(time.perf_counter() - start)
            start = time.perf_counter()
            render_plain(plain_html)
            plains.append(time.perf_counter() - start)
        report_pages = len(PdfReader(io.BytesIO(pdf)).pages)
        # The same plain text, as long as the report: what the report's tables and many
        # short blocks (lines, headings, lists) add.
        as_long_html = plain_document(sections=2 * report_pages)
        as_long_pages = len(PdfReader(io.BytesIO(render_plain(as_long_html))).pages)
        as_long = []
        for _ in range(options.renders):
            start = time.perf_counter()
            render_plain(as_long_html)
            as_long.append(time.perf_counter() - start)

        # Traced apart: tracemalloc slows the rendering down several times.
        PersonalReport.objects.filter(response=response).delete()
        tracemalloc.start()
        # This rendering is the one stored: the downloads below must return it (two
        # renderings differ in their PDF identifiers and dates).
        pdf = personal_report_pdf(
            response=response, language="fr", site_url=site_url, today=date.today()
        )
        peak_python = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()

        client = Client()
        url = f"/r/{token}/report.pdf?lang=fr"
        downloads = []
        for _ in range(options.downloads):
            start = time.perf_counter()
            download = client.get(url)
            downloads.append(time.perf_counter() - start)
            assert download.status_code == 200 and download.content == pdf
        assert PersonalReport.objects.filter(response=response).count() == 1

        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
        print(f"PDF size: {len(pdf) / 1024:.0f} KiB, {report_pages} pages")
        print(f"first rendering (cold: imports, fonts): {cold * 1000:.0f} ms")
        print(
            f"rendering, uncached: median {_median_ms(renders):.0f} ms over {options.renders} "
            f"(min {min(renders) * 1000:.0f}, max {max(renders) * 1000:.0f})"
        )
        print(
            f"plain {plain_pages}-page document, same run: median {_median_ms(plains):.0f} ms "
            f"(min {min(plains) * 1000:.0f}, max {max(plains) * 1000:.0f})"
        )
        ratio = statistics.median(renders) / statistics.median(plains)
        print(f"report / plain document: {ratio:.2f} x  target <= 1.5 x")
        per_page = statistics.median(renders) / statistics.median(as_long)
        print(
            f"report / plain document of {as_long_pages} pages: {per_page:.2f} x "
            f"(plain {_median_ms(as_long):.0f} ms)"
        )
        print(
            f"download, cached: median {_median_ms(downloads):.1f} ms over {options.downloads} "
            f"(max {max(downloads) * 1000:.1f})  target < 50 ms"
        )
        print(f"peak Python allocations during one rendering: {peak_python / 2**20:.1f} MiB")
        print(f"peak resident memory of the process: {peak_rss_mb:.0f} MiB")
    finally:
        organisation.delete()
        if throwaway is not None:
            connection.close()
            throwaway.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
