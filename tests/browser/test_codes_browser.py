"""Access codes in Chromium, in Dutch: the access custodian issues codes and prints the
slips; a respondent on a phone answers with a code from its QR link; a spent code and
another campaign's code are refused with a clear page; nothing in the database ties a code
to its response."""

from datetime import timedelta

from pypdf import PdfReader

from questionnaire.core import access_codes
from questionnaire.models import AccessCode, Campaign, Response
from tests.browser.axe import assert_no_axe_violations
from tests.support.personas import HR_PASSWORD

PHONE = {"width": 360, "height": 740}


def _no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _phone(browser):
    context = browser.new_context(viewport=PHONE, locale="nl-BE", has_touch=True, is_mobile=True)
    return context, context.new_page()


def _hr_issues_two_codes(live_server, browser, campaign) -> list[str]:
    context = browser.new_context(locale="nl-BE", accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/hr/campaigns/{campaign.pk}/access/")
    page.get_by_label("Gebruikersnaam").fill("dana")
    page.get_by_label("Wachtwoord").fill(HR_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"**/hr/campaigns/{campaign.pk}/access/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Toegangscodes aanmaken en afdrukken").click()
    assert_no_axe_violations(page)
    page.get_by_role("combobox", name="Afdeling").select_option(label="Care")
    page.get_by_label("Aantal codes").fill("2")
    page.get_by_role("button", name="Maak de codes aan").click()
    page.get_by_text("Er zijn 2 codes aangemaakt voor Care").wait_for()
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="strookjes om af te drukken (pdf)").click()
    reader = PdfReader(download_info.value.path())
    text = " ".join(pdf_page.extract_text() for pdf_page in reader.pages)
    context.close()
    printed = access_codes.batch_codes(campaign.code_batches.get())
    assert all(code in text for code in printed)
    assert "Je toegangscode" in text
    return printed


def _answer_with_code_link(live_server, page, campaign, code) -> None:
    page.goto(f"{live_server.url}/s/{campaign.public_id}/?code={code}")
    assert page.get_by_label("Je toegangscode").input_value() == code
    assert _no_sideways_scrolling(page)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Begin aan de vragenlijst").click()
    for number in range(1, 5):
        page.wait_for_url(f"**/step/{number}/")
        page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/step/5/")
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    page.wait_for_url("**/r/*/")


def test_codes_from_issuing_to_answering(
    live_server, browser, custodian_a, campaign_a, departments_a
):
    Campaign.objects.filter(pk=campaign_a.pk).update(access=Campaign.ACCESS_CODES)
    campaign_a.refresh_from_db()
    printed = _hr_issues_two_codes(live_server, browser, campaign_a)

    context, page = _phone(browser)
    _answer_with_code_link(live_server, page, campaign_a, printed[0])
    context.close()
    response = Response.objects.get(campaign=campaign_a)
    assert response.department == departments_a[0]

    context, page = _phone(browser)
    page.goto(f"{live_server.url}/s/{campaign_a.public_id}/")
    page.get_by_label("Je toegangscode").fill(printed[0].lower())
    page.get_by_role("button", name="Begin aan de vragenlijst").click()
    page.get_by_text("Deze code is al gebruikt").wait_for()
    field = page.get_by_label("Je toegangscode")
    assert field.get_attribute("aria-invalid") == "true"
    assert _no_sideways_scrolling(page)
    assert_no_axe_violations(page)

    other = Campaign.objects.create(
        organisation=campaign_a.organisation,
        name="Andere bevraging",
        opens_on=campaign_a.opens_on,
        closes_on=campaign_a.closes_on + timedelta(days=1),
        access=Campaign.ACCESS_CODES,
    )
    page.goto(f"{live_server.url}/s/{other.public_id}/")
    page.get_by_label("Je toegangscode").fill(printed[1])
    page.get_by_role("button", name="Begin aan de vragenlijst").click()
    page.get_by_text("Deze code hoort niet bij deze vragenlijst").wait_for()
    context.close()

    # One code spent, one not; nothing on either row, and nothing on the response, that
    # could pair them: the code rows hold a hash and a flag, the response a random id.
    rows = list(AccessCode.objects.values("code_hash", "spent"))
    assert sorted(row["spent"] for row in rows) == [False, True]
    assert {field.name for field in AccessCode._meta.get_fields()} == {
        "id",
        "batch",
        "code_hash",
        "spent",
    }
    assert Response.objects.count() == 1 and response.pk > 2**32
