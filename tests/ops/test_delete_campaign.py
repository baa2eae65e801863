"""delete_campaign: an organisation's campaign goes for good with everything in it, after a
confirmation; other campaigns and organisations keep theirs."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from questionnaire.models import (
    AggregateSnapshot,
    Answer,
    Campaign,
    Department,
    PersonalReport,
    Response,
)
from tests.support.results_factory import make_response


def _delete(link, *flags, typed=None):
    out = StringIO()
    options = {"stdout": out}
    if typed is not None:
        options["stdin"] = StringIO(typed + "\n")
    # "--": a campaign id may start with "-", which would otherwise read as an option.
    call_command("delete_campaign", *flags, "--", link, **options)
    return out.getvalue()


@pytest.fixture
def closed(org_a, departments_a, today):
    """A closed wave of organisation A with responses, a cached PDF and frozen figures."""
    campaign = Campaign.objects.create(
        organisation=org_a,
        name="Spring wave",
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=30),
    )
    responses = [make_response(campaign, department=departments_a[0])[0] for _ in range(5)]
    PersonalReport.objects.create(
        response=responses[0], language="nl", fingerprint="f", pdf=b"%PDF-", created_on=today
    )
    call_command("freeze_closed_campaigns", stdout=StringIO())
    return campaign


@pytest.fixture
def others(campaign_a, campaign_b):
    """Organisation A's open wave and organisation B's wave, each with two responses."""
    for campaign in (campaign_a, campaign_b):
        make_response(campaign)
        make_response(campaign)
    return campaign_a, campaign_b


def _rows():
    return (
        Response.objects.count(),
        Answer.objects.count(),
        PersonalReport.objects.count(),
        AggregateSnapshot.objects.count(),
    )


def test_confirmed_it_deletes_the_campaign_and_everything_in_it(closed, others):
    answers_left = Answer.objects.filter(response__campaign__in=others).count()
    output = _delete(closed.public_id, typed="delete")
    assert "Campaign: Organisation A – Spring wave (closed" in output
    assert "It holds 5 responses" in output
    assert "1 PDF reports and 1 frozen figure sets." in output
    assert "Deleted the campaign Spring wave and everything in it." in output
    assert not Campaign.objects.filter(pk=closed.pk).exists()
    assert _rows() == (4, answers_left, 0, 0)


def test_other_campaigns_and_organisations_keep_everything(closed, others, org_b):
    _delete(closed.public_id, "--no-input")
    for campaign in others:
        assert Response.objects.filter(campaign=campaign).count() == 2
    assert set(Campaign.objects.all()) == set(others)
    # Departments belong to the organisation, not to one campaign.
    assert Department.objects.filter(organisation=closed.organisation).count() == 3


def test_anything_but_delete_at_the_prompt_keeps_it_all(closed, others):
    before = _rows()
    for answer in ("", "y", "yes", "Delete it"):
        with pytest.raises(CommandError, match="Not confirmed; nothing was deleted."):
            _delete(closed.public_id, typed=answer)
    assert Campaign.objects.filter(pk=closed.pk).exists()
    assert _rows() == before


def test_no_input_deletes_without_asking(closed):
    output = _delete(closed.public_id, "--no-input")
    assert "Type 'delete'" not in output
    assert not Campaign.objects.filter(pk=closed.pk).exists()
    assert not Response.objects.exists()


def test_an_unknown_link_id_is_a_clear_error(closed):
    with pytest.raises(CommandError, match="No campaign has the link id 'nope'"):
        _delete("nope", "--no-input")
    assert Campaign.objects.filter(pk=closed.pk).exists()


def test_an_open_campaign_can_be_deleted_too(campaign_a):
    make_response(campaign_a, submitted_on=timezone.localdate())
    output = _delete(campaign_a.public_id, typed="delete")
    assert "(open," in output
    assert not Campaign.objects.exists()
    assert not Response.objects.exists()


def test_the_whole_share_link_names_the_campaign(closed):
    link = f"https://supportcheck.example.org/s/{closed.public_id}/"
    _delete(link, "--no-input")
    assert not Campaign.objects.filter(pk=closed.pk).exists()


def test_an_id_that_looks_like_an_option_is_found_through_its_link(closed):
    Campaign.objects.filter(pk=closed.pk).update(public_id="-hLooksLikeAnOption")
    link = "https://x.example/s/-hLooksLikeAnOption/"
    call_command("delete_campaign", link, "--no-input", stdout=StringIO())
    assert not Campaign.objects.filter(pk=closed.pk).exists()
