"""Error pages are friendly, translated, and never a 500 for a bad request."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.template.loader import get_template
from django.test import Client
from django.utils import translation
from django.views.defaults import permission_denied


@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("nl", "Pagina niet gevonden", "Kijk na of je de hele link hebt gekopieerd."),
        ("fr", "Page introuvable", "Vérifiez que vous avez copié le lien en entier."),
        ("en", "Page not found", "Check that you copied the whole link."),
    ],
)
def test_a_missing_page_is_a_friendly_404_in_the_visitors_language(
    client, db, language, heading, advice
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in ("/no-such-page/", "/s/unknown-campaign/", "/r/wrong-token/"):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 404
        assert f'<html lang="{language}">' in page
        assert f"<h1>{heading}</h1>" in page
        assert advice in page.replace("&#x27;", "'")
        assert 'href="/"' in page


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("nl", "Er was iets mis met de aanvraag"),
        ("fr", "La demande comportait une erreur"),
        ("en", "Something was wrong with the request"),
    ],
)
def test_an_unreadable_request_is_a_friendly_400_in_the_visitors_language(
    client, campaign_a, language, heading
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = {"go": "next", "col_mat_1": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    response = client.post(f"/s/{campaign_a.public_id}/step/1/", body)
    page = response.content.decode()
    assert response.status_code == 400
    assert f"<h1>{heading}</h1>" in page
    assert f'<html lang="{language}">' in page


def test_a_form_without_its_csrf_token_gets_the_expired_form_page(campaign_a):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    response = client.post(f"/s/{campaign_a.public_id}/step/1/", {"go": "next"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Het formulier is verlopen</h1>" in page
    assert "Er werd niets bewaard." in page


def test_the_500_page_needs_no_context_and_speaks_three_languages():
    page = get_template("500.html").render()
    assert "Er ging iets mis" in page
    assert "Une erreur s'est produite" in page
    assert "Something went wrong" in page
    assert "{%" not in page and "{{" not in page


def test_the_403_page_is_friendly_and_translated(rf, db):
    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("fr"):
        response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "<h1>Vous ne pouvez pas ouvrir cette page</h1>" in response.content.decode()


def test_a_wrong_report_link_is_a_private_404_that_does_not_repeat_the_link(client, db):
    token = "wrong-token-" + "x" * 31
    for path in (f"/r/{token}/", f"/r/{token}/delete/", f"/s/{token}/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        page = response.content.decode()
        assert token not in page
        assert '<input type="hidden" name="next" value="/">' in page


def test_the_language_switcher_sets_an_http_only_same_site_cookie(client, db):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
