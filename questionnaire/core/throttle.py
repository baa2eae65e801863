"""Who a client is (its address, also behind a load balancer), and throttling guesses of
private report links; counts per fixed window, which limit access codes per campaign and
per code (access_codes.py); the 429 pages a throttled client sees (the login lockout here, the
report-link and code pages in respondent/throttle_views.py).

Report tokens carry 256 bits, so guessing one is hopeless; the throttle is there so that
nobody can even try at scale, and so that a flood of wrong links from one client shows up
as a 429 instead of load on the database. Misses are counted per client in the database,
which every app server behind a load balancer shares. A client is stored only as a keyed
hash of its address (never the address itself), and a miss is forgotten after the window.
"""

from __future__ import annotations

import ipaddress
import math
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode

from ..models import AccessCodeTries, CampaignCodeMisses, ReportLinkMiss
from .compiled_query import CompiledQuery

# The models that count tries per fixed window (access_codes.py).
WindowCount = TypeVar("WindowCount", AccessCodeTries, CampaignCodeMisses)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies are in front.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with
    n trusted proxies the n-th entry from the right was written by our own outermost proxy
    and is the real client; anything further left came from the client and could be forged.
    Without that setting the header is ignored, so nobody can pick an address by sending it.
    An IPv6 client counts as its /64 network: one host usually owns all of that prefix.
    """
    address = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [part.strip() for part in forwarded if part.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    return _normalised(address)


def _normalised(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)


# The longest username django-axes' AccessAttempt table holds.
AXES_USERNAME_LENGTH = 255


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username django-axes counts failed logins for (AXES_USERNAME_CALLABLE).

    Django's login form passes a username of any length on to authenticate(); axes would then
    try to store it whole and PostgreSQL would refuse one over 255 characters (a 500). Cut
    there: no account has such a name (usernames are at most 150), so nothing is mixed up.
    """
    source = credentials if credentials else request.POST
    username = source.get("username")
    return username[:AXES_USERNAME_LENGTH] if isinstance(username, str) else username


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address: the same client gives the same key, and the key
    cannot be turned back into the address without the SECRET_KEY (IPv4 has only 2³² values,
    so a plain hash could be reversed by trying them all)."""
    return salted_hmac(
        "supportcheck.report-link-throttle", client_ip(request), algorithm="sha256"
    ).hexdigest()


def report_link_wait(client: str, *, now: datetime | None = None) -> timedelta | None:
    """How long `client` must wait before trying report links again, or None if it may."""
    now = now or timezone.now()
    window = settings.REPORT_LINK_MISS_WINDOW
    limit = settings.REPORT_LINK_MISS_LIMIT
    # The client's latest LIMIT misses, of which those in the window count: the misses in
    # the window are its latest, so these are its latest LIMIT misses in the window.
    latest = _client_misses(limit).fetch(client)
    misses = [miss.missed_at for miss in latest if miss.missed_at > now - window]
    if len(misses) < limit:
        return None
    # The client may try again once the oldest of its last LIMIT misses leaves the window.
    return misses[-1] + window - now


@cache
def _client_misses(limit: int) -> CompiledQuery[ReportLinkMiss]:
    """The query of a client's latest `limit` misses, compiled once per process (every
    report page asks it before anything else; the window is applied in Python, so that
    the query's only value is the client). No client's keyed hash is the stand-in."""

    def latest(client: str) -> QuerySet[ReportLinkMiss]:
        misses = ReportLinkMiss.objects.filter(client=client).only("missed_at")
        return misses.order_by("-missed_at")[:limit]

    return CompiledQuery(latest, ["report-link-client-stand-in"])


def report_link_miss_record(client: str, *, now: datetime | None = None) -> None:
    """Count one wrong report link for `client`, and forget every miss older than the window
    (so the table holds at most LIMIT rows per client that tried in the last window)."""
    now = now or timezone.now()
    ReportLinkMiss.objects.filter(missed_at__lte=now - settings.REPORT_LINK_MISS_WINDOW).delete()
    ReportLinkMiss.objects.create(client=client, missed_at=now)


def window_start(now: datetime, window: timedelta) -> datetime:
    """The start of the fixed window `now` falls in: windows start at whole multiples of
    their length since the epoch, so a stored window says no more than that."""
    length = int(window.total_seconds())
    seconds = int(now.timestamp())
    return datetime.fromtimestamp(seconds - seconds % length, tz=UTC)


def window_left(now: datetime, window: timedelta) -> timedelta:
    """How long until the window `now` falls in is over."""
    return window_start(now, window) + window - now


def window_add(
    model: type[WindowCount], key: dict[str, Any], *, window: timedelta, now: datetime
) -> int:
    """Count one more for `key` in the current window of `model` and return the window's
    count (at least this one; others counted meanwhile may be in it too). Windows of `key`
    that are over are deleted on the way.

    The row is created with INSERT ... ON CONFLICT DO NOTHING and counted with one UPDATE,
    so clients counting at once neither fail nor lose a count.
    """
    start = window_start(now, window)
    model.objects.filter(**key, window__lt=start).delete()
    model.objects.bulk_create([model(**key, window=start, count=0)], ignore_conflicts=True)
    model.objects.filter(**key, window=start).update(count=F("count") + 1)
    return model.objects.filter(**key, window=start).values_list("count", flat=True).first() or 0


def window_take_back(
    model: type[WindowCount], key: dict[str, Any], *, window: timedelta, now: datetime
) -> None:
    """Undo one window_add() of the same `now`: what was counted did not need counting."""
    start = window_start(now, window)
    model.objects.filter(**key, window=start, count__gt=0).update(count=F("count") - 1)


TOO_MANY_REQUESTS = 429


def login_locked_out(request: HttpRequest, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE), for HR and admin logins.

    Its way back leads to the same login page with the same `next` (the login view still
    checks it before following it)."""
    following = request.POST.get("next") or request.GET.get("next")
    back = f"{request.path}?{urlencode({'next': following})}" if following else request.path
    return too_many_requests(
        request, "registration/locked_out.html", settings.AXES_COOLOFF_TIME, {"back_url": back}
    )


def too_many_requests(
    request: HttpRequest, template: str, wait: timedelta, context: dict | None = None
) -> HttpResponse:
    """A 429 page saying how many minutes to wait, with the matching Retry-After."""
    # Whole minutes, rounded up, never 0: "wait 0 minutes" would invite an immediate retry.
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    context = {"minutes": minutes, **(context or {})}
    response = render(request, template, context, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(minutes * 60)
    return response
