"""Constraints the database itself enforces."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from questionnaire.models import Answer, Campaign, Department, Organisation, Response


def _response(campaign, **extra):
    fields = {
        "campaign": campaign,
        "submitted_on": campaign.opens_on,
        "language": "nl",
        "instrument_version": 1,
        "token_hash": "a" * 64,
    }
    return Response.objects.create(**(fields | extra))


def test_an_organisation_defaults_to_a_minimum_group_of_five(db):
    assert Organisation.objects.create(name="Vzw").min_group_size == 5


def test_the_database_refuses_a_minimum_group_below_three(db):
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="Too small", min_group_size=2)


def test_validation_explains_the_minimum_group_floor(db):
    organisation = Organisation(name="Too small", min_group_size=2)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "min_group_size" in error.value.message_dict


def test_department_names_are_unique_within_an_organisation(org_a, org_b):
    Department.objects.create(organisation=org_a, name="Care")
    Department.objects.create(organisation=org_b, name="Care")
    with pytest.raises(IntegrityError):
        Department.objects.create(organisation=org_a, name="Care")


def test_a_campaign_cannot_close_before_it_opens(org_a, today):
    with pytest.raises(IntegrityError):
        Campaign.objects.create(
            organisation=org_a, name="x", opens_on=today, closes_on=today - timedelta(days=1)
        )


def test_campaign_links_are_unguessable_and_distinct(org_a, today):
    ids = {
        Campaign.objects.create(
            organisation=org_a, name=f"w{n}", opens_on=today, closes_on=today
        ).public_id
        for n in range(20)
    }
    assert len(ids) == 20
    assert all(len(public_id) >= 22 for public_id in ids)  # 16 random bytes, base64


def test_campaign_status_follows_its_dates(campaign_a, today):
    assert campaign_a.status(today) == Campaign.OPEN
    assert campaign_a.status(campaign_a.opens_on - timedelta(days=1)) == Campaign.UPCOMING
    assert campaign_a.status(campaign_a.closes_on + timedelta(days=1)) == Campaign.CLOSED
    assert campaign_a.status(campaign_a.closes_on) == Campaign.OPEN


@pytest.mark.parametrize("value", [1, 30, 101, 125])
def test_an_answer_off_the_scale_is_refused(campaign_a, value):
    response = _response(campaign_a)
    with pytest.raises(IntegrityError):
        Answer.objects.create(response=response, item="col_mat_1", value=value)


def test_not_applicable_is_stored_as_an_answer_without_value(campaign_a):
    response = _response(campaign_a)
    Answer.objects.create(response=response, item="sup_mat_1", value=None)
    assert Answer.objects.get(response=response).value is None


def test_one_answer_per_item_per_response(campaign_a):
    response = _response(campaign_a)
    Answer.objects.create(response=response, item="col_mat_1", value=50)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, item="col_mat_1", value=75)
    assert response.answers.count() == 1


def test_report_token_hashes_are_unique(campaign_a):
    _response(campaign_a)
    with pytest.raises(IntegrityError):
        _response(campaign_a)


def test_an_unknown_language_is_refused(campaign_a):
    with pytest.raises(IntegrityError):
        _response(campaign_a, language="de")


def test_deleting_a_response_deletes_its_answers(campaign_a):
    response = _response(campaign_a)
    Answer.objects.create(response=response, item="col_mat_1", value=50)
    response.delete()
    assert Answer.objects.count() == 0


def test_a_response_stores_no_personal_fields():
    names = {field.name for field in Response._meta.get_fields()}
    for personal in ("user", "email", "name", "ip", "ip_address", "created_at", "submitted_at"):
        assert personal not in names
    assert Response._meta.get_field("submitted_on").get_internal_type() == "DateField"
