"""A respondent submits while PostgreSQL drops the connection: the 503 page passes axe on a
phone, its "Try again" button is reachable by keyboard, and the retry (which posts the answers
again) lands on the results."""

import pytest
from django.db import connection
from django.test import Client

from questionnaire.models import Response
from questionnaire.respondent.answers_cookie import COOKIE_NAME
from tests.browser.axe import assert_no_axe_violations
from tests.support.db_outage import DROP_KILLER, KILL_ON_ANSWER_INSERT
from tests.support.results_factory import KNOWN_ANSWERS
from tests.support.survey_helpers import answer_every_step, start_url, step_url

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="drops PostgreSQL connections with pg_terminate_backend",
    ),
    pytest.mark.xdist_group("db_outage"),
]


def _sql(statements: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statements)


def test_the_outage_page_on_a_phone_and_the_retry(live_server, phone_page, campaign_a):
    answered = Client()  # steps 1 to 4 answered; the phone carries that cookie
    answered.post(start_url(campaign_a), {"department": ""})
    answer_every_step(answered, campaign_a, KNOWN_ANSWERS)
    page = phone_page
    cookie = {"name": COOKIE_NAME, "value": answered.cookies[COOKIE_NAME].value}
    page.context.add_cookies([{**cookie, "url": live_server.url}])
    page.goto(f"{live_server.url}{step_url(campaign_a, 5)}")

    _sql(KILL_ON_ANSWER_INSERT)
    try:
        page.get_by_role("button", name="Mijn antwoorden versturen").click()
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text() == "Er ging iets mis aan onze kant"
        assert page.get_by_text("Je antwoorden blijven bewaard.").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_no_axe_violations(page)
        retry = page.get_by_role("button", name="Opnieuw proberen")
        retry.focus()
        assert page.evaluate("document.activeElement.textContent.trim()") == "Opnieuw proberen"
    finally:
        _sql(DROP_KILLER)
    assert Response.objects.count() == 0

    page.keyboard.press("Enter")  # the database is back: try again
    page.wait_for_url("**/r/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Je resultaten"
    assert Response.objects.get().answers.count() == len(KNOWN_ANSWERS) - 4  # step 5 skipped
