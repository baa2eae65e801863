"""supportcheck/csp_policy.py: the Content-Security-Policy headers written from policies
built once per process are django-csp's own, for every response, after a setting changes,
and when a view changes the policy or a page asks for a nonce."""

import re

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE, SELF
from csp.decorators import csp_exempt, csp_update
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from supportcheck.csp_policy import CSPMiddleware

pytestmark = pytest.mark.django_db


def _page(request):
    return HttpResponse("<p>page</p>")


@csp_update({"img-src": ["https://example.org"]})
def _updated_page(request):
    return HttpResponse("<p>page</p>")


@csp_exempt()
def _exempt_page(request):
    return HttpResponse("<p>page</p>")


def _nonce_page(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')


def _headers(middleware_class, view, path="/s/abc/") -> dict[str, str]:
    request = RequestFactory().get(path)
    response = middleware_class(view)(request)
    # Each request's nonce is its own: compared as the same placeholder.
    return {
        header: re.sub(r"'nonce-[^']+'", "'nonce-N'", response[header])
        for header in (HEADER, HEADER_REPORT_ONLY)
        if header in response
    }


@pytest.mark.parametrize("view", [_page, _updated_page, _exempt_page, _nonce_page])
def test_the_headers_are_django_csps_own(view):
    for _ in range(2):  # built the first time, kept the second
        assert _headers(CSPMiddleware, view) == _headers(LibraryCSPMiddleware, view)


NONCED = {"DIRECTIVES": {"default-src": [SELF], "script-src": [SELF, NONCE]}}


@pytest.mark.parametrize(
    "policies",
    [
        {"CONTENT_SECURITY_POLICY": {"DIRECTIVES": {"default-src": [SELF, "https://a.example"]}}},
        {"CONTENT_SECURITY_POLICY_REPORT_ONLY": {"DIRECTIVES": {"default-src": [SELF]}}},
        {"CONTENT_SECURITY_POLICY": NONCED},
        {"CONTENT_SECURITY_POLICY": {"EXCLUDE_URL_PREFIXES": ["/s/"], "DIRECTIVES": {}}},
    ],
)
def test_a_changed_setting_is_followed(policies):
    kept_before = _headers(CSPMiddleware, _page)
    with override_settings(**policies):
        for view in (_page, _nonce_page):
            assert _headers(CSPMiddleware, view) == _headers(LibraryCSPMiddleware, view)
    assert _headers(CSPMiddleware, _page) == kept_before


def test_a_nonce_asked_for_after_the_header_is_refused_as_by_django_csp():
    request = RequestFactory().get("/")
    CSPMiddleware(_page)(request)
    with pytest.raises(Exception, match="csp_nonce"):
        str(request.csp_nonce)
