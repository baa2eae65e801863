"""HR's access custodian manages campaigns and departments, shares the link and prints the
poster."""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from questionnaire.models import Campaign, Department
from tests.support.aggregates_factory import add_responses, closed_campaign


@pytest.fixture
def dana(client, custodian_a):
    """Organisation A's access custodian, logged in, reading English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(custodian_a)
    return client


def _campaign_data(today, **changes):
    return {
        "name": "Winter wave",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=14)).isoformat(),
        "default_language": "fr",
    } | changes


def test_hr_creates_a_campaign_for_their_organisation(dana, org_a, today):
    response = dana.post(
        reverse("hr:campaign_create", kwargs={"organisation_pk": org_a.pk}), _campaign_data(today)
    )
    campaign = Campaign.objects.get(name="Winter wave")
    assert response["Location"] == reverse("hr:campaign_access", kwargs={"pk": campaign.pk})
    assert (campaign.organisation, campaign.opens_on, campaign.closes_on) == (
        org_a,
        today,
        today + timedelta(days=14),
    )
    assert campaign.default_language == "fr"


def test_a_campaign_cannot_close_before_it_opens(dana, org_a, today):
    data = _campaign_data(today, closes_on=(today - timedelta(days=1)).isoformat())
    response = dana.post(reverse("hr:campaign_create", kwargs={"organisation_pk": org_a.pk}), data)
    assert response.status_code == 400
    assert "The closing day cannot be before the opening day." in response.text
    assert not Campaign.objects.filter(name="Winter wave").exists()


def test_a_malformed_date_is_refused_without_saving(dana, campaign_a, today):
    data = _campaign_data(today, opens_on="2026-02-31")
    response = dana.post(reverse("hr:campaign_edit", kwargs={"pk": campaign_a.pk}), data)
    assert response.status_code == 400
    assert "Enter a valid date." in response.text
    campaign_a.refresh_from_db()
    assert campaign_a.name == "Autumn wave"


def test_hr_edits_a_campaign(dana, campaign_a, today):
    data = _campaign_data(today, name="Autumn wave, extended")
    dana.post(reverse("hr:campaign_edit", kwargs={"pk": campaign_a.pk}), data)
    campaign_a.refresh_from_db()
    assert campaign_a.name == "Autumn wave, extended"
    assert campaign_a.closes_on == today + timedelta(days=14)


def test_hr_adds_renames_and_sets_the_headcount_of_a_department(dana, org_a):
    dana.post(
        reverse("hr:department_create", kwargs={"organisation_pk": org_a.pk}),
        {"name": "Logistics", "headcount": ""},
    )
    department = Department.objects.get(organisation=org_a, name="Logistics")
    assert department.headcount is None
    dana.post(
        reverse("hr:department_edit", kwargs={"pk": department.pk}),
        {"name": "Logistics and transport", "headcount": "12"},
    )
    department.refresh_from_db()
    assert (department.name, department.headcount) == ("Logistics and transport", 12)
    page = dana.get(reverse("hr:departments", kwargs={"organisation_pk": org_a.pk}))
    assert "Logistics and transport" in page.text


def test_two_departments_cannot_have_the_same_name(dana, org_a, departments_a):
    response = dana.post(
        reverse("hr:department_create", kwargs={"organisation_pk": org_a.pk}),
        {"name": "Care", "headcount": "3"},
    )
    assert response.status_code == 400
    assert "This organisation already has a department with this name." in response.text
    assert Department.objects.filter(organisation=org_a, name="Care").count() == 1


def test_renaming_a_department_to_another_ones_name_explains_and_saves_nothing(dana, departments_a):
    care, kitchen, _office = departments_a
    response = dana.post(
        reverse("hr:department_edit", kwargs={"pk": kitchen.pk}),
        {"name": "Care", "headcount": "9"},
    )
    assert response.status_code == 400
    assert "This organisation already has a department with this name." in response.text
    kitchen.refresh_from_db()
    assert (kitchen.name, kitchen.headcount) == ("Kitchen", 8)
    assert Department.objects.filter(name="Care").get() == care


def test_hr_deletes_a_department_without_responses(dana, departments_a):
    office = departments_a[2]
    dana.post(reverse("hr:department_delete", kwargs={"pk": office.pk}))
    assert not Department.objects.filter(pk=office.pk).exists()


def test_a_department_with_responses_is_kept_and_the_page_says_why(
    dana, org_a, departments_a, today
):
    care = departments_a[0]
    add_responses(closed_campaign(org_a, today=today), care, 1)
    response = dana.post(reverse("hr:department_delete", kwargs={"pk": care.pk}), follow=True)
    assert Department.objects.filter(pk=care.pk).exists()
    assert "“Care” cannot be deleted because responses were given in it." in response.text


def test_while_a_campaign_is_open_deleting_a_department_does_not_tell_who_answered(
    dana, campaign_a, departments_a
):
    """The custodian sees no figure. Had deleting been refused only where responses
    are, trying it on a department of one (the board) would tell whether its one person
    had answered yet, and trying it every few minutes, when. While a campaign is open
    both departments are kept, with the same sentence, whoever answered."""
    care, _kitchen, office = departments_a
    add_responses(campaign_a, care, 1)
    said = []
    for department in (care, office):
        url = reverse("hr:department_delete", kwargs={"pk": department.pk})
        page = dana.post(url, follow=True).text
        assert Department.objects.filter(pk=department.pk).exists()
        said.append(re.findall(r'<div class="alert alert-(\w+)">(.*?)</div>', page))
    assert said == [
        [("danger", f"“{name}” cannot be deleted while a campaign is open. You can rename it "
          "instead, or delete it once the campaign has closed.")]
        for name in ("Care", "Office")
    ]  # fmt: skip


def test_the_campaigns_access_page_shows_the_public_link_to_copy(dana, campaign_a):
    response = dana.get(reverse("hr:campaign_access", kwargs={"pk": campaign_a.pk}))
    link = f"http://testserver/s/{campaign_a.public_id}/"
    assert f'value="{link}" readonly' in response.text
    assert "js/copy.js" in response.text


def test_the_poster_is_in_the_campaigns_language_with_the_link_and_dates(dana, campaign_a):
    campaign_a.default_language = "fr"
    campaign_a.save()
    response = dana.get(reverse("hr:poster", kwargs={"pk": campaign_a.pk}))
    assert '<div class="poster" lang="fr">' in response.text
    assert f"http://testserver/s/{campaign_a.public_id}/" in response.text
    assert "<svg" in response.text
    assert "Download the poster (PDF)" in response.text  # the page itself stays in English


def test_the_poster_pdf_writes_out_the_link(dana, campaign_a):
    response = dana.get(reverse("hr:poster_pdf", kwargs={"pk": campaign_a.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="supportcheck-autumn-wave-poster-'
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert len(reader.pages) == 1
    assert campaign_a.public_id in text
    assert "Autumn wave" in text


def test_the_poster_pdf_is_tagged_for_screen_readers_in_the_campaigns_language(dana, campaign_a):
    campaign_a.default_language = "nl"
    campaign_a.save()
    response = dana.get(reverse("hr:poster_pdf", kwargs={"pk": campaign_a.pk}))
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    assert catalog["/Lang"] == "nl"
    text = reader.pages[0].extract_text()
    assert "Hoeveel steun krijg je op het werk?" in " ".join(text.split())


@pytest.mark.parametrize(
    ("language", "heading", "invite"),
    [
        ("nl", "Je organisaties", "Deelnemers uitnodigen"),
        ("fr", "Vos organisations", "Inviter les participants"),
        ("en", "Your organisations", "Invite respondents"),
    ],
)
def test_the_hr_pages_speak_the_users_language(
    client, custodian_a, campaign_a, language, heading, invite
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(custodian_a)
    assert f"<h1>{heading}</h1>" in client.get(reverse("hr:home")).text
    page = client.get(reverse("hr:campaign_access", kwargs={"pk": campaign_a.pk}))
    assert f'<html lang="{language}">' in page.text
    assert invite in page.text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"default_language": "xx"}, "Select a valid choice."),
        ({"name": "   "}, "This field is required."),
        ({"name": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"opens_on": "2026-13-01"}, "Enter a valid date."),
        ({"closes_on": ""}, "This field is required."),
    ],
)
def test_a_tampered_campaign_form_is_refused_and_changes_nothing(
    dana, campaign_a, today, changes, message
):
    response = dana.post(
        reverse("hr:campaign_edit", kwargs={"pk": campaign_a.pk}), _campaign_data(today, **changes)
    )
    assert response.status_code == 400
    assert message in response.text
    campaign_a.refresh_from_db()
    assert (campaign_a.name, campaign_a.default_language) == ("Autumn wave", "nl")


@pytest.mark.parametrize("headcount", ["-1", "2.5", "ten", "99999999999"])
def test_a_tampered_headcount_is_refused_without_a_row(dana, org_a, headcount):
    response = dana.post(
        reverse("hr:department_create", kwargs={"organisation_pk": org_a.pk}),
        {"name": "Logistics", "headcount": headcount},
    )
    assert response.status_code == 400
    assert "is-invalid" in response.text
    assert not Department.objects.filter(name="Logistics").exists()


@pytest.mark.parametrize(
    "page",
    ["campaign_create", "campaign_edit", "department_create", "department_edit", "codes"],
)
def test_an_empty_post_is_refused_with_the_form_and_saves_nothing(
    dana, org_a, campaign_a, departments_a, page
):
    """A POST without a single field is a form sent empty, not a visit: 400, the form says
    what is missing, and nothing is created or changed (as on HR's other forms)."""
    kwargs = {
        "campaign_create": {"organisation_pk": org_a.pk},
        "campaign_edit": {"pk": campaign_a.pk},
        "department_create": {"organisation_pk": org_a.pk},
        "department_edit": {"pk": departments_a[0].pk},
        "codes": {"pk": campaign_a.pk},
    }[page]
    before = (list(Campaign.objects.values()), list(Department.objects.values()))
    response = dana.post(reverse(f"hr:{page}", kwargs=kwargs), {})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert (list(Campaign.objects.values()), list(Department.objects.values())) == before


def test_a_closed_campaign_keeps_its_dates_but_can_be_renamed(dana, org_a, today):
    spring = closed_campaign(org_a, today=today, name="Spring wave")
    opens_on, closes_on = spring.opens_on, spring.closes_on
    form = dana.get(reverse("hr:campaign_edit", kwargs={"pk": spring.pk}))
    assert "The campaign has closed, so its dates can no longer change." in form.text
    data = _campaign_data(today, name="Spring wave 2026")  # tries to reopen it until later
    response = dana.post(reverse("hr:campaign_edit", kwargs={"pk": spring.pk}), data)
    assert response.status_code == 302
    spring.refresh_from_db()
    assert spring.name == "Spring wave 2026"
    assert (spring.opens_on, spring.closes_on) == (opens_on, closes_on)


def test_an_open_campaign_cannot_move_back_to_upcoming(dana, campaign_a, today):
    data = _campaign_data(today, opens_on=(today + timedelta(days=2)).isoformat())
    response = dana.post(reverse("hr:campaign_edit", kwargs={"pk": campaign_a.pk}), data)
    assert response.status_code == 400
    assert "The campaign is already open, so it cannot open later than today." in response.text
    campaign_a.refresh_from_db()
    assert campaign_a.opens_on == today - timedelta(days=7)


def test_an_open_campaign_can_close_early(dana, campaign_a, today):
    data = _campaign_data(
        today,
        name="Autumn wave",
        opens_on=campaign_a.opens_on.isoformat(),
        closes_on=(today - timedelta(days=1)).isoformat(),
    )
    dana.post(reverse("hr:campaign_edit", kwargs={"pk": campaign_a.pk}), data)
    campaign_a.refresh_from_db()
    assert campaign_a.status(today) == Campaign.CLOSED


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(dana, campaign_a, method):
    url = reverse("hr:campaign_edit", kwargs={"pk": campaign_a.pk})
    assert getattr(dana, method)(url).status_code == 405
