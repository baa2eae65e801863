"""freeze_closed_campaigns: closed waves get their frozen figures before HR looks."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.models import AggregateSnapshot, Campaign
from tests.support.results_factory import make_response, uniform_answers


def _wave(organisation, name, opens_on, closes_on, responses):
    campaign = Campaign.objects.create(
        organisation=organisation, name=name, opens_on=opens_on, closes_on=closes_on
    )
    for _ in range(responses):
        make_response(campaign, uniform_answers(75))
    return campaign


def test_it_freezes_closed_waves_only_once_and_leaves_open_ones(org_a, today):
    closed = _wave(org_a, "Closed", today - timedelta(days=30), today - timedelta(days=1), 6)
    _wave(org_a, "Open", today - timedelta(days=3), today + timedelta(days=3), 6)
    out = StringIO()

    call_command("freeze_closed_campaigns", stdout=out)
    call_command("freeze_closed_campaigns", stdout=out)

    assert list(AggregateSnapshot.objects.values_list("campaign__name", flat=True)) == ["Closed"]
    snapshot = AggregateSnapshot.objects.get(campaign=closed)
    assert snapshot.min_group_size == 5 and snapshot.taken_on == today
    assert "Froze the figures of 1 closed campaign(s)." in out.getvalue()
    assert "Froze the figures of 0 closed campaign(s)." in out.getvalue()


def test_after_freezing_the_dashboard_reads_no_response_rows(org_a, today):
    closed = _wave(org_a, "Closed", today - timedelta(days=30), today - timedelta(days=1), 6)
    call_command("freeze_closed_campaigns", stdout=StringIO())

    with CaptureQueriesContext(connection) as queries:
        dashboard = campaign_dashboard(closed, today=today)

    assert dashboard.overall.value == 75
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "questionnaire_answer" not in sql
    assert "questionnaire_response" not in sql
