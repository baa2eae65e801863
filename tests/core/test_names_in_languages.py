"""Campaign and department names in Dutch, French and English, where HR gives them: a
respondent reads them in their language, the poster prints in each language, and a
language without a name of its own shows the main name."""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from questionnaire.models import Campaign, Department
from tests.support.results_factory import make_response


@pytest.fixture
def alice(client, custodian_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(custodian_a)
    return client


@pytest.fixture
def bilingual(campaign_a, departments_a):
    campaign_a.name = "Najaarsbevraging"
    campaign_a.name_translations = {"fr": "Enquête d'automne"}
    campaign_a.save()
    care = departments_a[0]
    care.name = "Zorg"
    care.name_translations = {"fr": "Soins", "en": "Care"}
    care.save()
    return campaign_a, care


def _page(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_hr_gives_a_campaign_names_in_other_languages(alice, org_a, today):
    alice.post(
        reverse("hr:campaign_create", kwargs={"organisation_pk": org_a.pk}),
        {
            "name": "Najaarsbevraging",
            "name_nl": "",
            "name_fr": "  Enquête d'automne ",
            "name_en": "Autumn survey",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=14)).isoformat(),
            "default_language": "nl",
        },
    )
    campaign = Campaign.objects.get(name="Najaarsbevraging")
    assert campaign.name_translations == {"fr": "Enquête d'automne", "en": "Autumn survey"}
    edit = alice.get(reverse("hr:campaign_edit", kwargs={"pk": campaign.pk})).content.decode()
    assert re.search(r'name="name_fr" value="Enquête d&#x27;automne"', edit)
    assert 'name="name_nl"' in edit and "Name in French" in edit


def test_hr_gives_a_department_names_and_can_remove_one(alice, org_a):
    url = reverse("hr:department_create", kwargs={"organisation_pk": org_a.pk})
    alice.post(url, {"name": "Keuken", "name_fr": "Cuisine", "headcount": "8"})
    kitchen = Department.objects.get(name="Keuken")
    assert kitchen.name_translations == {"fr": "Cuisine"}
    edit = reverse("hr:department_edit", kwargs={"pk": kitchen.pk})
    alice.post(edit, {"name": "Keuken", "name_fr": "", "name_en": "Kitchen", "headcount": "8"})
    kitchen.refresh_from_db()
    assert kitchen.name_translations == {"en": "Kitchen"}


def test_a_respondent_reads_the_names_in_their_language(client, bilingual):
    campaign, _care = bilingual
    start = f"/s/{campaign.public_id}/"
    french = _page(client, start, "fr")
    assert "« Enquête d&#x27;automne »" in french.replace("\u00a0", " ")
    assert ">Soins</label>" in french
    dutch = _page(client, start, "nl")
    assert "Najaarsbevraging" in dutch and ">Zorg</label>" in dutch
    english = _page(client, start, "en")  # no English campaign name: the main one
    assert "Najaarsbevraging" in english and ">Care</label>" in english


def test_the_results_and_the_pdf_name_the_campaign_in_their_language(client, bilingual):
    campaign, _care = bilingual
    _response, token = make_response(campaign, language="fr")
    page = _page(client, f"/r/{token}/", "fr")
    assert "Enquête d&#x27;automne" in page and "Najaarsbevraging" not in page
    pdf = client.get(f"/r/{token}/report.pdf?lang=fr").content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Enquête d'automne" in text
    dutch = client.get(f"/r/{token}/report.pdf?lang=nl").content
    assert "Najaarsbevraging" in PdfReader(io.BytesIO(dutch)).pages[0].extract_text()


def test_the_poster_prints_in_each_language_with_the_name_in_it(alice, bilingual):
    campaign, _care = bilingual
    poster = reverse("hr:poster", kwargs={"pk": campaign.pk})
    dutch = alice.get(poster).content.decode()  # the campaign's default language
    assert '<div class="poster" lang="nl">' in dutch and "Najaarsbevraging" in dutch
    assert 'href="?lang=fr" lang="fr" hreflang="fr">Français</a>' in dutch
    french = alice.get(poster + "?lang=fr").content.decode()
    assert '<div class="poster" lang="fr">' in french
    assert "Enquête d&#x27;automne" in french
    assert f'href="/hr/campaigns/{campaign.pk}/poster.pdf?lang=fr"' in french
    download = alice.get(reverse("hr:poster_pdf", kwargs={"pk": campaign.pk}) + "?lang=fr")
    assert "poster-fr" in download["Content-Disposition"]
    reader = PdfReader(io.BytesIO(download.content))
    assert "Enquête d'automne" in reader.pages[0].extract_text()
    assert "Quel soutien" in reader.pages[0].extract_text()


def test_an_unknown_poster_language_falls_back_to_the_default(alice, bilingual):
    campaign, _care = bilingual
    page = alice.get(reverse("hr:poster", kwargs={"pk": campaign.pk}) + "?lang=de")
    assert '<div class="poster" lang="nl">' in page.content.decode()


@pytest.mark.parametrize(
    "names", [{"de": "Herbst"}, {"fr": ""}, {"fr": "x" * 201}, {"fr": 3}, ["fr", "Automne"]]
)
def test_names_are_checked_before_saving(campaign_a, names):
    campaign_a.name_translations = names
    with pytest.raises(ValidationError):
        campaign_a.full_clean()
