"""/healthz tells a load balancer whether this app server can serve, and nothing more."""

import json
import logging

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_answers_ok_in_json_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_head_probes_and_refuses_posts(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_is_not_redirected_to_https_when_every_other_page_is(client):
    assert client.get("/").status_code == 301  # the redirect is on
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["supportcheck.example.org"])
def test_healthz_still_checks_the_host_header(client):
    assert client.get("/healthz", HTTP_HOST="10.0.0.7").status_code == 400
    assert client.get("/healthz", HTTP_HOST="supportcheck.example.org").status_code == 200


@pytest.mark.django_db
def test_healthz_probes_are_logged_at_debug_only(client, caplog):
    caplog.set_level(logging.DEBUG, logger="supportcheck.request")
    client.get("/healthz")
    probes = [r for r in caplog.records if r.name == "supportcheck.request"]
    assert [r.levelno for r in probes] == [logging.DEBUG]
    assert probes[0].fields["route"] == "/healthz"
