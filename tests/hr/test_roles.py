"""HR's two roles: whoever reads an organisation's figures cannot see, print, test or spend
its codes (docs/privacy.md, "Two roles").

The audit this answers: HR issued a department's six codes, one person answered, HR
answered with the five unspent codes and, once the campaign closed, worked out that
person's scores from the department's means. Replayed through HTTP here: a reader gets a
404 for everything that shows or issues codes, a custodian a 404 for every figure, and
nobody can hold both roles where codes are used, in the pages, the services or the admin.
"""

import re
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse
from django.utils.html import strip_tags

from questionnaire.core import access_codes as codes
from questionnaire.core.roles import hr_role_grant, hr_role_remove
from questionnaire.hr import services
from questionnaire.models import AccessCodeBatch, AuditEvent, Campaign, HRMembership
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.personas import HR_PASSWORD

READER, CUSTODIAN = HRMembership.READER, HRMembership.CUSTODIAN


@pytest.fixture
def delta(org_a, departments_a):
    """Kitchen (headcount 8) on a campaign with access codes."""
    return departments_a[1]


@pytest.fixture
def coded(campaign_a, delta, custodian_a, today):
    campaign_a.access = Campaign.ACCESS_CODES
    campaign_a.save()
    codes.code_batch_create(
        campaign=campaign_a, department=delta, size=8, actor=custodian_a, today=today
    )
    return campaign_a


def _english(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


# --- the audit, replayed: a reader holds no code --------------------------------------------


def test_a_reader_can_neither_see_print_list_nor_issue_codes(client, hr_a, coded, delta):
    _english(client, hr_a)
    batch = coded.code_batches.get()
    batch_urls = {"pk": coded.pk, "batch_pk": batch.pk}
    pages = [
        client.get(reverse("hr:codes", kwargs={"pk": coded.pk})),
        client.get(reverse("hr:code_slips_pdf", kwargs=batch_urls)),
        client.get(reverse("hr:code_list_csv", kwargs=batch_urls)),
        client.post(
            reverse("hr:codes", kwargs={"pk": coded.pk}), {"department": delta.pk, "size": 1}
        ),
        client.get(reverse("hr:campaign_access", kwargs={"pk": coded.pk})),
    ]
    assert [page.status_code for page in pages] == [404] * 5
    printed = codes.batch_codes(batch)
    assert not any(
        code in page.content.decode("utf-8", "replace") for page in pages for code in printed
    )
    assert AccessCodeBatch.objects.filter(campaign=coded).count() == 1


def test_a_reader_sees_no_way_to_the_codes_on_their_pages(client, hr_a, coded):
    _english(client, hr_a)
    home = client.get(reverse("hr:home")).text
    dashboard = client.get(reverse("hr:dashboard", kwargs={"pk": coded.pk})).text
    for page in (home, dashboard):
        assert reverse("hr:codes", kwargs={"pk": coded.pk}) not in page
        assert reverse("hr:campaign_access", kwargs={"pk": coded.pk}) not in page
        assert (
            reverse("hr:campaign_create", kwargs={"organisation_pk": coded.organisation_id})
            not in page
        )
    assert "Your role: reader of the figures." in home


def test_a_custodian_sees_no_figure(client, custodian_a, org_a, departments_a, today):
    wave = closed_campaign(org_a, today=today, name="Closed wave")
    add_responses(wave, departments_a[0], 12)
    _english(client, custodian_a)
    pages = [
        client.get(reverse(name, kwargs={"pk": wave.pk}))
        for name in ("hr:dashboard", "hr:export_csv", "hr:export_xlsx", "hr:export_pdf")
    ]
    pages.append(client.get(reverse("hr:audit_log", kwargs={"organisation_pk": org_a.pk})))
    assert [page.status_code for page in pages] == [404] * 5
    home = client.get(reverse("hr:home")).text
    access = client.get(reverse("hr:campaign_access", kwargs={"pk": wave.pk})).text
    # The campaign is listed, with the way to its access page, but no number of responses
    # (read in the words shown: a random CSRF token may hold the digits 12).
    assert "Closed wave" in home and "Responses" not in home
    assert not re.search(r"\b12\b", strip_tags(home))
    assert f'href="{reverse("hr:dashboard", kwargs={"pk": wave.pk})}"' not in home + access
    assert "Your role: access custodian" in home
    assert not re.search(r"\b12\b", strip_tags(access))


def test_the_custodian_issues_and_prints_the_codes_the_reader_cannot(
    client, custodian_a, hr_a, coded, delta
):
    _english(client, custodian_a)
    issued = client.post(
        reverse("hr:codes", kwargs={"pk": coded.pk}), {"department": delta.pk, "size": 0}
    )
    assert issued.status_code == 400  # at least one code: the form says so
    page = client.get(reverse("hr:codes", kwargs={"pk": coded.pk}))
    assert page.status_code == 200 and "Kitchen" in page.text


# --- nobody holds both roles where codes are used ----------------------------------------------


def test_a_second_role_is_refused_where_codes_are_used(hr_a, coded, org_a):
    with pytest.raises(ValidationError, match="uses access codes"):
        hr_role_grant(user=hr_a, organisation=org_a, role=CUSTODIAN, actor=None)
    assert set(HRMembership.objects.filter(user=hr_a).values_list("role", flat=True)) == {READER}
    assert not AuditEvent.objects.filter(action="role_granted").exists()


def test_codes_are_refused_while_someone_holds_both_roles(both_a, custodian_a, org_a, today):
    with pytest.raises(ValidationError, match="erin"):
        services.campaign_create(
            organisation=org_a,
            name="Coded",
            opens_on=today + timedelta(days=1),
            closes_on=today + timedelta(days=8),
            default_language="nl",
            access=Campaign.ACCESS_CODES,
            actor=custodian_a,
        )
    assert not Campaign.objects.filter(name="Coded").exists()


def test_switching_a_campaign_to_codes_is_refused_over_http_while_someone_holds_both(
    client, both_a, custodian_a, org_a, today
):
    upcoming = Campaign.objects.create(
        organisation=org_a,
        name="Spring",
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=10),
    )
    form = {
        "name": "Spring",
        "opens_on": upcoming.opens_on.isoformat(),
        "closes_on": upcoming.closes_on.isoformat(),
        "default_language": "nl",
        "access": Campaign.ACCESS_CODES,
    }
    for user in (custodian_a, both_a):
        _english(client, user)
        edit = client.post(reverse("hr:campaign_edit", kwargs={"pk": upcoming.pk}), form)
        assert edit.status_code == 400
        # Codes are not even offered: the tampered choice is refused, and the field says why.
        assert "Select a valid choice." in edit.text
        assert "Access codes are not offered" in edit.text
    upcoming.refresh_from_db()
    assert upcoming.access == Campaign.OPEN_LINK
    assert not AuditEvent.objects.filter(action="campaign_access_changed").exists()


def test_with_one_hr_person_the_form_offers_only_the_open_link_and_the_dashboard_says_why(
    client, both_a, org_a, campaign_a
):
    _english(client, both_a)
    form = client.get(reverse("hr:campaign_create", kwargs={"organisation_pk": org_a.pk})).text
    assert 'value="link"' in form and 'value="codes"' not in form
    assert "With one HR person the open link is the honest choice." in form
    dashboard = client.get(reverse("hr:dashboard", kwargs={"pk": campaign_a.pk})).text
    assert "Why this campaign has no access codes" in dashboard
    assert "the same person both reads these figures and hands out the way in (erin)" in dashboard


def test_with_separate_people_codes_are_offered_and_the_dashboard_says_nothing(
    client, hr_a, custodian_a, org_a, campaign_a
):
    _english(client, custodian_a)
    form = client.get(reverse("hr:campaign_create", kwargs={"organisation_pk": org_a.pk})).text
    assert 'value="codes"' in form
    _english(client, hr_a)
    dashboard = client.get(reverse("hr:dashboard", kwargs={"pk": campaign_a.pk})).text
    assert "Why this campaign has no access codes" not in dashboard


# --- the admin --------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    root = get_user_model().objects.create_superuser("root", password="pw-for-tests")
    return _english(client, root)


def test_the_admin_refuses_both_roles_where_codes_are_used(admin_client, hr_a, coded, org_a):
    response = admin_client.post(
        "/admin/questionnaire/hrmembership/add/",
        {"user": hr_a.pk, "organisation": org_a.pk, "role": CUSTODIAN},
    )
    assert response.status_code == 200
    assert "uses access codes" in response.text
    assert HRMembership.objects.filter(user=hr_a).count() == 1


def test_the_admin_refuses_codes_while_someone_holds_both_roles(admin_client, both_a, campaign_a):
    data = {
        "organisation": campaign_a.organisation_id,
        "name": campaign_a.name,
        "name_translations": "{}",
        "opens_on": campaign_a.opens_on.isoformat(),
        "closes_on": campaign_a.closes_on.isoformat(),
        "default_language": "nl",
        "access": Campaign.ACCESS_CODES,
    }
    response = admin_client.post(f"/admin/questionnaire/campaign/{campaign_a.pk}/change/", data)
    assert response.status_code == 200
    assert "Access codes cannot be used while someone both sees figures" in response.text
    campaign_a.refresh_from_db()
    assert campaign_a.access == Campaign.OPEN_LINK


def test_roles_given_and_removed_in_the_admin_are_in_the_audit_log(
    admin_client, client, hr_a, custodian_a, org_a
):
    granted = admin_client.post(
        "/admin/questionnaire/hrmembership/add/",
        {"user": custodian_a.pk, "organisation": org_a.pk, "role": READER},
    )
    assert granted.status_code == 302
    membership = HRMembership.objects.get(user=custodian_a, role=READER)
    removed = admin_client.post(
        f"/admin/questionnaire/hrmembership/{membership.pk}/delete/", {"post": "yes"}
    )
    assert removed.status_code == 302
    events = list(AuditEvent.objects.order_by("pk").values_list("actor", "action", "detail"))
    assert events == [
        ("root", "role_granted", {"user": "dana", "role": READER}),
        ("root", "role_removed", {"user": "dana", "role": READER}),
    ]
    client.force_login(hr_a)
    for language, given, removed_label, role in [
        ("en", "HR role given", "HR role removed", "Gave dana the role of reader."),
        ("nl", "HR-rol gegeven", "HR-rol afgenomen", "Gaf dana de rol van lezer."),
        ("fr", "Rôle RH attribué", "Rôle RH retiré", "A donné à dana le rôle de lecteur."),
    ]:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(reverse("hr:audit_log", kwargs={"organisation_pk": org_a.pk})).text
        assert given in page and removed_label in page and role in page
        assert "role_granted" not in page and "role_removed" not in page


def test_an_organisation_added_in_the_admin_gets_its_roles_through_the_service(admin_client, db):
    hilde = get_user_model().objects.create_user("hilde", password=HR_PASSWORD)
    response = admin_client.post(
        "/admin/questionnaire/organisation/add/",
        {
            "name": "Vzw Het Anker",
            "min_group_size": 5,
            "departments-TOTAL_FORMS": 0,
            "departments-INITIAL_FORMS": 0,
            "hr_memberships-TOTAL_FORMS": 2,
            "hr_memberships-INITIAL_FORMS": 0,
            "hr_memberships-0-user": hilde.pk,
            "hr_memberships-0-role": READER,
            "hr_memberships-1-user": hilde.pk,
            "hr_memberships-1-role": CUSTODIAN,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    roles = HRMembership.objects.filter(user=hilde).values_list("role", flat=True)
    assert sorted(roles) == [CUSTODIAN, READER]
    assert AuditEvent.objects.filter(action="role_granted").count() == 2


# --- under a race -----------------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL (SQLite serialises every write)",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("held", "second"),
    [(READER, CUSTODIAN), (CUSTODIAN, HRMembership.MANAGER)],
    ids=["reader made custodian", "custodian made team manager"],
)
def test_a_race_between_a_second_role_and_codes_never_lets_both_through(
    org_a, departments_a, today, held, second
):
    """Granting someone their second role (custodian beside reader, or team manager beside
    custodian) and switching a campaign to codes, at the same moment, twenty times: one
    of the two may win, never both."""
    users = get_user_model()
    departments = departments_a[:1] if second == HRMembership.MANAGER else []
    for round_number in range(20):
        user = users.objects.create_user(f"racer-{round_number}")
        HRMembership.objects.create(user=user, organisation=org_a, role=held)
        campaign = Campaign.objects.create(
            organisation=org_a,
            name=f"Race {round_number}",
            opens_on=today + timedelta(days=2),
            closes_on=today + timedelta(days=9),
        )
        barrier = threading.Barrier(2, timeout=30)
        outcomes: dict[str, str] = {}

        def grant(user=user, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            try:
                hr_role_grant(user=user, organisation=org_a, role=second, departments=departments)
                outcomes["grant"] = "done"
            except ValidationError:
                outcomes["grant"] = "refused"
            finally:
                connections.close_all()

        def switch(campaign=campaign, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            try:
                services.campaign_update(
                    campaign=campaign,
                    name=campaign.name,
                    opens_on=campaign.opens_on,
                    closes_on=campaign.closes_on,
                    default_language="nl",
                    access=Campaign.ACCESS_CODES,
                    today=today,
                )
                outcomes["switch"] = "done"
            except ValidationError:
                outcomes["switch"] = "refused"
            finally:
                connections.close_all()

        threads = [threading.Thread(target=grant), threading.Thread(target=switch)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert sorted(outcomes.values()) == ["done", "refused"], outcomes
        both = HRMembership.objects.filter(user=user).count() == 2
        coded = Campaign.objects.filter(organisation=org_a, access=Campaign.ACCESS_CODES).exists()
        assert not (both and coded)
        # Start the next round from an organisation without codes and without both roles.
        Campaign.objects.filter(pk=campaign.pk).delete()
        HRMembership.objects.filter(user=user, role=second).delete()


def test_removing_a_role_is_logged(custodian_a, org_a):
    membership = HRMembership.objects.get(user=custodian_a)
    hr_role_remove(membership=membership, actor=None)
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.detail) == (
        "system",
        "role_removed",
        {"user": "dana", "role": CUSTODIAN},
    )
    assert not HRMembership.objects.filter(user=custodian_a).exists()


def test_deleting_a_user_in_the_admin_logs_the_roles_they_lose(admin_client, custodian_a):
    response = admin_client.post(f"/admin/auth/user/{custodian_a.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(username="dana").exists()
    events = list(AuditEvent.objects.values_list("actor", "action", "detail"))
    assert events == [("root", "role_removed", {"user": "dana", "role": CUSTODIAN})]


def test_a_user_deleted_outside_the_admin_still_leaves_their_roles_in_the_log(both_a):
    both_a.delete()
    events = AuditEvent.objects.order_by("detail__role").values_list("actor", "action", "detail")
    assert list(events) == [
        ("system", "role_removed", {"user": "erin", "role": CUSTODIAN}),
        ("system", "role_removed", {"user": "erin", "role": READER}),
    ]
