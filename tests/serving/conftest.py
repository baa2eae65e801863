"""What the served site's tests share, made once per test worker: the production static
files (collectstatic with WhiteNoise's compression takes most of a server's start-up) and
the database the servers use."""

import fcntl
from pathlib import Path

import pytest

from tests.support.servers import manage, production_env, served_database_url, served_site


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory, worker_id) -> Path:
    """STATIC_ROOT as `make serve` fills it; the servers only read it. Collected once per
    run: the test workers share the run's folder (pytest-xdist gives each a folder in it),
    and the first to need the files collects them while the other waits."""
    if worker_id == "master":
        return _collect_static(tmp_path_factory.mktemp("static"))
    run_folder = tmp_path_factory.getbasetemp().parent
    with (run_folder / "static.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _collect_static(run_folder / "static")


def _collect_static(root: Path) -> Path:
    done = root / ".collected"
    if not done.exists():
        manage(production_env(root, ""), "collectstatic", "--noinput", "-v0")
        done.touch()
    return root


@pytest.fixture(scope="session")
def served_database(tmp_path_factory, django_db_setup, django_db_blocker) -> str:
    """The DATABASE_URL of the servers: the test database on PostgreSQL (rows a test
    commits are what the server reads), a migrated SQLite file of their own otherwise."""
    with django_db_blocker.unblock():
        return served_database_url(tmp_path_factory.mktemp("db"), production_env(Path(), ""))


@pytest.fixture(scope="module")
def site(tmp_path_factory, collected_static, served_database):
    """The site as `make serve` runs it, on a free port, with four gunicorn workers (one
    thread each): fewer than test_nginx.py's five slow clients, so that only nginx's
    buffering keeps the site answering. Started once for a file's tests that run in a row
    (not for the whole session: its workers' database connections would outlive the tests
    until the test database is dropped). Yields the port, the process and its log file."""
    environment = production_env(collected_static, served_database) | {"WEB_CONCURRENCY": "4"}
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with served_site(environment, log) as (port, server):
        yield port, server, log
