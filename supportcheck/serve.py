"""`make serve`: gunicorn behind nginx on this machine, as in production (docs/deploy.md).

    python -m supportcheck.serve

nginx listens on 127.0.0.1:$PORT (default 8000) with supportcheck/nginx.conf and passes
complete requests to gunicorn (supportcheck/gunicorn.conf.py) on a free loopback port, so a
slow client never holds a gunicorn worker; one task worker (`manage.py worker`) runs the
background tasks on the same database. Every variable gunicorn.conf.py and the settings
read applies; TRUSTED_PROXY_COUNT defaults to 1 (the client's address comes from nginx).
Stops all three on SIGTERM or Ctrl+C, and all when gunicorn or nginx stops; a worker that
stops is started again.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess  # nosec B404 (starts our own gunicorn and nginx, fixed commands)
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "supportcheck" / "nginx.conf"
GUNICORN = Path(sys.executable).parent / "gunicorn"
MANAGE = ROOT / "manage.py"
WORKER_RESTART_DELAY = 5


def nginx_binary() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(run_dir: Path, *, listen: str, upstream: str) -> Path:
    text = NGINX_CONF.read_text()
    values = {"RUN_DIR": str(run_dir), "LISTEN": listen, "UPSTREAM": upstream, "ROOT": str(ROOT)}
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    path = run_dir / "nginx.conf"
    path.write_text(text)
    return path


def worker_process() -> subprocess.Popen:
    """A task worker in its own session: Ctrl+C in the terminal does not reach it, so it
    gets exactly one SIGTERM from the supervisor and finishes the task in hand (a second
    signal would make django-tasks-db's worker abandon it)."""
    return subprocess.Popen(  # noqa: S603  # nosec B603 (fixed command, no shell)
        [sys.executable, str(MANAGE), "worker", "--no-reload"], cwd=ROOT, start_new_session=True
    )


def main() -> int:
    nginx = nginx_binary()
    if nginx is None:
        sys.exit("make serve puts nginx in front of gunicorn: apt-get install nginx")
    port = int(os.environ.get("PORT") or 8000)
    app_address = f"127.0.0.1:{free_port()}"
    # nginx's workers run as "nobody" when started as root: they must reach their temp dirs.
    run_dir = Path(tempfile.mkdtemp(prefix="supportcheck-serve-"))
    run_dir.chmod(0o755)  # noqa: S103  # only directories nginx creates (for its workers) inside
    config = nginx_config(run_dir, listen=f"127.0.0.1:{port}", upstream=app_address)
    environment = os.environ | {
        "BIND": app_address,
        "TRUSTED_PROXY_COUNT": os.environ.get("TRUSTED_PROXY_COUNT") or "1",
    }
    children = [
        subprocess.Popen(  # noqa: S603  # nosec B603 (fixed command, no shell)
            [str(GUNICORN), "-c", str(ROOT / "supportcheck/gunicorn.conf.py")],
            cwd=ROOT,
            env=environment,
        ),
        subprocess.Popen(  # noqa: S603  # nosec B603 (fixed command, no shell)
            [nginx, "-e", "stderr", "-p", str(run_dir), "-c", str(config), "-g", "daemon off;"]
        ),
    ]
    try:
        return run_children(children, worker=worker_process)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def run_children(
    children: list[subprocess.Popen], *, worker: Callable[[], subprocess.Popen]
) -> int:
    """Runs the servers and a task worker until a signal or a server stops. A worker that
    stops (the database went away, say) is started again a few seconds later: the pages
    keep being served meanwhile, and the tasks wait in the database."""
    stopping = []

    def stop(signum, _frame):
        stopping.append(signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        return _supervise(children, worker, stopping)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _supervise(
    children: list[subprocess.Popen], worker: Callable[[], subprocess.Popen], stopping: list[int]
) -> int:
    tasks = worker()
    restart_at = None
    while not stopping and all(child.poll() is None for child in children):
        if tasks.poll() is not None:
            if restart_at is None:
                print(
                    f"The task worker stopped (exit code {tasks.returncode}); "
                    f"starting it again in {WORKER_RESTART_DELAY} s",
                    file=sys.stderr,
                )
                restart_at = time.monotonic() + WORKER_RESTART_DELAY
            elif time.monotonic() >= restart_at:
                tasks, restart_at = worker(), None
        time.sleep(0.2)
    # gunicorn finishes its requests on SIGTERM, the worker its task; nginx stops at once.
    everything = [*children, tasks]
    for child in everything:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    codes = [child.wait(timeout=60) for child in children]
    tasks.wait(timeout=60)
    return 0 if stopping else max(abs(code) for code in codes)


if __name__ == "__main__":
    sys.exit(main())
