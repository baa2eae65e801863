"""The questionnaire walked on a 360 x 740 phone in Dutch, French and English by a respondent
with many weak areas (the worst realistic case for the page's length: support sometimes from
colleagues and rarely from the supervisor and outside the team, a high work pressure, every
type needed always): the results page says so source by source, fits the screen, keeps its
charts' text at 12 px or more, passes axe-core, and puts the key message, the 4 x 3 picture
and the advice for all seven areas within four screens."""

import os
from pathlib import Path

import pytest

from questionnaire.instrument import instrument
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import PHONE

SCREENS = 4
# Answers per step: colleagues "sometimes", supervisor and outside the team "rarely", work
# and team "often" (so a high work pressure), needs "always". Seven areas of advice: the
# supervisor, people outside the team, the four types (each received rarely, well below the
# need) and the work pressure.
STEP_VALUES = {"colleagues": 50, "supervisor": 25, "third_parties": 25, "work": 75, "needs": 100}
AREAS = 7
EXPECTED = {
    "nl": {
        "start": "Begin aan de vragenlijst",
        "next": "Volgende",
        "submit": "Mijn antwoorden versturen",
        "lines": [
            "Van je collega's: soms (50 op 100)",
            "Van je leidinggevende: zelden of nooit (25 op 100)",
            "Van mensen buiten je team: zelden of nooit (25 op 100)",
        ],
        "table": "Toon als tabel",
    },
    "fr": {
        "start": "Commencer le questionnaire",
        "next": "Suivant",
        "submit": "Envoyer mes réponses",
        "lines": [
            "De vos collègues\u00a0: parfois (50 sur 100)",
            "De votre responsable\u00a0: rarement ou jamais (25 sur 100)",
            "De personnes extérieures à votre équipe\u00a0: rarement ou jamais (25 sur 100)",
        ],
        "table": "Afficher sous forme de tableau",
    },
    "en": {
        "start": "Start the questionnaire",
        "next": "Next",
        "submit": "Submit my answers",
        "lines": [
            "From your colleagues: sometimes (50 out of 100)",
            "From your supervisor: rarely or never (25 out of 100)",
            "From people outside your team: rarely or never (25 out of 100)",
        ],
        "table": "Show as a table",
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


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_results_read_right_and_fit_a_phone(live_server, browser, campaign_a, language):
    text = EXPECTED[language]
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale=f"{language}-BE"
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/s/{campaign_a.public_id}/")
        page.get_by_role("button", name=text["start"]).click()
        for number, step in enumerate(instrument().steps, start=1):
            page.wait_for_url(f"**/step/{number}/")
            for item in step.items:
                page.locator(f'input[name="{item.code}"][value="{STEP_VALUES[step.code]}"]').check()
            last = number == len(instrument().steps)
            page.get_by_role("button", name=text["submit" if last else "next"]).click()
        page.wait_for_url("**/r/*/")
        assert page.locator("html").get_attribute("lang") == language

        lines = page.locator("#summary-heading ~ ul.summary-lines").first.locator("li")
        assert lines.all_inner_texts() == text["lines"]
        assert page.evaluate(_OVERFLOWING) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.evaluate(_SMALLEST_CHART_TEXT) >= 12
        assert_no_axe_violations(page)

        first_disclosure = _top(page, "details")
        advice = _top(page, "#advice-heading")
        advice_end = _top(page, "#types-heading")  # the section after the advice
        height = page.evaluate("document.documentElement.scrollHeight")
        _report(language, first_disclosure, advice, advice_end, height)
        _screenshot(page, f"{language}-closed")
        # Every area shows its heading, why and its first step; the rest is folded.
        assert page.locator("section.advice").count() == AREAS
        assert page.locator("section.advice input[name=step]:visible").count() == AREAS
        assert first_disclosure <= SCREENS * PHONE["height"]
        assert advice_end <= SCREENS * PHONE["height"]

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
        _screenshot(page, f"{language}-open")
    finally:
        context.close()


def _report(language, first_disclosure, advice, advice_end, height) -> None:
    screen = PHONE["height"]
    print(
        f"\n{language}: first disclosure at {first_disclosure / screen:.2f} screens, advice "
        f"from {advice / screen:.2f} to {advice_end / screen:.2f}, whole page "
        f"{height / screen:.2f} screens"
    )


def _screenshot(page, name) -> None:
    """With SCREENSHOTS=<folder>, keep a full-page picture for a person to look at."""
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"results-{name}.png"), full_page=True)
