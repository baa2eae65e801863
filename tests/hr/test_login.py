"""Logging in and out of the HR pages, in the user's language."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.support.personas import HR_PASSWORD


def _in(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("nl", "Aanmelden voor HR", "Aanmelden"),
        ("fr", "Connexion pour les RH", "Se connecter"),
        ("en", "Log in for HR", "Log in"),
    ],
)
def test_the_login_page_speaks_the_visitors_language(client, db, language, heading, button):
    response = _in(client, language).get(reverse("login"))
    assert f"<h1>{heading}</h1>" in response.text
    assert f'<button type="submit" class="btn btn-primary">{button}</button>' in response.text
    assert f'<html lang="{language}">' in response.text


def test_hr_logs_in_and_lands_on_the_start_page(client, hr_a, campaign_a):
    response = _in(client, "en").post(
        reverse("login"), {"username": "alice", "password": HR_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("hr:home")
    assert "Autumn wave" in response.text


def test_a_login_from_a_campaign_link_returns_to_that_campaign(client, hr_a, campaign_a):
    dashboard = reverse("hr:dashboard", kwargs={"pk": campaign_a.pk})
    page = _in(client, "en").get(f"{reverse('login')}?next={dashboard}")
    assert "Log in to open that page." in page.text
    response = client.post(
        reverse("login"), {"username": "alice", "password": HR_PASSWORD, "next": dashboard}
    )
    assert response["Location"] == dashboard


def test_a_login_never_sends_the_user_to_another_site(client, hr_a):
    response = client.post(
        reverse("login"),
        {"username": "alice", "password": HR_PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("hr:home")


def test_a_wrong_password_says_so_and_logs_nobody_in(client, hr_a):
    response = _in(client, "en").post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.text
    assert client.get(reverse("hr:home")).status_code == 302


def test_logging_out_takes_a_post_and_ends_the_session(client, hr_a):
    client.force_login(hr_a)
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("hr:home")).status_code == 200
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("home")
    assert client.get(reverse("hr:home"))["Location"] == f"{reverse('login')}?next=/hr/"


def test_the_login_page_tells_a_logged_in_user_where_to_go(client, hr_a):
    client.force_login(hr_a)
    page = _in(client, "en").get(reverse("login"))
    assert "You are logged in as alice." in page.text
    assert f'href="{reverse("hr:home")}"' in page.text


def test_every_page_offers_logout_as_a_form_to_a_logged_in_user(client, hr_a):
    client.force_login(hr_a)
    page = client.get(reverse("hr:home")).text
    assert f'<form method="post" action="{reverse("logout")}">' in page


def test_the_login_page_refuses_a_put_with_a_page(client, hr_a):
    # Django's own login view answered PUT with the login form again, as if posted.
    body = f"username={hr_a.username}&password={HR_PASSWORD}"
    response = _in(client, "en").put(reverse("login"), body)
    assert response.status_code == 405
    assert "Nothing was saved or changed." in response.content.decode()
    assert client.get(reverse("hr:home")).status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/",
        "/accounts/reset/done/",
        "/accounts/password_change/",
        "/accounts/password_change/done/",
    ],
)
def test_there_is_no_page_to_reset_or_change_a_password(client, hr_a, path, mailoutbox):
    """Passwords are set by the organisation's administrator, as the login page says: nobody
    can have a reset link mailed to any address, and a logged-in user finds no other way
    to set one either."""
    assert client.get(path).status_code == 404
    assert client.post(path, {"email": hr_a.email or "hr@example.org"}).status_code == 404
    client.force_login(hr_a)
    assert client.get(path).status_code == 404
    assert mailoutbox == []
