"""A respondent's private report link in Chromium on a phone, in Dutch: keep the link,
download the PDF, read the fiche page, delete the answers; axe-core on every page."""

import io
import re

from pypdf import PdfReader

from questionnaire.models import Answer, PersonalReport, Response
from tests.browser.axe import assert_no_axe_violations
from tests.support.results_factory import make_response


def _no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_respondent_keeps_the_link_downloads_the_pdf_and_deletes(
    live_server, phone_page, campaign_a
):
    response, token = make_response(campaign_a)
    report_url = f"{live_server.url}/r/{token}/"
    page = phone_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    page.goto(report_url)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", level=1).inner_text() == "Je resultaten"
    assert page.get_by_label("Het adres van deze pagina").input_value() == report_url
    copy = page.get_by_role("button", name="Link kopiëren")
    assert copy.is_visible()  # shown by copy.js
    copy.click()
    page.get_by_text("Link gekopieerd.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == report_url
    assert _no_sideways_scrolling(page)
    assert_no_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download je rapport (pdf)").click()
    download = download_info.value
    assert download.suggested_filename == (
        f"supportcheck-report-{response.submitted_on.isoformat()}.pdf"
    )
    with open(download.path(), "rb") as pdf_file:
        reader = PdfReader(io.BytesIO(pdf_file.read()))
    text = " ".join(pdf_page.extract_text() for pdf_page in reader.pages)
    assert "SupportCheck: je persoonlijk rapport" in text
    # the scores by type, each a line with how often it is needed
    respecting = r"Respecterende steun: zelden of nooit \(33 op 100\);\s+behoefte: 100 op 100"
    assert re.search(respecting, text)

    material = page.locator('section[aria-labelledby="advice-material"]')
    # the weakest three areas show; material (a need received well below it) comes fifth,
    # folded with the fourth behind one summary
    assert not material.is_visible()
    page.get_by_text("Advies voor nog 2 gebieden", exact=True).click()
    # its first step shows; the other steps, why and what to ask are folded
    assert material.get_by_role("checkbox").first.is_visible()
    material.get_by_text("Meer stappen, waarom het telt en wat je kunt vragen").click()
    assert_no_axe_violations(page)
    material.get_by_role("link", name="De fiche in het kort: Materiële en financiële steun").click()
    page.wait_for_url(f"{live_server.url}/fiche/#material")
    assert page.locator("#material h3").inner_text() == "Materiële en financiële steun"
    assert _no_sideways_scrolling(page)
    assert_no_axe_violations(page)
    page.go_back()

    page.get_by_role("link", name="Mijn antwoorden verwijderen").first.click()
    page.wait_for_url(f"{report_url}delete/")
    assert page.get_by_role("heading", level=1).inner_text() == "Je antwoorden verwijderen?"
    assert Response.objects.filter(pk=response.pk).exists()  # asking deletes nothing
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Ja, verwijder mijn antwoorden").click()
    page.wait_for_url(f"{live_server.url}/r/deleted/?figures=live")
    assert page.get_by_role("heading", level=1).inner_text() == "Je antwoorden zijn verwijderd"
    assert_no_axe_violations(page)
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not Answer.objects.filter(response_id=response.pk).exists()
    assert not PersonalReport.objects.filter(response_id=response.pk).exists()

    assert page.goto(report_url).status == 404


def test_without_javascript_the_link_is_still_there_and_the_copy_button_is_not(
    live_server, browser, campaign_a
):
    _response, token = make_response(campaign_a)
    context = browser.new_context(java_script_enabled=False, locale="nl-BE")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/r/{token}/")
        field = page.get_by_label("Het adres van deze pagina")
        assert field.input_value() == f"{live_server.url}/r/{token}/"
        assert not page.get_by_role("button", name="Link kopiëren").is_visible()
        # The page's one download is a form's button: it works without JavaScript.
        assert page.get_by_role("link", name=re.compile("^Download")).count() == 0
        assert page.get_by_role("button", name=re.compile("^Download")).count() == 1
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download je rapport (pdf)").click()
        assert download_info.value.suggested_filename.endswith(".pdf")
    finally:
        context.close()


def test_ticked_first_steps_come_back_in_the_pdf_only(live_server, phone_page, campaign_a):
    response, token = make_response(campaign_a)
    page = phone_page
    page.goto(f"{live_server.url}/r/{token}/")
    supervisor = page.locator('section[aria-labelledby="advice-supervisor"]')
    supervisor.get_by_text("Meer stappen, waarom het telt en wat je kunt vragen").click()
    # The supervisor gives support rarely: the second step goes around them.
    page.get_by_label("Bespreek het in vertrouwen met de vertrouwenspersoon", exact=False).check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download je rapport (pdf)").click()
    reader = PdfReader(download_info.value.path())
    text = " ".join(pdf_page.extract_text() for pdf_page in reader.pages)
    assert re.search(r"De eerste stappen die je koos\s+Bespreek het in vertrouwen", text)
    assert not PersonalReport.objects.filter(response=response).exists()
    page.reload()
    assert not page.get_by_label("Bespreek het in vertrouwen", exact=False).is_checked()
