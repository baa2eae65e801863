"""The audit log: changes that move what HR can see, readable by every HR user of the
organisation (and by nobody else)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from questionnaire.models import AuditEvent, Campaign, HRMembership
from tests.support.personas import HR_PASSWORD


@pytest.fixture
def colleague(org_a):
    """A second reader of organisation A."""
    user = get_user_model().objects.create_user("dora", password=HR_PASSWORD)
    HRMembership.objects.create(user=user, organisation=org_a)
    return user


def _log(client, user, org) -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(reverse("hr:audit_log", kwargs={"organisation_pk": org.pk})).text


def test_a_headcount_change_is_logged_for_every_reader(
    client, custodian_a, colleague, org_a, departments_a
):
    client.force_login(custodian_a)
    care = departments_a[0]
    client.post(
        reverse("hr:department_edit", kwargs={"pk": care.pk}), {"name": "Care", "headcount": "3"}
    )

    event = AuditEvent.objects.get(action="headcount_changed")
    assert (event.actor, event.detail) == (
        custodian_a.username,
        {"department": "Care", "before": 20, "after": 3},
    )
    page = _log(client, colleague, org_a)
    assert "Headcount changed" in page and custodian_a.username in page
    assert "Changed the headcount of Care from 20 to 3." in page


def test_campaign_dates_and_access_changes_are_logged(client, custodian_a, org_a, today):
    client.force_login(custodian_a)
    form = {
        "name": "Spring",
        "opens_on": (today + timedelta(days=2)).isoformat(),
        "closes_on": (today + timedelta(days=9)).isoformat(),
        "default_language": "nl",
        "access": Campaign.OPEN_LINK,
    }
    client.post(reverse("hr:campaign_create", kwargs={"organisation_pk": org_a.pk}), form)
    campaign = Campaign.objects.get(name="Spring")
    form |= {"closes_on": (today + timedelta(days=20)).isoformat(), "access": Campaign.ACCESS_CODES}
    client.post(reverse("hr:campaign_edit", kwargs={"pk": campaign.pk}), form)

    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["campaign_created", "campaign_dates_changed", "campaign_access_changed"]
    campaign.refresh_from_db()
    assert campaign.access == Campaign.ACCESS_CODES


def test_access_is_fixed_once_the_campaign_opens(client, custodian_a, campaign_a):
    client.force_login(custodian_a)
    form = {
        "name": campaign_a.name,
        "opens_on": campaign_a.opens_on.isoformat(),
        "closes_on": campaign_a.closes_on.isoformat(),
        "default_language": "nl",
        "access": Campaign.ACCESS_CODES,
    }
    client.post(reverse("hr:campaign_edit", kwargs={"pk": campaign_a.pk}), form)
    campaign_a.refresh_from_db()
    assert campaign_a.access == Campaign.OPEN_LINK
    assert not AuditEvent.objects.filter(action="campaign_access_changed").exists()


def test_another_organisations_log_is_not_found(client, hr_b, org_a):
    client.force_login(hr_b)
    response = client.get(reverse("hr:audit_log", kwargs={"organisation_pk": org_a.pk}))
    assert response.status_code == 404
