"""A deleted response stays deleted: replaying the questionnaire's earlier requests (the
back button, an old tab, a cookie saved before the submission) stores nothing again and
lands on a page that says what happened."""

import copy
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from questionnaire.models import DeletedSubmission, Response
from tests.support.results_factory import KNOWN_ANSWERS
from tests.support.survey_helpers import (
    STEPS,
    answer_every_step,
    progress,
    set_survey_state,
    start_url,
    step_form,
    step_url,
    submit,
    survey_state,
)

DELETED_PAGE = "<h1>These answers were deleted</h1>"


@pytest.fixture
def respondent():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def deleted(respondent, campaign_a):
    """A respondent who answered, submitted and deleted their response; what their
    browser held just before the submission."""
    respondent.post(start_url(campaign_a), {"department": ""})
    answer_every_step(respondent, campaign_a, KNOWN_ANSWERS)
    before_submit = copy.deepcopy(survey_state(respondent))
    results = submit(respondent, campaign_a, KNOWN_ANSWERS)
    assert results.status_code == 302 and Response.objects.count() == 1
    assert respondent.post(f"{results.url}delete/").status_code == 302
    assert Response.objects.count() == 0
    return before_submit


def test_replaying_the_submit_with_the_cookie_from_before_stores_nothing(
    respondent, campaign_a, deleted
):
    set_survey_state(respondent, deleted)
    replay = submit(respondent, campaign_a, KNOWN_ANSWERS)

    assert replay.status_code == 200
    page = replay.content.decode()
    assert DELETED_PAGE in page
    assert "have not been saved again" in page
    assert f'href="{start_url(campaign_a)}"' in page  # a fresh start is offered
    assert Response.objects.count() == 0
    assert progress(respondent, campaign_a) is None  # the browser forgot the answers


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_replaying_any_earlier_step_stores_nothing(respondent, campaign_a, deleted, number):
    for replay in ("GET", "POST"):
        set_survey_state(respondent, deleted)
        if replay == "GET":
            answer = respondent.get(step_url(campaign_a, number))
        else:
            answer = respondent.post(step_url(campaign_a, number), step_form(number, {}))
        assert answer.status_code == 200, replay
        assert DELETED_PAGE in answer.content.decode()
    assert Response.objects.count() == 0


def test_replaying_the_start_page_stores_nothing(respondent, campaign_a, deleted):
    set_survey_state(respondent, deleted)
    assert DELETED_PAGE in respondent.get(start_url(campaign_a)).content.decode()
    set_survey_state(respondent, deleted)
    replay = respondent.post(start_url(campaign_a), {"department": ""})
    assert DELETED_PAGE in replay.content.decode()
    assert Response.objects.count() == 0


def test_after_the_page_the_respondent_can_answer_again_as_someone_new(
    respondent, campaign_a, deleted
):
    set_survey_state(respondent, deleted)
    submit(respondent, campaign_a, KNOWN_ANSWERS)  # the deleted page; the entry is forgotten
    respondent.post(start_url(campaign_a), {"department": ""})
    answer_every_step(respondent, campaign_a, KNOWN_ANSWERS)
    again = submit(respondent, campaign_a, KNOWN_ANSWERS)
    assert again.status_code == 302
    assert Response.objects.count() == 1
    old_key = next(iter(deleted.values()))["submission_key"]
    assert progress(respondent, campaign_a)["submission_key"] != old_key


def test_the_kept_row_holds_only_a_hash_and_the_day(deleted):
    (row,) = DeletedSubmission.objects.all()
    key = next(iter(deleted.values()))["submission_key"]
    assert key not in row.submission_key_hash and len(row.submission_key_hash) == 64
    assert {field.name for field in DeletedSubmission._meta.fields} == {
        "id",
        "submission_key_hash",
        "deleted_on",
    }


@pytest.mark.parametrize(
    ("language", "heading"),
    [("nl", "Deze antwoorden zijn verwijderd"), ("fr", "Ces réponses ont été supprimées")],
)
def test_the_page_speaks_the_respondents_language(
    respondent, campaign_a, deleted, language, heading
):
    respondent.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    set_survey_state(respondent, deleted)
    page = submit(respondent, campaign_a, KNOWN_ANSWERS).content.decode()
    assert f"<h1>{heading}</h1>" in page


def test_a_purged_response_is_not_stored_again_when_its_campaign_reopens(respondent, campaign_a):
    respondent.post(start_url(campaign_a), {"department": ""})
    answer_every_step(respondent, campaign_a, KNOWN_ANSWERS)
    before_submit = copy.deepcopy(survey_state(respondent))
    assert submit(respondent, campaign_a, KNOWN_ANSWERS).status_code == 302
    today = timezone.localdate()
    campaign_a.closes_on = today - timedelta(days=2)
    campaign_a.save()
    call_command("purge_responses", "--older-than", "1d", stdout=StringIO())
    assert Response.objects.count() == 0
    campaign_a.closes_on = today + timedelta(days=7)  # an administrator reopens it
    campaign_a.save()

    set_survey_state(respondent, before_submit)
    replay = submit(respondent, campaign_a, KNOWN_ANSWERS)

    assert replay.status_code == 200
    assert DELETED_PAGE in replay.content.decode()
    assert Response.objects.count() == 0
    assert DeletedSubmission.objects.count() == 1
