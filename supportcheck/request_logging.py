"""One log line per request, without personal data.

Paths carry secrets (a report token in /r/<token>/, a campaign's link in /s/<id>/), so the
log names the matched route pattern instead, never the path, query string, client address,
user agent, user or cookies. Django's own request loggers get the same treatment through
`HidePathsFilter`.
"""

import json
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

request_logger = logging.getLogger("supportcheck.request")

# A proxy's id is kept only when it cannot smuggle anything else into the log.
_WELL_FORMED_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")
_QUIET_ROUTES = {"/healthz"}  # load balancer probes: DEBUG, or they would drown the log
NO_ROUTE = "-"


def route_of(request: HttpRequest) -> str:
    """The URL pattern the request matched (`/r/<str:token>/`), never the path itself."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "/" + match.route
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
    if request.path.startswith(static_prefix):
        return static_prefix + "*"  # served by WhiteNoise before URL resolution
    return NO_ROUTE


def _request_id(request: HttpRequest) -> str:
    offered = request.headers.get("X-Request-ID", "")
    if _WELL_FORMED_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


class IdentifiedRequest(HttpRequest):
    """A request once RequestLogMiddleware has given it its id."""

    request_id: str


class RequestLogMiddleware:
    """Times every request and logs method, route, status, duration and request id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: IdentifiedRequest) -> HttpResponse:
        started = time.perf_counter()
        request.request_id = _request_id(request)
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        fields = {
            "method": request.method,
            "route": route_of(request),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "request_id": request.request_id,
        }
        level = logging.DEBUG if fields["route"] in _QUIET_ROUTES else logging.INFO
        request_logger.log(
            level,
            "%(method)s %(route)s %(status)s %(duration_ms)sms",
            fields,
            extra={"fields": fields},
        )
        return response


class HidePathsFilter(logging.Filter):
    """Puts the route in place of the raw path in Django's request and server log lines.

    django.request says "Not Found: /r/<token>/" on every 404; runserver's django.server
    logs the whole request line. Attach to those loggers (filters on a logger see its
    records before any handler, test capture included).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest) and isinstance(record.args, tuple):
            # log_response() escapes its arguments, so compare with the escaped path too.
            paths = {request.path, request.path.encode("unicode_escape").decode("ascii")}
            route = route_of(request)
            record.args = tuple(route if arg in paths else arg for arg in record.args)
        elif record.name == "django.server" and isinstance(record.args, tuple) and record.args:
            record.args = _without_path(record.args)
        return True


def _without_path(args: tuple[object, ...]) -> tuple[object, ...]:
    # runserver: ('"GET /r/<token>/?a=b HTTP/1.1"', '404', '123'), or a client address.
    first, *rest = args
    if isinstance(first, str) and first.count(" ") == 2:
        method, _path, protocol = first.split(" ")
        return (f"{method} [path hidden] {protocol}", *rest)
    return ("[hidden]", *rest)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the record's fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
