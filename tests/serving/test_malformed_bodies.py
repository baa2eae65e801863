"""A POST whose body cannot be read gets our 400 page on every route, existing or not.

The browser here is a real one as far as the server can tell: it holds a CSRF cookie, so
the CSRF check reads the body (which is what once turned these requests into gunicorn's
bare 500). Every answer must be our translated 400 page with the security headers and one
request-log line, and nothing may be stored.
"""

import logging

import pytest
from django.conf import settings
from django.test import Client

from questionnaire.models import Campaign, Department, Response
from tests.support.fuzz_helpers import DECLARED_CHARSETS
from tests.support.results_factory import KNOWN_ANSWERS, make_response
from tests.support.survey_helpers import answer_every_step, progress, start_url, step_url

BAD_REQUEST = "<h1>Something was wrong with the request</h1>"
NO_BOUNDARY = "multipart/form-data"
MALFORMED = [*DECLARED_CHARSETS, NO_BOUNDARY, "multipart/form-data; boundary="]


@pytest.fixture
def browser():
    """A browser in English that has visited the site (so it holds a CSRF cookie)."""
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get("/accounts/login/")
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return client


@pytest.fixture
def post_routes(campaign_a, departments_a, org_a):
    _response, token = make_response(campaign_a)
    return [
        start_url(campaign_a),
        step_url(campaign_a, 1),
        step_url(campaign_a, 5),
        f"/r/{token}/delete/",
        "/accounts/login/",
        "/accounts/logout/",
        "/i18n/setlang/",
        "/admin/login/",
        f"/hr/organisations/{org_a.pk}/campaigns/new/",
        f"/hr/campaigns/{campaign_a.pk}/edit/",
        f"/hr/organisations/{org_a.pk}/departments/new/",
        f"/hr/departments/{departments_a[0].pk}/edit/",
        f"/hr/departments/{departments_a[0].pk}/delete/",
        "/no-such-page/",
        "/s/no-such-campaign/step/1/",
        f"/r/{'x' * 43}/delete/",
    ]


def assert_our_400_page(response) -> None:
    assert response.status_code == 400, response.content[:300]
    assert BAD_REQUEST in response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"]


@pytest.mark.parametrize("content_type", MALFORMED)
def test_a_malformed_body_is_our_400_page_on_every_post_route(
    browser, post_routes, content_type, caplog
):
    before = (Response.objects.count(), Campaign.objects.count(), Department.objects.count())
    caplog.set_level(logging.INFO, logger="supportcheck.request")
    for path in post_routes:
        caplog.clear()
        response = browser.generic("POST", path, b"go=submit&name=x", content_type=content_type)
        assert_our_400_page(response)
        statuses = [r.fields["status"] for r in caplog.records if r.name == "supportcheck.request"]
        assert statuses == [400], path
    assert (Response.objects.count(), Campaign.objects.count(), Department.objects.count()) == (
        before
    )


def test_a_logged_in_hr_user_gets_the_400_page_too(browser, hr_a, org_a):
    browser.force_login(hr_a)
    path = f"/hr/organisations/{org_a.pk}/departments/new/"
    response = browser.generic("POST", path, "name=x".encode("utf-16"), content_type=MALFORMED[0])
    assert_our_400_page(response)
    assert Department.objects.count() == 0


def test_the_400_page_is_in_the_visitors_language(browser, campaign_a):
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = browser.generic("POST", "/no-such-page/", b"a=b", content_type=NO_BOUNDARY)
    assert response.status_code == 400
    assert "<h1>La demande comportait une erreur</h1>" in response.content.decode()


def test_answers_in_progress_survive_a_malformed_submit(campaign_a):
    """The questionnaire's cookie is left as it was: the answers are still there."""
    respondent = Client()
    respondent.post(start_url(campaign_a), {"department": ""})
    answer_every_step(respondent, campaign_a, KNOWN_ANSWERS)
    kept = progress(respondent, campaign_a)
    response = respondent.generic(
        "POST", step_url(campaign_a, 5), b"go=submit", content_type=DECLARED_CHARSETS[0]
    )
    assert response.status_code == 400
    assert progress(respondent, campaign_a) == kept
    assert Response.objects.count() == 0
