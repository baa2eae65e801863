"""The admin manages the set-up, never individual answers."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model

from questionnaire.models import (
    Answer,
    AuditEvent,
    Campaign,
    Department,
    HRMembership,
    Organisation,
    PersonalReport,
    Response,
)


@pytest.mark.parametrize("model", [Response, Answer, PersonalReport])
def test_individual_answers_have_no_admin_page(model):
    assert not admin.site.is_registered(model)


@pytest.mark.parametrize("model", [Organisation, Department, Campaign, HRMembership])
def test_the_set_up_is_managed_in_the_admin(model):
    assert admin.site.is_registered(model)


def test_an_administrator_adds_an_organisation_with_a_department_and_hr_user(client, db):
    superuser = get_user_model().objects.create_superuser("root", password="pw-for-tests")
    hr_user = get_user_model().objects.create_user("hilde", password="pw-for-tests")
    client.force_login(superuser)
    response = client.post(
        "/admin/questionnaire/organisation/add/",
        {
            "name": "Vzw Het Anker",
            "min_group_size": 6,
            "departments-TOTAL_FORMS": 1,
            "departments-INITIAL_FORMS": 0,
            "departments-0-name": "Thuiszorg",
            "departments-0-headcount": 25,
            "hr_memberships-TOTAL_FORMS": 1,
            "hr_memberships-INITIAL_FORMS": 0,
            "hr_memberships-0-user": hr_user.pk,
            "hr_memberships-0-role": HRMembership.READER,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(name="Vzw Het Anker")
    assert organisation.min_group_size == 6
    assert list(organisation.departments.values_list("name", "headcount")) == [("Thuiszorg", 25)]
    assert list(
        HRMembership.objects.filter(user=hr_user, organisation=organisation).values_list(
            "role", flat=True
        )
    ) == [HRMembership.READER]


def test_the_admin_refuses_a_minimum_group_below_three(client, db):
    superuser = get_user_model().objects.create_superuser("root", password="pw-for-tests")
    client.force_login(superuser)
    response = client.post(
        "/admin/questionnaire/organisation/add/",
        {
            "name": "Too small",
            "min_group_size": 2,
            "departments-TOTAL_FORMS": 0,
            "departments-INITIAL_FORMS": 0,
            "hr_memberships-TOTAL_FORMS": 0,
            "hr_memberships-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Too small").exists()


def test_changing_an_organisation_leaves_its_unchanged_roles_alone(client, org_a, hr_a):
    superuser = get_user_model().objects.create_superuser("root", password="pw-for-tests")
    client.force_login(superuser)
    membership = HRMembership.objects.get(user=hr_a, organisation=org_a)
    k = org_a.min_group_size

    response = client.post(
        f"/admin/questionnaire/organisation/{org_a.pk}/change/",
        {
            "name": org_a.name,
            "min_group_size": k + 1,
            "departments-TOTAL_FORMS": 0,
            "departments-INITIAL_FORMS": 0,
            "hr_memberships-TOTAL_FORMS": 1,
            "hr_memberships-INITIAL_FORMS": 1,
            "hr_memberships-0-id": membership.pk,
            "hr_memberships-0-organisation": org_a.pk,
            "hr_memberships-0-user": hr_a.pk,
            "hr_memberships-0-role": HRMembership.READER,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    org_a.refresh_from_db()
    assert org_a.min_group_size == k + 1
    assert list(HRMembership.objects.filter(organisation=org_a).values_list("pk", "role")) == [
        (membership.pk, HRMembership.READER)
    ]
    assert not AuditEvent.objects.filter(organisation=org_a, action__startswith="role_").exists()


def test_an_administrator_changing_a_headcount_leaves_it_in_the_audit_log(client, org_a):
    superuser = get_user_model().objects.create_superuser("root", password="pw-for-tests")
    client.force_login(superuser)
    care = Department.objects.create(organisation=org_a, name="Care", headcount=20)

    def change(headcount):
        return client.post(
            f"/admin/questionnaire/department/{care.pk}/change/",
            {"organisation": org_a.pk, "name": "Care", "headcount": headcount},
        )

    assert change(18).status_code == 302
    assert change(18).status_code == 302  # saved again unchanged: nothing to record

    care.refresh_from_db()
    assert care.headcount == 18
    (event,) = AuditEvent.objects.filter(organisation=org_a, action="headcount_changed")
    assert (event.actor, event.detail) == (
        "root",
        {"department": "Care", "before": 20, "after": 18},
    )
