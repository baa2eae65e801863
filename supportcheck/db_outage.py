"""The 503 page in place of any view's response when the database goes away
(questionnaire/core/db_outage.py says what counts as an outage, and makes the page)."""

from __future__ import annotations

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from questionnaire.core.db_outage import is_outage, outage_response


class DatabaseOutageMiddleware:
    """Turns a database outage during any view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DatabaseError) and is_outage(exception):
            return outage_response(request, exception)
        return None
