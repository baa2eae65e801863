"""The database going away: a 503 "try again", nothing half-written, answers kept, retry works.

No mocks: the PostgreSQL server itself drops the connection (pg_terminate_backend), either
from a trigger in the middle of the submission's transaction or before a request, or the
database cannot be reached at all.
"""

import logging
import re
import socket
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections

from questionnaire.models import Answer, Response
from questionnaire.respondent.tokens import token_hash
from tests.support.db_outage import CANCEL_ON_ANSWER_INSERT, DROP_KILLER, KILL_ON_ANSWER_INSERT
from tests.support.results_factory import KNOWN_ANSWERS
from tests.support.survey_helpers import (
    answer_every_step,
    progress,
    start_url,
    step_form,
    step_url,
    submit,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="drops PostgreSQL connections with pg_terminate_backend",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("db_outage"),
]


def _sql(statements: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statements)


def _fresh_connection() -> None:
    """What the next request of a real server starts with (the test client keeps one)."""
    connection.close()


@pytest.fixture
def answer_killer():
    _sql(KILL_ON_ANSWER_INSERT)
    yield
    _fresh_connection()
    _sql(DROP_KILLER)


@pytest.fixture
def answered(client, campaign_a, departments_a):
    """A respondent who answered steps 1 to 4 and is on the last step."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(start_url(campaign_a), {"department": departments_a[0].pk})
    answer_every_step(client, campaign_a, KNOWN_ANSWERS)
    return client


def _assert_outage_page(response, language="en"):
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert f'<html lang="{language}">' in page
    return page


def test_a_connection_lost_mid_submission_shows_try_again_and_keeps_the_answers(
    answered, campaign_a, departments_a, answer_killer, caplog
):
    client = answered
    with caplog.at_level(logging.ERROR, logger="questionnaire.db_outage"):
        failed = submit(client, campaign_a, KNOWN_ANSWERS)

    page = _assert_outage_page(failed)
    assert "<h1>Something went wrong on our side</h1>" in page
    assert "Your answers are kept. Please try again in a moment." in page
    assert f'action="{step_url(campaign_a, 5)}"' in page  # "Try again" posts the last step again
    _fresh_connection()
    assert Response.objects.count() == 0  # the response row written before was rolled back
    assert Answer.objects.count() == 0
    kept = progress(client, campaign_a)
    assert kept["answers"] == KNOWN_ANSWERS  # the last step's answers too
    assert kept["submitted"] is False
    assert kept["department"] == departments_a[0].pk
    # The log says what failed, never where exactly: no token, no answers.
    logged = caplog.text
    assert "OperationalError" in logged and "s/<str:public_id>/step/<int:number>/" in logged
    assert kept["submission_key"] not in logged and "col_mat_1" not in logged

    _sql(DROP_KILLER)  # the database is back
    retried = submit(client, campaign_a, KNOWN_ANSWERS)

    assert retried.status_code == 302
    token = retried.url.split("/")[2]
    stored = Response.objects.get()
    assert stored.token_hash == token_hash(token)
    assert stored.department == departments_a[0]
    assert dict(stored.answers.values_list("item", "value")) == KNOWN_ANSWERS
    results = client.get(retried.url)
    assert results.status_code == 200
    assert "Your results" in results.content.decode()
    assert progress(client, campaign_a)["submitted"] is True


def test_the_dutch_page_says_the_same(answered, campaign_a, answer_killer):
    answered.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = _assert_outage_page(submit(answered, campaign_a, KNOWN_ANSWERS), "nl")
    assert "<h1>Er ging iets mis aan onze kant</h1>" in page
    assert "Je antwoorden blijven bewaard." in page


def test_a_page_asked_for_after_the_connection_dropped_is_the_503_page(client, campaign_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(start_url(campaign_a)).status_code == 200
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with _other_connection() as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])

    page = _assert_outage_page(client.get(start_url(campaign_a)))
    assert "Something went wrong on our side" in page

    _fresh_connection()
    assert client.get(start_url(campaign_a)).status_code == 200


def test_an_hr_page_while_the_database_cannot_be_reached_is_the_503_page(client, hr_a, campaign_a):
    client.force_login(hr_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    dashboard = f"/hr/campaigns/{campaign_a.pk}/"
    real_port = connection.settings_dict["PORT"]
    _fresh_connection()
    connection.settings_dict["PORT"] = str(_closed_port())  # the server is not there
    try:
        page = _assert_outage_page(client.get(dashboard))
    finally:
        _fresh_connection()
        connection.settings_dict["PORT"] = real_port
    assert "Something went wrong on our side" in page
    assert client.get(dashboard).status_code == 200


def test_a_step_posted_while_the_database_cannot_be_reached_is_posted_again_by_try_again(
    client, campaign_a, departments_a
):
    """The campaign is the first thing a step looks up: when the database is away before
    the step's answers reach the cookie, "Try again" must send them again, not reopen the
    step without them (the page says the answers are kept)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(start_url(campaign_a), {"department": departments_a[0].pk})
    posted = step_form(2, KNOWN_ANSWERS)
    real_port = connection.settings_dict["PORT"]
    _fresh_connection()
    connection.settings_dict["PORT"] = str(_closed_port())  # a restart: nobody listens
    try:
        page = _assert_outage_page(client.post(step_url(campaign_a, 2), posted))
    finally:
        _fresh_connection()
        connection.settings_dict["PORT"] = real_port
    assert "Your answers are kept." in page
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form is not None, "Try again is a link that drops the posted answers"
    assert form.group(1) == step_url(campaign_a, 2)
    resent = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form[2]))
    assert resent.pop("csrfmiddlewaretoken")
    assert resent == posted

    retried = client.post(form.group(1), resent)  # the database is back

    assert retried.status_code == 200
    kept = progress(client, campaign_a)["answers"]
    step_two = [code for code in posted if code != "go"]
    assert {code: kept[code] for code in step_two} == {c: KNOWN_ANSWERS[c] for c in step_two}


def test_other_database_errors_are_not_hidden_as_an_outage(answered, campaign_a):
    """A statement cancelled on a live connection is a bug to see (a 500), not an outage."""
    _sql(CANCEL_ON_ANSWER_INSERT)
    try:
        with pytest.raises(OperationalError, match="cancelled by a test"):
            submit(answered, campaign_a, KNOWN_ANSWERS)
    finally:
        _sql(DROP_KILLER)
    assert Response.objects.count() == 0


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _other_connection():
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            yield cursor
    finally:
        other.close()
