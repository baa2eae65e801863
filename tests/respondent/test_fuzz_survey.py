"""Fuzzing the respondent's side: the questionnaire's pages and forms, and the report link.

Whatever arrives — random or malformed bodies, duplicated or unknown fields, odd Unicode,
huge values, wrong methods, a missing CSRF token — the answer is never a 5xx, a 4xx is a
page that says what happened, and the database holds no new response or exactly one whole
one (all its answers, scores that match them).
"""

import copy
import secrets

import pytest
from django.conf import settings
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

from questionnaire.models import Answer, Response
from questionnaire.respondent.forms import NOT_APPLICABLE
from tests.support.fuzz_helpers import (
    ITEM_CODES,
    WRONG_METHODS,
    assert_not_a_server_error,
    assert_nothing_or_one_whole_response,
    content_types,
    form_pairs,
    fuzz_settings,
    mostly,
    nasty_text,
    post_raw,
    raw_body,
    raw_escapes,
    response_ids,
    urlencoded,
    with_csrf_cookie,
)
from tests.support.results_factory import KNOWN_ANSWERS, make_response
from tests.support.survey_helpers import (
    STEPS,
    answer_every_step,
    progress,
    set_survey_state,
    start_url,
    step_url,
    survey_state,
)

FORM = "application/x-www-form-urlencoded"
BAD_REQUEST = "<h1>Something was wrong with the request</h1>"
STEP_FIELDS = ["go", "csrfmiddlewaretoken", *ITEM_CODES]
answer_values = mostly(
    st.sampled_from(["0", "25", "50", "75", "100", NOT_APPLICABLE, ""]), nasty_text
)
step_numbers = st.integers(min_value=1, max_value=len(STEPS))


@pytest.fixture
def answered(campaign_a):
    """The survey state of a browser that answered every step but the last (made once per
    test; each example starts from a copy with its own submission key)."""
    client = Client()
    client.post(start_url(campaign_a), {"department": ""})
    answer_every_step(client, campaign_a, KNOWN_ANSWERS)
    return survey_state(client)


def _respondent(state: dict | None = None, *, csrf: bool = False) -> Client:
    """A fresh browser in English, with a copy of the questionnaire `state` if given;
    `csrf`: it sends forms without their CSRF token (as if that had expired)."""
    client = Client(enforce_csrf_checks=csrf)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if state:
        fresh = copy.deepcopy(state)
        for entry in fresh.values():
            entry["submission_key"] = secrets.token_urlsafe(32)
        set_survey_state(client, fresh)
    return client


def _answered_before_last_step() -> dict:
    """What the `answered` cookie holds: KNOWN_ANSWERS of every step but the last."""
    last = set(_codes(len(STEPS)))
    return {code: value for code, value in KNOWN_ANSWERS.items() if code not in last}


def _codes(number: int) -> list[str]:
    return [item.code for item in STEPS[number - 1].items]


def _accepted_answers(pairs, codes) -> dict:
    """What the step keeps of an accepted form: each code once, "" skipped, na = None."""
    sent = {key: value for key, value in pairs if key in codes and value != ""}
    return {code: None if value == NOT_APPLICABLE else int(value) for code, value in sent.items()}


@fuzz_settings
@given(pairs=form_pairs(["department", "csrfmiddlewaretoken"]))
def test_the_start_form_takes_a_department_or_explains_what_was_wrong(
    campaign_a, departments_a, pairs
):
    client = _respondent()
    response = client.post(start_url(campaign_a), urlencoded(pairs), content_type=FORM)
    assert_not_a_server_error(response)
    if response.status_code == 400:
        assert BAD_REQUEST in response.content.decode()
        assert progress(client, campaign_a) is None  # nothing kept on the device either
    else:
        assert response.status_code == 302
        chosen = progress(client, campaign_a)["department"]
        assert chosen in (None, *[department.pk for department in departments_a])


@fuzz_settings
@given(
    number=step_numbers,
    go=mostly(st.sampled_from(["back", "next", "submit"]), nasty_text),
    started=st.booleans(),
    data=st.data(),
)
def test_a_step_keeps_exactly_what_was_sent_or_changes_nothing(
    campaign_a, answered, number, go, started, data
):
    """Back, Next and Submit with valid, invalid, duplicated and unknown fields."""
    codes = _codes(number)
    answers = list(data.draw(st.dictionaries(st.sampled_from(codes), answer_values)).items())
    extra = data.draw(mostly(st.just([]), form_pairs(STEP_FIELDS, answer_values)))
    pairs = [("go", go), *answers, *extra]
    client = _respondent(answered if started else None)
    kept_before = progress(client, campaign_a)
    before = response_ids()

    response = client.post(step_url(campaign_a, number), urlencoded(pairs), content_type=FORM)

    assert_not_a_server_error(response)
    stored = assert_nothing_or_one_whole_response(before)
    if response.status_code == 400:
        assert BAD_REQUEST in response.content.decode()
        assert progress(client, campaign_a) == kept_before
        assert stored is None
        return
    # Submit redirects to the results; Back and Next show the next step at once (Back from
    # step 1 goes to the entry page).
    assert response.status_code == (302 if go == "submit" or number == 1 and go == "back" else 200)
    earlier = _answered_before_last_step() if started else {}
    expected = {
        **{code: value for code, value in earlier.items() if code not in codes},
        **_accepted_answers(pairs, codes),
    }
    if go == "submit":
        assert dict(stored.answers.values_list("item", "value")) == expected
        assert progress(client, campaign_a)["submitted"]
        assert client.get(response.url).status_code == 200
    else:
        assert stored is None
        assert progress(client, campaign_a)["answers"] == expected


@fuzz_settings
@given(number=st.integers(min_value=-10, max_value=10**30), go=nasty_text)
def test_a_step_that_does_not_exist_is_a_page_saying_so(campaign_a, number, go):
    client = _respondent()
    path = f"/s/{campaign_a.public_id}/step/{number}/"
    for response in (client.get(path), client.post(path, {"go": go})):
        assert_not_a_server_error(response)
    assert Response.objects.count() == 0


@fuzz_settings
@given(number=step_numbers, body=raw_body, content_type=content_types)
def test_malformed_bodies_never_break_a_step(campaign_a, answered, number, body, content_type):
    client = _respondent(answered)
    kept_before = progress(client, campaign_a)
    before = response_ids()
    response = post_raw(client, step_url(campaign_a, number), body, content_type)
    assert_not_a_server_error(response)
    if response.status_code >= 400:
        assert progress(client, campaign_a) == kept_before
    assert_nothing_or_one_whole_response(before)


@fuzz_settings
@given(body=raw_body, content_type=content_types)
def test_malformed_bodies_never_break_the_start_page(campaign_a, body, content_type):
    response = post_raw(_respondent(), start_url(campaign_a), body, content_type)
    assert_not_a_server_error(response)


@fuzz_settings
@given(
    body=raw_body,
    content_type=content_types,
    path=st.sampled_from(["start", "step", "report", "missing"]),
)
def test_malformed_bodies_from_a_browser_with_a_csrf_cookie_get_a_page(
    campaign_a, answered, body, content_type, path
):
    """Through the CSRF check as in production, to existing addresses and to one that is
    not there (the 404 page once read the body a second time: a 500)."""
    _kept, token = make_response(campaign_a)
    paths = {
        "start": start_url(campaign_a),
        "step": step_url(campaign_a, len(STEPS)),
        "report": f"/r/{token}/delete/",
        "missing": f"/s/{campaign_a.public_id}/no-such-page/",
    }
    client = with_csrf_cookie(_respondent(answered))
    kept_before = progress(client, campaign_a)
    before = response_ids()
    response = post_raw(client, paths[path], body, content_type)
    assert_not_a_server_error(response)
    assert response.status_code in (400, 403, 404)
    assert progress(client, campaign_a) == kept_before
    assert response_ids() == before


@fuzz_settings
@given(
    value=st.sampled_from(["50", NOT_APPLICABLE]) | nasty_text,
    size=st.integers(min_value=1, max_value=100_000),
)
def test_huge_values_and_bodies_are_refused_with_a_page(campaign_a, answered, value, size):
    client = _respondent(answered)
    before = response_ids()
    huge = (value or "5") * (size // max(len(value), 1))  # up to 100 KB
    body = urlencoded([("go", "submit"), (_codes(len(STEPS))[0], huge)])
    response = client.post(step_url(campaign_a, len(STEPS)), body, content_type=FORM)
    assert_not_a_server_error(response)
    assert_nothing_or_one_whole_response(before)


@fuzz_settings
@given(public_id=nasty_text | raw_escapes, tail=st.sampled_from(["", "step/1/", "step/5/"]))
@example(public_id="\x00", tail="")  # PostgreSQL refuses NUL in a query: was a 500
@example(public_id="%00", tail="step/1/")
def test_any_campaign_link_is_the_questionnaire_or_a_not_found_page(db, public_id, tail):
    client = _respondent()
    path = f"/s/{public_id.replace('/', '')}/{tail}"
    for response in (client.get(path), client.post(path, {"go": "next"})):
        assert_not_a_server_error(response)


def test_wrong_methods_get_a_page_and_change_nothing(campaign_a, answered):
    client = _respondent(answered)
    kept_before = progress(client, campaign_a)
    for path in (start_url(campaign_a), step_url(campaign_a, 1), step_url(campaign_a, 5)):
        for method in WRONG_METHODS:
            body = urlencoded([("go", "submit"), ("col_mat_1", "50")])
            response = client.generic(method, path, body, content_type=FORM)
            assert response.status_code == 405, (method, path)
            assert response["Allow"] == "GET, POST"
            assert_not_a_server_error(response, method)
            if method != "HEAD":
                page = response.content.decode()
                assert "<h1>This page does not accept that request</h1>" in page
                assert "Nothing was saved or changed." in page
    assert progress(client, campaign_a) == kept_before
    assert Response.objects.count() == 0


@fuzz_settings
@given(pairs=form_pairs(STEP_FIELDS, st.sampled_from(["50", "na", "submit", "next"])))
def test_without_its_csrf_token_a_form_changes_nothing(campaign_a, answered, pairs):
    client = _respondent(answered, csrf=True)
    kept_before = progress(client, campaign_a)
    for path in (start_url(campaign_a), step_url(campaign_a, len(STEPS))):
        response = client.post(path, urlencoded(pairs), content_type=FORM)
        assert response.status_code == 403
        assert "<h1>The form has expired</h1>" in response.content.decode()
    assert progress(client, campaign_a) == kept_before
    assert Response.objects.count() == 0


# --- the private report link ---------------------------------------------------------------


@fuzz_settings
@given(token=nasty_text | raw_escapes, tail=st.sampled_from(["", "report.pdf", "delete/"]))
def test_any_report_link_is_a_report_or_a_not_found_page(campaign_a, token, tail):
    client = _respondent()
    path = f"/r/{token.replace('/', '')}/{tail}"
    for response in (client.get(path), client.post(path, {"confirm": token})):
        assert_not_a_server_error(response)
    assert Response.objects.count() == 0


@fuzz_settings
@given(pairs=form_pairs(["confirm", "csrfmiddlewaretoken"]), method=st.sampled_from(WRONG_METHODS))
def test_deleting_by_report_link_removes_the_whole_response_and_nothing_else(
    campaign_a, pairs, method
):
    kept, _token = make_response(campaign_a)
    response_, token = make_response(campaign_a)
    client = _respondent()
    path = f"/r/{token}/delete/"

    wrong = client.generic(method, path, urlencoded(pairs), content_type=FORM)
    assert wrong.status_code == 405
    assert_not_a_server_error(wrong, method)
    assert Response.objects.filter(pk=response_.pk).exists()

    deleted = client.post(path, urlencoded(pairs), content_type=FORM)
    assert deleted.status_code == 302
    assert not Response.objects.filter(pk=response_.pk).exists()
    assert not Answer.objects.filter(response_id=response_.pk).exists()
    assert kept.answers.count() == len(KNOWN_ANSWERS)
