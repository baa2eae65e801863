"""Every HR URL over every role (pretix style): anonymous visitors are sent to the login
page; charlie (HR of nothing) and bob (reader and custodian of organisation B) get a 404
for organisation A's objects, never a 403; and within organisation A each URL answers
only the roles it belongs to: alice (reader) the figures and the team managers, dana
(access custodian) the access, erin (both, organisation A using no codes) everything, mia
(team manager of Care) the dashboard and its exports, restricted to Care and the
organisation. The wrong role is a 404 too, as if the object did not exist."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from questionnaire.core.access_codes import code_batch_create
from questionnaire.core.roles import hr_role_grant
from questionnaire.hr import urls as urls_hr
from questionnaire.models import ActionPlanItem, Campaign, Department, HRMembership
from tests.support.aggregates_factory import closed_campaign

READER, CUSTODIAN, MANAGER = "reader", "custodian", "manager"
FIGURES = frozenset({READER, MANAGER})

# (URL name, kind of object in the URL, the roles it belongs to, what they must find)
HR_URLS = [
    ("hr:campaign_create", "organisation", CUSTODIAN, "Organisation A"),
    ("hr:campaign_edit", "campaign", CUSTODIAN, "Autumn wave"),
    ("hr:campaign_access", "campaign", CUSTODIAN, "Autumn wave"),
    ("hr:departments", "organisation", CUSTODIAN, "Kitchen"),
    ("hr:department_create", "organisation", CUSTODIAN, "Organisation A"),
    ("hr:department_edit", "department", CUSTODIAN, "Care"),
    ("hr:department_delete", "department", CUSTODIAN, "Care"),
    ("hr:poster", "campaign", CUSTODIAN, "Autumn wave"),
    ("hr:poster_pdf", "campaign", CUSTODIAN, "Autumn wave"),
    ("hr:dashboard", "campaign", FIGURES, "Autumn wave"),
    ("hr:export_csv", "campaign", FIGURES, "Care"),
    ("hr:export_xlsx", "campaign", FIGURES, "Autumn wave"),
    ("hr:export_pdf", "campaign", FIGURES, "Autumn wave"),
    ("hr:codes", "campaign", CUSTODIAN, "Autumn wave"),
    ("hr:code_slips_pdf", "batch", CUSTODIAN, "Autumn wave"),
    ("hr:code_list_csv", "batch", CUSTODIAN, "Care"),
    ("hr:invitations", "campaign", CUSTODIAN, "Autumn wave"),
    ("hr:audit_log", "organisation", READER, "Organisation A"),
    ("hr:managers", "organisation", READER, "gina"),
    ("hr:manager_edit", "manager", READER, "gina"),
    ("hr:manager_remove", "manager", READER, "gina"),
    ("hr:action_create", "closed_campaign", FIGURES, "Summer wave"),
    # The action in the URL is the organisation's own: a team manager plans for their
    # departments only (tests/hr/test_actions.py has a manager's own action).
    ("hr:action_edit", "action", READER, "Summer wave"),
    ("hr:action_delete", "action", READER, "Weekly talks"),
]

# The figure pages and files, where a team manager of Care must not meet another
# department's name.
FIGURE_URLS = [row for row in HR_URLS if row[2] == FIGURES]

# Each persona of organisation A, by the roles they hold there.
PERSONAS = {
    "hr_a": {READER},
    "custodian_a": {CUSTODIAN},
    "both_a": {READER, CUSTODIAN},
    "manager_a": {MANAGER},
}


def _roles(role: str | frozenset[str]) -> frozenset[str]:
    return frozenset([role]) if isinstance(role, str) else role


def test_the_matrix_covers_every_hr_url():
    """A new HR URL must be added to HR_URLS, so its scoping is tested too."""
    names = {pattern.name for pattern in urls_hr.urlpatterns} - {"home"}
    assert names == {row[0].removeprefix("hr:") for row in HR_URLS}


@pytest.fixture
def url_for(campaign_a, departments_a, today):
    batch = code_batch_create(
        campaign=campaign_a, department=departments_a[0], size=2, actor=None, today=today
    )
    gina = get_user_model().objects.create_user("gina")
    manager = hr_role_grant(
        user=gina,
        organisation=campaign_a.organisation,
        role=MANAGER,
        departments=[departments_a[1]],
    )
    summer = closed_campaign(campaign_a.organisation, today=today, name="Summer wave")
    action = ActionPlanItem.objects.create(
        campaign=summer, area="pressure", what="Weekly talks", owner="HR", due_on=today
    )
    objects = {
        "organisation": {"organisation_pk": campaign_a.organisation_id},
        "campaign": {"pk": campaign_a.pk},
        "department": {"pk": departments_a[0].pk},
        "batch": {"pk": campaign_a.pk, "batch_pk": batch.pk},
        "manager": {"pk": manager.pk},
        "closed_campaign": {"pk": summer.pk},
        "action": {"pk": summer.pk, "action_pk": action.pk},
    }

    def build(name, kind):
        return reverse(name, kwargs=objects[kind])

    return build


def _text(response) -> str:
    content_type = response["Content-Type"]
    if content_type == "application/pdf":
        reader = PdfReader(io.BytesIO(response.content))
        return " ".join(page.extract_text() for page in reader.pages)
    if content_type.startswith("application/vnd.openxml"):
        workbook = load_workbook(io.BytesIO(response.content))
        first_sheet = workbook.worksheets[0]
        cells = [str(cell) for row in first_sheet.iter_rows(values_only=True) for cell in row]
        return " ".join([workbook.properties.title or "", *cells])
    return response.content.decode("utf-8")


def test_the_start_page_needs_a_login(client):
    response = client.get(reverse("hr:home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/hr/"


def test_an_outsider_is_told_they_are_not_hr_anywhere(client, outsider, campaign_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(outsider)
    response = client.get(reverse("hr:home"))
    assert response.status_code == 200
    assert "You are not HR for any organisation." in response.text
    assert "Autumn wave" not in response.text


def test_the_start_page_lists_only_the_users_own_campaigns(
    client, hr_a, hr_b, campaign_a, campaign_b
):
    client.force_login(hr_b)
    response = client.get(reverse("hr:home"))
    assert "B&#x27;s wave" in response.text
    assert "Autumn wave" not in response.text
    assert "Organisation A" not in response.text


@pytest.mark.parametrize(("name", "kind", "_role", "_content"), HR_URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(
    client, url_for, name, kind, _role, _content
):
    url = url_for(name, kind)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("persona", ["outsider", "hr_b"])
@pytest.mark.parametrize(("name", "kind", "_role", "_content"), HR_URLS)
def test_other_users_get_a_404_for_organisation_a(
    client, request, url_for, persona, name, kind, _role, _content
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(url_for(name, kind))
    assert response.status_code == 404
    assert "Autumn wave" not in response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize(("name", "kind", "role", "content"), HR_URLS)
def test_each_role_of_organisation_a_gets_its_own_pages_and_a_404_for_the_others(
    client, request, url_for, persona, name, kind, role, content
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(url_for(name, kind))
    if _roles(role) & PERSONAS[persona]:
        assert response.status_code == 200
        assert content in _text(response)
        assert "private" in response["Cache-Control"]
    else:
        assert response.status_code == 404
        assert "Autumn wave" not in response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("persona", ["outsider", "hr_b"])
def test_a_post_to_another_organisations_campaign_is_a_404_and_changes_nothing(
    client, request, persona, campaign_a, today
):
    client.force_login(request.getfixturevalue(persona))
    data = {
        "name": "Taken over",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=3)).isoformat(),
        "default_language": "fr",
    }
    edit = client.post(reverse("hr:campaign_edit", kwargs={"pk": campaign_a.pk}), data)
    create = client.post(
        reverse("hr:campaign_create", kwargs={"organisation_pk": campaign_a.organisation_id}),
        data,
    )
    assert (edit.status_code, create.status_code) == (404, 404)
    campaign_a.refresh_from_db()
    assert campaign_a.name == "Autumn wave"
    assert not Campaign.objects.filter(name="Taken over").exists()


@pytest.mark.parametrize("persona", ["outsider", "hr_b"])
def test_a_post_to_another_organisations_departments_is_a_404_and_changes_nothing(
    client, request, persona, org_a, departments_a
):
    client.force_login(request.getfixturevalue(persona))
    care = departments_a[0]
    responses = [
        client.post(
            reverse("hr:department_create", kwargs={"organisation_pk": org_a.pk}),
            {"name": "Intruders", "headcount": "3"},
        ),
        client.post(
            reverse("hr:department_edit", kwargs={"pk": care.pk}),
            {"name": "Renamed", "headcount": "1"},
        ),
        client.post(reverse("hr:department_delete", kwargs={"pk": care.pk})),
    ]
    assert [response.status_code for response in responses] == [404, 404, 404]
    assert sorted(Department.objects.values_list("name", "headcount")) == [
        ("Care", 20),
        ("Kitchen", 8),
        ("Office", None),
    ]


def test_another_organisations_batch_is_a_404_under_ones_own_campaign(
    client, hr_b, campaign_b, campaign_a, departments_a, today
):
    """The batch is looked up within the campaign in the URL, itself scoped to the user."""
    batch = code_batch_create(
        campaign=campaign_a, department=departments_a[0], size=1, actor=None, today=today
    )
    client.force_login(hr_b)
    url = reverse("hr:code_slips_pdf", kwargs={"pk": campaign_b.pk, "batch_pk": batch.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(("name", "kind", "_roles", "_content"), FIGURE_URLS)
def test_a_team_manager_meets_no_other_departments_name(
    client, manager_a, url_for, name, kind, _roles, _content
):
    """Mia manages Care: its row and the organisation's, never Kitchen's or Office's (the
    open campaign's participation table lists every department for a reader)."""
    client.force_login(manager_a)
    text = _text(client.get(url_for(name, kind)))
    assert "Care" in text or name != "hr:export_csv"
    assert "Kitchen" not in text
    assert "Office" not in text


def test_a_team_manager_is_not_offered_what_they_cannot_open(client, manager_a, campaign_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(manager_a)
    home = client.get(reverse("hr:home")).text
    dashboard = client.get(reverse("hr:dashboard", kwargs={"pk": campaign_a.pk})).text
    assert "Your role: team manager" in home
    assert reverse("hr:dashboard", kwargs={"pk": campaign_a.pk}) in home
    for page in (home, dashboard):
        assert "audit-log" not in page
        assert "/departments/" not in page
        assert "/codes/" not in page
        assert "/managers/" not in page
    assert "You see the figures of your departments (Care)" in dashboard


def test_a_team_manager_of_organisation_a_gets_a_404_for_organisation_b(
    client, manager_a, campaign_b
):
    client.force_login(manager_a)
    for name in ("hr:dashboard", "hr:export_csv", "hr:export_pdf"):
        assert client.get(reverse(name, kwargs={"pk": campaign_b.pk})).status_code == 404


def test_a_reader_of_organisation_b_cannot_change_organisation_as_managers(
    client, hr_b, manager_a, departments_a
):
    membership = HRMembership.objects.get(user=manager_a)
    client.force_login(hr_b)
    edit = client.post(
        reverse("hr:manager_edit", kwargs={"pk": membership.pk}),
        {"departments": [departments_a[1].pk]},
    )
    remove = client.post(reverse("hr:manager_remove", kwargs={"pk": membership.pk}))
    assert (edit.status_code, remove.status_code) == (404, 404)
    assert list(membership.departments.values_list("name", flat=True)) == ["Care"]
