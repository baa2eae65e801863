"""The respondent's private report pages: results, PDF, deletion.

Every page is reached through the token of the private report link; a wrong token is a
plain 404 (tokens.response_for_token), and a client that has asked for too many wrong ones
gets 429 on every report link for a while (throttle.py). These pages show one person's
answers, so nothing may be cached on the way or indexed.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ...core.aggregates import is_frozen
from ...core.instrument import LANGUAGES
from ...core.languages import active_language
from ...core.throttle import client_key, report_link_miss_record, report_link_wait
from ..deletion import FIGURES_STATES, figures_after_deletion, response_delete
from ..forms import STEP_FIELD, BadPicks, clean_kept_picks, wants_to_keep
from ..reports import personal_report_pdf
from ..results import offered_step_codes, personal_results
from ..services import kept_step_codes, kept_steps_forget, kept_steps_replace
from ..throttle_views import report_link_throttled
from ..tokens import UnknownReportLink, response_for_token

MAX_PICKS = 50  # more than there are first steps: the rest of a longer list is ignored


def _private(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """No caching anywhere (Cache-Control: private, no-store, ...) and no indexing."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


def _throttled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """429 for a client over the limit of wrong tokens, whatever token it sends now; else
    the view, counting a wrong token against the client (the 404 itself stays unchanged)."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        client = client_key(request)
        wait = report_link_wait(client)
        if wait is not None:
            return report_link_throttled(request, wait)
        try:
            return view(request, token, *args, **kwargs)
        except UnknownReportLink:
            report_link_miss_record(client)
            raise

    return wrapper


@_private
@require_GET
@_throttled
def detail(request: HttpRequest, token: str) -> HttpResponse:
    response = response_for_token(token)
    language = active_language()
    context = {
        "results": personal_results(response, language=language, today=timezone.localdate()),
        "token": token,
        "report_url": request.build_absolute_uri(reverse("results:detail", args=[token])),
        "fiche_page_url": request.build_absolute_uri(reverse("fiche")),
        "pdf_language": language,
        "picks_url": reverse("results:pdf", args=[token]),
        "kept_codes": kept_step_codes(response),
        "figures_frozen": is_frozen(response.campaign),
    }
    return render(request, "results/detail.html", context)


@_private
@require_http_methods(["GET", "POST"])
@_throttled
def pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The PDF report, in the language of the page it was asked from (lang=), else in the
    language the questionnaire was answered in. A POST carries the first steps the
    respondent ticked (step=...): that PDF is made for this download only. With the keep
    box ticked (keep=yes) those steps are kept with the response, checked strictly (400 for
    anything our page could not have sent, nothing stored); a POST without it forgets any
    kept before."""
    response = response_for_token(token)
    language = request.POST.get("lang") or request.GET.get("lang")
    if language not in LANGUAGES:
        language = response.language
    picks = request.POST.getlist(STEP_FIELD)[:MAX_PICKS]
    if request.method == "POST":
        try:
            _keep_or_forget_picks(request, response)
        except BadPicks as error:
            return _bad_picks(request, token, error)
    content = personal_report_pdf(
        response=response,
        language=language,
        site_url=request.build_absolute_uri("/"),
        today=timezone.localdate(),
        picks=picks,
    )
    download = HttpResponse(content, content_type="application/pdf")
    filename = f"supportcheck-report-{response.submitted_on.isoformat()}.pdf"
    download["Content-Disposition"] = f'attachment; filename="{filename}"'
    return download


def _keep_or_forget_picks(request: HttpRequest, response) -> None:
    if wants_to_keep(request.POST):
        codes = clean_kept_picks(
            request.POST, has_files=bool(request.FILES), offered=offered_step_codes(response)
        )
        kept_steps_replace(response=response, codes=codes)
    else:
        kept_steps_forget(response=response)


def _bad_picks(request: HttpRequest, token: str, error: BadPicks) -> HttpResponse:
    context = {"problem": error.message, "token": token}
    return render(request, "results/bad_request.html", context, status=400)


@_private
@require_POST
@_throttled
def forget_steps(request: HttpRequest, token: str) -> HttpResponse:
    """Delete the first steps kept with the response, then back to the results."""
    kept_steps_forget(response=response_for_token(token))
    return redirect(reverse("results:detail", args=[token]) + "#advice-heading")


@_private
@require_http_methods(["GET", "POST"])
@_throttled
def delete(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation; POST deletes the response for good."""
    response = response_for_token(token)
    figures = figures_after_deletion(response.campaign, today=timezone.localdate())
    if request.method == "POST":
        response_delete(response=response)
        # The page after it says what the deletion did to the wave's figures: their state
        # goes along in the address, since nothing about the response is left to ask.
        return redirect(reverse("results:deleted") + f"?figures={figures}")
    return render(request, "results/confirm_delete.html", {"token": token, "figures": figures})


@_private
@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    figures = request.GET.get("figures")
    context = {"figures": figures if figures in FIGURES_STATES else None, "after": True}
    return render(request, "results/deleted.html", context)
