"""nginx's limits in `make serve`'s set-up (supportcheck/nginx.conf), replayed with the real
nginx and gunicorn over loopback: one address's flood of slow request bodies leaves the site
to everyone else, a crafted long login link is a redirect (it was nginx's 502), and the
headers the app adds reach the client through nginx.

127.0.0.2 is another client to nginx: every 127.x.y.z address reaches the loopback interface.
"""

import itertools
import json
import os
import resource
import selectors
import socket
import statistics
import threading
import time
from contextlib import contextmanager, suppress

import pytest

from supportcheck.serve import nginx_binary
from tests.support.ci import skip_unless_ci
from tests.support.servers import (
    free_port,
    http_get,
    machine_slowness,
    production_env,
    served_site,
)

pytestmark = [
    pytest.mark.xdist_group("gunicorn"),
    # The servers read the test database: a test that asks for the database is what makes
    # pytest-django create it, also when this file runs alone.
    pytest.mark.django_db,
    pytest.mark.skipif(
        nginx_binary() is None and not os.environ.get("CI"),
        reason="nginx is not installed (apt-get install nginx); CI installs it",
    ),
]
SLOW_CONNECTIONS = 2500
PER_CLIENT = 50  # limit_conn in supportcheck/nginx.conf
HEALTHZ_LIMIT = 1.0  # seconds
UNANSWERED = 3.0  # seconds a probe waits
ANOTHER_CLIENT = "127.0.0.2"


@pytest.fixture
def file_handles():
    """This process opens one socket per slow connection: raise its own limit to fit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = SLOW_CONNECTIONS + 1000
    if hard != resource.RLIM_INFINITY and hard < needed:
        skip_unless_ci(f"the hard limit of open files ({hard}) is below {needed}: ulimit -Hn")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, needed), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def _open_slow_bodies(port: int, count: int) -> list[socket.socket]:
    """`count` connections from 127.0.0.1 that each send a POST's headers announcing 100 KB
    and the body's first bytes. Connecting stops at a deadline: a server that stops taking
    connections leaves fewer than `count`."""
    head = (
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\na="
    )
    opened = []
    deadline = time.monotonic() + 20
    while len(opened) < count and time.monotonic() < deadline:
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=2)
            connection.sendall(head)
        except OSError:
            continue
        connection.setblocking(False)
        opened.append(connection)
    return opened


def _split_answered(connections: list[socket.socket], quiet: float) -> tuple[list, list[bytes]]:
    """The connections nginx keeps reading (no answer within `quiet` seconds of the last
    one answered), and the first bytes of the answers of the others."""
    selector = selectors.DefaultSelector()
    for connection in connections:
        selector.register(connection, selectors.EVENT_READ)
    answers = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (ready := selector.select(timeout=quiet)):
        for key, _events in ready:
            try:
                answers.append(key.fileobj.recv(64))
            except OSError as error:  # reset without an answer
                answers.append(repr(error).encode())
            selector.unregister(key.fileobj)
    held = [key.fileobj for key in selector.get_map().values()]
    selector.close()
    return held, answers


@contextmanager
def trickling(connections: list[socket.socket]):
    """One more byte of each body every second, while the block runs."""
    stop = threading.Event()

    def trickle():
        while not stop.wait(1):
            for connection in connections:
                # A full buffer or a dropped connection: the check afterwards sees it.
                with suppress(OSError):
                    connection.send(b"a")

    thread = threading.Thread(target=trickle)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _healthz_times(port: int, probes: int, unanswered: float) -> list[float]:
    """Seconds each /healthz probe from another client took (one that got no answer within
    `unanswered` seconds counts as that)."""
    times = []
    for _ in range(probes):
        try:
            status, _headers, _body, taken = http_get(
                port, "/healthz", source=ANOTHER_CLIENT, timeout=unanswered
            )
        except TimeoutError:
            status, taken = 200, unanswered
        assert status == 200
        times.append(taken)
        time.sleep(0.15)
    return times


def test_one_address_with_2500_slow_bodies_leaves_the_site_to_the_others(site, file_handles):
    port, _server, _log = site
    # The limits below are a quiet machine's, scaled by how loaded this one is now.
    slowness = machine_slowness(port, source=ANOTHER_CLIENT)
    limit, unanswered = HEALTHZ_LIMIT * slowness, UNANSWERED * slowness
    connections = _open_slow_bodies(port, SLOW_CONNECTIONS)
    try:
        assert len(connections) == SLOW_CONNECTIONS, "nginx stopped taking connections"
        held, answers = _split_answered(connections, quiet=2)
        # nginx reads 50 bodies from the address and refuses the rest at once.
        assert len(held) == PER_CLIENT
        assert len(answers) == SLOW_CONNECTIONS - PER_CLIENT
        assert all(answer.startswith(b"HTTP/1.1 429 ") for answer in answers), set(answers)
        with trickling(held):
            times = _healthz_times(port, probes=20, unanswered=unanswered)
            # The slow address itself gets no more, even for a page without a body.
            assert http_get(port, "/healthz", timeout=3)[0] == 429
        still_held, _ = _split_answered(held, quiet=1)
        assert len(still_held) == PER_CLIENT  # still being read, not dropped
    finally:
        for connection in connections:
            connection.close()
    median = statistics.median(times)
    print(f"/healthz under the slow bodies: median {median:.4f} s, max {max(times):.4f} s")  # noqa: T201
    # Without the limit no probe was answered at all. A probe a little over the second
    # between fast ones is the shared test machine's scheduler, not the site; two in a
    # row would be the site.
    assert median < limit / 2, (times, slowness)
    assert max(times) < unanswered, (times, slowness)
    slow_in_a_row = [(a, b) for a, b in itertools.pairwise(times) if min(a, b) >= limit]
    assert not slow_in_a_row, (times, slowness)
    # Once the slow client has gone, its address is served again.
    assert http_get(port, "/healthz")[0] == 200


def test_a_long_next_on_the_login_redirect_is_a_redirect_not_a_502(site):
    port, _server, _log = site
    # Near gunicorn's longest request line (4 KB); its percent signs are encoded once more
    # in `next`, which made the redirect's header about 6.5 KB.
    status, headers, _body, _taken = http_get(port, "/hr/?q=" + "%41" * 1300)
    assert (status, headers["Location"]) == (302, "/accounts/login/")


def test_a_redirect_to_a_long_address_of_the_site_passes_through_nginx(site):
    """An address without its final slash is redirected to the same address with it, query
    string included: near 4 KB, it and the app's other headers outgrew nginx's former 4 KB
    buffer for gunicorn's response headers (a 502)."""
    port, _server, _log = site
    query = "?q=" + "x" * 4000
    status, headers, _body, _taken = http_get(port, f"/fiche{query}")
    assert (status, headers["Location"]) == (301, f"/fiche/{query}")


@pytest.fixture
def a_static_file(collected_static) -> str:
    manifest = json.loads((collected_static / "staticfiles.json").read_text())
    return "/static/" + next(name for name in manifest["paths"].values() if name.endswith(".css"))


@pytest.mark.parametrize("path", ["/", "/no-such-page/", "/healthz", "static"])
def test_permissions_policy_reaches_the_client_on_pages_errors_and_static_files(
    site, a_static_file, path
):
    port, _server, _log = site
    status, headers, _body, _taken = http_get(port, a_static_file if path == "static" else path)
    assert status == (404 if path == "/no-such-page/" else 200)
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]


def test_healthz_without_a_database_says_when_to_try_again(tmp_path, collected_static):
    unreachable = f"postgres://postgres@127.0.0.1:{free_port()}/nothing_listens_here"
    environment = production_env(collected_static, unreachable) | {
        "WEB_CONCURRENCY": "1",
        "GUNICORN_GRACEFUL_TIMEOUT": "1",  # it has nothing to finish
    }
    with served_site(environment, tmp_path / "serve.log") as (port, _server):
        status, headers, body, _taken = http_get(port, "/healthz")
    assert (status, json.loads(body)) == (503, {"status": "unavailable"})
    assert headers["Retry-After"] == "30"
    assert "camera=()" in headers["Permissions-Policy"]
