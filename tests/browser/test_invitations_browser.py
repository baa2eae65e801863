"""Invitations by e-mail in Chromium, in Dutch, on a phone's width: the access custodian
pastes a list with a bad line and reads which line and why, corrects it, sends through a
real SMTP server and reads the progress; axe-core finds nothing on any state of the page."""

from questionnaire.models import Campaign, Invitation
from tests.browser.axe import assert_no_axe_violations
from tests.support.personas import HR_PASSWORD

PHONE = {"width": 360, "height": 740}


def _no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_custodian_invites_a_department_by_e_mail(
    live_server, browser, custodian_a, campaign_a, departments_a, mailbox
):
    Campaign.objects.filter(pk=campaign_a.pk).update(access=Campaign.ACCESS_CODES)
    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/?next=/hr/campaigns/{campaign_a.pk}/access/")
    page.get_by_label("Gebruikersnaam").fill("dana")
    page.get_by_label("Wachtwoord").fill(HR_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("link", name="Mensen per e-mail uitnodigen").click()
    page.get_by_text("Nog geen adressen.").wait_for()
    assert_no_axe_violations(page)
    assert _no_sideways_scrolling(page)

    page.get_by_role("combobox", name="Afdeling").select_option(label="Kitchen")
    addresses = page.get_by_label("E-mailadressen")
    addresses.fill("ann@example.org\nbert(at)example.org\nchris@example.org")
    page.get_by_role("button", name="De adressen toevoegen").click()
    page.get_by_text("Regel 2 (“bert(at)example.org”): geen e-mailadres op deze regel.").wait_for()
    assert not Invitation.objects.exists()
    assert_no_axe_violations(page)
    assert _no_sideways_scrolling(page)

    page.get_by_label("E-mailadressen").fill("ann@example.org\nbert@example.org\nchris@example.org")
    page.get_by_role("button", name="De adressen toevoegen").click()
    page.get_by_text("0 van 3 verstuurd").wait_for()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="De nog niet verstuurde uitnodigingen versturen").click()
    page.get_by_text("3 van 3 verstuurd").wait_for()
    assert_no_axe_violations(page)
    assert _no_sideways_scrolling(page)
    context.close()
    assert sorted(message["To"] for message in mailbox.messages) == [
        "ann@example.org",
        "bert@example.org",
        "chris@example.org",
    ]
    assert {message["Content-Language"] for message in mailbox.messages} == {"nl"}
