"""A browser for tests against the live server: its own cookies (and so its own
questionnaire state and CSRF token), redirects not followed, every status returned."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from tests.support.survey_helpers import STEPS, start_url, step_form, step_url

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Page:
    status: int
    text: str
    location: str
    headers: dict[str, str]


class LiveBrowser:
    def __init__(self, base_url: str, *, language: str = "en", timeout: float = 30) -> None:
        if not base_url.startswith("http://"):  # the live server, never a file: URL
            raise ValueError(base_url)
        self.base_url = base_url
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects
        )
        self.language = language
        self.csrf_token = ""

    def get(self, path: str) -> Page:
        return self._send(urllib.request.Request(self.base_url + path))  # noqa: S310

    def post(self, path: str, form: dict) -> Page:
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf_token, **form}).encode()
        return self._send(urllib.request.Request(self.base_url + path, data=body))  # noqa: S310

    def _send(self, request: urllib.request.Request) -> Page:
        request.add_header("Accept-Language", self.language)
        try:
            answer = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            answer = error
        text = answer.read().decode("utf-8", "replace")
        found = _CSRF.search(text)
        if found:
            self.csrf_token = found.group(1)
        headers = dict(answer.headers.items())
        return Page(answer.status, text, headers.get("Location", ""), headers)

    # The questionnaire, as a respondent goes through it.

    def enter_code(self, campaign, code: str) -> Page:
        self.get(start_url(campaign))
        return self.post(start_url(campaign), {"code": code})

    def answer_all_but_last(self, campaign, answers: dict) -> None:
        # Next answers with the following step itself, not a redirect to it.
        version = campaign.instrument_version
        for number in range(1, len(STEPS)):
            page = self.post(
                step_url(campaign, number), step_form(number, answers, version=version)
            )
            assert page.status == 200 and f"Step {number + 1} of" in page.text, page.text[:300]

    def submit(self, campaign, answers: dict) -> Page:
        form = step_form(len(STEPS), answers, "submit", version=campaign.instrument_version)
        return self.post(step_url(campaign, len(STEPS)), form)
