"""Team managers: what they see (the readers' figures of their departments and the
organisation's, nothing else), and how readers and administrators give, change and take
the role (in the audit log, refused where it would put codes beside figures)."""

import csv as csv_module
import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from questionnaire.core.aggregates import campaign_dashboard, for_departments
from questionnaire.core.roles import hr_role_grant, manager_departments_change
from questionnaire.hr.audit_sentences import audit_lines
from questionnaire.hr.exports import kept_pdf
from questionnaire.models import (
    AuditEvent,
    Campaign,
    Department,
    ExportCache,
    HRMembership,
    users_with_both_roles,
)
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.downloads import fetched
from tests.support.hr_pdf import english_client, pdf_text

MANAGER = HRMembership.MANAGER


def reader_of(text: str) -> list[list[str]]:
    return list(csv_module.reader(io.StringIO(text.lstrip("\ufeff"))))


def _manager(username, organisation, *departments):
    user = get_user_model().objects.create_user(username)
    hr_role_grant(user=user, organisation=organisation, role=MANAGER, departments=list(departments))
    return user


@pytest.fixture
def hidden_wave(org_a, departments_a, today):
    """Care 6 at 60, Kitchen 7 at 80, Office 2 at 40: Office is too small, and Care, the
    smallest shown department, joins it as "other departments combined" (8 at 55)."""
    care, kitchen, office = departments_a
    campaign = closed_campaign(org_a, today=today)
    add_responses(campaign, care, 6, overall=60.0)
    add_responses(campaign, kitchen, 7, overall=80.0)
    add_responses(campaign, office, 2, overall=40.0)
    return campaign


def _csv(client, campaign) -> str:
    return client.get(reverse("hr:export_csv", kwargs={"pk": campaign.pk})).content.decode()


def _xlsx(client, campaign) -> str:
    response = client.get(reverse("hr:export_xlsx", kwargs={"pk": campaign.pk}))
    workbook = load_workbook(io.BytesIO(response.content))
    return " ".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


def _pdf(client, campaign) -> str:
    response = fetched(client, reverse("hr:export_pdf", kwargs={"pk": campaign.pk}))
    assert response.status_code == 200
    return pdf_text(response.content)


def _page(client, campaign) -> str:
    """The page's text as read (tags and the charts' coordinates left out)."""
    response = client.get(reverse("hr:dashboard", kwargs={"pk": campaign.pk}))
    assert response.status_code == 200
    return re.sub(r"<[^>]+>", " ", response.text)


# --- what a manager sees ---------------------------------------------------------------


def test_the_restriction_keeps_the_managers_rows_and_the_organisations(
    shown_wave, departments_a, today
):
    care, kitchen, _office = departments_a
    with translation.override("en"):
        full = campaign_dashboard(shown_wave, today=today)
        mine = for_departments(full, [care.pk])
        two = for_departments(full, [care.pk, kitchen.pk])
        supports = [(row.label, row.support.display) for row in mine.pressure_support]
        overall_ranking = next(r for r in two.rankings.dimensions if r.code == "overall")
        ranked = [(g.label, g.display) for g in overall_ranking.groups]
    column = [c.code for c in mine.heatmap_columns].index("colleagues")
    assert [row.label for row in mine.heatmap] == ["Care", "Whole organisation"]
    assert [row.label for row in mine.pressure_support] == ["Care", "Whole organisation"]
    assert supports == [("Care", "60.0"), ("Whole organisation", "61.9")]
    assert [row.label for row in mine.departments] == ["Care"]
    assert mine.responses == full.responses
    assert mine.overall == full.overall and mine.matrix == full.matrix
    # Care's row is the readers' own Care row: the same scores.
    readers_care = next(row for row in full.heatmap if row.label == "Care")
    assert mine.heatmap[0].scores == readers_care.scores
    assert mine.heatmap[0].scores[column].number == 60.0
    # One department shown: nothing to rank; two: the readers' values, in order.
    assert all(not ranking.groups for ranking in mine.rankings.dimensions)
    assert ranked == [("Care", "60.0"), ("Kitchen", "80.0")]


def test_a_managers_page_and_files_show_their_department_and_the_organisation_only(
    shown_wave, departments_a
):
    care = departments_a[0]
    client = english_client(_manager("mia", shown_wave.organisation, care))
    page = _page(client, shown_wave)
    csv, xlsx, pdf = _csv(client, shown_wave), _xlsx(client, shown_wave), _pdf(client, shown_wave)
    for text in (page, csv, xlsx, pdf):
        assert "Care" in text
        assert "Kitchen" not in text and "Office" not in text
        assert "61.9" in text.replace("61,9", "61.9")  # the organisation's overall support
        assert "80.0" not in text and "40.0" not in text  # Kitchen's and Office's
    assert "60.0" in page
    assert "You see the figures of your departments (Care)" in page


def test_a_department_the_readers_see_hidden_is_hidden_for_its_manager(
    hidden_wave, departments_a, hr_a
):
    care = departments_a[0]
    reader = english_client(hr_a)
    assert "Other departments combined" in _page(reader, hidden_wave)
    client = english_client(_manager("mia", hidden_wave.organisation, care))
    page, csv = _page(client, hidden_wave), _csv(client, hidden_wave)
    assert "hidden for privacy" in page
    assert "hidden to protect small groups" in csv
    for text in (page, csv):
        assert "Other departments combined" not in text
        assert "Office" not in text and "Kitchen" not in text
        assert "55.0" not in text and "60.0" not in text  # the combined group's, Care's
    rows = [row for row in reader_of(csv) if row[2] == "Care"]
    # Care's every figure is hidden with the readers' reason; only its headcount is there.
    assert {row[4] for row in rows if row[7]} == {"headcount"}
    assert all(row[9].startswith("hidden") for row in rows if row[4] not in ("headcount", "place"))


def test_a_managers_pdf_is_kept_apart_from_the_readers_and_other_managers(
    shown_wave, departments_a, hr_a
):
    care, kitchen, _office = departments_a
    organisation = shown_wave.organisation
    readers = _pdf(english_client(hr_a), shown_wave)
    mias = _pdf(english_client(_manager("mia", organisation, care)), shown_wave)
    kais = _pdf(english_client(_manager("kai", organisation, kitchen)), shown_wave)
    assert "Kitchen" in readers and "Office" in readers and "Care" in readers
    assert "Care" in mias and "Kitchen" not in mias
    assert "Kitchen" in kais and "Care" not in kais
    assert ExportCache.objects.count() == 3
    assert len(set(ExportCache.objects.values_list("scope", flat=True))) == 3
    # Asked again, each gets their own kept PDF, never another's.
    assert "Office" in _pdf(english_client(hr_a), shown_wave)
    kai = get_user_model().objects.get(username="kai")
    assert "Care" not in _pdf(english_client(kai), shown_wave)
    assert ExportCache.objects.count() == 3
    with translation.override("en"):
        fingerprints = {
            kept_pdf.inputs_fingerprint(shown_wave, site_url=settings.SITE_URL, departments=scope)
            for scope in (None, frozenset([care.pk]), frozenset([kitchen.pk]))
        }
    assert len(fingerprints) == 3


# --- giving, changing and taking the role ----------------------------------------------------


@pytest.fixture
def reader(hr_a):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(hr_a)
    return client


def _managers_url(organisation) -> str:
    return reverse("hr:managers", kwargs={"organisation_pk": organisation.pk})


def test_a_reader_makes_an_account_team_manager_and_the_audit_log_says_so(
    reader, org_a, departments_a
):
    care, kitchen, _office = departments_a
    get_user_model().objects.create_user("mia")
    response = reader.post(
        _managers_url(org_a), {"username": "mia", "departments": [care.pk, kitchen.pk]}
    )
    assert response.status_code == 302
    membership = HRMembership.objects.get(user__username="mia")
    assert membership.role == MANAGER
    assert sorted(membership.departments.values_list("name", flat=True)) == ["Care", "Kitchen"]
    listed = reader.get(_managers_url(org_a)).text
    assert "mia" in listed and "Care, Kitchen" in listed
    events = AuditEvent.objects.filter(organisation=org_a)
    sentences = {}
    for language in ("en", "nl", "fr"):
        with translation.override(language):
            lines = audit_lines(events, organisation=org_a)
            sentences[language] = [line.sentence for line in lines]
    assert sentences["en"] == ["Gave mia the role of team manager for Care, Kitchen."]
    assert sentences["nl"] == ["Gaf mia de rol van teamverantwoordelijke voor Care, Kitchen."]
    assert sentences["fr"] == ["A donné à mia le rôle de responsable d'équipe pour Care, Kitchen."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "nobody", "departments": ["DEP"]}, "No account has this username."),
        ({"username": "mia"}, "Choose at least one department for the team manager."),
        ({"username": "mia", "departments": ["OTHER"]}, "is not one of the available choices"),
        ({"username": "mia", "departments": ["abc"]}, "is not a valid value"),
        ({"username": "", "departments": ["DEP"]}, "This field is required."),
        ({}, "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_stored(
    reader, org_a, org_b, departments_a, data, message
):
    get_user_model().objects.create_user("mia")
    elsewhere = Department.objects.create(organisation=org_b, name="Elsewhere")
    swap = {"DEP": str(departments_a[0].pk), "OTHER": str(elsewhere.pk)}
    if "departments" in data:
        data = {**data, "departments": [swap.get(v, v) for v in data["departments"]]}
    response = reader.post(_managers_url(org_a), data)
    assert response.status_code == 400
    assert message in response.text
    assert not HRMembership.objects.filter(role=MANAGER).exists()
    assert not AuditEvent.objects.exists()


def test_a_reader_changes_a_managers_departments_and_removes_them(reader, org_a, departments_a):
    care, kitchen, office = departments_a
    _manager("mia", org_a, care)
    membership = HRMembership.objects.get(user__username="mia")
    edit = reverse("hr:manager_edit", kwargs={"pk": membership.pk})
    assert reader.post(edit, {}).status_code == 400
    assert reader.post(edit, {"departments": [kitchen.pk, office.pk]}).status_code == 302
    assert sorted(membership.departments.values_list("name", flat=True)) == ["Kitchen", "Office"]
    remove = reverse("hr:manager_remove", kwargs={"pk": membership.pk})
    assert "Remove mia as team manager?" in reader.get(remove).text
    assert reader.post(remove).status_code == 302
    assert not HRMembership.objects.filter(role=MANAGER).exists()
    with translation.override("en"):
        events = AuditEvent.objects.filter(organisation=org_a)
        sentences = [line.sentence for line in audit_lines(events, organisation=org_a)]
    assert sentences == [
        "Took the role of team manager from mia.",
        "Changed the departments team manager mia sees from Care to Kitchen, Office.",
        "Gave mia the role of team manager for Care.",
    ]


def test_only_a_manager_has_departments_and_only_of_their_organisation(org_a, org_b, departments_a):
    from django.core.exceptions import ValidationError

    user = get_user_model().objects.create_user("mia")
    elsewhere = Department.objects.create(organisation=org_b, name="Elsewhere")
    with pytest.raises(ValidationError):
        hr_role_grant(user=user, organisation=org_a, role=MANAGER, departments=[elsewhere])
    with pytest.raises(ValidationError):
        hr_role_grant(user=user, organisation=org_a, role=MANAGER)
    with pytest.raises(ValidationError):
        hr_role_grant(
            user=user, organisation=org_a, role=HRMembership.READER, departments=[departments_a[0]]
        )
    membership = hr_role_grant(
        user=user, organisation=org_a, role=MANAGER, departments=[departments_a[0]]
    )
    with pytest.raises(ValidationError):
        manager_departments_change(membership=membership, departments=[elsewhere])
    assert list(membership.departments.all()) == [departments_a[0]]
    assert AuditEvent.objects.count() == 1


# --- the codes rule --------------------------------------------------------------------------


def test_a_custodian_cannot_be_manager_where_codes_are_used(
    coded_a, custodian_a, departments_a, reader
):
    from django.core.exceptions import ValidationError

    organisation = coded_a.organisation
    with pytest.raises(ValidationError, match="nobody can both see its figures"):
        hr_role_grant(
            user=custodian_a, organisation=organisation, role=MANAGER, departments=departments_a[:1]
        )
    response = reader.post(
        _managers_url(organisation), {"username": "dana", "departments": [departments_a[0].pk]}
    )
    assert response.status_code == 400
    assert "uses access codes, so nobody can both see its figures" in response.text
    assert not HRMembership.objects.filter(role=MANAGER).exists()


def test_codes_are_refused_while_a_custodian_is_also_manager(
    campaign_a, custodian_a, departments_a
):
    from django.core.exceptions import ValidationError

    from questionnaire.core.roles import codes_allowed_check, codes_offered

    organisation = campaign_a.organisation
    hr_role_grant(
        user=custodian_a, organisation=organisation, role=MANAGER, departments=departments_a[:1]
    )
    assert users_with_both_roles(organisation) == ["dana"]
    assert not codes_offered(organisation)
    with pytest.raises(ValidationError, match=r"sees figures \(as reader or team manager\)"):
        codes_allowed_check(organisation=organisation, access=Campaign.ACCESS_CODES)


def test_a_reader_may_also_be_manager_where_codes_are_used(coded_a, hr_a, departments_a):
    organisation = coded_a.organisation
    hr_role_grant(user=hr_a, organisation=organisation, role=MANAGER, departments=departments_a[:1])
    assert users_with_both_roles(organisation) == []
    # As a reader they see every department.
    client = english_client(hr_a)
    assert "Kitchen" in _csv(client, coded_a)


# --- in the admin ----------------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    root = get_user_model().objects.create_superuser("root", password="pw-for-tests")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(root)
    return client


def test_an_administrator_gives_changes_and_refuses_a_managers_departments(
    admin_client, org_a, org_b, departments_a
):
    care, kitchen, _office = departments_a
    elsewhere = Department.objects.create(organisation=org_b, name="Elsewhere")
    mia = get_user_model().objects.create_user("mia")
    add = "/admin/questionnaire/hrmembership/add/"
    for departments, message in [
        ([], "Choose at least one department for the team manager."),
        ([elsewhere.pk], "must be departments of Organisation A"),
    ]:
        data = {"user": mia.pk, "organisation": org_a.pk, "role": MANAGER}
        response = admin_client.post(add, {**data, "departments": departments}, follow=True)
        assert message in response.text
        assert not HRMembership.objects.filter(user=mia).exists()
    given = admin_client.post(
        add, {"user": mia.pk, "organisation": org_a.pk, "role": MANAGER, "departments": [care.pk]}
    )
    assert given.status_code == 302
    membership = HRMembership.objects.get(user=mia)
    changed = admin_client.post(
        f"/admin/questionnaire/hrmembership/{membership.pk}/change/",
        {"departments": [kitchen.pk]},
    )
    assert changed.status_code == 302
    assert list(membership.departments.values_list("name", flat=True)) == ["Kitchen"]
    events = list(AuditEvent.objects.order_by("pk").values_list("actor", "action", "detail"))
    assert events == [
        ("root", "role_granted", {"user": "mia", "role": MANAGER, "departments": ["Care"]}),
        (
            "root",
            "manager_departments_changed",
            {"user": "mia", "before": ["Care"], "after": ["Kitchen"]},
        ),
    ]


def test_the_organisations_page_in_the_admin_gives_a_manager_their_departments(
    admin_client, org_a, departments_a
):
    care = departments_a[0]
    mia = get_user_model().objects.create_user("mia")
    response = admin_client.post(
        f"/admin/questionnaire/organisation/{org_a.pk}/change/",
        {
            "name": org_a.name,
            "min_group_size": 5,
            "departments-TOTAL_FORMS": 0,
            "departments-INITIAL_FORMS": 0,
            "hr_memberships-TOTAL_FORMS": 1,
            "hr_memberships-INITIAL_FORMS": 0,
            "hr_memberships-0-user": mia.pk,
            "hr_memberships-0-role": MANAGER,
            "hr_memberships-0-departments": [care.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = HRMembership.objects.get(user=mia)
    assert (membership.role, list(membership.departments.all())) == (MANAGER, [care])
    assert AuditEvent.objects.get().detail == {
        "user": "mia",
        "role": MANAGER,
        "departments": ["Care"],
    }
