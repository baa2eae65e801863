"""The HR dashboard's numbers (aggregates.campaign_dashboard) on real rows."""

import math
import statistics
from datetime import timedelta

import pytest
from django.utils import translation

from questionnaire.core.aggregates import OTHER, campaign_dashboard
from questionnaire.core.privacy import (
    CAMPAIGN_OPEN,
    COMPLEMENTARY,
    HOMOGENEOUS,
    RARE_ANSWERS,
    TOO_FEW,
    Hidden,
)
from questionnaire.models import AggregateSnapshot, Campaign, Department, Response
from tests.support.aggregates_factory import add_responses, closed_campaign


@pytest.fixture(autouse=True)
def english():
    """Labels are compared in English (the source language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def care(departments_a):
    return departments_a[0]  # headcount 20


@pytest.fixture
def kitchen(departments_a):
    return departments_a[1]  # headcount 8


@pytest.fixture
def office(departments_a):
    return departments_a[2]  # no headcount


@pytest.fixture
def closed(org_a, today):
    return closed_campaign(org_a, today=today)


def row(rows, label):
    return next(r for r in rows if r.label == label)


def heatmap_score(dashboard, label, code):
    group = row(dashboard.heatmap, label)
    return next(score for score in group.scores if score.code == code)


def test_it_shows_counts_rates_and_means_of_a_closed_campaign(closed, care, kitchen, today):
    add_responses(closed, care, 6, overall=60.0)
    add_responses(closed, kitchen, 7, overall=40.0)

    dashboard = campaign_dashboard(closed, today=today)

    assert dashboard.scores_released
    assert row(dashboard.departments, "Care").responses == 6
    assert row(dashboard.departments, "Care").rate == 30.0
    assert row(dashboard.departments, "Kitchen").rate == 87.5
    assert dashboard.responses.responses == 13
    assert dashboard.responses.rate is None  # Office has no headcount
    assert dashboard.overall.value == round((6 * 60 + 7 * 40) / 13, 1)
    assert heatmap_score(dashboard, "Care", "climate").value == 50.0


def test_it_hides_departments_below_k(closed, care, kitchen, office, today):
    add_responses(closed, care, 7)
    add_responses(closed, kitchen, 6)
    add_responses(closed, office, 4)

    dashboard = campaign_dashboard(closed, today=today)

    assert row(dashboard.departments, "Office").responses == Hidden(TOO_FEW, 5)
    assert heatmap_score(dashboard, "Office", "material").hidden == Hidden(TOO_FEW, 5)
    # Office alone could be worked out as the total minus Care and Kitchen: Kitchen goes
    # with it into a combined group of ten.
    assert row(dashboard.departments, "Kitchen").responses == Hidden(COMPLEMENTARY, 5)
    combined = row(dashboard.departments, "Other departments combined")
    assert combined.kind == OTHER and combined.responses == 10
    assert dashboard.responses.responses == 17


def test_a_supervisor_mean_needs_k_people_who_answered_about_a_supervisor(
    closed, care, kitchen, today
):
    add_responses(closed, care, 10, supervisor=80.0)
    add_responses(closed, kitchen, 1, supervisor=0.0)
    add_responses(closed, kitchen, 5, supervisor=None)

    dashboard = campaign_dashboard(closed, today=today)

    assert row(dashboard.departments, "Kitchen").responses == 6
    assert heatmap_score(dashboard, "Kitchen", "supervisor").hidden == Hidden(TOO_FEW, 5)
    # Care's mean next to the organisation's would give away the one Kitchen answer.
    assert heatmap_score(dashboard, "Care", "supervisor").hidden == Hidden(COMPLEMENTARY, 5)
    assert dashboard.sources[1].value == round(800 / 11, 1)
    assert heatmap_score(dashboard, "Care", "colleagues").value == 50.0


def test_the_no_department_group_is_suppressed_like_a_department(closed, care, kitchen, today):
    add_responses(closed, care, 8)
    add_responses(closed, kitchen, 7)
    add_responses(closed, None, 2)

    dashboard = campaign_dashboard(closed, today=today)

    assert row(dashboard.departments, "No department given").responses == Hidden(TOO_FEW, 5)
    assert row(dashboard.departments, "Kitchen").responses == Hidden(COMPLEMENTARY, 5)
    assert row(dashboard.departments, "Care").responses == 8
    assert row(dashboard.departments, "Other departments combined").responses == 9


def test_a_campaign_below_k_shows_nothing(closed, care, today):
    add_responses(closed, care, 4)

    dashboard = campaign_dashboard(closed, today=today)

    assert dashboard.responses.responses == Hidden(TOO_FEW, 5)
    assert dashboard.overall.hidden == Hidden(TOO_FEW, 5)
    assert all(not score.shown for group in dashboard.heatmap for score in group.scores)
    assert all(item.hidden == Hidden(TOO_FEW, 5) for item in dashboard.distributions)


def test_an_open_campaign_shows_only_a_count_in_steps_of_k(campaign_a, care, today):
    add_responses(campaign_a, care, 12)

    with translation.override("en"):
        dashboard = campaign_dashboard(campaign_a, today=today)
        assert dashboard.responses.display_responses == "at least 10"
    assert dashboard.responses.responses == 10
    assert row(dashboard.departments, "Care").responses == 11  # k + 1, then steps of k
    assert dashboard.overall.hidden == Hidden(CAMPAIGN_OPEN, 5)
    assert all(r.total.hidden == Hidden(CAMPAIGN_OPEN, 5) for r in dashboard.matrix)
    assert dashboard.heatmap == () and dashboard.distributions == ()
    assert dashboard.comparison is None

    add_responses(campaign_a, care, 2)  # one more response, then another: no change
    assert campaign_dashboard(campaign_a, today=today).responses.responses == 10
    add_responses(campaign_a, care, 1)
    assert campaign_dashboard(campaign_a, today=today).responses.responses == 15


def test_an_open_campaign_with_fewer_than_k_responses_shows_no_count(campaign_a, care, today):
    add_responses(campaign_a, care, 4)

    assert campaign_dashboard(campaign_a, today=today).responses.responses == Hidden(TOO_FEW, 5)


def test_closed_figures_stay_when_a_respondent_deletes_afterwards(closed, care, kitchen, today):
    add_responses(closed, care, 6, overall=90.0)
    add_responses(closed, kitchen, 6, overall=10.0)
    before = campaign_dashboard(closed, today=today)

    Response.objects.filter(campaign=closed, department=kitchen).first().delete()
    closed.organisation.min_group_size = 7
    closed.organisation.save()
    after = campaign_dashboard(closed, today=today)

    assert row(after.departments, "Kitchen").responses == 6
    assert after.overall.value == before.overall.value == 50.0
    assert after.k == 5
    assert AggregateSnapshot.objects.filter(campaign=closed).count() == 1


def test_high_pressure_with_low_support_is_flagged(closed, care, kitchen, today):
    add_responses(closed, care, 6, pressure=75.0, overall=25.0)
    add_responses(closed, kitchen, 6, pressure=75.0, overall=50.0)

    dashboard = campaign_dashboard(closed, today=today)

    assert row(dashboard.pressure_support, "Care").flagged
    assert not row(dashboard.pressure_support, "Kitchen").flagged
    assert "62.5 or more" in dashboard.pressure_support_note


def test_the_need_gap_is_need_minus_support_received(closed, care, today):
    add_responses(closed, care, 6, need_emotional=75.0, emotional=40.0)

    dashboard = campaign_dashboard(closed, today=today)

    emotional = dashboard.needs[3]
    assert (emotional.need.value, emotional.received.value, emotional.gap) == (75.0, 40.0, 35.0)


def test_labels_follow_the_active_language(closed, care, today):
    add_responses(closed, care, 6)

    with translation.override("fr"):
        dashboard = campaign_dashboard(closed, today=today)

    assert [r.label for r in dashboard.matrix][0] == "Soutien matériel et financier"
    assert dashboard.matrix_columns == ("Collègues", "Responsable", "Hors équipe")
    assert dashboard.distributions[0].text.startswith("Quand vous êtes débordé ou débordée")


def test_answer_distributions_are_shown_whole_and_hidden_when_unanimous(closed, care, today):
    add_responses(closed, care, 6, answers={"col_mat_1": 0, "col_mat_2": 50})
    add_responses(closed, care, 6, answers={"col_mat_1": 100, "col_mat_2": 50})

    dashboard = campaign_dashboard(closed, today=today)

    first, second = dashboard.distributions[:2]
    assert first.hidden is None
    assert [(a.label, a.count, a.share) for a in first.answers] == [
        ("Never", 6, 50.0),
        ("Rarely", 0, 0.0),
        ("Sometimes", 0, 0.0),
        ("Often", 0, 0.0),
        ("Always", 6, 50.0),
    ]
    assert first.not_applicable == 0
    # Everyone said "sometimes": showing it would tell each person's answer.
    assert second.hidden == Hidden(HOMOGENEOUS, 5) and second.answers == ()


def test_one_rare_answer_shows_the_answers_in_three_groups(closed, care, kitchen, today):
    """The one "rarely" is merged into its group. Even the item's exact mean leaves from one
    to six people who may have said "rarely" (with as many fewer "always" and more
    "often"), so no answer is pinned to a few people (privacy.grouped_distribution)."""
    add_responses(closed, care, 6, answers={"col_mat_1": 0, "col_mat_2": 50})
    add_responses(closed, care, 6, answers={"col_mat_1": 100, "col_mat_2": 75})
    add_responses(closed, kitchen, 1, answers={"col_mat_1": 25, "col_mat_2": None})

    first, second = campaign_dashboard(closed, today=today).distributions[:2]

    assert first.hidden is None
    assert [(a.label, a.count, a.share) for a in first.answers] == [
        ("Rarely or never", 7, 53.8),
        ("Sometimes", 0, 0.0),
        ("Often or always", 6, 46.2),
    ]
    # One "not applicable" would come back as the responses minus those who answered.
    assert second.hidden == Hidden(RARE_ANSWERS, 5)
    assert second.not_applicable == Hidden(RARE_ANSWERS, 5)


def _previous_wave(org_a, today):
    return closed_campaign(org_a, today=today, name="Last year", closed_days_ago=200)


def test_a_clear_change_has_an_interval_that_excludes_zero(org_a, closed, care, today):
    previous = _previous_wave(org_a, today)
    add_responses(previous, care, 5, overall=40.0, pressure=50.0)
    add_responses(previous, care, 5, overall=60.0, pressure=50.0)
    add_responses(closed, care, 5, overall=70.0, pressure=70.0)
    add_responses(closed, care, 5, overall=90.0, pressure=90.0)

    comparison = campaign_dashboard(closed, today=today).comparison

    assert comparison.previous == previous
    overall = comparison.changes[0]
    assert overall.code == "overall"
    assert (overall.current, overall.previous, overall.difference) == (80.0, 50.0, 30.0)
    # Equal sizes and variances: Welch has 18 degrees of freedom, t(0.975, 18) = 2.1009.
    variance = statistics.variance([40.0] * 5 + [60.0] * 5)
    margin = 2.100922 * math.sqrt(variance / 10 + variance / 10)
    assert overall.low == pytest.approx(30 - margin, abs=0.06)
    assert overall.high == pytest.approx(30 + margin, abs=0.06)
    assert overall.verdict == "higher" and overall.better is True
    pressure = next(change for change in comparison.changes if change.code == "pressure")
    assert pressure.verdict == "higher" and pressure.better is False


def test_a_difference_within_the_noise_is_no_clear_change(org_a, closed, care, today):
    previous = _previous_wave(org_a, today)
    add_responses(previous, care, 5, overall=40.0)
    add_responses(previous, care, 5, overall=60.0)
    add_responses(closed, care, 5, overall=45.0)
    add_responses(closed, care, 5, overall=65.0)

    overall = campaign_dashboard(closed, today=today).comparison.changes[0]

    assert overall.difference == 5.0
    assert overall.low < 0 < overall.high
    assert overall.verdict == "no_clear_change" and overall.better is None


def test_a_previous_wave_below_k_is_not_compared(org_a, closed, care, today):
    previous = _previous_wave(org_a, today)
    add_responses(previous, care, 5)
    add_responses(closed, care, 6)

    overall = campaign_dashboard(closed, today=today).comparison.changes[0]

    assert overall.previous == Hidden(TOO_FEW, 5)
    assert overall.difference == Hidden(TOO_FEW, 5) and overall.verdict == "hidden"


def test_only_a_wave_that_closed_before_this_one_opened_is_compared(org_a, closed, care, today):
    overlapping = closed_campaign(org_a, today=today, name="Overlapping", closed_days_ago=3)
    add_responses(overlapping, care, 5)
    add_responses(closed, care, 5)

    assert campaign_dashboard(closed, today=today).comparison is None


def test_another_organisations_wave_is_never_the_previous_one(org_b, closed, care, today):
    add_responses(closed_campaign(org_b, today=today, closed_days_ago=100), None, 5)
    add_responses(closed, care, 5)

    assert campaign_dashboard(closed, today=today).comparison is None


def _organisation_with(org, today, departments, per_department):
    campaign = closed_campaign(org, today=today)
    previous = closed_campaign(org, today=today, name="Before", closed_days_ago=100)
    for index in range(departments):
        department = Department.objects.create(organisation=org, name=f"D{index}")
        add_responses(campaign, department, per_department, answers={"col_mat_1": 50})
        add_responses(previous, department, per_department)
    add_responses(campaign, None, per_department)
    return campaign


@pytest.mark.parametrize(("departments", "per_department"), [(1, 6), (8, 30)])
def test_the_dashboard_takes_a_fixed_number_of_queries(
    org_a, today, departments, per_department, django_assert_max_num_queries
):
    campaign = _organisation_with(org_a, today, departments, per_department)

    # The first look takes both snapshots (this wave's and the previous one's): per wave
    # two grouped reads, the headcounts, the waves before it, and one insert in a
    # savepoint; then one read of the earlier waves with their snapshots for the trends.
    with django_assert_max_num_queries(18):
        campaign_dashboard(campaign, today=today)
    # departments, the previous wave, the earlier waves (this wave's snapshot is cached)
    with django_assert_max_num_queries(3):
        campaign_dashboard(campaign, today=today)


def test_an_open_campaign_takes_two_queries(campaign_a, care, today, django_assert_num_queries):
    add_responses(campaign_a, care, 7)
    # As HR's views fetch it: with its frozen figures where taken (there are none).
    campaign = Campaign.objects.select_related("organisation", "aggregate_snapshot").get(
        pk=campaign_a.pk
    )

    with django_assert_num_queries(2):
        campaign_dashboard(campaign, today=today)


def test_empty_and_small_departments_look_alike(closed, care, kitchen, office, today):
    add_responses(closed, care, 10)
    add_responses(closed, kitchen, 2)
    add_responses(closed, kitchen, 4)  # 6: shown

    dashboard = campaign_dashboard(closed, today=today)

    assert row(dashboard.departments, "Office").responses == Hidden(TOO_FEW, 5)
    assert row(dashboard.departments, "Kitchen").responses == 6


def test_the_dashboard_reads_the_campaign_given(closed, org_b, today):
    other = closed_campaign(org_b, today=today)
    add_responses(other, None, 9, overall=10.0)
    add_responses(closed, None, 3, overall=90.0)
    add_responses(closed, None, 3, overall=50.0)

    assert campaign_dashboard(closed, today=today).overall.value == 70.0
    assert campaign_dashboard(closed, today=today).responses.responses == 6


def test_a_campaign_closes_after_its_last_day(campaign_a, care, today):
    add_responses(campaign_a, care, 6)
    last_day = campaign_a.closes_on

    assert not campaign_dashboard(campaign_a, today=last_day).scores_released
    assert campaign_dashboard(campaign_a, today=last_day + timedelta(days=1)).overall.value == 50.0


def test_a_snapshots_answer_counts_are_summed_over_the_groups_asked_for_only():
    from questionnaire.core.aggregates.snapshot import Snapshot

    rows = [
        [1, "q1", 0, 4],
        [2, "q1", 0, 3],
        [2, "q1", None, 1],
        [None, "q1", 100, 2],
        [3, "q2", 50, 5],
    ]
    snapshot = Snapshot(5, {}, rows, {})
    assert snapshot.item_counts([1, 2, None]) == {"q1": {0: 7, None: 1, 100: 2}}
    assert snapshot.item_counts([3]) == {"q2": {50: 5}}
    assert snapshot.item_counts([]) == {}
    # Figures frozen before answers were counted per department: one cell, "no
    # department" (None), which counts whenever it is included.
    old = Snapshot(5, {}, [["q1", 0, 4], ["q1", 25, 1]], {})
    assert old.item_counts([1, None]) == {"q1": {0: 4, 25: 1}}
    assert old.item_counts([1, 2]) == {}
