"""The audit log reads as sentences in the reader's language, for what the services record:
a campaign created (and deleted since), its dates and access moved, a department added or
deleted, the minimum group size changed, a role taken away."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from questionnaire.core.roles import hr_role_remove
from questionnaire.hr import services
from questionnaire.hr.audit_sentences import audit_lines
from questionnaire.models import AuditEvent, Campaign, Department, HRMembership


def _sentences(org, action) -> dict[str, str]:
    events = list(AuditEvent.objects.filter(organisation=org, action=action))
    assert len(events) == 1, action
    said = {}
    for language in ("en", "nl", "fr"):
        with translation.override(language):
            (line,) = audit_lines(events, organisation=org)
            said[language] = line.sentence
    return said


def _british(day) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _translated(said: dict[str, str], *names: str) -> None:
    """The Dutch and French sentences are other sentences that name the same things."""
    assert said["nl"] != said["en"] and said["fr"] != said["en"]
    for name in names:
        assert all(name in sentence for sentence in said.values()), (name, said)


def test_moving_an_upcoming_campaigns_dates_and_access_reads_as_two_sentences(
    org_a, custodian_a, today
):
    campaign = Campaign.objects.create(
        organisation=org_a,
        name="Winter wave",
        opens_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=20),
    )
    services.campaign_update(
        campaign=campaign,
        name="Winter wave",
        opens_on=today + timedelta(days=12),
        closes_on=today + timedelta(days=26),
        default_language="nl",
        today=today,
        access=Campaign.ACCESS_CODES,
        actor=custodian_a,
    )

    moved = _sentences(org_a, "campaign_dates_changed")
    opened, closed, opens, closes = (today + timedelta(days=n) for n in (10, 20, 12, 26))
    assert moved["en"] == (
        f"Moved the dates of Winter wave from {_british(opened)} – {_british(closed)} "
        f"to {_british(opens)} – {_british(closes)}."
    )
    _translated(moved, "Winter wave")
    switched = _sentences(org_a, "campaign_access_changed")
    assert switched["en"] == "Switched Winter wave from an open link to access codes."
    _translated(switched, "Winter wave")


def test_a_deleted_department_is_named_as_it_was(org_a, custodian_a):
    office = Department.objects.create(organisation=org_a, name="Office", headcount=4)
    services.department_delete(department=office, actor=custodian_a)

    said = _sentences(org_a, "department_deleted")
    assert said["en"] == "Deleted the department Office."
    _translated(said, "Office")


@pytest.mark.parametrize("role", [HRMembership.READER, HRMembership.CUSTODIAN])
def test_a_role_taken_away_names_the_user_and_the_role(org_a, role):
    user = get_user_model().objects.create_user("noor")
    membership = HRMembership.objects.create(user=user, organisation=org_a, role=role)
    hr_role_remove(membership=membership, actor=None)

    said = _sentences(org_a, "role_removed")
    with translation.override("en"):
        role_name = str(dict(HRMembership.ROLE_CHOICES)[role])
    assert said["en"] == f"Took the role of {role_name} from noor."
    _translated(said, "noor")


def test_a_changed_minimum_group_size_gives_both_sizes(client, org_a):
    superuser = get_user_model().objects.create_superuser("root", password="pw-for-tests")
    client.force_login(superuser)
    response = client.post(
        f"/admin/questionnaire/organisation/{org_a.pk}/change/",
        {
            "name": org_a.name,
            "min_group_size": 7,
            "departments-TOTAL_FORMS": 0,
            "departments-INITIAL_FORMS": 0,
            "hr_memberships-TOTAL_FORMS": 0,
            "hr_memberships-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302

    said = _sentences(org_a, "minimum_group_size_changed")
    assert said["en"] == "Changed the minimum group size from 5 to 7."
    _translated(said, "5", "7")


def test_a_created_campaign_keeps_its_sentence_after_it_is_deleted(org_a, custodian_a, today):
    campaign = services.campaign_create(
        organisation=org_a,
        name="Spring wave",
        opens_on=today + timedelta(days=1),
        closes_on=today + timedelta(days=15),
        default_language="fr",
        actor=custodian_a,
    )
    opens, closes = _british(today + timedelta(days=1)), _british(today + timedelta(days=15))

    said = _sentences(org_a, "campaign_created")
    assert said["en"] == (
        f"Created the campaign Spring wave, open from {opens} to {closes}, on an open link."
    )
    _translated(said, "Spring wave")
    campaign.delete()
    said = _sentences(org_a, "campaign_created")
    _translated(said)
    assert said["en"] == (
        f"Created a campaign, deleted since, open from {opens} to {closes}, on an open link."
    )


def test_an_added_department_without_a_headcount_says_so(org_a, custodian_a):
    services.department_create(organisation=org_a, name="Night shift", headcount=None)

    said = _sentences(org_a, "department_created")
    assert said["en"] == "Added the department Night shift, headcount not given."
    _translated(said, "Night shift")
