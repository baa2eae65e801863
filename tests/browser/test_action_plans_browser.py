"""The demo's loop in a browser, in Dutch, French and English: a reader plans an action
from a finding of the first wave, sees it in the wave's plan, and the second wave's
dashboard opens where to act with that action and what became of its area; axe finds
nothing on the form or either dashboard."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from questionnaire.models import ActionPlanItem, Department
from questionnaire.ops.demo import HR_USERNAME, dashboard_path, seed_demo
from tests.browser.axe import assert_no_axe_violations

SCREEN = {"width": 1280, "height": 900}
# The second wave's name and the follow-up's opening, per language.
FOLLOW_UP = {
    "nl": "In “Tweede bevraging”: van ",
    "fr": "Dans «\u00a0Deuxième enquête\u00a0»\u00a0: de ",
    "en": "In “Second survey”: from ",
}
SAVE = {"nl": "Actie bewaren", "fr": "Enregistrer l’action", "en": "Save the action"}


@pytest.fixture
def demo(live_server, browser, transactional_db):
    site = seed_demo(responses=300)
    client = Client()
    client.force_login(get_user_model().objects.get(username=HR_USERNAME))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(viewport=SCREEN)

    def open_in(language: str, path: str):
        context.clear_cookies()
        context.add_cookies(
            [
                {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url},
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
            ]
        )
        page = context.new_page()
        page.goto(f"{live_server.url}{path}")
        return page

    yield site, open_in
    context.close()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_reader_plans_an_action_from_a_finding_and_the_next_wave_follows_it(demo, language):
    site, open_in = demo
    first = open_in(language, dashboard_path(site.previous_campaign))
    link = first.locator("a.plan-action").first
    assert link.count() == 1
    link.click()
    first.wait_for_url("**/actions/new/**")
    assert_no_axe_violations(first)
    home_care = Department.objects.get(name="Thuiszorg")
    first.select_option("select[name=group]", str(home_care.pk))
    first.select_option("select[name=area]", "respecting_supervisor")
    what = f"Browser action ({language}): credit given at the weekly meeting"
    first.fill("textarea[name=what]", what)
    first.fill("input[name=owner]", "Team leader")
    first.fill("input[name=due_on]", site.previous_campaign.closes_on.isoformat())
    first.get_by_role("button", name=SAVE[language]).click()
    first.wait_for_url(re.compile(r".*/campaigns/\d+/#actions-heading$"))
    assert first.locator(".action-plan .action-item", has_text=what).count() == 1
    assert_no_axe_violations(first)
    assert ActionPlanItem.objects.filter(what=what, area="respecting_supervisor").count() == 1

    second = open_in(language, dashboard_path(site.campaign))
    findings = second.locator("#findings-heading").bounding_box()
    previous = second.locator("#previous-actions-heading").bounding_box()
    first_finding = second.locator(".key-findings").first.bounding_box()
    assert findings["y"] < previous["y"] < first_finding["y"]  # where to act opens with it
    item = second.locator(".previous-actions .action-item", has_text=what)
    assert item.count() == 1
    follow_up = item.locator(".action-follow-up").inner_text()
    assert follow_up.startswith(FOLLOW_UP[language]), follow_up
    assert_no_axe_violations(second)
