"""The page a client throttled on report links sees instead of a report (status 429)."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from ..core.throttle import too_many_requests


def report_link_throttled(request: HttpRequest, wait: timedelta) -> HttpResponse:
    # The language switcher goes home rather than back to the (possibly guessed) link.
    context = {"language_next": reverse("home")}
    return too_many_requests(request, "results/too_many_attempts.html", wait, context)
