"""The home page in Chromium: language switch without JavaScript, no axe violations."""

from tests.browser.axe import assert_no_axe_violations, axe_violations


def test_home_page_switches_language_and_has_no_accessibility_violations(live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Hoeveel steun krijg je op het werk?"
    )
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Quel soutien recevez-vous au travail\u202f?"
    )
    assert_no_axe_violations(page)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_main(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == "#main-content"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_the_axe_check_itself_reports_a_broken_page(page):
    """Guards the other browser tests: an axe run that finds nothing must mean something."""
    page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label", "html-has-lang"} <= found


def test_the_fiche_page_names_its_references_and_the_originals_language(live_server, page):
    page.goto(live_server.url + "/fiche/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    references = page.locator("#references")
    assert references.get_by_role("heading", level=2).inner_text() == "The fiche's references"
    assert references.get_by_role("listitem").count() == 3
    assert references.locator("[lang=nl]").first.inner_text().startswith("Sobane-strategie")
    original = page.get_by_role("link", name="Read the original fiche 6.1.2 (in Dutch)").first
    assert original.get_attribute("href").startswith("https://")
    assert original.get_attribute("hreflang") == "nl"
    assert_no_axe_violations(page)
