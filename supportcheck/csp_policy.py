"""The Content-Security-Policy headers, their policies built once per process.

django-csp's middleware builds both policies (the enforced one and the report-only one)
from the settings again on every response, a noticeable share of a questionnaire page's
CPU (bench/profile_journey.py; docs/architecture.md). Unless a view changed them
(@csp_update, @csp_replace, @csp_override, @csp_exempt) or the page asked for a nonce,
they depend on the settings alone, so those strings are built once and written as
django-csp writes them; any other response goes through django-csp itself. The kept
strings are dropped when a setting changes (a test's override_settings).
"""

from __future__ import annotations

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

# What a view or a page can change of the policy, on the response or the request.
_RESPONSE_CHANGES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


class CSPMiddleware(LibraryCSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if settings.DEBUG or _policy_changed(request, response):
            return super().process_response(request, response)
        enforced, report_only = _settings_policies()
        _write(request, response, HEADER, enforced, "CONTENT_SECURITY_POLICY")
        report_only_setting = "CONTENT_SECURITY_POLICY_REPORT_ONLY"
        _write(request, response, HEADER_REPORT_ONLY, report_only, report_only_setting)
        # As django-csp: a nonce asked for once the header is written is an error.
        setattr(request, "csp_nonce", CheckableLazyObject(self._csp_nonce_post_response))  # noqa: B010
        return response


def _policy_changed(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether this response's policies may differ from the settings' own."""
    if getattr(request, "_csp_nonce", None) is not None:
        return True
    return any(getattr(response, name, None) is not None for name in _RESPONSE_CHANGES)


def _write(
    request: HttpRequest, response: HttpResponseBase, header: str, policy: str, setting: str
) -> None:
    """The header as django-csp writes it: unless empty, already set, or the path is one
    of the setting's excluded prefixes."""
    if not policy or header in response:
        return
    prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
    if not request.path_info.startswith(tuple(prefixes)):
        response[header] = policy


@cache
def _settings_policies() -> tuple[str, str]:
    """The enforced and the report-only policy of the settings (either may be empty)."""
    return build_policy(), build_policy(report_only=True)


@receiver(setting_changed)
def _forget_policies(**_kwargs) -> None:
    _settings_policies.cache_clear()
