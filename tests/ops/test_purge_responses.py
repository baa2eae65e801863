"""purge_responses: the responses of campaigns closed longer ago than the retention age go,
with their answers and cached PDFs; open, upcoming and younger campaigns stay untouched."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from questionnaire.core.aggregates import frozen_response_count
from questionnaire.models import AggregateSnapshot, Answer, Campaign, PersonalReport, Response
from questionnaire.ops.retention import cutoff_for
from tests.support.results_factory import make_response


def _purge(*args):
    out = StringIO()
    call_command("purge_responses", *args, stdout=out)
    return out.getvalue()


def _campaign(organisation, name, closes_on, days_open=30):
    return Campaign.objects.create(
        organisation=organisation,
        name=name,
        opens_on=closes_on - timedelta(days=days_open),
        closes_on=closes_on,
    )


def _with_responses(campaign, count=6, reports=1):
    responses = [make_response(campaign, submitted_on=campaign.opens_on)[0] for _ in range(count)]
    for response in responses[:reports]:
        PersonalReport.objects.create(
            response=response,
            language="nl",
            fingerprint="f",
            pdf=b"%PDF-",
            created_on=timezone.localdate(),
        )
    return campaign


def _left(campaign):
    return Response.objects.filter(campaign=campaign).count()


@pytest.fixture
def local_today():
    return timezone.localdate()


@pytest.fixture
def cutoff(local_today):
    """The closing day that is exactly 24 months old."""
    return cutoff_for((24, "m"), today=local_today)


@pytest.fixture
def waves(org_a, org_b, campaign_a, cutoff, local_today):
    """Organisation A: a wave closed a day past 24 months, one closed exactly 24 months ago,
    a recent one, the open campaign_a and an upcoming one; organisation B: an old wave too."""
    return {
        "old": _with_responses(_campaign(org_a, "Old wave", cutoff - timedelta(days=1))),
        "at_age": _with_responses(_campaign(org_a, "Exactly 24 months", cutoff)),
        "recent": _with_responses(_campaign(org_a, "Recent", local_today - timedelta(days=1))),
        "open": _with_responses(campaign_a),
        "upcoming": _campaign(org_a, "Upcoming", local_today + timedelta(days=40)),
        "b_old": _with_responses(_campaign(org_b, "B's old wave", cutoff - timedelta(days=400)), 3),
        "b_recent": _with_responses(_campaign(org_b, "B's recent", cutoff + timedelta(days=10))),
    }


def test_it_deletes_only_responses_of_campaigns_closed_before_the_age(waves):
    answers_per_response = Answer.objects.filter(response__campaign=waves["old"]).count() // 6
    output = _purge("--older-than", "24m")
    assert _left(waves["old"]) == 0
    assert _left(waves["b_old"]) == 0
    for kept in ("at_age", "recent", "open", "b_recent"):
        assert _left(waves[kept]) == 6, kept
    assert not Answer.objects.filter(response__campaign=waves["old"]).exists()
    assert not PersonalReport.objects.filter(response__campaign=waves["old"]).exists()
    assert PersonalReport.objects.filter(response__campaign=waves["at_age"]).count() == 1
    old = waves["old"]
    assert (
        f"Deleted 6 responses, {6 * answers_per_response} answers and 1 PDF reports of "
        f"Organisation A – Old wave ({old.public_id}, closed {old.closes_on.isoformat()})."
    ) in output
    assert "Organisation B – B's old wave" in output
    assert "Deleted 9 responses of 2 campaigns closed before" in output


def test_the_campaigns_and_their_frozen_figures_stay(waves):
    _purge("--older-than", "24m")
    old = Campaign.objects.get(pk=waves["old"].pk)
    assert frozen_response_count(old) == 6
    assert Campaign.objects.count() == 7


def test_figures_frozen_before_the_purge_are_kept_unchanged(waves, local_today):
    call_command("freeze_closed_campaigns", stdout=StringIO())
    before = AggregateSnapshot.objects.get(campaign=waves["old"]).data
    _purge("--older-than", "24m")
    assert AggregateSnapshot.objects.get(campaign=waves["old"]).data == before


def test_a_dry_run_deletes_and_freezes_nothing(waves):
    rows = Response.objects.count()
    output = _purge("--older-than", "24m", "--dry-run")
    assert "Would delete 6 responses" in output
    assert "Dry run: nothing was deleted." in output
    assert Response.objects.count() == rows
    assert PersonalReport.objects.count() == 6
    assert not AggregateSnapshot.objects.exists()


def test_days_work_too_and_the_day_of_the_age_is_kept(org_a, local_today):
    exactly = _with_responses(_campaign(org_a, "Exactly 90 days", local_today - timedelta(90)))
    older = _with_responses(_campaign(org_a, "91 days", local_today - timedelta(91)))
    _purge("--older-than", "90d")
    assert _left(exactly) == 6
    assert _left(older) == 0


def test_even_the_shortest_age_never_touches_an_open_campaign(org_a, campaign_a, local_today):
    _with_responses(campaign_a)
    closing_today = _with_responses(_campaign(org_a, "Closes today", local_today))
    closed_yesterday = _with_responses(_campaign(org_a, "Yesterday", local_today - timedelta(1)))
    _purge("--older-than", "1d")
    assert _left(campaign_a) == 6
    assert _left(closing_today) == 6
    assert _left(closed_yesterday) == 6  # closed 1 day ago: exactly the age, kept
    _purge("--older-than", "1d")
    assert _left(campaign_a) == 6


def test_the_default_age_comes_from_the_setting(org_a, settings, local_today):
    settings.RETENTION_MONTHS = 3
    three_months = cutoff_for((3, "m"), today=local_today)
    older = _with_responses(_campaign(org_a, "Older", three_months - timedelta(days=1)))
    younger = _with_responses(_campaign(org_a, "Younger", three_months + timedelta(days=1)))
    assert "1 campaigns closed before" in _purge()
    assert _left(older) == 0
    assert _left(younger) == 6


def test_nothing_to_purge_says_so(db):
    assert "Deleted 0 responses of 0 campaigns" in _purge("--older-than", "24m")


@pytest.mark.parametrize("age", ["24", "m", "24y", "-3d", "0m", "24 months", "", "2.5m"])
def test_a_malformed_age_is_refused_clearly(waves, age):
    rows = Response.objects.count()
    with pytest.raises(CommandError, match="for example 24m or 90d"):
        _purge(f"--older-than={age}")
    assert Response.objects.count() == rows


@pytest.mark.parametrize(
    ("today", "age", "cutoff"),
    [
        (date(2026, 3, 31), (1, "m"), date(2026, 2, 28)),
        (date(2024, 2, 29), (24, "m"), date(2022, 2, 28)),
        (date(2026, 1, 15), (12, "m"), date(2025, 1, 15)),
        (date(2026, 1, 15), (1, "m"), date(2025, 12, 15)),
        (date(2026, 1, 15), (90, "d"), date(2025, 10, 17)),
    ],
)
def test_months_are_calendar_months(today, age, cutoff):
    assert cutoff_for(age, today=today) == cutoff
