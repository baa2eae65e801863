"""The Permissions-Policy header on every response: the browser features the site never
uses are switched off for its pages and anything they could embed.

A middleware rather than an nginx line, so that it holds however the app is served (behind
any proxy, or gunicorn alone in a test) and on every response the app makes: pages, error
pages, redirects and WhiteNoise's static files.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": [], "clipboard-write": ["self"]}` → `camera=(), clipboard-write=(self)`."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    """Adds settings.PERMISSIONS_POLICY to each response that has none of its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.header = policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
