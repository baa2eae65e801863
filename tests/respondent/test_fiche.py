"""The app's fiche page: the fiche in our own words, in every language, with anchors."""

from html import unescape

import pytest
from django.conf import settings

ANCHORS = ("material", "informational", "respecting", "emotional")
SOURCE_ANCHORS = ("colleagues", "supervisor", "third-parties")
WORK_ANCHORS = ("work-pressure", "team-climate", "organisation")


def _page(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/fiche/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "section", "tip"),
    [
        (
            "nl",
            "Sociale steun op het werk: de fiche in het kort",
            "Respecterende steun",
            "Vraag je leidinggevende om geregeld feedback op je werk",
        ),
        (
            "fr",
            "Le soutien social au travail\u00a0: la fiche en bref",
            "Soutien d'estime",
            "Demandez à votre responsable un retour régulier sur votre travail",
        ),
        (
            "en",
            "Social support at work: the fiche in short",
            "Respecting support",
            "Ask your supervisor for regular feedback on your work",
        ),
    ],
)
def test_the_fiche_page_speaks_every_language(client, language, heading, section, tip):
    page = _page(client, language)
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert f'<h3 id="respecting-heading">{section}</h3>' in unescape(page)
    assert tip in page


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_every_type_and_source_has_its_anchored_section(client, language):
    page = _page(client, language)
    for anchor in ANCHORS + SOURCE_ANCHORS + WORK_ANCHORS:
        assert f'<section id="{anchor}" aria-labelledby="{anchor}-heading">' in page


def test_the_fiche_page_links_to_the_original_fiche(client):
    assert f'href="{settings.FICHE_URLS["en"]}"' in _page(client, "en")


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_original_fiche_is_linked_in_the_readers_language(client, settings, language):
    settings.FICHE_URLS = {code: f"https://fiche.example/{code}" for code in ("nl", "fr", "en")}
    page = _page(client, language)
    assert page.count(f'href="https://fiche.example/{language}"') == 3  # top, bottom, footer
    assert "https://fiche.example/" + ("fr" if language != "fr" else "nl") not in page


def test_the_fiche_page_explains_why_support_matters_and_where_to_find_help(client):
    page = _page(client, "nl")
    assert "buffer tegen stress" in page
    assert "vertrouwenspersoon" in page
    assert "preventieadviseur psychosociale aspecten" in page
    page = _page(client, "fr")
    assert "personne de confiance" in page
    assert "conseiller en prévention aspects psychosociaux" in page


def test_the_fiche_page_is_linked_from_the_navigation_and_the_home_page(client):
    home = _page(client, "en").replace("\n", " ")
    assert 'href="/fiche/"' in client.get("/").content.decode()
    assert 'class="nav-link" href="/fiche/"' in home


def test_the_fiche_page_covers_what_the_fiche_says_about_climate_and_group_follow_up(client):
    page = unescape(_page(client, "en"))
    assert "Distrust, conflict and competition between colleagues" in page
    assert "builds cohesion and mutual help" in page
    assert "SOBANE strategy" in page
    assert "financial help such as a loan" in page and "even affection" in page
    # The 2006 study is quoted for what it says: support cushions stressful situations. The
    # fiche says "above all under a high workload" of colleagues' support, not of the study.
    why = page[page.index('id="why-heading"') : page.index('id="types-heading"')]
    assert "2006" in why and "workload is high" not in why


REFERENCES = (
    # The fiche's "Referenties" and "Een stapje verder", as the fiche cites them.
    "Sobane-strategie, Psychosociale aspecten, FOD Werkgelegenheid, Arbeid en Sociaal "
    "Overleg, september 2010.",
    "FOD Werkgelegenheid, Arbeid en Sociaal Overleg, Algemene Directie Humanisering van de "
    "Arbeid. Stress op het werk: risicofactoren, evaluatie en preventie. Brussel, november 2006.",
    "La supervision collective, Quelques éléments pour clarifier une pratique dans le "
    "secteur non marchand",
    "APEF, september 2007.",
)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_fiche_page_lists_the_fiches_references(client, language):
    page = unescape(_page(client, language))
    references = page[page.index('id="references-heading"') :]
    for reference in REFERENCES:
        assert reference in references
    # Cited in their own language, so a screen reader reads them with the right voice.
    assert '<li lang="nl">Sobane-strategie' in references
    assert '<span lang="fr">La supervision collective' in references
    assert 'href="#references"' in page  # listed in the page's contents


@pytest.mark.parametrize(
    ("language", "link_text"),
    [
        ("nl", "Lees de oorspronkelijke fiche 6.1.2</a>"),
        ("fr", "Lire la fiche 6.1.2 originale (en néerlandais)</a>"),
        ("en", "Read the original fiche 6.1.2 (in Dutch)</a>"),
    ],
)
def test_the_original_fiche_is_linked_over_https_and_says_it_is_in_dutch(
    client, language, link_text
):
    page = _page(client, language)
    url = settings.FICHE_URLS[language]
    assert url.startswith("https://abbet.be/")
    assert page.count(f'<a href="{url}" hreflang="nl">{link_text}') == 2  # top and bottom
    assert 'href="http://' not in page
