"""The pages a throttled client sees (status 429): instead of a report when it asked for
too many wrong report links, and instead of the questionnaire when codes were tried too
often."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from ..core.access_codes import CodeThrottled
from ..core.throttle import too_many_requests
from ..models import Campaign


def report_link_throttled(request: HttpRequest, wait: timedelta) -> HttpResponse:
    # The language switcher goes home rather than back to the (possibly guessed) link.
    context = {"language_next": reverse("home")}
    return too_many_requests(request, "results/too_many_attempts.html", wait, context)


def code_throttled(
    request: HttpRequest, campaign: Campaign, throttled: CodeThrottled
) -> HttpResponse:
    context = {"campaign": campaign, "per_code": throttled.per_code}
    return too_many_requests(request, "survey/too_many_code_tries.html", throttled.wait, context)
