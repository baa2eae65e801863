"""Benchmark of the action plans on PostgreSQL: HR's dashboard page and its PDF report of
an organisation with 120 departments, without actions and with 200 of them.

    .venv/bin/python bench/bench_actions.py [--departments 120] [--actions 200] [--runs 15]

Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/supportcheck_bench) and
creates that database when it is missing; it empties it first. The organisation is
bench/many_departments.py's (two closed waves, 15 responses per department, one in ten
small). Half the actions are the previous wave's (so the dashboard follows each into this
wave, with the change of its area in its group), half this wave's, spread over the
departments and the areas.

Prints, without and with the actions (measured in turns, --rounds times): the dashboard
page's median (the whole request, logged in, through Django's test client; the figures
frozen already) and the PDF report's uncached rendering median (the HTML and WeasyPrint,
as the first download does), with their ratios. Targets: the dashboard under 150 ms;
the PDF under 1.5 s uncached.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_dashboard import _setup, _timed_page  # noqa: E402
from bench.common import postgres_url  # noqa: E402


def _add_actions(campaign, count: int) -> None:
    """`count` actions over the departments and areas, half of them the previous wave's."""
    from questionnaire.core.aggregates.comparison import previous_campaign
    from questionnaire.hr.actions import AREA_CODES
    from questionnaire.models import ActionPlanItem

    previous = previous_campaign(campaign)
    assert previous is not None
    departments = list(campaign.organisation.departments.order_by("pk"))
    statuses = [code for code, _label in ActionPlanItem.STATUS_CHOICES]
    ActionPlanItem.objects.bulk_create(
        ActionPlanItem(
            campaign=previous if number % 2 else campaign,
            department=departments[number % len(departments)] if number % 7 else None,
            area=AREA_CODES[number % len(AREA_CODES)],
            what=f"Action {number}: agree with the team what to change first",
            owner="Team leader",
            due_on=campaign.closes_on + timedelta(days=30 + number % 90),
            status=statuses[number % len(statuses)],
        )
        for number in range(count)
    )


def _pdf_median(campaign, today: date, runs: int) -> float:
    from questionnaire.core.aggregates import campaign_dashboard
    from questionnaire.hr import exports
    from questionnaire.hr.actions import action_plan

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        board = campaign_dashboard(campaign, today=today)
        exports.dashboard_pdf(board, plan=action_plan(board, follow_later=False))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--departments", type=int, default=120)
    parser.add_argument("--actions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pdf-runs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    _setup(postgres_url())

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from bench.many_departments import many_departments
    from questionnaire.core.aggregates import campaign_dashboard
    from questionnaire.models import ActionPlanItem, HRMembership

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    today = date.today()
    translation.activate("nl")
    campaign = many_departments(arguments.departments, 15, today=today)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    campaign_dashboard(campaign, today=today)  # the figures frozen, as after a first look
    user = get_user_model().objects.create_user("bench-reader")
    HRMembership.objects.create(user=user, organisation=campaign.organisation)
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    url = f"/hr/campaigns/{campaign.pk}/"
    print(f"PostgreSQL {connection.pg_version}, {arguments.departments} departments")
    print(f"{'actions':>8} {'dashboard ms (queries)':>23} {'PDF uncached ms':>16}")
    # Without and with the actions in turns, so that a change of the shared machine's load
    # weighs on both: the median of each over the rounds.
    figures: dict[int, list[tuple[float, int, float]]] = {0: [], arguments.actions: []}
    for _round in range(arguments.rounds):
        for count in figures:
            ActionPlanItem.objects.all().delete()
            _add_actions(campaign, count)
            page, queries = _timed_page(client, url, arguments.runs)
            pdf = _pdf_median(campaign, today, arguments.pdf_runs)
            figures[count].append((page, queries, pdf))
    medians = {}
    for count, measured in figures.items():
        page = statistics.median(m[0] for m in measured)
        pdf = statistics.median(m[2] for m in measured)
        medians[count] = (page, pdf)
        print(f"{count:>8} {f'{page:.1f} ({measured[0][1]})':>23} {pdf:>16.0f}")
    (page_0, pdf_0), (page_n, pdf_n) = medians[0], medians[arguments.actions]
    print(f"ratio with actions: dashboard {page_n / page_0:.2f}, PDF {pdf_n / pdf_0:.2f}")


if __name__ == "__main__":
    main()
