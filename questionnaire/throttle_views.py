"""The pages a throttled client sees instead of a login form or a report (status 429)."""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

TOO_MANY_REQUESTS = 429


def login_locked_out(request: HttpRequest, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE), for HR and admin logins.

    Its way back leads to the same login page with the same `next` (the login view still
    checks it before following it)."""
    following = request.POST.get("next") or request.GET.get("next")
    back = f"{request.path}?{urlencode({'next': following})}" if following else request.path
    return _too_many(
        request, "registration/locked_out.html", settings.AXES_COOLOFF_TIME, {"back_url": back}
    )


def report_link_throttled(request: HttpRequest, wait: timedelta) -> HttpResponse:
    # The language switcher goes home rather than back to the (possibly guessed) link.
    context = {"language_next": reverse("home")}
    return _too_many(request, "results/too_many_attempts.html", wait, context)


def _too_many(
    request: HttpRequest, template: str, wait: timedelta, context: dict | None = None
) -> HttpResponse:
    # Whole minutes, rounded up, never 0: "wait 0 minutes" would invite an immediate retry.
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    context = {"minutes": minutes, **(context or {})}
    response = render(request, template, context, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(minutes * 60)
    return response
