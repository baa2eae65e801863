"""Entering access codes, as an office uses it and as an attacker tries it: tries are
counted per campaign and per code, never per client address (codes.code_enter).

Every browser here comes from one address (an office behind one NAT, or one prober)."""

from __future__ import annotations

import math
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import F
from django.test import Client
from django.utils import timezone

from questionnaire.core import access_codes as codes
from questionnaire.models import (
    AccessCode,
    AccessCodeTries,
    Campaign,
    CampaignCodeMisses,
    Department,
    ReportLinkMiss,
    Response,
)
from questionnaire.ops.retention import short_lived_purge
from tests.support.results_factory import uniform_answers
from tests.support.survey_helpers import answer_every_step, start_url, submit

OFFICE = "203.0.113.7"
NOT_OURS = "This code is not one of this questionnaire"
USED_ALREADY = "This code has been used already"


@pytest.fixture
def coded(campaign_a):
    campaign_a.access = Campaign.ACCESS_CODES
    campaign_a.save()
    return campaign_a


@pytest.fixture
def hall(org_a):
    return Department.objects.create(organisation=org_a, name="Hall", headcount=200)


def _issue(campaign, department, size, custodian_a, today) -> list[str]:
    batch = codes.code_batch_create(
        campaign=campaign, department=department, size=size, actor=custodian_a, today=today
    )
    return codes.batch_codes(batch)


def _browser() -> Client:
    browser = Client(REMOTE_ADDR=OFFICE)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return browser


def _enter(campaign, code: str, browser: Client | None = None):
    return (browser or _browser()).post(start_url(campaign), {"code": code})


def _wrong_code(number: int) -> str:
    """A well-formed code that is none of the campaign's (a fixed prefix, a counter)."""
    tail = "".join(codes.ALPHABET[(number >> (5 * i)) & 31] for i in range(4))
    return f"ZZZZ-ZZZZ-{tail}"


def _without_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def _after_the_window(model, window: timedelta) -> None:
    """As if the window had passed: the stored windows move one window back."""
    model.objects.update(window=F("window") - window)


def test_two_hundred_people_behind_one_address_all_get_in_after_many_wrong_codes(
    coded, hall, custodian_a, today
):
    for number in range(150):  # seven times the per-address limit codes had before
        assert _enter(coded, _wrong_code(number)).status_code == 400

    entered = [_enter(coded, code) for code in _issue(coded, hall, 200, custodian_a, today)]

    assert [page.status_code for page in entered] == [302] * 200
    assert all(page["Location"].endswith("/step/1/") for page in entered)
    assert not ReportLinkMiss.objects.exists()  # nothing is counted per client


def test_wrong_codes_are_limited_per_campaign_then_none_is_checked_until_the_window_ends(
    coded, departments_a, custodian_a, today, org_a, settings
):
    settings.CODE_MISS_LIMIT = 30  # the limit's size is in the guessing test below
    right = _issue(coded, departments_a[0], 1, custodian_a, today)[0]
    other = Campaign.objects.create(
        organisation=org_a,
        name="Other wave",
        opens_on=today,
        closes_on=today + timedelta(days=3),
        access=Campaign.ACCESS_CODES,
    )
    other_code = _issue(other, departments_a[1], 1, custodian_a, today)[0]
    for number in range(30):
        page = _enter(coded, _wrong_code(number))
        assert page.status_code == 400 and NOT_OURS in page.text

    paused = _enter(coded, _wrong_code(99))
    valid_while_paused = _enter(coded, right)

    for page in (paused, valid_while_paused):
        assert page.status_code == 429
        assert "<h1>Codes are paused for a while</h1>" in page.text
        wait = int(page["Retry-After"])
        assert 0 < wait <= settings.CODE_MISS_WINDOW.total_seconds()
        assert f"Wait {wait // 60} minute" in page.text
    assert _enter(other, other_code).status_code == 302  # other campaigns are not paused
    _after_the_window(CampaignCodeMisses, settings.CODE_MISS_WINDOW)
    assert _enter(coded, right).status_code == 302


def test_one_code_can_be_tested_only_a_few_times_per_window(
    coded, departments_a, custodian_a, today
):
    unspent, spent = _issue(coded, departments_a[0], 2, custodian_a, today)
    holder = _browser()
    assert _enter(coded, spent, holder).status_code == 302
    answer_every_step(holder, coded, uniform_answers(50))
    assert submit(holder, coded, uniform_answers(50)).status_code == 302
    limit = settings.CODE_TRY_LIMIT
    assert limit == 5

    polls = [_enter(coded, spent) for _ in range(limit - 1)]  # the holder entered it once
    tries = [_enter(coded, unspent) for _ in range(limit)]

    assert all(page.status_code == 400 and USED_ALREADY in page.text for page in polls)
    assert all(page.status_code == 302 for page in tries)
    spent_again, unspent_again = _enter(coded, spent), _enter(coded, unspent)
    for page in (spent_again, unspent_again):
        assert page.status_code == 429
        assert "<h1>This code was entered too often</h1>" in page.text
        assert 0 < int(page["Retry-After"]) <= settings.CODE_TRY_WINDOW.total_seconds()
    # Past the limit a spent and an unspent code look the same.
    assert _without_csrf(spent_again.text) == _without_csrf(unspent_again.text)
    assert Response.objects.filter(campaign=coded).count() == 1
    _after_the_window(AccessCodeTries, settings.CODE_TRY_WINDOW)
    assert _enter(coded, unspent).status_code == 302
    # The window that is over went with that try: only the new one is kept.
    assert list(AccessCodeTries.objects.filter(code__spent=False).values_list("count")) == [(1,)]


def test_wrong_codes_never_reach_the_limit_of_one_code(coded):
    pages = [_enter(coded, _wrong_code(7)) for _ in range(settings.CODE_TRY_LIMIT * 3)]
    assert all(page.status_code == 400 and NOT_OURS in page.text for page in pages)
    assert CampaignCodeMisses.objects.get().count == settings.CODE_TRY_LIMIT * 3


def test_the_counts_hold_no_client_and_no_time_finer_than_their_window(
    coded, departments_a, custodian_a, today
):
    right = _issue(coded, departments_a[0], 1, custodian_a, today)[0]
    _enter(coded, right)
    _enter(coded, _wrong_code(1))

    tries = AccessCodeTries.objects.get()
    misses = CampaignCodeMisses.objects.get()
    assert {f.name for f in AccessCodeTries._meta.get_fields()} == {"id", "code", "window", "count"}
    assert {f.name for f in CampaignCodeMisses._meta.get_fields()} == {
        "id",
        "campaign",
        "window",
        "count",
    }
    assert (tries.count, misses.count) == (1, 1)
    assert tries.window.timestamp() % settings.CODE_TRY_WINDOW.total_seconds() == 0
    assert misses.window.timestamp() % settings.CODE_MISS_WINDOW.total_seconds() == 0


def test_counts_of_windows_that_are_over_are_deleted(coded, departments_a, custodian_a, today):
    right = _issue(coded, departments_a[0], 1, custodian_a, today)[0]
    _enter(coded, right)
    _enter(coded, _wrong_code(1))

    assert short_lived_purge(now=timezone.now(), dry_run=False).code_tries == 0
    later = timezone.now() + settings.CODE_TRY_WINDOW
    assert short_lived_purge(now=later, dry_run=False).code_tries == 2
    assert not AccessCodeTries.objects.exists() and not CampaignCodeMisses.objects.exists()


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower().replace("-", " "),
        lambda code: code.replace("-", "\u2013"),  # en dash, as a word processor prints it
        lambda code: code.replace("-", "\u00a0"),  # no-break space, copied from a PDF
        lambda code: "".join(chr(ord(ch) + 0xFEE0) for ch in code.replace("-", "")),  # full width
    ],
)
def test_a_code_copied_from_a_document_or_a_phone_gets_in(
    coded, departments_a, custodian_a, today, typed
):
    right = _issue(coded, departments_a[0], 1, custodian_a, today)[0]
    assert _enter(coded, typed(right)).status_code == 302


@pytest.mark.parametrize(
    "typed",
    ["ABCD-EFGH-JKL\x00", "ABCD-EFGH-JK\u0130L", "ABCD\u200bEFGH\u200bJKLM", "ÄBCD-EFGH-JKLM", ""],
)
def test_text_that_cannot_be_a_code_is_refused_without_counting(coded, typed):
    page = _enter(coded, typed)
    assert page.status_code == 400 and NOT_OURS in page.text
    assert not CampaignCodeMisses.objects.exists() and not AccessCodeTries.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("A" * 1000, "An access code has twelve letters and digits"),
        ("A" * 100_000, "it was too large"),
    ],
)
def test_a_long_or_enormous_code_field_is_a_clear_400(coded, typed, message):
    page = _enter(coded, typed)
    assert page.status_code == 400
    assert message in page.text
    assert not CampaignCodeMisses.objects.exists()


def test_a_cookie_saved_before_the_code_was_spent_stores_nothing(
    coded, departments_a, custodian_a, today
):
    right = _issue(coded, departments_a[0], 1, custodian_a, today)[0]
    first, replayer = _browser(), _browser()
    assert _enter(coded, right, first).status_code == 302
    replayer.cookies = first.cookies  # a copy of the cookie, before anyone submitted
    answer_every_step(first, coded, uniform_answers(25))
    assert submit(first, coded, uniform_answers(25)).status_code == 302

    replay = submit(replayer, coded, uniform_answers(100))

    assert replay.status_code in (302, 400)
    assert Response.objects.filter(campaign=coded).count() == 1
    assert Response.objects.get(campaign=coded).overall == 25


# The figure docs/privacy.md gives for guessing ("Guessing access codes").
def test_guessing_a_code_within_a_years_limits_stays_below_one_in_a_million():
    space = len(codes.ALPHABET) ** codes.LENGTH
    assert space == 2**60
    tries_per_year = settings.CODE_MISS_LIMIT * (timedelta(days=365) / settings.CODE_MISS_WINDOW)
    unspent_codes = 10_000
    chance = tries_per_year * unspent_codes / space
    assert tries_per_year == 52_560_000
    assert chance < 1e-6
    assert math.isclose(chance, 4.56e-7, rel_tol=0.01)
    assert AccessCode._meta.get_field("code_hash").max_length == 64  # stored as SHA-256 only


def test_the_pause_page_speaks_the_respondents_language(coded, departments_a, custodian_a, today):
    right = _issue(coded, departments_a[0], 1, custodian_a, today)[0]
    for _ in range(settings.CODE_TRY_LIMIT):
        _enter(coded, right)
    browser = Client(REMOTE_ADDR=OFFICE)
    for language, title in [("nl", "Deze code werd te vaak ingevoerd"), ("fr", "Ce code a été")]:
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = browser.post(start_url(coded), {"code": right})
        assert page.status_code == 429 and f"<h1>{title}" in page.text
