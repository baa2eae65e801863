"""The home page explains the tool in the visitor's language and links to the fiche."""

import pytest
from django.conf import settings


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("nl", "Hoeveel steun krijg je op het werk?"),
        ("fr", "Quel soutien recevez-vous au travail\u202f?"),
        ("en", "How much support do you get at work?"),
    ],
)
def test_home_page_speaks_the_chosen_language(client, language, heading):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/").content.decode()
    assert f'<html lang="{language}">' in page
    assert heading in page


def test_home_page_follows_the_browser_language(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-BE,fr;q=0.9").content.decode()
    assert '<html lang="fr">' in page


def test_dutch_is_the_default_language(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="nl">' in page


def test_home_page_links_to_the_original_fiche(client):
    page = client.get("/").content.decode()  # in Dutch, the default
    assert f'href="{settings.FICHE_URLS["nl"]}"' in page


def test_switching_language_sets_the_cookie_and_returns_to_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_the_page_has_a_skip_link_to_main_content(client):
    page = client.get("/").content.decode()
    assert 'href="#main-content"' in page and '<main id="main-content"' in page


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "TRACE"])
@pytest.mark.parametrize("path", ["/", "/fiche/"])
def test_the_home_and_fiche_pages_take_get_only_and_say_nothing_changed(client, db, path, method):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.generic(method, path, "language=fr")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "Nothing was saved or changed." in response.content.decode()
