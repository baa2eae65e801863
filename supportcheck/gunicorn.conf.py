"""gunicorn settings for SupportCheck, read from the environment (docs/deploy.md).

    gunicorn -c supportcheck/gunicorn.conf.py supportcheck.wsgi

Command-line options still win over this file (`--bind`, `--workers`, ...).
"""

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def _default_workers() -> int:
    # The usual 2 × cores + 1, capped: every worker holds a PostgreSQL connection and may
    # render a PDF (~100 MB), so a large machine should be sized on purpose, not by default.
    return min(2 * (os.cpu_count() or 1) + 1, 12)


# Loopback unless told otherwise: Django trusts X-Forwarded-Proto, so only the TLS proxy
# may reach gunicorn. BIND=0.0.0.0:8000 (or a unix:/path) in a container behind one.
bind = os.environ.get("BIND") or f"127.0.0.1:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", _default_workers())
# Above 1, gunicorn uses its threaded worker; each thread opens its own database connection.
threads = _int("GUNICORN_THREADS", 1)

# A personal PDF renders in well under a second; HR's large reports render on a task worker
# (questionnaire/hr/exports/kept_pdf.py), so no request needs more than a few seconds.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)  # requests finish on SIGTERM
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then (slow leaks, e.g. in the PDF engine); the jitter keeps them
# from all restarting at once. Sized on measurement (bench/bench_serving.py): a worker
# holds ~57 MB and grows by 0.5-1 MB per 1000 requests, so 20000 requests cost 10-20 MB
# before a restart; at 1000 a busy server restarted every worker each minute for nothing.
# Rendering a large HR report raises a worker to ~220 MB once (a plateau, not a leak).
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 2000)

# The worker heartbeat file: on a disk-backed /tmp a slow disk can stall workers. gunicorn
# creates and unlinks it itself (no predictable name), hence no S108.
SHARED_MEMORY = "/dev/shm"  # noqa: S108  # nosec B108
if os.path.isdir(SHARED_MEMORY):
    worker_tmp_dir = SHARED_MEMORY

# Proxies whose X-Forwarded-* headers gunicorn believes (comma-separated, or *).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# gunicorn's access log would write raw paths (report tokens) and client addresses; the
# app's own request log (supportcheck.request) replaces it. Errors still go to stderr,
# through a logger class that takes paths and client addresses out of gunicorn's own lines
# ("Error handling request POST /r/<token>/...", "Invalid request from ip=...").
logger_class = "supportcheck.gunicorn_logging.PrivateLogger"
accesslog = None
disable_redirect_access_to_syslog = True
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# gunicorn ≥ 25 opens a control socket at one fixed path per user; two servers on one
# machine (a test next to a benchmark) would fight over it. Opt in with a path.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# `gunicorn -c supportcheck/gunicorn.conf.py` alone serves the app.
wsgi_app = "supportcheck.wsgi"


def post_worker_init(worker):
    """Import WeasyPrint when a worker starts, not during its first PDF export: the import
    takes about a second of the interpreter's time, which would stall every request the
    worker serves meanwhile (/healthz included)."""
    import weasyprint  # noqa: F401
