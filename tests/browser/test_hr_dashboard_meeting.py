"""The demo's dashboard (300 responses) on a laptop of 1366 x 768, as an HR manager opens it
before a meeting, in Dutch, French and English: where to act, participation and the heat
map of the groups against the organisation end within six screens; nothing scrolls
sideways; the absolute heat map is one link away, without JavaScript; axe finds nothing."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from questionnaire.ops.demo import HR_USERNAME, dashboard_path, seed_demo
from tests.browser.axe import assert_no_axe_violations

SCREEN = {"width": 1366, "height": 768}
SCREENS = 6

# From the top of the page to the heat map's end, and whether anything scrolls sideways.
MEASURE = """() => {
  const map = document.querySelector('.versus-map');
  const scroller = document.scrollingElement;
  return {
    mapEnd: map ? map.getBoundingClientRect().bottom + window.scrollY : null,
    legendEnd: document.querySelector('.versus-legend').getBoundingClientRect().bottom
      + window.scrollY,
    scrollWidth: scroller.scrollWidth,
    clientWidth: scroller.clientWidth,
  };
}"""


@pytest.fixture
def demo_page(live_server, browser, transactional_db):
    site = seed_demo(responses=300)
    client = Client()
    client.force_login(get_user_model().objects.get(username=HR_USERNAME))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(viewport=SCREEN)

    def open_in(language: str, query: str = ""):
        context.clear_cookies()
        context.add_cookies(
            [
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            ]
        )
        page = context.new_page()
        page.goto(f"{live_server.url}{dashboard_path(site.campaign)}{query}")
        return page

    yield open_in
    context.close()


@pytest.mark.parametrize(
    ("language", "where", "absolute"),
    [
        ("nl", "Waar actie nodig is", "Scores zoals ze zijn"),
        ("fr", "Où agir", "Scores tels quels"),
        ("en", "Where to act", "Scores as they are"),
    ],
)
def test_the_meeting_part_fits_six_screens_without_sideways_scroll(
    demo_page, language, where, absolute
):
    page = demo_page(language)
    assert page.get_by_role("heading", name=where).count() == 1
    measured = page.evaluate(MEASURE)
    assert measured["mapEnd"] is not None
    assert measured["legendEnd"] <= SCREENS * SCREEN["height"], measured
    assert measured["scrollWidth"] <= measured["clientWidth"], measured
    # The downloads come before where to act.
    downloads = page.locator("#downloads-heading").bounding_box()
    findings = page.locator("#findings-heading").bounding_box()
    assert downloads["y"] < findings["y"]
    assert_no_axe_violations(page)
    # The absolute heat map, one plain link away: no script needed.
    link = page.get_by_role("link", name=absolute)
    assert "heatmap=absolute" in link.get_attribute("href")
    link.click()
    page.wait_for_url("**heatmap=absolute**")
    assert page.locator("svg#chart-heatmap").count() == 1
    assert page.evaluate(
        "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
    assert_no_axe_violations(page)
