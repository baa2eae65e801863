"""One log line per request, with the route and never the path, token or visitor."""

import json
import logging
import sys

import pytest
from django.test import Client

from supportcheck.request_logging import JsonFormatter
from tests.support.results_factory import make_response

CLIENT_ADDRESS = "203.0.113.9"
USER_AGENT = "Mozilla/5.0 (Test) Firefox/999"


def _get(client, path, **headers):
    return client.get(path, REMOTE_ADDR=CLIENT_ADDRESS, HTTP_USER_AGENT=USER_AGENT, **headers)


def _log_text(caplog) -> str:
    """Everything logged during the test, as the production formatter writes it."""
    return "\n".join(JsonFormatter().format(record) for record in caplog.records)


def _request_lines(caplog) -> list[dict]:
    return [
        json.loads(JsonFormatter().format(record))
        for record in caplog.records
        if record.name == "supportcheck.request"
    ]


def test_a_report_page_logs_one_json_line_with_its_route_and_no_token(client, campaign_a, caplog):
    caplog.set_level(logging.INFO)
    _response, token = make_response(campaign_a)
    response = _get(client, f"/r/{token}/?utm_source=newsletter-42")
    assert response.status_code == 200

    [line] = _request_lines(caplog)
    assert line["method"] == "GET"
    assert line["route"] == "/r/<str:token>/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["request_id"] == response["X-Request-ID"]
    assert line["message"] == f"GET /r/<str:token>/ 200 {line['duration_ms']}ms"
    logged = _log_text(caplog)
    for private in (token, "newsletter-42", CLIENT_ADDRESS, "Firefox", "sessionid"):
        assert private not in logged


def test_a_wrong_report_token_is_a_404_whose_log_lines_hold_no_token(client, db, caplog):
    caplog.set_level(logging.INFO)
    wrong_token = "Zm9yZ290LXRoZS1sYXN0LWNoYXJhY3RlcnMtb2YtaXQ"
    response = _get(client, f"/r/{wrong_token}/")
    assert response.status_code == 404

    assert wrong_token not in _log_text(caplog)
    warnings = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert warnings == ["Not Found: /r/<str:token>/"]
    [line] = _request_lines(caplog)
    assert (line["route"], line["status"]) == ("/r/<str:token>/", 404)


def test_a_path_matching_no_route_is_logged_without_it(client, db, caplog):
    caplog.set_level(logging.INFO)
    assert _get(client, "/r/some-token/extra/segment/").status_code == 404
    assert "some-token" not in _log_text(caplog)
    [line] = _request_lines(caplog)
    assert line["route"] == "-"


def test_a_campaign_link_is_logged_as_its_route(client, campaign_a, caplog):
    caplog.set_level(logging.INFO)
    assert _get(client, f"/s/{campaign_a.public_id}/").status_code == 200
    assert campaign_a.public_id not in _log_text(caplog)
    [line] = _request_lines(caplog)
    assert line["route"] == "/s/<str:public_id>/"


def test_a_well_formed_request_id_from_the_proxy_is_kept_and_echoed(client, db, caplog):
    caplog.set_level(logging.INFO)
    proxy_id = "3f1c9a7e-5b1d-4c8e-9f00-1234567890ab"
    response = _get(client, "/", HTTP_X_REQUEST_ID=proxy_id)
    assert response["X-Request-ID"] == proxy_id
    assert _request_lines(caplog)[0]["request_id"] == proxy_id


@pytest.mark.parametrize(
    "offered", ["short", "has spaces in it", "x" * 200, "line\nbreak-injected", "<script>"]
)
def test_a_malformed_request_id_is_replaced_by_a_fresh_one(client, db, caplog, offered):
    caplog.set_level(logging.INFO)
    response = _get(client, "/", HTTP_X_REQUEST_ID=offered)
    assert response["X-Request-ID"] != offered
    assert len(response["X-Request-ID"]) == 32
    assert offered not in _log_text(caplog)


def test_requests_without_an_id_get_different_ones(client, db):
    first, second = _get(client, "/"), _get(client, "/")
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_failed_csrf_check_logs_the_route_not_the_campaign_link(campaign_a, caplog):
    caplog.set_level(logging.INFO)
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"/s/{campaign_a.public_id}/step/1/").status_code == 403
    assert campaign_a.public_id not in _log_text(caplog)
    [warning] = [r.getMessage() for r in caplog.records if r.name == "django.security.csrf"]
    assert warning.endswith(": /s/<str:public_id>/step/<int:number>/")


def test_the_development_server_log_shows_no_path(caplog):
    caplog.set_level(logging.INFO)
    # What runserver's request handler logs for each request (django.core.servers.basehttp).
    logging.getLogger("django.server").warning(
        '"%s" %s %s', "GET /r/secret-token/?q=1 HTTP/1.1", "404", "179"
    )
    assert caplog.records[-1].getMessage() == '"GET [path hidden] HTTP/1.1" 404 179'


def test_an_error_with_its_traceback_stays_one_json_line():
    logger = logging.getLogger("supportcheck.test")
    try:
        raise ValueError("the database said no")
    except ValueError:
        record = logger.makeRecord(
            logger.name, logging.ERROR, __file__, 1, "export failed", (), sys.exc_info()
        )
    [line] = JsonFormatter().format(record).splitlines()
    entry = json.loads(line)
    assert (entry["level"], entry["message"]) == ("ERROR", "export failed")
    assert "ValueError: the database said no" in entry["exception"]
