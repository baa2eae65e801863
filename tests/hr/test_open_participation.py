"""Participation per department while a campaign is open (privacy rule 7): each
department's count from k + 1 on, in steps of k, so that HR sees which teams to encourage,
and a reader who looks before and after one more response learns nothing but that a step
was passed."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from questionnaire.core import privacy
from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.core.privacy import FEW_SO_FAR, Hidden, released_group_count
from tests.hr.test_dashboard import _rows_by_label, _Tables
from tests.support.aggregates_factory import add_responses


def test_a_group_count_starts_at_k_plus_one_and_moves_in_steps_of_k():
    shown = [released_group_count(count, 5) for count in range(18)]
    assert shown[:6] == [Hidden(FEW_SO_FAR, 5)] * 6
    assert shown[6:] == [6] * 5 + [11] * 5 + [16] * 2


@pytest.mark.parametrize("k", [3, 5, 10])
def test_one_more_response_moves_a_group_count_only_after_k_others(k):
    """Watching the count response by response: it never overstates, it changes only at
    counts k + 1, 2k + 1, ..., so between two changes there are always k responses."""
    seen = [released_group_count(count, k) for count in range(0, 6 * k)]
    changes = [count for count in range(1, 6 * k) if seen[count] != seen[count - 1]]
    assert changes == list(range(k + 1, 6 * k, k))
    assert all(isinstance(value, Hidden) or value <= count for count, value in enumerate(seen))


def _participation(client, campaign) -> dict[str, list[str]]:
    page = client.get(reverse("hr:dashboard", kwargs={"pk": campaign.pk}))
    assert page.status_code == 200
    return _rows_by_label(_Tables(page.text).tables["table-participation-caption"])


@pytest.fixture
def reader(client, hr_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(hr_a)
    return client


def test_the_open_page_shows_each_department_in_steps(reader, campaign_a, departments_a):
    care, kitchen, office = departments_a
    add_responses(campaign_a, care, 12)
    add_responses(campaign_a, kitchen, 5)
    add_responses(campaign_a, office, 6)
    add_responses(campaign_a, None, 2)

    rows = _participation(reader, campaign_a)

    # Care: 12 responses of 20 people; Kitchen 5 of 8; Office 6, headcount unknown.
    assert rows["Care"] == ["at least 11", "20", "at least 55.0%"]
    assert rows["Kitchen"] == ["fewer than 6 so far", "8", "fewer than 6 so far"]
    assert rows["Office"] == ["at least 6", "–", "–"]
    assert rows["No department given"][0] == "fewer than 6 so far"
    assert rows["Whole organisation"][0] == "at least 25"


def test_one_more_response_changes_nothing_on_the_page_until_a_step(
    reader, campaign_a, departments_a
):
    """The attacker's look before and after: Kitchen's 6th response shows it; its 7th to
    10th change nothing anywhere in the page's participation (the organisation's 10 to 14
    read "at least 10"); the 11th is the next step."""
    care, kitchen, _office = departments_a
    add_responses(campaign_a, care, 4)
    add_responses(campaign_a, kitchen, 5)
    before = _participation(reader, campaign_a)
    add_responses(campaign_a, kitchen, 1)
    shown = _participation(reader, campaign_a)
    assert (before["Kitchen"][0], shown["Kitchen"][0]) == ("fewer than 6 so far", "at least 6")

    for _ in range(4):
        add_responses(campaign_a, kitchen, 1)
        assert _participation(reader, campaign_a) == shown
    add_responses(campaign_a, kitchen, 1)
    assert _participation(reader, campaign_a)["Kitchen"][0] == "at least 11"


def test_a_department_shown_while_open_is_shown_once_closed(campaign_a, departments_a, today):
    """Shown while open means k + 1 responses: enough for a group of its own at closing,
    so the open count never pins a group the closed figures hide."""
    care, kitchen, _office = departments_a
    add_responses(campaign_a, care, 9)
    add_responses(campaign_a, kitchen, 6)
    with translation.override("en"):
        open_rows = {r.label: r for r in campaign_dashboard(campaign_a, today=today).departments}
        campaign_a.closes_on = today - timedelta(days=1)
        campaign_a.save()
        closed = {r.label: r for r in campaign_dashboard(campaign_a, today=today).departments}
    assert (open_rows["Care"].responses, open_rows["Kitchen"].responses) == (6, 6)
    assert (closed["Care"].responses, closed["Kitchen"].responses) == (9, 6)
    assert all(row.responses >= privacy.needed(5) for row in (closed["Care"], closed["Kitchen"]))
