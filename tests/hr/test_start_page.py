"""The HR start page: the user's organisations and campaigns, with the number of responses
only as far as the privacy rules allow."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from questionnaire.core.privacy import TOO_FEW, Hidden
from questionnaire.models import AggregateSnapshot, Campaign, HRMembership, Response
from tests.support.aggregates_factory import add_responses, closed_campaign


class _Rows(HTMLParser):
    """Rows of the page's tables by the text of their first cell."""

    def __init__(self, html: str):
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row:
            self.rows[self._row[0]] = self._row[1:]
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture
def alice(client, hr_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(hr_a)
    return client


def _responses_column(client) -> dict[str, str]:
    response = client.get(reverse("hr:home"))
    assert response.status_code == 200
    return {name: cells[-1] for name, cells in _Rows(response.text).rows.items()}


def test_an_open_campaign_shows_its_responses_in_steps_of_k(alice, campaign_a, departments_a):
    add_responses(campaign_a, departments_a[0], 7)
    assert _responses_column(alice)["Autumn wave"] == "at least 5"
    add_responses(campaign_a, departments_a[1], 2)
    assert _responses_column(alice)["Autumn wave"] == "at least 5"
    add_responses(campaign_a, None, 1)
    assert _responses_column(alice)["Autumn wave"] == "at least 10"


def test_an_open_campaign_below_k_says_why_and_shows_no_number(alice, campaign_a):
    add_responses(campaign_a, None, 4)
    assert _responses_column(alice)["Autumn wave"] == str(Hidden(TOO_FEW, 5))


def test_a_closed_campaign_shows_its_frozen_count(alice, org_a, departments_a, today):
    spring = closed_campaign(org_a, today=today, name="Spring wave")
    rows = add_responses(spring, departments_a[0], 6) + add_responses(spring, None, 6)
    assert _responses_column(alice)["Spring wave"] == "12"
    # A respondent deleting their response afterwards does not change what was shown.
    Response.objects.filter(pk=rows[0].pk).delete()
    assert _responses_column(alice)["Spring wave"] == "12"
    dashboard = alice.get(reverse("hr:dashboard", kwargs={"pk": spring.pk}))
    assert "Responses: 12" in dashboard.text


def test_a_closed_campaign_below_k_shows_the_reason(alice, org_a, departments_a, today):
    small = closed_campaign(org_a, today=today, name="Small wave")
    add_responses(small, departments_a[0], 4)
    assert _responses_column(alice)["Small wave"] == str(Hidden(TOO_FEW, 5))


def test_an_upcoming_campaign_is_not_open_yet(alice, org_a, today):
    Campaign.objects.create(
        organisation=org_a,
        name="Next year",
        opens_on=today + timedelta(days=30),
        closes_on=today + timedelta(days=44),
    )
    assert _responses_column(alice)["Next year"] == "not open yet"
    assert "upcoming" in alice.get(reverse("hr:home")).text


def test_the_start_page_lists_each_organisation_of_the_user(alice, hr_a, org_b, campaign_b):
    HRMembership.objects.create(user=hr_a, organisation=org_b)
    page = alice.get(reverse("hr:home")).text
    assert "Organisation A" in page
    assert "B&#x27;s wave" in page
    assert page.index("Organisation A") < page.index("Organisation B")


def test_a_closed_campaign_shows_the_count_of_its_dashboard_over_headcount_and_old_figures(
    alice, org_a, departments_a, today
):
    """The start page counts from the frozen groups' counts and headcounts alone, as the
    dashboard does: a department with more responses than its headcount does not count."""
    care, kitchen, _office = departments_a  # headcounts 20 and 8
    wave = closed_campaign(org_a, today=today, name="Spring wave")
    add_responses(wave, care, 6)
    add_responses(wave, kitchen, 9)
    add_responses(wave, None, 5)
    dashboard = alice.get(reverse("hr:dashboard", kwargs={"pk": wave.pk}))
    assert "Responses: 11" in dashboard.text
    assert _responses_column(alice)["Spring wave"] == "11"
    # Figures frozen before headcounts were kept: every group with responses counts.
    snapshot = AggregateSnapshot.objects.get(campaign=wave)
    data = snapshot.data
    del data["headcounts"]
    AggregateSnapshot.objects.filter(pk=snapshot.pk).update(data=data)
    dashboard = alice.get(reverse("hr:dashboard", kwargs={"pk": wave.pk}))
    assert "Responses: 20" in dashboard.text
    assert _responses_column(alice)["Spring wave"] == "20"
