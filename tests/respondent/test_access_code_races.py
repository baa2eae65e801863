"""Races on the final submit, over HTTP against a live server on PostgreSQL.

One access code lets exactly one response in, however many sessions that entered it
submit at the same moment; and the same submission sent many times at once (a double
click, parallel posts) is stored once without a failing INSERT, so PostgreSQL's server log
never receives a response's statement. The serial variant of the code race (a second
session refused after the first spent the code) runs on SQLite too, in
test_access_codes.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from questionnaire.core import access_codes as codes
from questionnaire.core.instrument import instrument
from questionnaire.models import AccessCode, Answer, Campaign, Response
from tests.support.ci import skip_unless_ci
from tests.support.live_browser import LiveBrowser, Page
from tests.support.pg_server_log import ServerLog
from tests.support.results_factory import uniform_answers
from tests.support.survey_helpers import start_url

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="racing writers need PostgreSQL: SQLite serialises every write",
    ),
    pytest.mark.django_db(transaction=True),
]

# Ten requests at once: the live test server's listen queue holds ten connections, and
# more at the same moment would be reset before they reach the app.
CLIENTS = 10
ROUNDS = 20
DOUBLE_POSTS = 10
JOIN_TIMEOUT = 60
ITEMS = len(instrument().items)
USED_ALREADY = "This code has been used already"
# What a response's statement in the server log would show.
RESPONSE_TRACES = ("questionnaire_response", "questionnaire_answer", "duplicate key", "ERROR")


@pytest.fixture
def coded(campaign_a):
    campaign_a.access = Campaign.ACCESS_CODES
    campaign_a.save()
    return campaign_a


@pytest.fixture
def server_log():
    log = ServerLog()
    if not log.readable:
        skip_unless_ci("PostgreSQL's server log cannot be read here (/var/log/postgresql/*.log)")
    return log


def _assert_no_response_in(log: ServerLog) -> None:
    marker = log.probe()
    entries = log.wait_for(marker)
    assert any(marker in entry for entry in entries), "the log reader missed its own probe"
    leaked = [e for e in entries if marker not in e and any(t in e for t in RESPONSE_TRACES)]
    assert leaked == []


def _at_once(count: int, work: Callable[[int, threading.Barrier], Page]) -> list[Page]:
    """work(0..count-1) in threads of their own; each calls barrier.wait() right before
    the request that races."""
    barrier = threading.Barrier(count, timeout=JOIN_TIMEOUT)
    pages: list[Page] = []
    errors: list[BaseException] = []

    def run(number: int) -> None:
        try:
            pages.append(work(number, barrier))
        except BaseException as error:  # reported below
            barrier.abort()
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "threads still waiting"
    assert errors == []
    return pages


def test_ten_sessions_racing_one_code_store_one_response_per_code(
    live_server, coded, departments_a, custodian_a, today, server_log, settings
):
    # Ten sessions enter each code: allow that many tries of one code (the limit itself is
    # tested in test_code_entry.py).
    settings.CODE_TRY_LIMIT = CLIENTS
    care = departments_a[0]
    batch = codes.code_batch_create(
        campaign=coded, department=care, size=ROUNDS, actor=custodian_a, today=today
    )
    answers = uniform_answers(75)

    for stored, code in enumerate(codes.batch_codes(batch), start=1):

        def race(number: int, barrier: threading.Barrier, code: str = code) -> Page:
            browser = LiveBrowser(live_server.url)
            assert browser.enter_code(coded, code).status == 302
            browser.answer_all_but_last(coded, answers)
            barrier.wait()  # every session presses Submit at the same moment
            return browser.submit(coded, answers)

        pages = _at_once(CLIENTS, race)

        won = [page for page in pages if page.status == 302]
        lost = [page for page in pages if page.status != 302]
        assert len(won) == 1 and won[0].location.startswith("/r/")
        assert all(page.status == 400 and USED_ALREADY in page.text for page in lost)
        assert Response.objects.filter(campaign=coded).count() == stored
        assert Answer.objects.filter(response__campaign=coded).count() == stored * ITEMS
        assert Response.objects.filter(campaign=coded, department=care).count() == stored

    assert AccessCode.objects.filter(batch=batch, spent=True).count() == ROUNDS
    _assert_no_response_in(server_log)


def _ready_to_submit(live_server, campaign, answers, *, code: str | None) -> LiveBrowser:
    browser = LiveBrowser(live_server.url)
    if code is None:
        browser.get(start_url(campaign))
        assert browser.post(start_url(campaign), {"department": ""}).status == 302
    else:
        assert browser.enter_code(campaign, code).status == 302
    browser.answer_all_but_last(campaign, answers)
    return browser


def _same_browser(browser: LiveBrowser) -> LiveBrowser:
    """Another connection of the same browser: its cookies, so the same submission."""
    copy = LiveBrowser(browser.base_url)
    for cookie in browser.cookies:
        copy.cookies.set_cookie(cookie)
    copy.csrf_token = browser.csrf_token
    return copy


@pytest.mark.parametrize("access", [Campaign.OPEN_LINK, Campaign.ACCESS_CODES])
def test_one_submission_posted_many_times_at_once_is_stored_once_and_logs_nothing(
    live_server, campaign_a, departments_a, custodian_a, today, server_log, access
):
    campaign_a.access = access
    campaign_a.save()
    code = None
    if access == Campaign.ACCESS_CODES:
        batch = codes.code_batch_create(
            campaign=campaign_a, department=departments_a[0], size=1, actor=custodian_a, today=today
        )
        code = codes.batch_codes(batch)[0]
    answers = uniform_answers(25)
    browser = _ready_to_submit(live_server, campaign_a, answers, code=code)
    tabs = [_same_browser(browser) for _ in range(DOUBLE_POSTS)]

    def press_submit(number: int, barrier: threading.Barrier) -> Page:
        barrier.wait()
        return tabs[number].submit(campaign_a, answers)

    pages = _at_once(DOUBLE_POSTS, press_submit)

    assert {page.status for page in pages} == {302}
    assert len({page.location for page in pages}) == 1  # all on the one results page
    assert Response.objects.filter(campaign=campaign_a).count() == 1
    assert Answer.objects.filter(response__campaign=campaign_a).count() == ITEMS
    _assert_no_response_in(server_log)


def test_wrong_codes_sent_at_once_cannot_pass_the_campaigns_limit_together(
    live_server, coded, settings
):
    settings.CODE_MISS_LIMIT = 25
    pages: list[Page] = []
    for wave in range(3):  # the third wave crosses the limit, all at once
        browsers = [LiveBrowser(live_server.url) for _ in range(CLIENTS)]
        for browser in browsers:
            browser.get(start_url(coded))  # the CSRF cookie and token

        def guess(
            number: int, barrier: threading.Barrier, wave: int = wave, browsers=browsers
        ) -> Page:
            code = f"ZZZZ-ZZZZ-Z{wave}{number}Z".translate(str.maketrans("01", "AB"))
            barrier.wait()
            return browsers[number].post(start_url(coded), {"code": code})

        pages += _at_once(CLIENTS, guess)

    checked = [page for page in pages if page.status == 400]
    assert all("This code is not one of this questionnaire" in page.text for page in checked)
    assert 2 * CLIENTS <= len(checked) <= settings.CODE_MISS_LIMIT
    assert all(page.status == 429 for page in pages if page.status != 400)
