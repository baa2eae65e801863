"""gunicorn's own log lines without paths, queries, tokens or client addresses.

gunicorn writes "Error handling request POST /r/<report token>/delete/" when a request
fails outside Django, and "Invalid request from ip=<address>: <what was wrong>" (the
request line or header it could not parse) for a malformed request. Report links and
campaign links carry their secret in the path, and logs never hold an address
(docs/deploy.md, Logs), so this logger class (`logger_class` in gunicorn.conf.py) rewrites
every error-log line before it is written, and its access log names only the method,
status and duration.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

HIDDEN_PATH = "[path hidden]"

# Messages gunicorn formats itself, and what we keep of them.
_REWRITES = [
    # "Invalid request from ip=192.0.2.1: Invalid HTTP Version: 'HTTP/9' ..." : the detail
    # is a piece of the request (its line, a header), so only the fact stays.
    (re.compile(r"Invalid request from ip=.*", re.DOTALL), "Invalid request from a client"),
    # "Error handling request POST /r/<token>/delete/?a=b": the method stays.
    (re.compile(r"(Error handling request \S+) \S+"), rf"\1 {HIDDEN_PATH}"),
]
# Anywhere else: an address after "ip=", and the secret segment of our private routes.
_SCRUBS = [
    (re.compile(r"\bip=\S+"), "ip=[hidden]"),
    (re.compile(r"/([rs])/[^/\s?'\"]+"), r"/\1/[hidden]"),
]


def private(message: str) -> str:
    """`message` without the paths and addresses it may hold."""
    for pattern, replacement in [*_REWRITES, *_SCRUBS]:
        message = pattern.sub(replacement, message)
    return message


def _formatted(msg, args) -> str:
    text = str(msg)
    if args:
        try:
            text = text % args
        except (TypeError, ValueError):
            text = f"{text} {args!r}"
    return private(text)


class PrivateLogger(Logger):
    """gunicorn's Logger, formatting each error-log line itself and rewriting it first."""

    def critical(self, msg, *args, **kwargs):
        self.error_log.critical(_formatted(msg, args), **kwargs)

    def error(self, msg, *args, **kwargs):
        self.error_log.error(_formatted(msg, args), **kwargs)

    def warning(self, msg, *args, **kwargs):
        self.error_log.warning(_formatted(msg, args), **kwargs)

    def info(self, msg, *args, **kwargs):
        self.error_log.info(_formatted(msg, args), **kwargs)

    def debug(self, msg, *args, **kwargs):
        self.error_log.debug(_formatted(msg, args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        self.error_log.exception(_formatted(msg, args), **kwargs)

    def log(self, lvl, msg, *args, **kwargs):
        super().log(lvl, _formatted(msg, args), **kwargs)

    def access(self, resp, req, environ, request_time):
        """Only when an access log is configured (it is off in gunicorn.conf.py): method,
        status and duration; the app's request log has the route."""
        if not self.access_log_enabled:
            return
        duration_ms = request_time.total_seconds() * 1000
        self.access_log.info("%s %s %.1fms", req.method, resp.status_code, duration_ms)
