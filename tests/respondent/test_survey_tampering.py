"""Forms our pages could not have sent get a clear 400 page, store nothing and leave the
session as it was."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from questionnaire.core import access_codes as codes
from questionnaire.models import AccessCodeTries, Department, Response
from tests.support.survey_helpers import progress, start_url, step_form, step_url


@pytest.fixture
def started(client, campaign_a, departments_a):
    """A respondent who chose a department and answered one question of step 1."""
    client.post(start_url(campaign_a), {"department": departments_a[0].pk})
    client.post(step_url(campaign_a, 1), step_form(1, {"col_mat_1": 25}))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return progress(client, campaign_a)


TAMPERED_STEP_FORMS = {
    "a value off the scale": (1, {"go": "next", "col_mat_1": "30"}, "not one of the choices"),
    "a value above 100": (1, {"go": "next", "col_mat_1": "125"}, "not one of the choices"),
    "a value that is not a number": (1, {"go": "next", "col_mat_1": "often"}, "not one of"),
    "an unknown item code": (1, {"go": "next", "zzz_1": "50"}, "does not have: zzz_1"),
    "an item of another step": (1, {"go": "next", "sup_mat_1": "50"}, "does not have: sup_mat_1"),
    "an extra field": (2, {"go": "next", "sup_mat_1": "50", "ip": "1.2.3.4"}, "does not have: ip"),
    "two answers to one item": (1, {"go": "next", "col_mat_1": ["0", "100"]}, "more than one"),
    "no navigation button": (1, {"col_mat_1": "50"}, "go back or forward"),
    "an unknown navigation button": (1, {"go": "jump", "col_mat_1": "50"}, "go back or forward"),
    "submit before the last step": (3, {"go": "submit"}, "go back or forward"),
}


@pytest.mark.parametrize("case", TAMPERED_STEP_FORMS.values(), ids=TAMPERED_STEP_FORMS.keys())
def test_a_tampered_step_form_is_refused_and_changes_nothing(client, campaign_a, started, case):
    number, form, message = case
    response = client.post(step_url(campaign_a, number), form)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Something was wrong with the request" in page
    assert message in page
    assert "Nothing was saved or changed" in page
    assert progress(client, campaign_a) == started
    assert not Response.objects.exists()


@pytest.mark.parametrize("number", [0, 6, 99])
def test_a_step_number_out_of_range_is_a_400(client, campaign_a, started, number):
    for response in (
        client.get(step_url(campaign_a, number)),
        client.post(step_url(campaign_a, number), {"go": "next"}),
    ):
        assert response.status_code == 400
        assert f"This questionnaire has no step {number}." in response.content.decode()
    assert progress(client, campaign_a) == started


def test_a_department_of_another_organisation_is_refused(client, campaign_a, started, org_b):
    foreign = Department.objects.create(organisation=org_b, name="B's care")
    response = client.post(start_url(campaign_a), {"department": foreign.pk})
    assert response.status_code == 400
    assert "not one of this organisation" in response.content.decode()
    assert progress(client, campaign_a) == started


@pytest.mark.parametrize(
    "form",
    [
        {"department": "care"},
        {"department": "99999999999999999999999"},
        {"department": "1", "extra": "x"},
        {"department": "٣"},  # an Arabic-Indic digit: int() would accept it
    ],
)
def test_a_malformed_department_choice_is_refused(client, campaign_a, started, form):
    response = client.post(start_url(campaign_a), form)
    assert response.status_code == 400
    assert progress(client, campaign_a) == started


def test_an_oversized_body_is_a_400_not_a_500(client, campaign_a, started):
    big = {"go": "next", "col_mat_1": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    response = client.post(step_url(campaign_a, 1), big)
    assert response.status_code == 400
    page = response.content.decode()
    assert "too large, had too many fields" in page
    assert '<html lang="en">' in page
    assert progress(client, campaign_a) == started
    assert not Response.objects.exists()


def test_too_many_fields_is_a_400_not_a_500(client, campaign_a, started):
    many = {f"field{i}": "1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(step_url(campaign_a, 5), {"go": "submit", **many})
    assert response.status_code == 400
    assert "too large, had too many fields" in response.content.decode()
    assert progress(client, campaign_a) == started
    assert not Response.objects.exists()


def test_a_tampered_submission_stores_nothing(client, campaign_a, started):
    response = client.post(step_url(campaign_a, 5), {"go": "submit", "need_mat": "101"})
    assert response.status_code == 400
    assert not Response.objects.exists()
    assert progress(client, campaign_a) == started


def _a_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("answers.txt", b"col_mat_1=50")


@pytest.mark.parametrize(
    ("number", "form"),
    [
        (None, {"department": "none"}),
        (1, step_form(1, {"col_mat_1": 50})),
        (5, step_form(5, {}, "submit")),
    ],
    ids=["start", "step", "submit"],
)
def test_a_form_that_sends_a_file_is_refused_and_changes_nothing(
    client, campaign_a, started, number, form
):
    url = start_url(campaign_a) if number is None else step_url(campaign_a, number)
    response = client.post(url, {**form, "upload": _a_file()})
    page = response.content.decode()
    assert response.status_code == 400
    assert "does not have: upload" in page
    assert "Nothing was saved or changed" in page
    assert progress(client, campaign_a) == started
    assert not Response.objects.exists()


def test_a_code_sent_with_a_file_is_refused_before_it_is_tried(coded_a, departments_a, custodian_a):
    batch = codes.code_batch_create(
        campaign=coded_a,
        department=departments_a[0],
        size=1,
        actor=custodian_a,
        today=timezone.localdate(),
    )
    [code] = codes.batch_codes(batch)
    browser = Client()
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = browser.post(start_url(coded_a), {"code": code, "upload": _a_file()})
    assert response.status_code == 400
    assert "does not have: upload" in response.content.decode()
    assert progress(browser, coded_a) is None
    assert not AccessCodeTries.objects.exists()
