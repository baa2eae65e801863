"""A team manager in Chromium, in Dutch, French and English: Mia, manager of Care, logs in,
finds the organisation's closed wave on her start page, opens its dashboard and sees Care's
figures and the whole organisation's, never Kitchen or Office, then plans an action for
Care from a finding and finds it in the wave's plan; axe finds nothing."""

import re

import pytest
from django.contrib.auth import get_user_model

from questionnaire.models import ActionPlanItem
from tests.browser.axe import assert_no_axe_violations
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.personas import HR_PASSWORD

SAVE = {"nl": "Actie bewaren", "fr": "Enregistrer l’action", "en": "Save the action"}

# (language, Care's name in it, the start page's heading, the scope line's start)
LANGUAGES = [
    ("nl", "Zorg", "Je organisaties", "Je ziet de cijfers van je afdelingen (Zorg)"),
    ("fr", "Soins", "Vos organisations", "Vous voyez les chiffres de vos services (Soins)"),
    ("en", "Care", "Your organisations", "You see the figures of your departments (Care)"),
]


@pytest.fixture
def wave(org_a, departments_a, today):
    care, kitchen, office = departments_a
    care.name_translations = {"nl": "Zorg", "fr": "Soins"}
    care.save()
    campaign = closed_campaign(org_a, today=today, name="Voorjaar")
    add_responses(campaign, care, 7, overall=60.0)
    add_responses(campaign, kitchen, 8, overall=80.0)
    add_responses(campaign, office, 6, overall=40.0)
    return campaign


@pytest.mark.parametrize(("language", "care", "heading", "scope"), LANGUAGES)
def test_a_team_manager_sees_their_department_and_the_organisation_only(
    live_server, browser, manager_a, wave, language, care, heading, scope
):
    context = browser.new_context()
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/hr/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.locator("#id_username").fill("mia")
    page.locator("#id_password").fill(HR_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{live_server.url}/hr/")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Voorjaar", exact=True).click()
    page.wait_for_url(f"{live_server.url}/hr/campaigns/{wave.pk}/")
    assert scope in page.locator("#scope-line").inner_text()
    for summary in page.locator("details > summary").all():
        summary.click()
    text = page.locator("body").inner_text()
    assert care in text
    # Care's overall support and the organisation's (1300 / 21), in the page's numbers.
    decimal = "." if language == "en" else ","
    assert f"60{decimal}0" in text and f"61{decimal}9" in text
    html = page.content()
    assert "Kitchen" not in html and "Office" not in html
    assert f"80{decimal}0" not in text and f"40{decimal}0" not in text
    assert_no_axe_violations(page)

    page.locator("a.plan-action").first.click()
    page.wait_for_url("**/actions/new/**")
    groups = page.locator("select[name=group] option").all_inner_texts()
    assert groups == [care]  # her department only: not Kitchen, Office or the organisation
    assert_no_axe_violations(page)
    what = f"Team talk ({language}): who helps whom on busy days"
    page.fill("textarea[name=what]", what)
    page.fill("input[name=owner]", "Mia")
    page.fill("input[name=due_on]", wave.closes_on.isoformat())
    page.get_by_role("button", name=SAVE[language]).click()
    page.wait_for_url(re.compile(r".*/campaigns/\d+/#actions-heading$"))
    assert page.locator(".action-plan .action-item", has_text=what).count() == 1
    assert_no_axe_violations(page)
    action = ActionPlanItem.objects.get(what=what)
    assert (action.department.name, action.campaign_id) == ("Care", wave.pk)
    context.close()


def test_a_reader_makes_a_colleague_team_manager_of_care(
    live_server, browser, hr_a, org_a, departments_a
):
    """In Dutch: the team managers page, its form with a checkbox per department, the
    list afterwards; axe finds nothing on either."""
    care = departments_a[0]
    care.name_translations = {"nl": "Zorg"}
    care.save()
    get_user_model().objects.create_user("mia")
    context = browser.new_context()
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/hr/")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill(HR_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{live_server.url}/hr/")
    page.get_by_role("link", name="Teamverantwoordelijken").click()
    assert_no_axe_violations(page)
    page.locator("#id_username").fill("mia")
    page.get_by_label("Zorg").check()
    page.get_by_role("button", name="Teamverantwoordelijke maken").click()
    assert "mia is nu teamverantwoordelijke." in page.locator("body").inner_text()
    row = page.locator("tr", has=page.get_by_role("rowheader", name="mia"))
    assert "Zorg" in row.inner_text()
    assert_no_axe_violations(page)
    context.close()
