"""The results on a 360 x 740 phone in Dutch, French and English, of respondents with
several and with many weak areas (the worst realistic case for the page's length:
support sometimes from colleagues and rarely from the supervisor and outside the team, a
high work pressure, every type needed always): the results page says so source by source,
fits the screen, keeps its charts' text at 12 px or more, passes axe-core, and puts the key
message, the 4 x 3 picture and the advice that is always shown (three areas, each with one
reason and one first step) within about four screens.

Measured (bottom of the last advice always shown, in screens of 740 px), before the key
message was cut to three cells and the advice to three open areas (then every area's first
step was shown): several areas 5.3 (en), 5.5 (nl), 5.5 (fr); many 6.6 (en), 6.9 (nl),
7.2 (fr). After: several 3.65 (en), 3.80 (nl), 3.81 (fr); many 3.71 (en), 3.84 (nl),
4.04 (fr); the first disclosure at 2.7-2.8 screens (run with -s to print the figures).
"""

import os
from pathlib import Path

import pytest
from django.test import Client

from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import PHONE
from tests.support.survey_helpers import STEPS, answer_every_step, start_url, submit

SCREENS = 4
# The bottom of the last advice always shown (the third area's first step) may reach a
# little past four screens: "within about four screens".
ADVICE_END = 4.2
# Answers per step and what the summary's first lines then say, per scenario.
# "several": colleagues "often", supervisor "rarely", outside the team "sometimes", work and
# team "sometimes", needs "often": five areas of advice (the supervisor, people outside the
# team for their emotional support, and three types received well below the need).
# "many" (the worst realistic case): colleagues "sometimes", supervisor and outside the team
# "rarely", work and team "often" (a high work pressure), needs "always": eight areas (two
# sources, the four types, the work pressure and, from version 3 on, the organisation's
# support, whose questions sit in the supervisor's step), and eight cells "rarely or never",
# of which the key message names three ("and 5 more").
SCENARIOS = {
    "several": {
        "values": {
            "colleagues": 75,
            "supervisor": 25,
            "third_parties": 50,
            "work": 50,
            "needs": 75,
        },
        "areas": 5,
        # four cells "rarely or never": three named, one counted
        "more_missing": {
            "nl": ["en nog 1 andere: zie de figuur hieronder"],
            "fr": ["et 1 autre\u00a0: voir la figure ci-dessous"],
            "en": ["and 1 more: see the picture below"],
        },
        "lines": {
            "nl": [
                "Van je collega's: vaak of altijd (75 op 100)",
                "Van mensen buiten je team: soms (50 op 100)",
                "Van je leidinggevende: zelden of nooit (25 op 100)",
            ],
            "fr": [
                "De vos collègues\u00a0: souvent ou toujours (75 sur 100)",
                "De personnes extérieures à votre équipe\u00a0: parfois (50 sur 100)",
                "De votre responsable\u00a0: rarement ou jamais (25 sur 100)",
            ],
            "en": [
                "From your colleagues: often or always (75 out of 100)",
                "From people outside your team: sometimes (50 out of 100)",
                "From your supervisor: rarely or never (25 out of 100)",
            ],
        },
    },
    "many": {
        "values": {
            "colleagues": 50,
            "supervisor": 25,
            "third_parties": 25,
            "work": 75,
            "needs": 100,
        },
        "areas": 8,
        "more_missing": {
            "nl": ["en nog 5 andere: zie de figuur hieronder"],
            "fr": ["et 5 autres\u00a0: voir la figure ci-dessous"],
            "en": ["and 5 more: see the picture below"],
        },
        "lines": {
            "nl": [
                "Van je collega's: soms (50 op 100)",
                "Van je leidinggevende: zelden of nooit (25 op 100)",
                "Van mensen buiten je team: zelden of nooit (25 op 100)",
            ],
            "fr": [
                "De vos collègues\u00a0: parfois (50 sur 100)",
                "De votre responsable\u00a0: rarement ou jamais (25 sur 100)",
                "De personnes extérieures à votre équipe\u00a0: rarement ou jamais (25 sur 100)",
            ],
            "en": [
                "From your colleagues: sometimes (50 out of 100)",
                "From your supervisor: rarely or never (25 out of 100)",
                "From people outside your team: rarely or never (25 out of 100)",
            ],
        },
    },
}
EXPECTED = {
    "nl": {
        "table": "Toon als tabel",
        "more": "Advies voor nog {} gebieden",
    },
    "fr": {
        "table": "Afficher sous forme de tableau",
        "more": "Des pistes pour {} autres domaines",
    },
    "en": {
        "table": "Show as a table",
        "more": "Advice for {} more areas",
    },
}

# Elements wider than the viewport, or reaching past its right edge (clipped or scrolling).
_OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > window.innerWidth + 0.5 || r.left < -0.5);
  })
  .map(el => el.tagName + ' ' + (el.textContent || '').trim().slice(0, 40))"""

# The smallest chart text as displayed: font size times the drawing's scale on screen.
_SMALLEST_CHART_TEXT = """() => Math.min(...[...document.querySelectorAll('svg.chart')]
  .flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')]
      .map(text => parseFloat(text.getAttribute('font-size')) * scale);
  }))"""


def _top(page, selector: str) -> float:
    return page.evaluate(
        "s => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector
    )


# The bottom of the last advice shown without opening anything: the first step of the last
# area that is visible (its first box to tick), in page pixels.
_ADVICE_SHOWN_END = """() => {
  const shown = [...document.querySelectorAll('section.advice')]
    .filter(area => area.checkVisibility());
  const step = shown[shown.length - 1].querySelector('.form-check');
  return step.getBoundingClientRect().bottom + window.scrollY;
}"""


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_results_read_right_and_fit_a_phone(
    live_server, browser, campaign_a, language, scenario
):
    text = EXPECTED[language]
    case = SCENARIOS[scenario]
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale=f"{language}-BE"
    )
    page = context.new_page()
    try:
        # The questionnaire is answered as the browser would post it (the tests of the
        # questionnaire itself walk it in the browser); the results page is the subject here.
        page.goto(live_server.url + _answered(campaign_a, language, case["values"]))
        assert page.locator("html").get_attribute("lang") == language

        lines = page.locator("#summary-heading ~ ul.summary-lines").first.locator("li")
        assert lines.all_inner_texts() == case["lines"][language]
        more_missing = page.locator(".summary-more")
        assert more_missing.all_inner_texts() == case["more_missing"][language]
        assert page.evaluate(_OVERFLOWING) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.evaluate(_SMALLEST_CHART_TEXT) >= 12
        assert_no_axe_violations(page)

        first_disclosure = _top(page, "details")
        advice = _top(page, "#advice-heading")
        advice_end = page.evaluate(_ADVICE_SHOWN_END)
        height = page.evaluate("document.documentElement.scrollHeight")
        _report(f"{language} ({scenario})", first_disclosure, advice, advice_end, height)
        _screenshot(page, f"{language}-{scenario}-closed")
        # Three areas show their heading, one reason and one first step; the rest is folded,
        # the other areas together in one disclosure that names how many there are.
        shown = min(case["areas"], 3)
        assert page.locator("section.advice").count() == case["areas"]
        assert page.locator("section.advice:visible").count() == shown
        assert page.locator("section.advice .advice-reason:visible").count() == shown
        assert page.locator("section.advice input[name=step]:visible").count() == shown
        assert page.locator("details.advice-rest > summary").inner_text() == text["more"].format(
            case["areas"] - 3
        )
        # The key message, the 4 x 3 picture and the advice come first, within four screens.
        assert first_disclosure <= SCREENS * PHONE["height"]
        assert advice <= SCREENS * PHONE["height"]
        assert advice_end <= ADVICE_END * PHONE["height"]

        # The other areas open from the keyboard, and show their heading, reason and step.
        page.locator("details.advice-rest > summary").focus()
        page.keyboard.press("Enter")
        assert page.locator("details.advice-rest[open]").count() == 1
        assert page.locator("section.advice input[name=step]:visible").count() == case["areas"]

        # Every disclosure opens in place (outer ones first: they come first in the page),
        # fits the screen too, and stays accessible open.
        closed = page.locator("details:not([open]) > summary")
        while closed.count():
            closed.first.click()
        tables = page.get_by_text(text["table"], exact=True)
        assert tables.count() == page.locator("details[open] table").count() == 4
        assert page.locator("details:not([open])").count() == 0
        assert page.evaluate(_OVERFLOWING) == []
        assert_no_axe_violations(page)
        _screenshot(page, f"{language}-{scenario}-open")
    finally:
        context.close()


def _answered(campaign, language: str, values: dict[str, int]) -> str:
    """The results page's address of a response with `values` per step, posted in
    `language` by a client of its own, step by step."""
    client = Client(headers={"accept-language": language})
    answers = {item.code: values[step.code] for step in STEPS for item in step.items}
    client.post(start_url(campaign), {"department": ""})
    answer_every_step(client, campaign, answers)
    submitted = submit(client, campaign, answers)
    assert submitted.status_code == 302, submitted.content.decode()[:300]
    return submitted["Location"]


def _report(language, first_disclosure, advice, advice_end, height) -> None:
    screen = PHONE["height"]
    print(
        f"\n{language}: first disclosure at {first_disclosure / screen:.2f} screens, advice "
        f"from {advice / screen:.2f}, shown to {advice_end / screen:.2f}, whole page "
        f"{height / screen:.2f} screens"
    )


def _screenshot(page, name) -> None:
    """With SCREENSHOTS=<folder>, keep a full-page picture for a person to look at."""
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"results-{name}.png"), full_page=True)
