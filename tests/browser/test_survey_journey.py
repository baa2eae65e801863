"""A respondent on a Dutch phone answers the questionnaire from the campaign link to the
results, downloads the PDF and deletes the answers: Back, a reload and the keyboard lose
nothing; axe-core on every page."""

import re

from pypdf import PdfReader

from questionnaire.core.instrument import instrument
from questionnaire.models import Response
from tests.browser.axe import assert_no_axe_violations

STEPS = instrument().steps


def _no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _choose(page, legend: str, answer: str) -> None:
    page.get_by_role("group", name=legend).get_by_label(answer, exact=True).check()


def _legend(step: int, index: int) -> str:
    return STEPS[step - 1].items[index].text["nl"]


def test_a_respondent_answers_on_a_phone_and_lands_on_the_results(
    live_server, phone_page, campaign_a, departments_a
):
    page = phone_page
    page.goto(f"{live_server.url}/s/{campaign_a.public_id}/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Hoeveel steun krijg je op het werk?"
    )
    assert page.get_by_text("41 korte vragen in 5 stappen").is_visible()
    assert _no_sideways_scrolling(page)
    assert_no_axe_violations(page)
    page.get_by_label("Kitchen").check()
    page.get_by_role("button", name="Begin aan de vragenlijst").click()

    page.wait_for_url("**/step/1/")
    assert page.get_by_text("Stap 1 van 5").is_visible()
    assert page.locator('[aria-current="step"]').inner_text() == "Je collega's"
    assert _no_sideways_scrolling(page)
    assert_no_axe_violations(page)
    _choose(page, _legend(1, 0), "Vaak")
    _choose(page, _legend(1, 1), "Altijd")
    _choose(page, _legend(1, 2), "Niet van toepassing")
    page.get_by_role("button", name="Volgende").click()

    page.wait_for_url("**/step/2/")
    assert page.get_by_text("Stap 2 van 5").is_visible()
    assert_no_axe_violations(page)
    _choose(page, _legend(2, 0), "Zelden")
    page.get_by_role("button", name="Vorige").click()

    page.wait_for_url("**/step/1/")
    page.reload()
    assert page.get_by_role("group", name=_legend(1, 0)).get_by_label("Vaak").is_checked()
    assert page.get_by_role("group", name=_legend(1, 1)).get_by_label("Altijd").is_checked()
    group = page.get_by_role("group", name=_legend(1, 2))
    assert group.get_by_label("Niet van toepassing").is_checked()
    page.get_by_role("button", name="Volgende").click()

    page.wait_for_url("**/step/2/")
    assert page.get_by_role("group", name=_legend(2, 0)).get_by_label("Zelden").is_checked()
    # The keyboard: focus "Nooit" of the second question, then the arrow key moves the
    # choice to "Zelden" as in any radio group.
    page.get_by_role("group", name=_legend(2, 1)).get_by_label("Nooit").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert page.get_by_role("group", name=_legend(2, 1)).get_by_label("Zelden").is_checked()
    page.get_by_role("button", name="Volgende").click()

    for number in (3, 4):
        page.wait_for_url(f"**/step/{number}/")
        assert page.get_by_text(f"Stap {number} van 5").is_visible()
        assert _no_sideways_scrolling(page)
        assert_no_axe_violations(page)
        _choose(page, _legend(number, 0), "Soms")
        page.get_by_role("button", name="Volgende").click()

    page.wait_for_url("**/step/5/")
    assert page.get_by_text("Stap 5 van 5").is_visible()
    assert page.get_by_text("Je liet 30 vragen open in de vorige stappen.").is_visible()
    assert_no_axe_violations(page)
    for index in range(4):
        _choose(page, _legend(5, index), "Vaak")
    page.get_by_role("button", name="Mijn antwoorden versturen").click()

    page.wait_for_url("**/r/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Je resultaten"
    assert_no_axe_violations(page)
    stored = Response.objects.get()
    assert stored.department == departments_a[1]
    assert stored.language == "nl"
    assert stored.material_colleagues == 87.5  # often 75 and always 100
    assert stored.need_material == 75
    assert stored.answers.get(item="col_inf_1").value is None  # not applicable
    assert stored.answers.get(item="sup_mat_2").value == 25  # chosen with the keyboard

    # The same journey goes on: the PDF of these answers, then deleting them for good.
    report_url = page.url
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download je rapport (pdf)").click()
    reader = PdfReader(download_info.value.path())
    text = " ".join(pdf_page.extract_text() for pdf_page in reader.pages)
    assert "SupportCheck: je persoonlijk rapport" in text
    # material: (75 + 100 from colleagues, 25 + 25 from the supervisor, 50 outside) / 5
    assert re.search(
        r"Materiële en financiële steun: soms \(55 op 100\);\s+behoefte: 75 op 100", text
    )

    page.get_by_role("link", name="Mijn antwoorden verwijderen").first.click()
    page.wait_for_url(f"{report_url}delete/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, verwijder mijn antwoorden").click()
    page.wait_for_url("**/r/deleted/?figures=*")
    assert not Response.objects.exists()
    assert page.goto(report_url).status == 404
