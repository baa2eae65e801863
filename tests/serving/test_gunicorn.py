"""The production set-up end to end: real gunicorn, production settings, WhiteNoise.

Starts `gunicorn -c supportcheck/gunicorn.conf.py supportcheck.wsgi` as `make serve` does
(DEBUG=false, a fresh SECRET_KEY, plain http on a free loopback port) on the test
database (PostgreSQL) or a migrated SQLite file, and talks to it over HTTP.
"""

import gzip
import http.client
import json
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from gunicorn.config import Config

from questionnaire.models import Response
from supportcheck.gunicorn_logging import PrivateLogger
from tests.support.results_factory import make_response
from tests.support.servers import ROOT, free_port, production_env

GUNICORN = Path(sys.executable).parent / "gunicorn"
HASHED_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(/static/[^"]+\.[0-9a-f]{12}\.css)"')

pytestmark = pytest.mark.xdist_group("gunicorn")


def _get(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    client.request("GET", path, headers={"Host": "127.0.0.1", **headers})
    response = client.getresponse()
    response.body = response.read()
    client.close()
    return response


@contextmanager
def _gunicorn(environment: dict[str, str], log: Path):
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603
            [str(GUNICORN), "-c", "supportcheck/gunicorn.conf.py", "supportcheck.wsgi"],
            cwd=ROOT,
            env=environment | {"PORT": str(port)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_listening(server, port, log)
        yield server, port
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)


def _wait_until_listening(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, f"gunicorn exited early:\n{log.read_text()}"
        try:
            _get(port, "/healthz")
            return
        except OSError:
            time.sleep(0.1)  # still booting
    raise AssertionError(f"gunicorn did not answer within a minute:\n{log.read_text()}")


@pytest.fixture
def served(tmp_path, collected_static, served_database, transactional_db):
    """A gunicorn of its own per test: the tests stop it and read what it logged on the way
    out. transactional_db: the server's writes (a wrong link is counted) are committed by
    its own connections; the flush after the test removes them for the tests that follow."""
    environment = production_env(collected_static, served_database)
    log = tmp_path / "gunicorn.log"
    with _gunicorn(environment, log) as (server, port):
        yield server, port, log, collected_static


def test_gunicorn_serves_the_production_app_with_compressed_hashed_static_files(served):
    server, port, log, static_root = served

    home = _get(port, "/")
    assert home.status == 200
    assert "script-src 'self'" in home.getheader("Content-Security-Policy")
    assert home.getheader("Server") == "gunicorn"

    health = _get(port, "/healthz")
    assert (health.status, json.loads(health.body)) == (200, {"status": "ok"})

    stylesheet_url = HASHED_STYLESHEET.search(home.body.decode()).group(1)
    stylesheet = _get(port, stylesheet_url, **{"Accept-Encoding": "gzip"})
    assert stylesheet.status == 200
    assert stylesheet.getheader("Content-Encoding") == "gzip"
    assert "max-age=315360000" in stylesheet.getheader("Cache-Control")
    assert "immutable" in stylesheet.getheader("Cache-Control")
    collected = static_root / stylesheet_url.removeprefix("/static/")
    assert gzip.decompress(stylesheet.body) == collected.read_bytes()

    wrong_token = secrets.token_urlsafe(32)
    assert _get(port, f"/r/{wrong_token}/?from=mail").status == 404

    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0
    output = log.read_text()
    assert "Shutting down: Master" in output
    assert "Traceback" not in output
    # gunicorn's access log is off and the app's own lines name routes, not paths.
    assert wrong_token not in output
    assert "from=mail" not in output
    assert "HTTP/1.1" not in output  # as in gunicorn's access log lines
    assert stylesheet_url not in output
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    requests = [(e["route"], e["status"]) for e in lines if e["logger"] == "supportcheck.request"]
    assert ("/", 200) in requests
    assert ("/r/<str:token>/", 404) in requests
    assert ("/static/*", 200) in requests
    assert ("/healthz", 200) not in requests  # probes are logged at DEBUG only


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    closed_port = free_port()  # nothing listens there
    environment = production_env(
        tmp_path / "static", f"postgres://postgres@127.0.0.1:{closed_port}/supportcheck"
    ) | {"WEB_CONCURRENCY": "1"}  # one worker answers the probe; more only boot longer
    with _gunicorn(environment, tmp_path / "gunicorn.log") as (_server, port):
        health = _get(port, "/healthz")
    assert health.status == 503
    assert json.loads(health.body) == {"status": "unavailable"}
    assert "no-store" in health.getheader("Cache-Control")


# --- gunicorn's own log lines ----------------------------------------------------------------

CLIENT_ADDRESS = "127.0.0.2"  # loopback too, but not the address the server listens on


def _raw_request(port: int, data: bytes) -> bytes:
    """Send `data` as is from CLIENT_ADDRESS and return whatever comes back."""
    with socket.create_connection(
        ("127.0.0.1", port), timeout=10, source_address=(CLIENT_ADDRESS, 0)
    ) as connection:
        connection.sendall(data)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def _csrf_cookie(port: int) -> str:
    page = _raw_request(port, b"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    return re.search(rb"csrftoken=([A-Za-z0-9]+)", page).group(1).decode()


def _post(port: int, path: str, content_type: str, cookie: str) -> bytes:
    body = b"csrfmiddlewaretoken=x&confirm=yes"
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"Cookie: csrftoken={cookie}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return _raw_request(port, head.encode() + body)


def test_gunicorns_own_log_holds_no_path_token_or_client_address(served, campaign_a):
    server, port, log, _static_root = served
    response, token = make_response(campaign_a)
    campaign_link = campaign_a.public_id
    cookie = _csrf_cookie(port)

    # Malformed bodies: our 400 page, with its headers, from the app.
    for path, content_type in [
        (f"/r/{token}/delete/", "application/x-www-form-urlencoded; charset=utf-16"),
        (f"/s/{campaign_link}/step/5/", "application/x-www-form-urlencoded; charset=latin-1"),
        (f"/no-such-page/{token}/", "multipart/form-data"),
    ]:
        answer = _post(port, path, content_type, cookie)
        assert answer.startswith(b"HTTP/1.1 400 "), answer[:300]
        assert b"Content-Security-Policy: " in answer and b"X-Request-ID: " in answer
    assert Response.objects.filter(pk=response.pk).exists()
    # Requests gunicorn itself refuses, each carrying the token or the campaign link.
    for request in [
        f"GET /r/{token}/ HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
        f"G@T /r/{token}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        f"GET /s/{campaign_link}/?t={token} HTTP/1.1\r\nHost: 127.0.0.1\r\nX\x01{token}: 1\r\n\r\n",
    ]:
        assert _raw_request(port, request.encode()).startswith(b"HTTP/1.1 400 ")

    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=60) == 0
    output = log.read_text()
    assert "Invalid request from a client" in output  # the event is still there
    for secret in (token, campaign_link, CLIENT_ADDRESS, "ip="):
        assert secret not in output
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    requests = [(e["route"], e["status"]) for e in lines if e["logger"] == "supportcheck.request"]
    assert ("/r/<str:token>/delete/", 400) in requests
    assert ("-", 400) in requests  # the address that does not exist


def test_the_logger_hides_the_path_of_a_request_that_failed_outside_django(capsys):
    """gunicorn's "Error handling request <method> <path>", with its traceback."""
    configuration = Config()
    configuration.set("errorlog", "-")
    logger = PrivateLogger(configuration)
    token = secrets.token_urlsafe(32)
    try:
        raise RuntimeError("the application failed")
    except RuntimeError:
        logger.exception("Error handling request %s %s", "POST", f"/r/{token}/delete/?a=b")
    logger.warning(f"Invalid request from ip=192.0.2.7: Invalid HTTP Version: 'GET /s/{token}/'")
    logger.info("Listening at: %s (%s)", "http://127.0.0.1:8000", 1234)

    output = capsys.readouterr().err
    assert "Error handling request POST [path hidden]" in output
    assert "RuntimeError: the application failed" in output  # the traceback stays
    assert "Invalid request from a client" in output
    assert "Listening at: http://127.0.0.1:8000 (1234)" in output
    assert token not in output and "192.0.2.7" not in output
