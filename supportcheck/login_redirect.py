"""The address a login sends people back to (`next`): only this site's, and short.

A page behind the login redirects an anonymous visitor to the login page with the page's
whole address in `next`, query string included; the login view then redirects to it. A
crafted link with a query string of several KB made that Location header outgrow nginx's
buffer for gunicorn's response headers, and the visitor got nginx's 502. So a `next` longer
than MAX_NEXT_LENGTH, or one leading to another site, is dropped on the way in and on the way
out: the visitor lands on the login page, then on HR's start page (LOGIN_REDIRECT_URL).
No page of the app has an address near that long.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.utils.encoding import iri_to_uri
from django.utils.http import url_has_allowed_host_and_scheme

# Characters of the address as it stands in the Location header (percent-encoded).
MAX_NEXT_LENGTH = 2000


def _is_allowed(url: str, request: HttpRequest) -> bool:
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


class LoginView(auth_views.LoginView):
    """Django's login view, which already refuses another site's `next`, refusing a long one
    too (the login page then leads to LOGIN_REDIRECT_URL)."""

    # Not Django's PUT, which would answer the login form again as if it had been posted.
    http_method_names = ["get", "post", "head", "options"]

    # The stubs give it Django 6's `request` argument; Django 5.2 calls it without.
    def get_redirect_url(self, request: HttpRequest | None = None) -> str:
        url = super().get_redirect_url()
        return url if len(iri_to_uri(url)) <= MAX_NEXT_LENGTH else ""


def _bounded_location(location: str, request: HttpRequest) -> str:
    """`location` without the `next` parameters that are too long or lead elsewhere."""
    parts = urlsplit(location)
    kept = []
    for segment in parts.query.split("&"):
        name, _, raw = segment.partition("=")
        if unquote_plus(name) == REDIRECT_FIELD_NAME and (
            len(raw) > MAX_NEXT_LENGTH or not _is_allowed(unquote_plus(raw), request)
        ):
            continue
        kept.append(segment)
    return urlunsplit(parts._replace(query="&".join(kept)))


class LoginNextMiddleware:
    """Every redirect to a login page (HR's pages, the admin's) carries a `next` the login
    view will follow, or none. A middleware, so that each way a redirect to a login page is
    made, now and later, is covered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        location = response.headers.get("Location", "")
        if 300 <= response.status_code < 400 and f"{REDIRECT_FIELD_NAME}=" in location:
            response["Location"] = _bounded_location(location, request)
        return response
