"""aggregates.respondent_reference: when a respondent may see their organisation's averages.

The rule (docs/privacy.md): a respondent knows their own part of an average, so a
comparison needs at least k responses besides their own, and only closed campaigns are used
(an open campaign's average would move with each new response). The averages are the whole
organisation's figures exactly as HR sees them.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import translation

from questionnaire.core.aggregates import reference, respondent_reference
from questionnaire.core.instrument import SOURCE_CODES, TYPE_CODES
from questionnaire.core.privacy import Hidden
from questionnaire.models import Campaign, Organisation, Response
from tests.support.results_factory import make_response, uniform_answers


def _campaign(organisation, name, opens_on, closes_on):
    return Campaign.objects.create(
        organisation=organisation, name=name, opens_on=opens_on, closes_on=closes_on
    )


@pytest.fixture
def closed_campaign(org_a, today):
    # Closed before campaign_a opened (today - 7), so it is "the previous wave" for it.
    return _campaign(org_a, "Spring wave", today - timedelta(days=60), today - timedelta(days=10))


def _others(campaign, count, values=(100, 0)):
    """`count` responses answering all items alike, taking `values` in turn (answers that
    differ: a group where everyone answered the same would be hidden as too alike)."""
    for index in range(count):
        make_response(campaign, uniform_answers(values[index % len(values)]))


def test_there_is_no_reference_while_the_only_campaign_is_open(campaign_a, today):
    own, _token = make_response(campaign_a)
    _others(campaign_a, 10)
    assert respondent_reference(own, today=today) is None


def test_a_closed_campaign_with_k_others_gives_the_average_including_ones_own(
    closed_campaign, today
):
    own, _token = make_response(closed_campaign)  # material-colleagues 87.5
    _others(closed_campaign, 5)  # 100, 0, 100, 0, 100
    reference = respondent_reference(own, today=today)
    assert reference.campaign == closed_campaign
    assert reference.includes_own_response
    cells = [reference.means[f"material_{source}"] for source in SOURCE_CODES]
    assert cells[0] == round((87.5 + 300) / 6, 1)
    # A type is the mean of its cells, as HR sees it.
    assert reference.means["material"] == round(sum(cells) / 3, 1)


def test_k_responses_in_all_including_ones_own_are_not_enough(closed_campaign, today):
    own, _token = make_response(closed_campaign)
    _others(closed_campaign, 4)
    assert respondent_reference(own, today=today) is None


def test_a_scale_the_respondent_left_empty_needs_k_others_too(org_a, closed_campaign, today):
    # The respondent has no emotional-supervisor score: five others are not enough (a
    # reader may know one of them), six are.
    own, _token = make_response(closed_campaign)
    assert own.emotional_supervisor is None
    _others(closed_campaign, 5, values=(75, 50))
    assert respondent_reference(own, today=today).means["emotional_supervisor"] == Hidden(
        "too_few", 5
    )
    _others(closed_campaign, 1, values=(50,))
    closed_campaign.aggregate_snapshot.delete()  # frozen figures: take them again
    closed_campaign.refresh_from_db()
    reference = respondent_reference(own, today=today)
    assert reference.means["emotional_supervisor"] == round((3 * 75 + 3 * 50) / 6, 1)


def test_a_scale_with_fewer_than_k_answers_is_hidden_with_the_reason(closed_campaign, today):
    own, _token = make_response(closed_campaign)
    _others(closed_campaign, 5)
    # Two others said "not applicable" to every material-supervisor question: 3 + own < k
    # + 1, so the cell is hidden, and with it the supervisor's and the material figures.
    for response in closed_campaign.responses.exclude(pk=own.pk)[:2]:
        response.material_supervisor = None
        response.save(update_fields=["material_supervisor"])
    reference = respondent_reference(own, today=today)
    assert reference.means["material_supervisor"] == Hidden("too_few", 5)
    assert reference.means["supervisor"] == Hidden("too_few", 5)
    assert reference.means["material"] == Hidden("too_few", 5)
    with translation.override("en"):
        assert str(reference.means["supervisor"]).startswith("hidden to protect small groups")
    assert reference.means["colleagues"] == round(
        sum(reference.means[f"{t}_colleagues"] for t in TYPE_CODES) / 4, 1
    )


def test_an_open_campaign_compares_with_the_previous_closed_one(
    org_a, closed_campaign, campaign_a, today
):
    _others(closed_campaign, 6, values=(25, 75))
    own, _token = make_response(campaign_a)
    reference = respondent_reference(own, today=today)
    assert reference.campaign == closed_campaign
    assert not reference.includes_own_response
    assert reference.means["material"] == 50.0


def test_a_previous_campaign_below_k_gives_no_reference(closed_campaign, campaign_a, today):
    _others(closed_campaign, 5)
    own, _token = make_response(campaign_a)
    assert respondent_reference(own, today=today) is None


def test_the_latest_closed_campaign_is_used(org_a, closed_campaign, campaign_a, today):
    older = _campaign(org_a, "Old", today - timedelta(days=400), today - timedelta(days=300))
    _others(older, 6, values=(0, 50))
    _others(closed_campaign, 6)
    own, _token = make_response(campaign_a)
    assert respondent_reference(own, today=today).campaign == closed_campaign


def test_a_campaign_that_overlapped_with_ones_own_is_not_the_previous_wave(
    org_a, campaign_a, today
):
    overlapping = _campaign(org_a, "Overlap", today - timedelta(days=30), today - timedelta(days=1))
    _others(overlapping, 5)
    own, _token = make_response(campaign_a)
    assert respondent_reference(own, today=today) is None


def test_another_organisations_campaigns_are_never_used(org_b, campaign_a, today):
    elsewhere = _campaign(org_b, "B closed", today - timedelta(days=40), today - timedelta(days=1))
    _others(elsewhere, 10)
    own, _token = make_response(campaign_a)
    assert respondent_reference(own, today=today) is None


def test_k_follows_the_organisations_minimum_group_size(db, today):
    organisation = Organisation.objects.create(name="Large k", min_group_size=8)
    closed = _campaign(
        organisation, "Closed", today - timedelta(days=40), today - timedelta(days=1)
    )
    own, _token = make_response(closed)
    _others(closed, 7)
    assert respondent_reference(own, today=today) is None
    larger = _campaign(
        organisation, "Larger", today - timedelta(days=40), today - timedelta(days=1)
    )
    own_in_larger, _token = make_response(larger)
    # With k = 8, the mean of any seven of nine others would sit within 15 points: a
    # few more answers are needed before the figures say nothing about seven people.
    _others(larger, 10)
    assert respondent_reference(own_in_larger, today=today) is not None


def test_the_own_campaign_is_used_from_the_day_after_it_closes(org_a, today):
    wave = _campaign(org_a, "Wave", today - timedelta(days=10), today)
    own, _token = make_response(wave)
    _others(wave, 5)
    assert respondent_reference(own, today=today) is None  # still open today
    assert respondent_reference(own, today=today + timedelta(days=1)).campaign == wave


# The organisation's averages are kept per frozen figures on PostgreSQL (reference.py):
# kept values are the organisation's, never one response's, and never another
# organisation's or another snapshot's.
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the averages are kept on PostgreSQL only"
)


@on_postgresql
def test_kept_averages_are_each_organisations_own(org_a, org_b, today, django_assert_num_queries):
    waves = {}
    for organisation, values in ((org_a, (100, 0)), (org_b, (25, 75))):
        wave = _campaign(
            organisation, "Spring", today - timedelta(days=60), today - timedelta(days=10)
        )
        _others(wave, 6, values=values)
        waves[organisation.pk] = wave
    first_a, _ = make_response(waves[org_a.pk], uniform_answers(100))
    first_b, _ = make_response(waves[org_b.pk], uniform_answers(25))
    expected_a = respondent_reference(first_a, today=today).means["material"]
    expected_b = respondent_reference(first_b, today=today).means["material"]
    assert expected_a != expected_b
    kept = {key[0] for key in reference._kept_means}  # by campaign and frozen figures
    assert {waves[org_a.pk].pk, waves[org_b.pk].pk} <= kept
    # Another respondent of each wave: the same averages, read from what was kept (the
    # response's campaign, whether its figures are frozen, the snapshot's digest; no
    # department's figures read or suppressed again).
    second_a = Response.objects.get(pk=make_response(waves[org_a.pk], uniform_answers(0))[0].pk)
    second_b = Response.objects.get(pk=make_response(waves[org_b.pk], uniform_answers(75))[0].pk)
    # (Responses added after freezing do not count: the figures are frozen.)
    with django_assert_num_queries(3):
        reference_a = respondent_reference(second_a, today=today)
    reference_b = respondent_reference(second_b, today=today)
    assert reference_a.means["material"] == expected_a
    assert reference_b.means["material"] == expected_b
    assert reference_a.campaign == waves[org_a.pk] and reference_b.campaign == waves[org_b.pk]
    # Whether one's own response is among them is each respondent's own.
    assert reference_a.includes_own_response is True


@on_postgresql
def test_figures_frozen_again_give_new_averages_not_the_kept_ones(closed_campaign, today):
    own, _token = make_response(closed_campaign, uniform_answers(100))
    _others(closed_campaign, 5, values=(0, 50))
    before = respondent_reference(own, today=today).means["material"]
    _others(closed_campaign, 6, values=(100, 75))
    closed_campaign.aggregate_snapshot.delete()  # frozen figures: take them again
    after = respondent_reference(Response.objects.get(pk=own.pk), today=today).means["material"]
    assert isinstance(before, float) and isinstance(after, float) and after > before
    reference._kept_means.clear()  # worked out afresh: the same
    fresh = respondent_reference(Response.objects.get(pk=own.pk), today=today).means["material"]
    assert fresh == after


def test_a_caller_changing_its_averages_changes_nothing_kept(closed_campaign, today):
    own, _token = make_response(closed_campaign)
    _others(closed_campaign, 6, values=(25, 75))
    respondent_reference(own, today=today).means["material"] = 0.0
    assert respondent_reference(own, today=today).means["material"] != 0.0


def test_the_previous_wave_is_placed_by_the_dates_its_figures_were_frozen_with(
    org_a, closed_campaign, campaign_a, today
):
    older = _campaign(org_a, "Old", today - timedelta(days=400), today - timedelta(days=300))
    _others(older, 6, values=(0, 50))
    _others(closed_campaign, 6, values=(25, 75))
    own, _token = make_response(campaign_a)
    assert respondent_reference(own, today=today).campaign == closed_campaign  # freezes it
    # Its dates moved afterwards to overlap the open wave: still the previous wave, as
    # HR's comparison places it, with the averages frozen for it.
    Campaign.objects.filter(pk=closed_campaign.pk).update(
        opens_on=today - timedelta(days=8), closes_on=today - timedelta(days=1)
    )
    again = respondent_reference(Response.objects.get(pk=own.pk), today=today)
    assert again.campaign == closed_campaign
    assert again.means["material"] == 50.0
