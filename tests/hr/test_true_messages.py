"""What HR's pages and files say is true of the wave they are about: open, empty, closed,
on an open link or on codes; and the one plain privacy line with its number from k.

Everything is read through HTTP, as the reader and the access custodian see it.
"""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from openpyxl import load_workbook

from questionnaire.models import Campaign, HRMembership
from tests.conftest import _hr_user
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.downloads import fetched
from tests.support.pdf_text import pdf_pages

SHARE = "Share the results with the teams"
JARGON = "besides one"
DOWNLOADS = ("hr:export_csv", "hr:export_xlsx", "hr:export_pdf")


def _get(client, user, name, campaign, language="en"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse(name, kwargs={"pk": campaign.pk}))


def _download_links(page: str, campaign) -> list[str]:
    return [name for name in DOWNLOADS if reverse(name, kwargs={"pk": campaign.pk}) in page]


def _rates(page: str) -> list[str]:
    """What follows "Response rate:" wherever the page gives one."""
    return re.findall(r"Response rate: ([^<·]*)", page)


def test_an_open_wave_asks_for_answers_and_offers_no_empty_download(
    client, hr_a, campaign_a, departments_a
):
    add_responses(campaign_a, departments_a[0], 12)
    page = _get(client, hr_a, "hr:dashboard", campaign_a).text

    assert "at least 10" in page
    assert SHARE not in page
    assert "Remind people that they can answer until" in page
    assert all(rate.strip().endswith("%") for rate in _rates(page))
    assert _download_links(page, campaign_a) == []
    assert "The downloads are offered once the campaign has closed" in page


def test_a_closed_wave_with_too_few_responses_says_so_without_a_next_step_to_share(
    client, hr_a, org_a, departments_a, today
):
    empty = closed_campaign(org_a, today=today)
    add_responses(empty, departments_a[0], 3)
    page = _get(client, hr_a, "hr:dashboard", empty).text

    assert page.count("Too few responses so far to show any figure.") == 2  # finding, line
    assert SHARE not in page
    assert "There is nothing to share from this campaign" in page
    assert _rates(page) == []  # no rate, and above all no count where a rate should be
    assert "Response rate" not in page.split('id="participation-heading"')[1].split("<table")[0]
    assert _download_links(page, empty) == []
    assert "Nothing to download: too few people answered" in page


def test_a_closed_wave_with_figures_gives_a_rate_as_a_percentage_and_its_downloads(
    client, hr_a, org_a, departments_a, today
):
    closed = closed_campaign(org_a, today=today)
    add_responses(closed, departments_a[0], 7)  # Care: headcount 20
    add_responses(closed, departments_a[1], 6)  # Kitchen: headcount 8
    add_responses(closed, departments_a[2], 6)  # Office: no headcount
    page = _get(client, hr_a, "hr:dashboard", closed).text

    assert SHARE in page
    assert _download_links(page, closed) == list(DOWNLOADS)
    big = page.split('class="hr-big-number">')[1].split("</p>")[0]
    assert big.startswith("Responses: 19")
    assert all(re.fullmatch(r"\d+(\.\d)?\s?%", rate.strip()) for rate in _rates(page))


@pytest.mark.parametrize(
    ("access", "same_link", "codes_text"),
    [(Campaign.OPEN_LINK, True, False), (Campaign.ACCESS_CODES, False, True)],
)
def test_the_same_link_works_for_everyone_only_on_an_open_link_wave(
    client, custodian_a, campaign_a, access, same_link, codes_text
):
    campaign_a.access = access
    campaign_a.save()
    page = _get(client, custodian_a, "hr:campaign_access", campaign_a).text

    assert ("The same link works for everybody" in page) is same_link
    assert ("the link alone lets nobody in" in page) is codes_text


def test_the_dashboard_of_a_codes_wave_does_not_say_one_link_is_for_everyone(
    client, org_a, campaign_a
):
    """A custodian who also reads (an administrator may have given both roles after the
    wave was set on codes) sees the link box on the dashboard: it speaks of codes too."""
    both = _hr_user("frank", org_a, HRMembership.READER, HRMembership.CUSTODIAN)
    campaign_a.access = Campaign.ACCESS_CODES
    campaign_a.save()
    page = _get(client, both, "hr:dashboard", campaign_a).text

    assert 'id="public-link-help"' in page
    assert "The same link works for everybody" not in page
    assert "the link alone lets nobody in" in page


# The PDF of a closed wave is made by a thread with its own connection: it must see the rows.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("k", "needed"), [(5, 6), (7, 8)])
def test_one_plain_privacy_line_on_the_page_and_in_every_file(
    client, hr_a, org_a, departments_a, today, k, needed
):
    org_a.min_group_size = k
    org_a.save()
    closed = closed_campaign(org_a, today=today)
    for department in departments_a:
        add_responses(department=department, campaign=closed, count=9)
    line = f"Every figure rests on at least {needed} responses, so nobody can be singled out."

    page = _get(client, hr_a, "hr:dashboard", closed).text
    csv_text = _get(client, hr_a, "hr:export_csv", closed).content.decode("utf-8-sig")
    book = load_workbook(io.BytesIO(_get(client, hr_a, "hr:export_xlsx", closed).content))
    pdf_url = reverse("hr:export_pdf", kwargs={"pk": closed.pk})
    pdf_text = " ".join(
        " ".join(text.split()) for text in pdf_pages(fetched(client, pdf_url).content)
    )
    about = [str(row[0].value) for row in book.worksheets[0].iter_rows() if row[0].value]

    assert page.count(line) == 2  # under the title, and in the about section
    assert page.count('id="about-heading"') == 1
    explained = f"every figure needs {k} responses besides that one: {needed} in all."
    assert page.count(explained) == 1
    assert line in about and any(explained in text for text in about)
    assert line in pdf_text
    assert JARGON not in page and JARGON not in pdf_text and JARGON not in csv_text
    assert not any(JARGON in text for sheet in book for row in sheet.values for text in row
                   if isinstance(text, str))  # fmt: skip


def test_the_privacy_line_speaks_the_readers_language(client, hr_a, org_a, departments_a, today):
    closed = closed_campaign(org_a, today=today)
    add_responses(closed, departments_a[0], 9)
    dutch = _get(client, hr_a, "hr:dashboard", closed, "nl").text
    french = _get(client, hr_a, "hr:dashboard", closed, "fr").text

    assert "Elk cijfer steunt op minstens 6 antwoorden, zodat niemand eruit te lichten is." in (
        dutch
    )
    line = "Chaque chiffre repose sur au moins 6 réponses\u00a0: personne ne peut être identifié."
    assert line in french


def test_open_wave_finding_names_its_closing_day(client, hr_a, campaign_a, departments_a, today):
    add_responses(campaign_a, departments_a[0], 12)
    page = _get(client, hr_a, "hr:dashboard", campaign_a).text
    assert campaign_a.closes_on == today + timedelta(days=7)
    with translation.override("en"):
        closes = date_format(campaign_a.closes_on, "DATE_FORMAT")
    assert f"Remind people that they can answer until {closes}." in page
