"""HR in Chromium, in Dutch: an organisation's one HR person (reader and access custodian)
logs in, creates a campaign, opens the poster and the departments, reads the dashboard of a
closed campaign and downloads an export; axe-core on every page."""

import re
from datetime import timedelta

from questionnaire.models import Campaign
from tests.browser.axe import assert_no_axe_violations
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.personas import HR_PASSWORD


def test_hr_logs_in_creates_a_campaign_and_downloads_the_figures(
    live_server, browser, both_a, org_a, departments_a, today
):
    closed = closed_campaign(org_a, today=today, name="Voorjaar")
    care, kitchen, _office = departments_a
    add_responses(closed, care, 6, overall=60.0)
    add_responses(closed, kitchen, 6, overall=80.0)
    context = browser.new_context(locale="nl-BE", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()

    page.goto(f"{live_server.url}/hr/")
    page.wait_for_url(f"{live_server.url}/accounts/login/?next=/hr/")
    assert_no_axe_violations(page)
    page.get_by_label("Gebruikersnaam").fill("erin")
    page.get_by_label("Wachtwoord").fill(HR_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{live_server.url}/hr/")
    assert page.get_by_role("heading", level=1).inner_text() == "Je organisaties"
    assert page.get_by_role("link", name="Voorjaar", exact=True).is_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Nieuwe bevraging").click()
    assert_no_axe_violations(page)
    # One HR person holds both roles: codes are not offered, and the form says why.
    assert page.get_by_role("radio").count() == 1
    page.get_by_text("Met één HR-persoon is de open link de eerlijke keuze.").wait_for()
    page.get_by_role("textbox", name="Naam*", exact=True).fill("Najaar")
    page.get_by_label("Opent op").fill(today.isoformat())
    page.get_by_label("Sluit op").fill((today + timedelta(days=10)).isoformat())
    page.get_by_label("Standaardtaal").select_option("fr")
    page.get_by_role("button", name="Bevraging aanmaken").click()
    created = Campaign.objects.get(name="Najaar")
    page.wait_for_url(f"{live_server.url}/hr/campaigns/{created.pk}/access/")
    assert created.default_language == "fr"
    assert created.closes_on == today + timedelta(days=10)
    assert page.get_by_label("Link naar de vragenlijst").input_value() == (
        f"{live_server.url}/s/{created.public_id}/"
    )
    page.get_by_role("link", name="Resultaten").wait_for()
    # axe-core first: right after the click the button is still fading into its
    # pressed colours, which a contrast check would catch half-way.
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Link kopiëren").click()
    page.get_by_text("Link gekopieerd.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"{live_server.url}/s/{created.public_id}/"
    )

    page.get_by_role("link", name="Affiche met QR-code").click()
    assert page.locator(".poster").get_attribute("lang") == "fr"
    assert created.public_id in page.locator(".poster-url").inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Terug naar de bevraging").click()
    page.get_by_role("link", name="Afdelingen").click()
    assert_no_axe_violations(page)
    page.get_by_role("textbox", name="Naam*", exact=True).fill("Logistiek")
    page.get_by_label("Aantal medewerkers").fill("9")
    page.get_by_role("button", name="Afdeling toevoegen").click()
    page.get_by_text("De afdeling is toegevoegd.").wait_for()
    assert org_a.departments.get(name="Logistiek").headcount == 9

    page.goto(f"{live_server.url}/hr/campaigns/{closed.pk}/")
    page.locator("#work-section > summary").click()
    work = page.locator("table", has=page.locator("#table-work-caption"))
    overall = (6 * 60.0 + 6 * 80.0) / 12
    assert work.get_by_role("row").nth(1).inner_text().split("\t")[-1] == (
        f"{overall:.1f}".replace(".", ",")
    )
    page.locator("#matrix-section > summary").click()
    assert page.locator("#chart-matrix").is_visible()
    page.get_by_role("heading", name="Waarom deze bevraging geen toegangscodes heeft").wait_for()
    assert_no_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de cijfers (csv)").click()
    download = download_info.value
    assert download.suggested_filename == f"supportcheck-voorjaar-{today.isoformat()}.csv"
    with open(download.path(), encoding="utf-8-sig") as csv_file:
        lines = csv_file.read().splitlines()
    # Dutch: semicolons and decimal commas, as a Belgian spreadsheet reads them; the wave
    # named with its closing date.
    care = next(line for line in lines if line.startswith("participation;Deelname per groep;Care;"))
    assert re.fullmatch(
        r"participation;Deelname per groep;Care;Voorjaar \(\d+ \w+ \d{4}\);responses;"
        r"Antwoorden;6;6;;",
        care,
    )
    context.close()


def test_the_dashboard_of_a_closed_campaign_fits_a_phone(
    live_server, phone_page, hr_a, org_a, departments_a, today
):
    closed = closed_campaign(org_a, today=today, name="Voorjaar")
    care, kitchen, office = departments_a
    add_responses(closed, care, 8, overall=30.0, pressure=80.0)
    add_responses(closed, kitchen, 7, overall=80.0, pressure=30.0)
    add_responses(closed, office, 2)
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/?next=/hr/campaigns/{closed.pk}/")
    page.get_by_label("Gebruikersnaam").fill("alice")
    page.get_by_label("Wachtwoord").fill(HR_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{live_server.url}/hr/campaigns/{closed.pk}/")
    # Wide tables scroll inside their own region; the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("#pressure-section > summary").click()
    scatter = page.locator("#chart-pressure-support")
    assert scatter.is_visible()
    drawn = " ".join(scatter.text_content().split())  # the key's lines, as one text
    assert "1. Care: werkdruk 80, steun 30" in drawn
    # The hidden value's one reason (issue 19): small groups and single answers protected.
    assert (
        "Office: niet getekend (verborgen om kleine groepen en individuele antwoorden te "
        "beschermen (elk cijfer steunt op minstens 6 antwoorden))"
    ) in drawn
    page.locator("#pressure-section details.hr-numbers > summary").click()
    flagged = page.locator("table", has=page.locator("#table-pressure-caption")).locator(
        "tr.flagged"
    )
    # The rows in the first places of pressure minus support say so; Care leads.
    assert flagged.first.locator("th").inner_text() == "Care"
    assert flagged.first.locator("td").last.inner_text() == "1 (50,0)"
    header = page.locator("table", has=page.locator("#table-pressure-caption")).locator("thead")
    assert "Plaats volgens werkdruk min steun" in header.inner_text()
    assert_no_axe_violations(page)
