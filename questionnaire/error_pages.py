"""A page for the answer Django gives without one: 405 Method Not Allowed.

A view decorated with require_GET / require_http_methods answers another method (PUT,
DELETE, a script's odd request) with an empty 405. Whoever ends up there gets a page that
says nothing was changed, like every other error.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render


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
