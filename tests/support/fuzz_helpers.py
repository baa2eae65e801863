"""What the fuzz tests send (hypothesis strategies) and what they check on every answer."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from questionnaire.core.instrument import instrument
from questionnaire.core.scoring import score_response
from questionnaire.models import SCORE_FIELDS, Response

# Modest counts keep the fuzz files within a minute on two cores. The fixtures (campaign,
# HR user) are made once per test and shared by its examples, on purpose.
fuzz_settings = settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

WRONG_METHODS = ["PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"]
ITEM_CODES = [item.code for item in instrument().items]

# Values that have broken web forms before: control characters and NUL, right-to-left and
# zero-width marks, emoji and combining marks, digits that are not ASCII, numbers out of
# every range, markup and SQL, and lone surrogates (as their escapes, which are not UTF-8).
NASTY_VALUES = [
    "",
    " ",
    "\x00",
    "50\x00",
    "\u202e50",
    "\u200f\u200e",
    "\ufeff",
    "🙂",
    "👩🏽‍⚕️",
    "e\u0301\u0301\u0301",
    "５０",
    "٥٠",
    "²",
    "-1",
    "+50",
    " 50 ",
    "50.0",
    "1e309",
    "NaN",
    "0x32",
    "9" * 40,
    "-9223372036854775809",
    "<script>alert(1)</script>",
    "'; DROP TABLE questionnaire_answer; --",
    "%00",
    "%ED%A0%80",
    "\\ud800",
    "na",
    "none",
    "next",
    "submit",
    "back",
]

nasty_text = st.one_of(
    st.sampled_from(NASTY_VALUES),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.integers().map(str),
)

# Lone surrogates and other bytes that are not UTF-8, as a browser could never send them
# but a script can: percent-escapes of raw bytes.
raw_escapes = st.lists(
    st.sampled_from(["%ED%A0%80", "%00", "%FF", "%C0%AF", "%E2%80%AE", "%F0%9F%99%82", "%", "%G1"])
    | st.text(max_size=5).map(quote),
    max_size=6,
).map("".join)


def mostly(good: st.SearchStrategy, other: st.SearchStrategy) -> st.SearchStrategy:
    """`good` three times in four: many examples get past validation to the services, the
    database and the next page; the rest is anything at all."""
    return st.integers(0, 3).flatmap(lambda n: other if n == 0 else good)


def field_names(known: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(known), nasty_text)


def form_pairs(known: list[str], values=nasty_text) -> st.SearchStrategy[list[tuple[str, str]]]:
    """A posted form as pairs, so a field can come twice (duplicated keys)."""
    return st.lists(st.tuples(field_names(known), values), max_size=12)


def urlencoded(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(key)}={quote(value)}" for key, value in pairs)


raw_body = st.one_of(
    st.binary(max_size=2000),
    raw_escapes,
    st.lists(st.tuples(raw_escapes, raw_escapes), max_size=8).map(
        lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)
    ),
)
# Form bodies that declare a charset other than UTF-8: Django refuses to read them (a
# BadRequest on every read), which once ended in gunicorn's bare 500.
DECLARED_CHARSETS = [
    f"application/x-www-form-urlencoded; charset={charset}"
    for charset in ("utf-16", "latin-1", "rot13", "base64", "zlib", '"utf-16"')
]
content_types = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=no-such-charset",
        *DECLARED_CHARSETS,
        "multipart/form-data",
        "multipart/form-data; boundary=x",
        "application/json",
        "text/plain",
        "",
    ]
)


def with_csrf_cookie(client):
    """`client` checking CSRF as a real browser is checked, holding a CSRF cookie: the check
    then reads the body before any view does (a client without the cookie is refused before
    that, which hides what a malformed body does)."""
    client.handler.enforce_csrf_checks = True
    client.cookies[django_settings.CSRF_COOKIE_NAME] = "0" * 32
    return client


def post_raw(client, path: str, body, content_type: str):
    data = body if isinstance(body, bytes) else body.encode()
    return client.generic("POST", path, data, content_type=content_type)


def assert_not_a_server_error(response, method: str = "GET") -> None:
    """Never a 5xx; a 4xx is one of our pages, with a heading saying what happened."""
    assert response.status_code < 500, response.content[:300]
    if 400 <= response.status_code < 500 and method != "HEAD":
        page = response.content.decode()
        assert 'id="main-content"' in page and "<h1>" in page, page[:300]


def response_ids() -> set[int]:
    return set(Response.objects.values_list("pk", flat=True))


def assert_nothing_or_one_whole_response(before: set[int]) -> Response | None:
    """No new response, or exactly one whose scores match all of its stored answers (so no
    answer is missing and none belongs to another)."""
    new = list(Response.objects.exclude(pk__in=before).prefetch_related("answers"))
    assert len(new) <= 1
    if not new:
        return None
    response = new[0]
    answers = {answer.item: answer.value for answer in response.answers.all()}
    scores = score_response(instrument(response.instrument_version), answers)
    for field in SCORE_FIELDS:
        expected = scores[field]
        stored = getattr(response, field)
        assert stored is None if expected is None else stored == pytest.approx(expected), field
    return response
