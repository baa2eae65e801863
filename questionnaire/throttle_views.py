"""The pages a throttled client sees instead of a login form or a report (status 429)."""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TOO_MANY_REQUESTS = 429


def login_locked_out(request: HttpRequest, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE), for HR and admin logins."""
    return _too_many(request, "registration/locked_out.html", settings.AXES_COOLOFF_TIME)


def report_link_throttled(request: HttpRequest, wait: timedelta) -> HttpResponse:
    return _too_many(request, "results/too_many_attempts.html", wait)


def _too_many(request: HttpRequest, template: str, wait: timedelta) -> HttpResponse:
    # Whole minutes, rounded up, never 0: "wait 0 minutes" would invite an immediate retry.
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    response = render(request, template, {"minutes": minutes}, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(minutes * 60)
    return response
