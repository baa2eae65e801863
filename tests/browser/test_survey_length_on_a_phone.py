"""The five steps are short on a 360 × 740 phone in nl, fr and en, and stay real radio
groups: axe-core finds nothing, every answer is a target of at least 44 × 44 px, the
keyboard answers a question (Tab to the group, arrows to the answer) with a visible focus,
and Next shows the following step at its own address."""

import pytest

from questionnaire.core.instrument import CHOICES, NOT_APPLICABLE_LABEL, instrument
from questionnaire.models import Response
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import PHONE

SCREENS = 12  # the five steps together, in screen heights
NEXT = {"nl": "Volgende", "fr": "Suivant", "en": "Next"}
SUBMIT = {
    "nl": "Mijn antwoorden versturen",
    "fr": "Envoyer mes réponses",
    "en": "Submit my answers",
}
START = {
    "nl": "Begin aan de vragenlijst",
    "fr": "Commencer le questionnaire",
    "en": "Start the questionnaire",
}


def _targets_too_small(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('form label:has(> input[type=radio])')]
            .map(label => [label, label.getBoundingClientRect()])
            .filter(([, box]) => box.width < 44 || box.height < 44)
            .map(([label, box]) => `${label.textContent.trim()} ${box.width}x${box.height}`)"""
    )


def _no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _answer_first_question_by_keyboard(page, language: str) -> None:
    """Tab from the step's intro into the first group, arrow to the third point."""
    first = instrument().steps[0].items[0]
    page.locator(".survey-intro").click()  # a starting point just before the form
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == first.code:
            break
    assert page.evaluate("document.activeElement.name") == first.code
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    focused = page.evaluate(
        """() => { const input = document.activeElement;
            const style = getComputedStyle(input.closest('label'));
            return [input.value, input.checked, style.outlineStyle, style.outlineWidth]; }"""
    )
    assert focused == [str(CHOICES[2].value), True, "solid", "3px"]
    group = page.get_by_role("group", name=first.text[language])
    assert group.get_by_label(CHOICES[2].label[language], exact=True).is_checked()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_five_steps_fit_in_twelve_screens_and_stay_accessible(
    browser, live_server, campaign_a, language
):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale=f"{language}-BE"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{campaign_a.public_id}/")
    assert page.locator("html").get_attribute("lang") == language
    page.get_by_role("button", name=START[language]).click()
    page.wait_for_url("**/step/1/")
    _answer_first_question_by_keyboard(page, language)

    heights = []
    steps = instrument().steps
    for number, step in enumerate(steps, start=1):
        page.wait_for_url(f"**/step/{number}/")  # Next posts to the step it shows
        heights.append(page.evaluate("document.documentElement.scrollHeight"))
        assert _no_sideways_scrolling(page)
        assert _targets_too_small(page) == []
        assert_no_axe_violations(page)
        for item in step.items:
            group = page.get_by_role("group", name=item.text[language])
            answer = NOT_APPLICABLE_LABEL if item.code.endswith("_2") else CHOICES[3].label
            group.get_by_label(answer[language], exact=True).check()
        last = number == len(steps)
        page.get_by_role("button", name=(SUBMIT if last else NEXT)[language]).click()

    page.wait_for_url("**/r/*/")
    stored = dict(Response.objects.get().answers.values_list("item", "value"))
    assert len(stored) == len(instrument().items)
    print(f"{language}: {sum(heights)} px = {sum(heights) / PHONE['height']:.1f} screens {heights}")
    assert sum(heights) <= SCREENS * PHONE["height"], heights
    context.close()
