"""The login's way back (`next`): this site's addresses only, and never so long that the
redirect's header outgrows a proxy's buffer (nginx answered 502 to a crafted link).
tests/serving/test_nginx_limits.py replays the crafted link through nginx."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings

from supportcheck.login_redirect import MAX_NEXT_LENGTH
from tests.support.personas import HR_PASSWORD

pytestmark = pytest.mark.django_db


def _next_of(location: str) -> list[str]:
    return parse_qs(urlsplit(location).query).get("next", [])


def test_an_hr_page_sends_a_visitor_to_the_login_page_and_back_to_it(client):
    response = client.get("/hr/?page=2")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/accounts/login/"
    assert _next_of(response["Location"]) == ["/hr/?page=2"]


def test_a_long_address_of_an_hr_page_leads_to_the_plain_login_page(client):
    response = client.get("/hr/", {"q": "x" * 7000})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"


def test_an_address_just_under_the_cap_is_kept(client):
    query = "x" * (MAX_NEXT_LENGTH - 50)
    response = client.get("/hr/", {"q": query})
    assert _next_of(response["Location"]) == [f"/hr/?q={query}"]


def test_the_admin_login_redirect_is_bounded_too(client):
    response = client.get("/admin/", {"q": "é" * 600})
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/"


def test_a_login_link_with_a_long_next_leads_to_the_start_page_after_login(client, hr_a):
    long_next = "/hr/?q=" + "x" * 7000
    page = client.get("/accounts/login/", {"next": long_next})
    assert page.status_code == 200
    assert long_next not in page.content.decode()  # not carried in the form either
    response = client.post(
        "/accounts/login/", {"username": hr_a.username, "password": HR_PASSWORD, "next": long_next}
    )
    assert response.status_code == 302
    assert response["Location"] == "/hr/"


def test_a_login_link_with_a_short_next_of_this_site_leads_back_to_it(client, hr_a):
    response = client.post(
        "/accounts/login/",
        {"username": hr_a.username, "password": HR_PASSWORD, "next": "/hr/?page=2"},
    )
    assert response["Location"] == "/hr/?page=2"


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/hr/"])
def test_a_next_to_another_site_is_dropped(client, hr_a, elsewhere):
    response = client.post(
        "/accounts/login/", {"username": hr_a.username, "password": HR_PASSWORD, "next": elsewhere}
    )
    assert response["Location"] == "/hr/"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_a_redirect_never_passes_on_a_next_to_another_site(client):
    response = client.get("/accounts/login/", {"next": "https://evil.example/", "lang": "fr"})
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/?lang=fr"
