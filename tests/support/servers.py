"""Running the app as production does, for the serving tests: a free port, the production
environment (DEBUG off, a fresh secret key) and the test run's own database."""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(static_root: Path, database_url: str) -> dict[str, str]:
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never does.
    # The log format and gunicorn's options are the production defaults under test.
    inherited = {
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
        "SECRET_KEY",
        "DEBUG",
        "LOG_FORMAT",
        "GUNICORN_CMD_ARGS",
    }
    environment = {k: v for k, v in os.environ.items() if k not in inherited}
    return environment | {
        "DJANGO_SETTINGS_MODULE": "supportcheck.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "INFO",
    }


def manage(environment: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, check=True, timeout=300
    )


def served_database_url(tmp_path: Path, environment: dict[str, str]) -> str:
    """The test run's PostgreSQL database (already migrated), or a fresh SQLite file in
    `tmp_path`."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        assert db["NAME"].startswith("test_"), "never serve the tests from a real database"
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    manage(environment | {"DATABASE_URL": url}, "migrate", "--noinput", "-v0")
    return url


def http_get(
    port: int, path: str, cookie: str = "", *, source: str = "127.0.0.1", timeout: float = 30
) -> tuple[int, dict, bytes, float]:
    """Status, headers, body and seconds taken of GET `path` on 127.0.0.1:`port`, from the
    loopback address `source` (127.0.0.2 is another client to nginx)."""
    started = time.monotonic()
    client = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0)
    )
    client.request("GET", path, headers={"Host": "127.0.0.1", "Cookie": cookie})
    response = client.getresponse()
    body = response.read()
    client.close()
    return response.status, dict(response.getheaders()), body, time.monotonic() - started


def machine_slowness(port: int, *, source: str = "127.0.0.1", probes: int = 5) -> float:
    """How many times slower than a quiet machine's 20 ms /healthz answers now, with nothing
    else asking the site (at least 1): the serving tests scale their limits with it, so that
    a test machine shared with other work is not taken for a stopped site, whose probes wait
    for seconds (until a slow client's timeout or an export's end) whatever the load."""
    times = []
    for _ in range(probes):
        status, _headers, _body, taken = http_get(port, "/healthz", source=source)
        assert status == 200
        times.append(taken)
    times.sort()
    return max(1.0, times[len(times) // 2] / 0.02)


@contextmanager
def served_site(environment: dict[str, str], log: Path) -> Iterator[tuple[int, subprocess.Popen]]:
    """`make serve`'s nginx and gunicorn (supportcheck/serve.py) on a free port, until the
    app answers through nginx (nginx's own 502 meanwhile); stopped afterwards."""
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "supportcheck.serve"],
            cwd=ROOT,
            env=environment | {"PORT": str(port)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for(port, server, log)
        yield port, server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)


def _wait_for(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if http_get(port, "/healthz")[0] != 502:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(log.read_text())
