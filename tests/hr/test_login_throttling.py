"""Password guessing on the HR login and the admin login is throttled (django-axes): five
wrong passwords for one username from one address pause that pair for 15 minutes."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.support.personas import HR_PASSWORD

HOME = "198.51.100.10"
ELSEWHERE = "203.0.113.20"


def _log_in(client, username, password, address=HOME, url=None, **headers):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = headers.pop("language", "en")
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def _guess(client, username, times=5, **kwargs):
    return [_log_in(client, username, "wrong-guess", **kwargs) for _ in range(times)]


def _logged_in(client):
    return client.get(reverse("hr:home")).status_code == 200


def test_the_right_password_is_refused_after_five_wrong_ones(client, hr_a):
    guesses = _guess(client, "alice")
    assert [page.status_code for page in guesses] == [200, 200, 200, 200, 429]
    page = _log_in(client, "alice", HR_PASSWORD)
    assert page.status_code == 429
    assert "<h1>Logging in is paused</h1>" in page.text
    assert "Wait 15 minutes, then try again." in page.text
    assert "the person who manages SupportCheck for your organisation" in page.text
    assert "Account locked" not in page.text  # not django-axes' bare message
    assert page["Retry-After"] == "900"
    assert f'href="{reverse("login")}"' in page.text
    assert "Content-Security-Policy" in page.headers
    assert not _logged_in(client)


def test_four_wrong_passwords_still_let_the_right_one_in(client, hr_a):
    _guess(client, "alice", times=4)
    assert _log_in(client, "alice", HR_PASSWORD).status_code == 302
    assert _logged_in(client)


def test_a_right_password_starts_the_count_again(client, hr_a):
    _guess(client, "alice", times=4)
    assert _log_in(client, "alice", HR_PASSWORD).status_code == 302
    client.logout()
    _guess(client, "alice", times=4)
    assert _log_in(client, "alice", HR_PASSWORD).status_code == 302


def test_another_user_at_the_same_address_is_not_paused(client, hr_a, hr_b):
    _guess(client, "alice")
    assert _log_in(client, "bob", HR_PASSWORD).status_code == 302
    assert _logged_in(client)


def test_nobody_can_lock_a_colleague_out_from_elsewhere(client, hr_a):
    _guess(client, "alice", address=ELSEWHERE)
    assert _log_in(client, "alice", HR_PASSWORD, address=HOME).status_code == 302
    assert _logged_in(client)


def test_the_login_works_again_once_the_cool_off_has_passed(client, hr_a):
    _guess(client, "alice")
    assert _log_in(client, "alice", HR_PASSWORD).status_code == 429
    assert AccessAttempt.objects.filter(username="alice", ip_address=HOME).exists()
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    assert _log_in(client, "alice", HR_PASSWORD).status_code == 302
    assert _logged_in(client)


def test_the_pause_is_not_over_a_minute_before_the_cool_off(client, hr_a):
    _guess(client, "alice")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert _log_in(client, "alice", HR_PASSWORD).status_code == 429


def test_the_admin_login_is_throttled_too(client, db):
    get_user_model().objects.create_superuser("root", password="admin-password-for-tests")
    admin_login = f"{reverse('admin:login')}?next=/admin/"
    _guess(client, "root", url=admin_login)
    page = _log_in(client, "root", "admin-password-for-tests", url=admin_login)
    assert page.status_code == 429
    assert "<h1>Logging in is paused</h1>" in page.text
    assert 'href="/admin/login/?next=%2Fadmin%2F"' in page.text
    assert client.get("/admin/").status_code == 302  # still sent to the login


@pytest.mark.parametrize(
    ("language", "heading", "wait"),
    [
        ("nl", "Aanmelden is gepauzeerd", "Wacht 15 minuten en probeer het dan opnieuw."),
        ("fr", "La connexion est suspendue", "Attendez 15 minutes, puis réessayez."),
    ],
)
def test_the_lockout_page_speaks_the_visitors_language(client, hr_a, language, heading, wait):
    _guess(client, "alice", language=language)
    page = _log_in(client, "alice", HR_PASSWORD, language=language)
    assert page.status_code == 429
    assert f'<html lang="{language}">' in page.text
    assert f"<h1>{heading}</h1>" in page.text
    assert wait in page.text


def test_a_forwarded_address_is_ignored_without_a_trusted_proxy(client, hr_a):
    """Otherwise a guesser would send a new X-Forwarded-For with every try."""
    for number in range(5):
        _log_in(client, "alice", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert _log_in(client, "alice", HR_PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == (
        429
    )


def test_behind_a_trusted_proxy_the_client_is_the_forwarded_address(client, hr_a, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # Whatever the client itself put in front of the header, the proxy appends the real one.
    for number in range(5):
        _log_in(
            client, "alice", "wrong", proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {ELSEWHERE}"
        )
    assert AccessAttempt.objects.get(username="alice").ip_address == ELSEWHERE
    from_elsewhere = _log_in(client, "alice", HR_PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert from_elsewhere.status_code == 429
    from_home = _log_in(client, "alice", HR_PASSWORD, proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert from_home.status_code == 302


def test_no_log_of_successful_logins_is_kept(client, hr_a):

    assert _log_in(client, "alice", HR_PASSWORD).status_code == 302
    assert not AccessLog.objects.exists()


def test_the_way_back_keeps_where_the_user_was_going(client, hr_a):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    form = {"username": "alice", "password": "wrong", "next": "/hr/campaigns/1/"}
    for _ in range(5):
        page = client.post(reverse("login"), form, REMOTE_ADDR=HOME)
    assert page.status_code == 429
    assert 'href="/accounts/login/?next=%2Fhr%2Fcampaigns%2F1%2F"' in page.text
