"""Submissions at the same moment on PostgreSQL: each stored exactly once, whole, no deadlock.

Every thread is a browser of its own (its own Client, cookie and database connection), so
the requests really run side by side against the server's locks and unique constraints.
"""

import random
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.test import Client

from questionnaire.core.instrument import instrument
from questionnaire.models import Answer, Response
from questionnaire.respondent.answers_cookie import COOKIE_NAME
from questionnaire.respondent.tokens import token_hash
from tests.support.survey_helpers import answer_every_step, start_url, submit

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL (SQLite serialises every write)",
    ),
    pytest.mark.django_db(transaction=True),
]

CLIENTS = 16
JOIN_TIMEOUT = 60  # seconds; a deadlock would hold the threads far past this
ITEM_CODES = [item.code for item in instrument().items]


def _random_answers(seed: int) -> dict:
    """A whole questionnaire, different per respondent, with some not applicable."""
    pick = random.Random(seed)
    return {code: pick.choice([0, 25, 50, 75, 100, None]) for code in ITEM_CODES}


def _in_threads(count: int, work: Callable[[int], None]) -> list[BaseException]:
    """Run work(0..count-1) in threads, each closing its own connection; return errors."""
    errors: list[BaseException] = []

    def run(number: int) -> None:
        try:
            work(number)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "threads still waiting: deadlock?"
    return errors


def _stored_answers(token: str) -> dict:
    response = Response.objects.get(token_hash=token_hash(token))
    return dict(response.answers.values_list("item", "value"))


def test_many_respondents_submitting_at_once_are_each_stored_once_and_whole(
    campaign_a, departments_a
):
    barrier = threading.Barrier(CLIENTS, timeout=JOIN_TIMEOUT)
    sent: dict[str, dict] = {}

    def respondent(number: int) -> None:
        client = Client()
        answers = _random_answers(number)
        client.post(start_url(campaign_a), {"department": departments_a[number % 3].pk})
        answer_every_step(client, campaign_a, answers)
        barrier.wait()  # everyone presses Submit at the same moment
        result = submit(client, campaign_a, answers)
        assert result.status_code == 302, result.content.decode()[:300]
        assert client.get(result.url).status_code == 200
        sent[result.url.split("/")[2]] = answers

    errors = _in_threads(CLIENTS, respondent)

    assert errors == []
    assert len(sent) == CLIENTS
    assert Response.objects.count() == CLIENTS
    assert Answer.objects.count() == CLIENTS * len(ITEM_CODES)
    for token, answers in sent.items():
        assert _stored_answers(token) == answers


@pytest.mark.parametrize("attempt", range(3))
def test_the_same_questionnaire_submitted_twice_at_once_is_stored_once(campaign_a, attempt):
    answers = _random_answers(1000 + attempt)
    first_tab = Client()
    first_tab.post(start_url(campaign_a), {"department": ""})
    answer_every_step(first_tab, campaign_a, answers)
    second_tab = Client()  # the same browser: the same cookie, so the same submission key
    second_tab.cookies[COOKIE_NAME] = first_tab.cookies[COOKIE_NAME].value
    barrier = threading.Barrier(2, timeout=JOIN_TIMEOUT)
    landed: list[str] = []

    def press_submit(number: int) -> None:
        tab = (first_tab, second_tab)[number]
        barrier.wait()
        result = submit(tab, campaign_a, answers)
        assert result.status_code == 302, result.content.decode()[:300]
        landed.append(result.url)

    errors = _in_threads(2, press_submit)

    assert errors == []
    assert len(landed) == 2 and landed[0] == landed[1]  # both end on the one results page
    assert Response.objects.count() == 1
    assert _stored_answers(landed[0].split("/")[2]) == answers
    page = first_tab.get(landed[0])
    assert page.status_code == 200
