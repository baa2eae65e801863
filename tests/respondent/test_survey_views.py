"""The questionnaire pages: entry, steps, Back/Next, and what the session keeps."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.utils import translation

from questionnaire.models import Department
from questionnaire.respondent.answers_cookie import COOKIE_NAME
from tests.support.survey_helpers import STEPS, progress, start_url, step_form, step_url


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("nl", ["40 korte vragen in 5 stappen", "minstens 5 antwoorden", "Liever niet zeggen"]),
        (
            "fr",
            [
                "40 questions courtes en 5 étapes",
                "au moins 5 réponses",
                "Je préfère ne pas le dire",
            ],
        ),
        ("en", ["40 short questions in 5 steps", "at least 5 responses", "I'd rather not say"]),
    ],
)
def test_the_entry_page_explains_the_questionnaire_in_the_respondents_language(
    client, campaign_a, departments_a, language, texts
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(start_url(campaign_a))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    for text in texts:
        assert text in page


def test_the_entry_page_offers_only_the_organisations_own_departments(
    client, campaign_a, departments_a, org_b
):
    Department.objects.create(organisation=org_b, name="Secret unit of B")
    page = client.get(start_url(campaign_a)).content.decode()
    for department in departments_a:
        assert f'value="{department.pk}"' in page and department.name in page
    assert "Secret unit of B" not in page


def test_an_unknown_link_is_a_404(client, db):
    assert client.get("/s/not-a-campaign/").status_code == 404
    assert client.get("/s/not-a-campaign/step/1/").status_code == 404


def test_a_campaign_not_yet_open_shows_its_dates(client, campaign_a, today):
    campaign_a.opens_on = today + timedelta(days=3)
    campaign_a.closes_on = today + timedelta(days=10)
    campaign_a.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for url in (start_url(campaign_a), step_url(campaign_a, 1)):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert "This questionnaire is not open yet" in page
        with translation.override("en"):
            assert date_filter(campaign_a.opens_on, "DATE_FORMAT") in page
            assert date_filter(campaign_a.closes_on, "DATE_FORMAT") in page
        assert 'name="go"' not in page


def test_a_closed_campaign_says_so_with_its_dates(client, campaign_a, today):
    campaign_a.opens_on = today - timedelta(days=30)
    campaign_a.closes_on = today - timedelta(days=1)
    campaign_a.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    response = client.get(start_url(campaign_a))
    assert response.status_code == 200
    assert "Deze vragenlijst is afgesloten" in response.content.decode()


def test_choosing_a_department_keeps_it_and_opens_step_one(client, campaign_a, departments_a):
    response = client.post(start_url(campaign_a), {"department": departments_a[1].pk})
    assert response.status_code == 302 and response.url == step_url(campaign_a, 1)
    assert progress(client, campaign_a)["department"] == departments_a[1].pk
    page = client.get(start_url(campaign_a)).content.decode()
    assert f'value="{departments_a[1].pk}" checked' in page


@pytest.mark.parametrize("choice", [{}, {"department": "none"}])
def test_the_department_may_be_skipped_or_withheld(client, campaign_a, departments_a, choice):
    response = client.post(start_url(campaign_a), choice)
    assert response.status_code == 302
    assert progress(client, campaign_a)["department"] is None


def test_every_step_shows_its_title_progress_and_one_radio_group_per_question(client, campaign_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for number, step in enumerate(STEPS, start=1):
        page = client.get(step_url(campaign_a, number)).content.decode()
        assert f"<h1>{step.title['en']}</h1>" in page
        assert f"Step {number} of 5" in page
        assert page.count('aria-current="step"') == 1
        assert f'aria-current="step" class="current">{step.title["en"]}</li>' in page
        assert page.count("<fieldset>") == len(step.items)
        for item in step.items:
            assert f"<legend>{item.text['en']}</legend>" in page.replace("&#x27;", "'")
            assert page.count(f'name="{item.code}"') == 6
        assert "Not applicable" in page and "Never" in page and "Always" in page
        assert ("Submit my answers" in page) == (number == len(STEPS))


def test_the_steps_speak_dutch(client, campaign_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = client.get(step_url(campaign_a, 2)).content.decode()
    assert "Stap 2 van 5" in page
    assert "<h1>Je leidinggevende en je organisatie</h1>" in page
    assert "Niet van toepassing" in page and "Volgende" in page and "Vorige" in page


def test_next_and_back_both_keep_the_answers(client, campaign_a):
    first = {"col_mat_1": 25, "col_inf_2": None, "col_emo_1": 100}
    response = client.post(step_url(campaign_a, 1), step_form(1, first))
    assert response.status_code == 200 and 'name="answered" value="2"' in response.content.decode()
    second = {"sup_mat_1": 75}
    response = client.post(step_url(campaign_a, 2), step_form(2, second, go="back"))
    assert response.status_code == 200 and 'name="answered" value="1"' in response.content.decode()
    assert progress(client, campaign_a)["answers"] == {**first, **second}

    page = client.get(step_url(campaign_a, 1)).content.decode()
    assert 'name="col_mat_1" value="25" checked' in page
    assert 'name="col_inf_2" value="na" checked' in page
    assert 'name="col_emo_1" value="100" checked' in page
    assert page.count(" checked>") == 3
    page = client.get(step_url(campaign_a, 2)).content.decode()
    assert 'name="sup_mat_1" value="75" checked' in page


def test_answering_a_step_again_replaces_its_answers(client, campaign_a):
    client.post(step_url(campaign_a, 1), step_form(1, {"col_mat_1": 25, "col_mat_2": 50}))
    client.post(step_url(campaign_a, 1), step_form(1, {"col_mat_1": 75}))
    assert progress(client, campaign_a)["answers"] == {"col_mat_1": 75}


def test_back_on_the_first_step_returns_to_the_entry_page(client, campaign_a):
    response = client.post(step_url(campaign_a, 1), step_form(1, {}, go="back"))
    assert response.url == start_url(campaign_a)


def test_the_answers_survive_closing_the_browser_for_a_month(client, campaign_a):
    response = client.post(step_url(campaign_a, 1), step_form(1, {"col_mat_1": 50}))
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["max-age"] == 31 * 24 * 60 * 60
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # A new browser window with the same cookie finds the answer again.
    other = client.__class__()
    other.cookies[COOKIE_NAME] = cookie.value
    page = other.get(step_url(campaign_a, 1)).content.decode()
    assert 'name="col_mat_1" value="50" checked' in page


def test_the_last_step_says_how_many_questions_were_left_open(client, campaign_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(step_url(campaign_a, 1), step_form(1, {code: 50 for code in _codes(1)}))
    client.post(step_url(campaign_a, 2), step_form(2, {"sup_mat_1": None}))
    page = client.get(step_url(campaign_a, 5)).content.decode()
    open_count = 40 - 4 - 9 - 1  # needs, the first step answered, one not applicable
    assert f"You left {open_count} questions open on the earlier steps" in page
    assert "Submit my answers" in page


def test_a_step_page_is_never_cached(client, campaign_a):
    response = client.get(step_url(campaign_a, 1))
    assert "no-store" in response["Cache-Control"]


def _codes(number):
    return [item.code for item in STEPS[number - 1].items]


@pytest.mark.parametrize(
    ("accept_language", "cookie", "expected"),
    [
        ("de-DE,de;q=0.9", None, "fr"),  # nothing of ours asked for: the campaign's language
        ("", None, "fr"),
        ("en-GB,en;q=0.8", None, "en"),  # the browser's choice wins
        ("de,nl;q=0.5", None, "nl"),
        ("de-DE,de;q=0.9", "en", "en"),  # and the switcher's choice wins over both
    ],
)
def test_respondents_without_a_language_of_ours_get_the_campaigns_default(
    client, campaign_a, accept_language, cookie, expected
):
    campaign_a.default_language = "fr"
    campaign_a.save()
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    page = client.get(start_url(campaign_a), HTTP_ACCEPT_LANGUAGE=accept_language)
    assert f'<html lang="{expected}">' in page.content.decode()
    step = client.get(step_url(campaign_a, 1), HTTP_ACCEPT_LANGUAGE=accept_language)
    assert f'<html lang="{expected}">' in step.content.decode()
