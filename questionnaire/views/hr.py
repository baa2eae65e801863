"""HR pages: the start page, campaigns and departments, the poster, the dashboard and its
exports.

Every view is for logged-in users only and starts with a scoping helper (scoping.py), so
another organisation's object is a 404. Nothing here is cached on the way: the pages show
an organisation's figures.
"""

from collections.abc import Callable
from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .. import exports, poster, services_hr
from ..aggregates import Dashboard, Score, campaign_dashboard
from ..charts_hr import dashboard_charts
from ..hr_forms import CampaignForm, DepartmentForm
from ..models import LANGUAGE_CHOICES, Campaign
from ..privacy import Hidden
from ..scoping import campaign_for_hr, department_for_hr, organisation_for_hr
from ..selectors_hr import start_page_for_hr, status_label


def _hr_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, and never cached (Cache-Control: private, no-store)."""
    return login_required(never_cache(wraps(view)(view)))


def _public_url(request: HttpRequest, campaign: Campaign) -> str:
    return request.build_absolute_uri(poster.public_path(campaign))


def _form_with_errors(form, error: ValidationError):
    form.add_error(None, error)
    return form


# --- start page --------------------------------------------------------------------------


@_hr_view
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    organisations = start_page_for_hr(request.user, today=timezone.localdate())
    return render(request, "hr/home.html", {"organisations": organisations})


# --- campaigns ---------------------------------------------------------------------------


@_hr_view
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_hr(request.user, organisation_pk)
    form = CampaignForm(request.POST or None)
    if form.is_valid():
        try:
            campaign = services_hr.campaign_create(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The campaign was created."))
            return redirect("hr:dashboard", pk=campaign.pk)
    context = {"form": form, "organisation": organisation, "campaign": None}
    return render(request, "hr/campaign_form.html", context)


@_hr_view
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_for_hr(request.user, pk)
    today = timezone.localdate()
    form = CampaignForm.for_campaign(campaign, request.POST or None, today=today)
    if form.is_valid():
        try:
            services_hr.campaign_update(campaign=campaign, today=today, **form.cleaned_data)
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The campaign was saved."))
            return redirect("hr:dashboard", pk=campaign.pk)
    context = {"form": form, "organisation": campaign.organisation, "campaign": campaign}
    return render(request, "hr/campaign_form.html", context)


# --- departments -------------------------------------------------------------------------


@_hr_view
@require_GET
def departments(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_hr(request.user, organisation_pk)
    context = {
        "organisation": organisation,
        "departments": organisation.departments.order_by("name"),
        "form": DepartmentForm(),
    }
    return render(request, "hr/departments.html", context)


@_hr_view
@require_http_methods(["GET", "POST"])
def department_create(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_hr(request.user, organisation_pk)
    form = DepartmentForm(request.POST or None)
    if form.is_valid():
        try:
            services_hr.department_create(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The department was added."))
            return redirect("hr:departments", organisation_pk=organisation.pk)
    context = {"form": form, "organisation": organisation, "department": None}
    return render(request, "hr/department_form.html", context)


@_hr_view
@require_http_methods(["GET", "POST"])
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_for_hr(request.user, pk)
    form = DepartmentForm.for_department(department, request.POST or None)
    if form.is_valid():
        try:
            services_hr.department_update(department=department, **form.cleaned_data)
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The department was saved."))
            return redirect("hr:departments", organisation_pk=department.organisation_id)
    context = {"form": form, "organisation": department.organisation, "department": department}
    return render(request, "hr/department_form.html", context)


@_hr_view
@require_http_methods(["GET", "POST"])
def department_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes, unless responses name the department."""
    department = department_for_hr(request.user, pk)
    if request.method == "POST":
        try:
            services_hr.department_delete(department=department)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The department was deleted."))
        return redirect("hr:departments", organisation_pk=department.organisation_id)
    return render(request, "hr/department_confirm_delete.html", {"department": department})


# --- poster ------------------------------------------------------------------------------


@_hr_view
@require_GET
def campaign_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """The poster in the campaign's default language, or another one (?lang=)."""
    campaign = campaign_for_hr(request.user, pk)
    url = _public_url(request, campaign)
    language = poster.poster_language(campaign, request.GET.get("lang"))
    context = {
        "campaign": campaign,
        "poster": poster.poster_fragment(campaign, url=url, language=language),
        "poster_language": language,
        "languages": LANGUAGE_CHOICES,
    }
    return render(request, "hr/poster.html", context)


@_hr_view
@require_GET
def campaign_poster_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_for_hr(request.user, pk)
    language = poster.poster_language(campaign, request.GET.get("lang"))
    content = poster.poster_pdf(campaign, url=_public_url(request, campaign), language=language)
    return _attachment(content, "application/pdf", _filename(campaign, f"poster-{language}", "pdf"))


# --- dashboard and exports ---------------------------------------------------------------


def _dashboard(request: HttpRequest, pk: int) -> Dashboard:
    campaign = campaign_for_hr(request.user, pk)
    return campaign_dashboard(campaign, today=timezone.localdate())


@_hr_view
@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    board = _dashboard(request, pk)
    charts = dashboard_charts(board)
    context = {
        "dashboard": board,
        "campaign": board.campaign,
        "status_label": status_label(board.status),
        "charts": charts,
        "work_scores": (board.overall, board.pressure, board.climate),
        "heatmap_rows": [(row, _common_reason(row.scores)) for row in board.heatmap],
        "distributions": list(
            zip(board.distributions, charts.get("distributions", []), strict=False)
        ),
        "public_url": _public_url(request, board.campaign),
    }
    return render(request, "hr/dashboard.html", context)


def _common_reason(scores: tuple[Score, ...]) -> Hidden | None:
    """The reason when every score of a heatmap row is hidden for the same one, so the
    table says it once across the row instead of in each of its ten cells."""
    reasons = {score.hidden for score in scores}
    if len(reasons) == 1 and None not in reasons:
        return reasons.pop()
    return None


def _filename(campaign: Campaign, kind: str, extension: str, day: date | None = None) -> str:
    name = slugify(campaign.name) or "campaign"
    day = day or timezone.localdate()
    middle = f"-{kind}" if kind else ""
    return f"supportcheck-{name}{middle}-{day.isoformat()}.{extension}"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@_hr_view
@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    board = _dashboard(request, pk)
    return _attachment(
        exports.dashboard_csv(board),
        "text/csv; charset=utf-8",
        _filename(board.campaign, "", "csv", board.today),
    )


@_hr_view
@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    board = _dashboard(request, pk)
    return _attachment(
        exports.dashboard_xlsx(board),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _filename(board.campaign, "", "xlsx", board.today),
    )


@_hr_view
@require_GET
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    board = _dashboard(request, pk)
    return _attachment(
        exports.dashboard_pdf(board, site_url=request.build_absolute_uri("/")),
        "application/pdf",
        _filename(board.campaign, "", "pdf", board.today),
    )
