"""A whole questionnaire, from the campaign link to the results, costs at most 9 requests.

The client below does what a browser does and nothing more: it reads each page's form
(its action, its hidden fields, the formaction of the button it presses), checks a radio
per question and follows redirects, counting every request it sends."""

import re
from html.parser import HTMLParser

from questionnaire.core.instrument import instrument
from questionnaire.models import Response

MAX_REQUESTS = 9


class _Form(HTMLParser):
    """The questionnaire's form on a page (not the language switcher's): action, hidden
    fields, radio names, buttons."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.hidden: dict[str, str] = {}
        self.radios: dict[str, list[str]] = {}
        self.buttons: dict[str, str | None] = {}  # value of go -> formaction
        self._inside = False
        self._done = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        is_ours = attributes.get("action", "").startswith("/s/")
        if tag == "form" and not self._done and is_ours and attributes.get("method") == "post":
            self.action, self._inside = attributes["action"], True
        elif not self._inside:
            return
        elif tag == "input" and attributes.get("type") == "hidden":
            self.hidden[attributes["name"]] = attributes.get("value", "")
        elif tag == "input" and attributes.get("type") == "radio":
            self.radios.setdefault(attributes["name"], []).append(attributes["value"])
        elif tag == "button" and attributes.get("name") == "go":
            self.buttons[attributes["value"]] = attributes.get("formaction")

    def handle_endtag(self, tag):
        if tag == "form" and self._inside:
            self._inside, self._done = False, True


def _form(html: str) -> _Form:
    form = _Form()
    form.feed(html)
    return form


class _Browser:
    def __init__(self, client):
        self.client = client
        self.requests: list[str] = []

    def get(self, path: str):
        self.requests.append(f"GET {path}")
        return self._follow(self.client.get(path))

    def post(self, path: str, data: dict):
        self.requests.append(f"POST {path}")
        return self._follow(self.client.post(path, data))

    def _follow(self, response):
        if response.status_code in (301, 302, 303):
            return self.get(response.url)
        assert response.status_code == 200, response.content.decode()[:300]
        return response


def _answer_page(browser: _Browser, html: str, press: str):
    form = _form(html)
    data = {**form.hidden, "go": press}
    data |= {name: values[2] for name, values in form.radios.items()}  # "sometimes"
    return browser.post(form.buttons[press] or form.action, data)


def test_a_whole_questionnaire_takes_at_most_nine_requests(client, campaign_a, departments_a):
    browser = _Browser(client)
    page = browser.get(f"/s/{campaign_a.public_id}/")
    start = _form(page.content.decode())
    page = browser.post(start.action, {**start.hidden, "department": departments_a[0].pk})
    steps = instrument(campaign_a.instrument_version).steps
    for number in range(1, len(steps) + 1):
        html = page.content.decode()
        assert f'name="answered" value="{number}"' in html  # the step the browser is on
        page = _answer_page(browser, html, "submit" if number == len(steps) else "next")

    assert re.search(r"<h1>[^<]+</h1>", page.content.decode())
    assert "report.pdf" in page.content.decode()
    stored = Response.objects.get()
    assert stored.answers.count() == len(instrument(campaign_a.instrument_version).items)
    assert set(stored.answers.values_list("value", flat=True)) == {50}
    assert len(browser.requests) <= MAX_REQUESTS, browser.requests
    # The address of every step's page is the step it shows (Next posts there).
    assert [r for r in browser.requests if "/step/" in r] == [
        f"GET /s/{campaign_a.public_id}/step/1/",
        *[f"POST /s/{campaign_a.public_id}/step/{n}/" for n in range(2, len(steps) + 1)],
        f"POST /s/{campaign_a.public_id}/step/{len(steps)}/",
    ]


def test_back_posts_to_the_step_before_and_keeps_both_steps_answers(client, campaign_a):
    browser = _Browser(client)
    page = browser.get(f"/s/{campaign_a.public_id}/")
    start = _form(page.content.decode())
    page = browser.post(start.action, start.hidden)
    page = _answer_page(browser, page.content.decode(), "next")
    page = _answer_page(browser, page.content.decode(), "back")
    html = page.content.decode()
    assert 'name="answered" value="1"' in html
    assert browser.requests[-1] == f"POST /s/{campaign_a.public_id}/step/1/"
    first_two = [*instrument().steps[0].items, *instrument().steps[1].items]
    for item in first_two[: len(instrument().steps[0].items)]:
        assert f'name="{item.code}" value="50" checked' in html
