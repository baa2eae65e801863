"""The paused-login and paused-report-link pages in Chromium, in Dutch: axe-core, a phone's
width without sideways scrolling, and the way back reachable with the keyboard."""

from tests.browser.axe import assert_no_axe_violations
from tests.support.personas import HR_PASSWORD
from tests.support.results_factory import make_response


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _tab_to(page, name: str) -> None:
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with Tab")


def test_a_paused_login_explains_itself_on_a_phone(live_server, phone_page, hr_a):
    page = phone_page
    for password in ["fout-1", "fout-2", "fout-3", "fout-4", "fout-5", HR_PASSWORD]:
        page.goto(f"{live_server.url}/accounts/login/?next=/hr/")
        page.get_by_label("Gebruikersnaam").fill("alice")
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Aanmelden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden is gepauzeerd"
    assert "Wacht 15 minuten" in page.content()
    assert _fits_the_screen(page)
    assert_no_axe_violations(page)
    _tab_to(page, "Terug naar de aanmeldpagina")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/accounts/login/?next=%2Fhr%2F")
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden voor HR"


def test_paused_report_links_explain_themselves_on_a_phone(live_server, phone_page, campaign_a):
    page = phone_page
    _response, token = make_response(campaign_a)
    for number in range(20):
        page.goto(f"{live_server.url}/r/wrong-link-{number:02d}/")
    response = page.goto(f"{live_server.url}/r/{token}/")
    assert response.status == 429
    assert page.get_by_role("heading", level=1).inner_text() == "Te veel verkeerde rapportlinks"
    assert _fits_the_screen(page)
    assert_no_axe_violations(page)
    _tab_to(page, "Naar de startpagina")
