"""The dashboard of a closed campaign on a laptop (1366 x 900) and a phone (360 x 740):
a table of contents that reaches every section, nothing wider than the screen outside a
labelled scroll region, no invitation box once closed, and nothing axe-core objects to."""

import pytest

from questionnaire.models import Department
from tests.browser.axe import assert_no_axe_violations
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.personas import HR_PASSWORD

# Elements wider than the window that are not inside a focusable, labelled scroll region.
TOO_WIDE = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')].filter((element) => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= limit + 1) return false;
    const region = element.closest('[role="region"][aria-labelledby][tabindex="0"]');
    return !(region && region.getBoundingClientRect().right <= limit + 1);
  }).map((element) => element.tagName + '#' + element.id + '.' + element.className);
}"""


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 360, "height": 740}]
)
def test_the_dashboard_fits_the_screen_and_can_be_navigated(
    live_server, page, hr_a, org_a, departments_a, today
):
    previous = closed_campaign(org_a, today=today, name="Najaar", closed_days_ago=90)
    campaign = closed_campaign(org_a, today=today, name="Voorjaar")
    departments = [
        *departments_a,
        *(
            Department.objects.create(
                organisation=org_a,
                name=f"Afdeling met een nogal lange naam {number}",
                headcount=12,
                name_translations={"nl": f"Dienst {number} met een lange naam"},
            )
            for number in range(5)
        ),
    ]
    for number, department in enumerate(departments):
        add_responses(previous, department, 6, overall=40.0 + number, pressure=50.0)
        add_responses(campaign, department, 7, overall=30.0 + 5 * number, pressure=80.0)
    page.goto(f"{live_server.url}/accounts/login/?next=/hr/campaigns/{campaign.pk}/")
    page.get_by_label("Gebruikersnaam").fill("alice")
    page.get_by_label("Wachtwoord").fill(HR_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{live_server.url}/hr/campaigns/{campaign.pk}/")

    assert page.evaluate(TOO_WIDE) == []
    assert page.get_by_role("heading", name="Respondenten uitnodigen").count() == 0
    assert page.get_by_role("link", name="Affiche met QR-code").count() == 0
    # The departments in Dutch, as HR named them (in the table behind its disclosure).
    page.locator("#departments-section > summary").click()
    departments_table = page.locator("table", has=page.locator("#table-departments-caption"))
    assert departments_table.get_by_role("rowheader", name="Dienst 0 met een lange naam").count()
    contents = page.get_by_role("navigation", name="Op deze pagina")
    links = contents.get_by_role("link")
    assert links.count() >= 9
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert page.locator(target).count() == 1, target
    # By keyboard: a link of the contents moves to its section.
    contents.get_by_role("link", name="Scores per afdeling").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/hr/campaigns/{campaign.pk}/#departments-heading")
    assert_no_axe_violations(page)
    # The departments' trends behind their disclosure: opened, each wave's value shown.
    page.locator("#comparison-section > summary").click()
    page.locator("#department-trends summary").click()
    trends = page.locator("table", has=page.locator("#table-department_trends-caption"))
    care = trends.get_by_role("row", name="Care")
    assert care.get_by_role("cell").all_inner_texts()[:2] == ["40,0", "30,0"]
    assert page.evaluate(TOO_WIDE) == []
    assert_no_axe_violations(page)


def test_an_open_campaigns_participation_per_department_passes_axe(
    live_server, page, hr_a, campaign_a, departments_a
):
    care, kitchen, _office = departments_a
    add_responses(campaign_a, care, 12)
    add_responses(campaign_a, kitchen, 3)
    page.goto(f"{live_server.url}/accounts/login/?next=/hr/campaigns/{campaign_a.pk}/")
    page.get_by_label("Gebruikersnaam").fill("alice")
    page.get_by_label("Wachtwoord").fill(HR_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"{live_server.url}/hr/campaigns/{campaign_a.pk}/")

    table = page.locator("table", has=page.locator("#table-participation-caption"))
    assert table.get_by_role("row", name="Care").get_by_role("cell").first.inner_text() == (
        "minstens 11"
    )
    assert page.locator("#participation-open").is_visible()
    assert page.evaluate(TOO_WIDE) == []
    assert_no_axe_violations(page)
