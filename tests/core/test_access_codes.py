"""Single-use anonymous access codes: issued per department within its headcount, each
letting one response in, and nothing tying a code to the response it let in. HR's pages
for them (slips, list, overview) are in tests/hr/test_access_code_pages.py."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from questionnaire.core import access_codes as codes
from questionnaire.models import AccessCode, AuditEvent, Campaign, Response
from tests.support.results_factory import uniform_answers
from tests.support.survey_helpers import answer_every_step, progress, start_url, submit


@pytest.fixture
def coded(campaign_a):
    campaign_a.access = Campaign.ACCESS_CODES
    campaign_a.save()
    return campaign_a


@pytest.fixture
def care(departments_a):
    return departments_a[0]  # headcount 20


@pytest.fixture
def batch(coded, care, custodian_a, today):
    return codes.code_batch_create(
        campaign=coded, department=care, size=3, actor=custodian_a, today=today
    )


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _answer_with(code, campaign, answers=None):
    browser = _english(Client())
    entered = browser.post(start_url(campaign), {"code": code})
    return browser, entered


# --- issuing -----------------------------------------------------------------------------


def test_a_batch_stores_only_hashes_and_prints_the_same_codes_again(batch):
    printed = codes.batch_codes(batch)
    assert len(set(printed)) == 3 and printed == codes.batch_codes(batch)
    assert all(len(code) == 14 and code.count("-") == 2 for code in printed)
    stored = set(AccessCode.objects.filter(batch=batch).values_list("code_hash", flat=True))
    assert stored == {codes.code_hash(codes.normalise(code)) for code in printed}


def test_never_more_codes_than_the_departments_headcount(coded, care, custodian_a, today):
    codes.code_batch_create(
        campaign=coded, department=care, size=15, actor=custodian_a, today=today
    )
    with translation.override("en"), pytest.raises(ValidationError, match="at most 5 more"):
        codes.code_batch_create(
            campaign=coded, department=care, size=6, actor=custodian_a, today=today
        )


def test_a_department_without_a_headcount_gets_no_codes(coded, departments_a, custodian_a, today):
    office = departments_a[2]
    with translation.override("en"), pytest.raises(ValidationError, match="headcount"):
        codes.code_batch_create(
            campaign=coded, department=office, size=1, actor=custodian_a, today=today
        )


def test_issuing_codes_is_written_in_the_audit_log(batch, custodian_a):
    event = AuditEvent.objects.get(action="codes_issued")
    assert event.actor == custodian_a.username
    assert event.detail == {"department": "Care", "count": 3}


# --- answering with a code -----------------------------------------------------------------


def test_a_code_lets_one_response_in_with_its_department(coded, batch, care):
    code = codes.batch_codes(batch)[0]
    browser, entered = _answer_with(code.lower().replace("-", " "), coded)
    assert entered.status_code == 302
    answers = uniform_answers(50)
    answer_every_step(browser, coded, answers)

    assert submit(browser, coded, answers).status_code == 302

    response = Response.objects.get(campaign=coded)
    assert response.department == care
    spent = AccessCode.objects.get(code_hash=codes.code_hash(codes.normalise(code)))
    assert spent.spent


def test_a_spent_code_is_refused_with_a_clear_page(coded, batch):
    code = codes.batch_codes(batch)[0]
    browser, _entered = _answer_with(code, coded)
    answer_every_step(browser, coded, uniform_answers(25))
    submit(browser, coded, uniform_answers(25))

    _other, again = _answer_with(code, coded)

    assert again.status_code == 400
    assert "This code has been used already" in again.text
    assert Response.objects.filter(campaign=coded).count() == 1


def test_a_code_of_another_campaign_is_refused(coded, batch, org_a, today):
    other = Campaign.objects.create(
        organisation=org_a,
        name="Other wave",
        opens_on=today,
        closes_on=today + timedelta(days=3),
        access=Campaign.ACCESS_CODES,
    )
    _browser, entered = _answer_with(codes.batch_codes(batch)[0], other)
    assert entered.status_code == 400
    assert "not one of this questionnaire" in entered.text


def test_a_code_spent_meanwhile_stores_nothing_and_keeps_the_answers(coded, batch):
    code = codes.batch_codes(batch)[0]
    first, _ = _answer_with(code, coded)
    second, _ = _answer_with(code, coded)
    answers = uniform_answers(75)
    answer_every_step(first, coded, answers)
    answer_every_step(second, coded, answers)
    submit(first, coded, answers)

    refused = submit(second, coded, answers)

    assert refused.status_code == 400
    assert "This code has been used already" in refused.text
    assert Response.objects.filter(campaign=coded).count() == 1
    assert progress(second, coded)["answers"] == answers  # kept for another code


def test_the_questions_need_a_code_first(coded):
    browser = _english(Client())
    response = browser.get(f"/s/{coded.public_id}/step/1/")
    assert response.status_code == 302 and response["Location"] == start_url(coded)


def test_the_start_page_asks_for_the_code_instead_of_a_department(coded, batch):
    page = _english(Client()).get(start_url(coded) + "?code=ABCD-EFGH-JKLM").text
    assert 'name="code"' in page and 'value="ABCD-EFGH-JKLM"' in page
    assert 'name="department"' not in page


def test_nothing_ties_a_code_to_its_response(coded, batch):
    for code in codes.batch_codes(batch)[:2]:
        browser, _ = _answer_with(code, coded)
        answer_every_step(browser, coded, uniform_answers(50))
        submit(browser, coded, uniform_answers(50))

    code_fields = {field.name for field in AccessCode._meta.get_fields()}
    assert code_fields == {"id", "batch", "code_hash", "spent"}
    response_fields = {field.name for field in Response._meta.get_fields()}
    assert not {"code", "access_code", "created_at", "submitted_at"} & response_fields
    ids = list(Response.objects.filter(campaign=coded).values_list("pk", flat=True))
    assert all(pk > 2**32 for pk in ids)  # random, not a counter beside the codes' rows
