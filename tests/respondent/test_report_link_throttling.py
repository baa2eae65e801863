"""Private report links: a wrong token looks exactly like a missing one, and a client that
keeps guessing gets 429 on every report link for a while."""

import hashlib
import re
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.http import parse_http_date

from questionnaire.core.throttle import client_ip
from questionnaire.models import ReportLinkMiss, Response
from questionnaire.respondent.tokens import UnknownReportLink, new_report_token, response_for_token
from tests.support.results_factory import make_response

GUESSER = "198.51.100.66"
NEIGHBOUR = "203.0.113.5"
LIMIT = 20


@pytest.fixture
def known(campaign_a):
    return make_response(campaign_a)


def _get(client, path, address=GUESSER, language="en", **headers):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(path, REMOTE_ADDR=address, **headers)


def _guess(client, times=LIMIT, address=GUESSER, **headers):
    for _ in range(times):
        assert _get(client, f"/r/{new_report_token()}/", address, **headers).status_code == 404


# Headers that carry the clock: two answers a second apart differ there whatever they are.
CLOCK_HEADERS = {"Date", "Expires", "Last-Modified"}


def _comparable(page, token):
    """The page with what differs on every request anyway (the masked CSRF token, the
    request id, the token in the language switcher's return path, the clock headers'
    values) taken out; the clock headers are kept by name."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", page.text)
    headers = {
        name: "CLOCK" if name in CLOCK_HEADERS else value
        for name, value in page.headers.items()
        if name != "X-Request-ID"
    }
    return page.status_code, body.replace(token, "TOKEN"), headers, sorted(page.cookies)


def _clock(page) -> dict[str, int]:
    """The clock headers as seconds since the epoch (parse_http_date rejects a malformed one)."""
    return {name: parse_http_date(page[name]) for name in CLOCK_HEADERS if page.has_header(name)}


@pytest.mark.parametrize("route", ["/r/{}/", "/r/{}/report.pdf", "/r/{}/delete/"])
def test_a_wrong_token_looks_exactly_like_a_deleted_one(client, campaign_a, route):
    deleted, deleted_token = make_response(campaign_a)
    deleted.delete()
    wrong_token = new_report_token()
    assert len(wrong_token) == len(deleted_token)
    wrong = _get(client, route.format(wrong_token))
    gone = _get(client, route.format(deleted_token))
    assert wrong.status_code == 404
    assert "Page not found" in wrong.text
    assert _comparable(wrong, wrong_token) == _comparable(gone, deleted_token)
    # The clock headers: there (never cache a private link's answer), well-formed, and
    # both saying "now", so neither answer is cached longer than the other.
    assert "Expires" in _clock(wrong)
    now = time.time()
    for name, when in _clock(wrong).items():
        assert abs(when - _clock(gone)[name]) <= 60 and abs(when - now) <= 60, name


def test_a_near_miss_or_differently_cased_token_is_a_plain_404(client, known):
    token = known[1]
    near_miss = token[:-1] + ("A" if token[-1] != "A" else "B")
    for wrong in (near_miss, token.swapcase(), token + "A"):
        assert _get(client, f"/r/{wrong}/").status_code == 404
    assert _get(client, f"/r/{token}/").status_code == 200


def test_the_lookup_demands_the_exact_token(known):
    response, token = known
    assert response_for_token(token) == response
    with pytest.raises(UnknownReportLink):
        response_for_token(token + " ")


def test_nineteen_wrong_tokens_leave_the_right_one_working(client, known):
    _guess(client, times=LIMIT - 1)
    assert _get(client, f"/r/{known[1]}/").status_code == 200


def test_after_twenty_wrong_tokens_every_report_link_is_paused(client, known):
    _guess(client)
    token = known[1]
    for path in [f"/r/{token}/", f"/r/{token}/report.pdf", f"/r/{token}/delete/"]:
        page = _get(client, path)
        assert page.status_code == 429, path
        assert "<h1>Too many wrong report links</h1>" in page.text
        assert "Wait 10 minutes, then open your link again." in page.text
        assert page["Retry-After"] == "600"
        assert "no-store" in page["Cache-Control"]
        assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert _get(client, f"/r/{new_report_token()}/").status_code == 429
    # Nothing was deleted through the paused link.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.post(f"/r/{token}/delete/", REMOTE_ADDR=GUESSER).status_code == 429
    assert Response.objects.filter(pk=known[0].pk).exists()


def test_a_paused_client_adds_no_rows(client, known):
    _guess(client)
    _get(client, f"/r/{new_report_token()}/")
    assert ReportLinkMiss.objects.count() == LIMIT


def test_another_client_with_a_valid_link_is_not_paused(client, known):
    _guess(client)
    assert _get(client, f"/r/{known[1]}/", address=NEIGHBOUR).status_code == 200
    assert _get(client, f"/r/{known[1]}/report.pdf", address=NEIGHBOUR).status_code == 200


def test_the_pause_ends_when_the_window_has_passed(client, known):
    _guess(client)
    ReportLinkMiss.objects.update(missed_at=timezone.now() - timedelta(minutes=9))
    page = _get(client, f"/r/{known[1]}/")
    assert page.status_code == 429
    assert "Wait 1 minute, then open your link again." in page.text
    ReportLinkMiss.objects.update(missed_at=timezone.now() - timedelta(minutes=10))
    assert _get(client, f"/r/{known[1]}/").status_code == 200


def test_old_misses_are_forgotten_at_the_next_miss(client, known):
    _guess(client, times=5)
    ReportLinkMiss.objects.update(missed_at=timezone.now() - timedelta(minutes=11))
    _guess(client, times=1, address=NEIGHBOUR)
    assert ReportLinkMiss.objects.count() == 1


def test_no_address_is_stored_only_a_keyed_hash(client, known):
    _guess(client, times=1)
    stored = ReportLinkMiss.objects.get().client
    assert re.fullmatch(r"[0-9a-f]{64}", stored)
    assert GUESSER not in stored
    assert stored != hashlib.sha256(GUESSER.encode()).hexdigest()


def test_an_ipv6_client_counts_as_its_slash_64(client, known):
    for host in range(LIMIT):
        _get(client, f"/r/{new_report_token()}/", address=f"2001:db8:1:2::{host + 1:x}")
    assert _get(client, f"/r/{known[1]}/", address="2001:db8:1:2:ffff::1").status_code == 429
    assert _get(client, f"/r/{known[1]}/", address="2001:db8:1:3::1").status_code == 200


def test_a_forged_forwarded_header_does_not_escape_the_pause(client, known):
    _guess(client)
    forged = _get(client, f"/r/{known[1]}/", HTTP_X_FORWARDED_FOR=NEIGHBOUR)
    assert forged.status_code == 429


def test_behind_a_trusted_proxy_clients_are_told_apart(client, known, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    _guess(client, address=proxy, HTTP_X_FORWARDED_FOR=f"{NEIGHBOUR}, {GUESSER}")
    through_proxy = {"address": proxy, "HTTP_X_FORWARDED_FOR": GUESSER}
    assert _get(client, f"/r/{known[1]}/", **through_proxy).status_code == 429
    through_proxy["HTTP_X_FORWARDED_FOR"] = NEIGHBOUR
    assert _get(client, f"/r/{known[1]}/", **through_proxy).status_code == 200


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("192.0.2.1", "", 0, "192.0.2.1"),
        ("10.0.0.2", "198.51.100.7", 0, "10.0.0.2"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),
        ("10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2", 2, "198.51.100.7"),
        ("10.0.0.2", "", 1, "10.0.0.2"),  # header missing: the proxy is all we know
        ("::ffff:192.0.2.1", "", 0, "192.0.2.1"),
        ("2001:db8:1:2:3:4:5:6", "", 0, "2001:db8:1:2::"),
    ],
)
def test_the_client_address(rf, settings, remote, forwarded, proxies, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.parametrize(
    ("language", "heading", "wait"),
    [
        ("nl", "Te veel verkeerde rapportlinks", "Wacht 10 minuten en open dan opnieuw je link."),
        ("fr", "Trop de liens de rapport erronés", "Attendez 10 minutes, puis rouvrez votre lien."),
    ],
)
def test_the_pause_page_speaks_the_visitors_language(client, known, language, heading, wait):
    _guess(client)
    page = _get(client, f"/r/{known[1]}/", language=language)
    assert page.status_code == 429
    assert f'<html lang="{language}">' in page.text
    assert f"<h1>{heading}</h1>" in page.text
    assert wait in page.text
