"""Benchmark of the HR dashboard and its exports on PostgreSQL, at growing sizes.

    .venv/bin/python bench/bench_dashboard.py [--sizes 1000 10000 100000] [--runs 15]

Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/supportcheck_bench) and
creates that database when it is missing. It empties the database, then for each size
tops the demo organisation up with seed_demo (the previous wave gets half as many
responses) and closes the wave so its scores are released. Per size it prints:

- first look: the one call that reads the responses and answers and stores the closed
  waves' AggregateSnapshot (this wave's and the previous one's), with its queries;
- dashboard: the median server time of `campaign_dashboard` over the runs once the
  snapshot exists (every later page view and export), with its queries;
- dashboard page and the CSV, XLSX and PDF exports: the median time of the whole
  request (the view with its charts and template, logged in, through Django's test
  client), with the queries of the first request. The PDF export is kept per frozen
  snapshot: its median is the download of the kept PDF, and a line below gives its first
  rendering (asked again while the export answers "being prepared", as a browser does).

Then, per number of departments (--departments, default 20 60 120; 15 responses each,
one department in ten with 3), the PDF export alone: its uncached rendering (the HTML and
WeasyPrint, as the first download does; median of --pdf-runs), its page count, the
download of the kept PDF through the view (median), and beside them a plain three-page
WeasyPrint document rendered after each report (median) with the report's time as a
multiple of it: the machine is shared, and the ratio says more than the milliseconds.

Targets: dashboard page under 150 ms median at 100k responses; the PDF export rendered
in at most 1.5 s at 120 departments, and downloaded from the cache in under 50 ms.
The snapshots are dropped after each top-up, since the benchmark adds responses to a
wave that has closed, which the app itself never does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import postgres_url  # noqa: E402


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # no request log lines between the figures
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import override_settings

    # The PDF export is rendered by the request that asks for it, as a task run at once:
    # this process has no worker, and the figure wanted is the rendering's own cost.
    override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ).enable()


def _timed(function, runs: int) -> tuple[float, int]:
    """Median milliseconds of `function()` over `runs`, and the queries of a first run
    (its time when `runs` is 0)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        function()
        first = (time.perf_counter() - start) * 1000
    if runs == 0:
        return first, len(queries.captured_queries)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries.captured_queries)


def _timed_page(client, url: str, runs: int) -> tuple[float, int]:
    """Median milliseconds of GET `url` over `runs`, and the queries of one request.

    Counted with an execute wrapper: a request closes its connection at the end
    (CONN_MAX_AGE=0), which empties the log CaptureQueriesContext reads.
    """
    from django.db import connection

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        _get_ok(client, url)
    FIRST_REQUEST[url] = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        _get_ok(client, url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(executed)


# Milliseconds of each page's first request: for the PDF export, its first rendering
# (later requests download the PDF kept for the frozen figures).
FIRST_REQUEST: dict[str, float] = {}


def _get_ok(client, url: str) -> None:
    """GET `url`; a PDF export still being prepared (202) is asked again, as the page's
    Refresh header makes the browser do, until it is ready."""
    for _attempt in range(600):
        response = client.get(url)
        if response.status_code != 202:
            break
        time.sleep(0.2)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--departments", type=int, nargs="*", default=[20, 60, 120])
    parser.add_argument("--pdf-runs", type=int, default=5)
    arguments = parser.parse_args()
    url = postgres_url()
    _setup(url)

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from questionnaire.core.aggregates import campaign_dashboard
    from questionnaire.models import AggregateSnapshot, Campaign
    from questionnaire.ops.demo import HR_USERNAME, seed_demo

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    today = date.today()
    translation.activate("nl")
    print(f"PostgreSQL {connection.pg_version}, {arguments.runs} runs per figure")
    print(
        f"{'responses':>10} {'seed s':>7} {'first look':>15} {'dashboard':>12} "
        + " ".join(f"{name:>15}" for name, _suffix in PAGES)
    )
    print(
        f"{'':>10} {'':>7} {'ms (queries)':>15} {'ms (queries)':>12} "
        + " ".join(f"{'ms (queries)':>15}" for _page in PAGES)
    )
    for size in sorted(arguments.sizes):
        start = time.perf_counter()
        site = seed_demo(responses=size, today=today)
        Campaign.objects.filter(pk=site.campaign.pk).update(closes_on=today - timedelta(days=1))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load
        AggregateSnapshot.objects.all().delete()
        seeded = time.perf_counter() - start
        campaign = Campaign.objects.select_related("organisation").get(pk=site.campaign.pk)
        first = _timed(lambda c=campaign: campaign_dashboard(c, today=today), 0)
        selector = _timed(lambda c=campaign: campaign_dashboard(c, today=today), arguments.runs)
        client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="nl")
        client.force_login(get_user_model().objects.get(username=HR_USERNAME))
        pages = [
            _timed_page(client, f"/hr/campaigns/{campaign.pk}/{suffix}", _runs(name, arguments))
            for name, suffix in PAGES
        ]
        print(
            f"{size:>10} {seeded:>7.1f} {_figure(first):>15} {_figure(selector):>12} "
            + " ".join(f"{_figure(page):>15}" for page in pages)
        )
        pdf = FIRST_REQUEST[f"/hr/campaigns/{campaign.pk}/export.pdf"]
        print(f"{'':>10} PDF export: first rendering {pdf:.0f} ms; the column shows the kept PDF")
    if arguments.departments:
        _pdf_by_departments(arguments.departments, arguments.pdf_runs, today)


def _pdf_by_departments(counts: list[int], runs: int, today: date) -> None:
    """The PDF export's uncached rendering, page count and kept download per size."""
    import gc
    import io

    from django.contrib.auth import get_user_model
    from django.test import Client
    from pypdf import PdfReader

    from bench.common import plain_document, render_plain
    from bench.many_departments import many_departments
    from questionnaire.core.aggregates import campaign_dashboard
    from questionnaire.hr import exports
    from questionnaire.models import HRMembership
    from questionnaire.ops.demo import HR_USERNAME

    print(
        f"\n{'departments':>11} {'responses':>9} {'PDF uncached':>13} {'pages':>5} {'PDF kept':>9}"
        f" {'plain 3 pages':>14} {'ratio':>6}"
    )
    print(f"{'':>11} {'':>9} {'ms':>13} {'':>5} {'ms':>9} {'ms':>14} {'':>6}")
    hr_user, _created = get_user_model().objects.get_or_create(username=HR_USERNAME)
    for count in sorted(counts):
        campaign = many_departments(count, 15, today=today)
        HRMembership.objects.create(user=hr_user, organisation=campaign.organisation)
        dashboard = campaign_dashboard(campaign, today=today)
        times, plains, pdf = [], [], b""
        for _ in range(runs):
            start = time.perf_counter()
            pdf = exports.dashboard_pdf(dashboard)
            gc.collect()  # what the rendering left for later is its cost, not the plain's
            times.append((time.perf_counter() - start) * 1000)
            # A plain three-page document right after, in the same load of the machine.
            start = time.perf_counter()
            render_plain(plain_document())
            plains.append((time.perf_counter() - start) * 1000)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="nl")
        client.force_login(hr_user)
        kept, _queries = _timed_page(client, f"/hr/campaigns/{campaign.pk}/export.pdf", 15)
        responses = campaign.responses.count()
        uncached, plain = statistics.median(times), statistics.median(plains)
        print(
            f"{count:>11} {responses:>9} {uncached:>13.0f} {pages:>5} {kept:>9.1f}"
            f" {plain:>14.0f} {uncached / plain:>6.1f}"
        )


PAGES = [
    ("dashboard page", ""),
    ("CSV export", "export.csv"),
    ("XLSX export", "export.xlsx"),
    ("PDF export", "export.pdf"),
]


def _runs(page: str, arguments) -> int:
    # The PDF export takes seconds (WeasyPrint); a few runs give a fair median.
    return max(3, arguments.runs // 5) if page == "PDF export" else arguments.runs


def _figure(measured: tuple[float, int]) -> str:
    milliseconds, queries = measured
    return f"{milliseconds:.1f} ({queries})"


if __name__ == "__main__":
    main()
