"""Pages for the answers Django gives without one of ours: 405 Method Not Allowed, a body
that cannot be read (400), and a page that does not exist (404).

A view decorated with require_GET / require_http_methods answers another method (PUT,
DELETE, a script's odd request) with an empty 405. Whoever ends up there gets a page that
says nothing was changed, like every other error.
"""

from contextlib import suppress

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers

# What reading a POST's fields can raise on a malformed body: a declared charset other than
# UTF-8 (BadRequest), a multipart body without a boundary, a body too large or with too
# many fields (SuspiciousOperation), a client that hung up half-way (UnreadablePostError).
UNREADABLE_BODY = (BadRequest, SuspiciousOperation, MultiPartParserError, UnreadablePostError)


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response["Allow"]
            for header in ("Cache-Control", "Expires", "X-Robots-Tag"):
                if header in response:
                    page[header] = response[header]
            return page
        return response


class MalformedBodyMiddleware:
    """Reads a POST's fields once, before anything else does, and answers our 400 page when
    they cannot be read.

    Otherwise the CSRF check raises on the first read, and Django's error pages (the 400,
    and the 404 of an address that does not exist) read the body again through their CSRF
    decorator, raise once more and end in gunicorn's bare 500, without our headers or a
    log line. Placed inside the middleware that add the security headers, so the page has
    them too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            try:
                request.POST  # noqa: B018  # parsed here, kept for everything after
            except UNREADABLE_BODY:
                _note_route(request)
                return render(request, "400.html", status=400)
        return self.get_response(request)


def _note_route(request: HttpRequest) -> None:
    # The request log names the route; this answer comes before Django resolved it.
    with suppress(Resolver404):
        request.resolver_match = resolve(request.path_info)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """The 404 page (handler404), like a private page: a wrong report link or campaign link
    is not cached on the way nor indexed, and the page does not repeat the address it was
    asked for (the language switcher goes back to the home page, not to the wrong link)."""
    response = render(request, "404.html", {"language_next": reverse("home")}, status=404)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
