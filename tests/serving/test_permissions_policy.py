"""Permissions-Policy on every response the app makes, however it is served (the same
header through nginx: tests/serving/test_nginx_limits.py)."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _features(response) -> dict[str, str]:
    header = response["Permissions-Policy"]
    return dict(part.strip().split("=", 1) for part in header.split(","))


def test_pages_switch_off_camera_microphone_and_location(client):
    features = _features(client.get("/"))
    assert features["camera"] == "()"
    assert features["microphone"] == "()"
    assert features["geolocation"] == "()"
    assert features["payment"] == "()"


def test_the_copy_buttons_keep_the_clipboard(client):
    assert "clipboard-write" not in _features(client.get("/"))


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/no-such-page/", 404),
        ("post", "/healthz", 405),
        ("get", "/hr/", 302),
        ("get", "/healthz", 200),
    ],
)
def test_errors_redirects_and_probes_carry_it_too(client, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert _features(response)["camera"] == "()"


def test_every_feature_of_the_setting_is_in_the_header(client):
    assert set(_features(client.get("/"))) == set(settings.PERMISSIONS_POLICY)
