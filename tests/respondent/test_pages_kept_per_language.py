"""Parts of the questionnaire's and the results' pages are rendered once per language (and
per instrument version and step) and then reused ({% per_language %}): a page in one
language never shows another language's text, nor another version's or step's."""

from html import unescape

import pytest
from django.conf import settings

from questionnaire.core.instrument import instrument, translate
from questionnaire.models import Campaign
from tests.support.results_factory import make_response
from tests.support.survey_helpers import start_url, step_url

LANGUAGES = ["nl", "fr", "en"]


def _page(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def _h1(page: str) -> str:
    return page.split("<h1>", 1)[1].split("</h1>", 1)[0]


def _intro(page: str) -> str:
    return page.split('<p class="survey-intro">', 1)[1].split("</p>", 1)[0]


@pytest.fixture
def first_version_wave(org_a, campaign_a):
    """A second open wave of the organisation on instrument version 1, whose second step
    has another title and introduction than the current version's."""
    wave = Campaign.objects.create(
        organisation=org_a,
        name="Old wave",
        opens_on=campaign_a.opens_on,
        closes_on=campaign_a.closes_on,
    )
    Campaign.objects.filter(pk=wave.pk).update(instrument_version=1)
    wave.refresh_from_db()
    return wave


def test_each_step_shows_its_own_languages_title_intro_and_steps(client, campaign_a):
    client.post(start_url(campaign_a), {"department": ""})
    steps = instrument(campaign_a.instrument_version).steps
    for number, step in enumerate(steps, start=1):
        for language in [*LANGUAGES, *LANGUAGES]:  # the second round reads the kept copies
            page = _page(client, step_url(campaign_a, number), language)
            assert _h1(page) == translate(step.title, language)
            assert _intro(page) == translate(step.intro, language)
            for other in LANGUAGES:
                if translate(step.title, other) != translate(step.title, language):
                    assert translate(step.title, other) not in page
            listed = [translate(s.title, language) for s in steps]
            assert all(title in page for title in listed)
            assert page.count('aria-current="step"') == 1


def test_a_wave_on_an_earlier_version_shows_that_versions_step(
    client, campaign_a, first_version_wave
):
    old, new = instrument(1).steps[1], instrument(campaign_a.instrument_version).steps[1]
    assert translate(old.title, "fr") != translate(new.title, "fr")  # what this test needs
    client.post(start_url(campaign_a), {"department": ""})
    client.post(start_url(first_version_wave), {"department": ""})
    for _round in range(2):
        current = _page(client, step_url(campaign_a, 2), "fr")
        earlier = _page(client, step_url(first_version_wave, 2), "fr")
        assert (_h1(current), _intro(current)) == (
            translate(new.title, "fr"),
            translate(new.intro, "fr"),
        )
        assert (_h1(earlier), _intro(earlier)) == (
            translate(old.title, "fr"),
            translate(old.intro, "fr"),
        )


@pytest.mark.parametrize(
    ("language", "own", "others"),
    [
        ("nl", "Waar je hulp vindt", ["Where to find help", "Où trouver de l'aide"]),
        ("fr", "Où trouver de l'aide", ["Where to find help", "Waar je hulp vindt"]),
        ("en", "Where to find help", ["Waar je hulp vindt", "Où trouver de l'aide"]),
    ],
)
def test_the_results_page_keeps_each_language_apart(client, campaign_a, language, own, others):
    _response, token = make_response(campaign_a)
    for first in LANGUAGES:  # every language's copy is made before this one is read again
        _page(client, f"/r/{token}/", first)
    page = _page(client, f"/r/{token}/", language)
    assert f'<html lang="{language}">' in page
    assert own in page
    for text in others:
        assert text not in page
