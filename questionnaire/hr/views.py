"""HR pages: the start page; for access custodians campaigns, departments, the poster
and codes; for readers the dashboard, its exports, the audit log and the team managers;
for team managers the dashboard and exports restricted to their departments.

Every view is for logged-in users only and starts with a scoping helper of its role
(scoping.py), so another organisation's object, or one where the user lacks that role, is
a 404. Nothing here is cached on the way: the pages show an organisation's figures.
"""

from collections.abc import Callable
from datetime import date
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ..core.access_codes import code_batch_create, codes_per_department
from ..core.aggregates import Dashboard, campaign_dashboard, for_departments
from ..core.audit_log import audit_events_for
from ..core.gc_pace import fewer_collections
from ..core.invitations import campaign_addresses, invitation_progress, reminder_day
from ..core.languages import LANGUAGE_CHOICES
from ..core.roles import (
    MANAGER,
    codes_offered,
    hr_role_grant,
    hr_role_remove,
    manager_departments_change,
)
from ..models import ActionPlanItem, Campaign, HRMembership, roles_conflict, users_with_both_roles
from . import actions, poster, services
from .actions import (
    ActionForm,
    action_groups,
    action_plan,
    area_advice,
    areas_asked,
    closed_check,
    group_label,
    plan_tables,
    with_plan_links,
)
from .audit_sentences import audit_lines
from .dashboard import (
    SHOWN_FINDINGS,
    Table,
    against_organisation,
    campaign_name,
    dashboard_charts,
    has_figures,
    key_findings,
    local_name,
    participation_finding,
    participation_line,
    privacy_explained,
    privacy_line,
    scope_line,
    tables_by_key,
    versus_legend,
    with_answer_bars,
)
from .exports import ExportBeingRendered, campaign_pdf, dashboard_csv, dashboard_workbook
from .forms import (
    CampaignForm,
    CodeBatchForm,
    DepartmentForm,
    InvitationAddressesForm,
    ManagerDepartmentsForm,
    ManagerGrantForm,
)
from .scoping import (
    CUSTODIAN,
    READER,
    batch_for_custodian,
    campaign_and_departments_for_viewer,
    campaign_for_custodian,
    department_for_custodian,
    manager_for_reader,
    organisation_for_custodian,
    organisation_for_reader,
    roles_in,
)
from .selectors import start_page_for_hr, status_label


class HRRequest(HttpRequest):
    """The request an HR view gets: `_hr_view` lets logged-in users only through, so its
    user is a User, never AnonymousUser."""

    user: User


def _hr_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, and never cached (Cache-Control: private, no-store)."""
    return login_required(never_cache(wraps(view)(view)))


def _public_url(request: HRRequest, campaign: Campaign) -> str:
    return request.build_absolute_uri(poster.public_path(campaign))


def _form_with_errors(form, error: ValidationError):
    form.add_error(None, error)
    return form


# --- start page --------------------------------------------------------------------------


@_hr_view
@require_GET
def home(request: HRRequest) -> HttpResponse:
    organisations = start_page_for_hr(request.user, today=timezone.localdate())
    return render(request, "hr/home.html", {"organisations": organisations})


# --- campaigns ---------------------------------------------------------------------------


@_hr_view
@require_http_methods(["GET", "POST"])
def campaign_create(request: HRRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_custodian(request.user, organisation_pk)
    form = CampaignForm(request.POST or None, codes_offered=codes_offered(organisation))
    if form.is_valid():
        try:
            campaign = services.campaign_create(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The campaign was created."))
            return redirect("hr:campaign_access", pk=campaign.pk)
    context = {"form": form, "organisation": organisation, "campaign": None}
    return render(request, "hr/campaign_form.html", context)


@_hr_view
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HRRequest, pk: int) -> HttpResponse:
    campaign = campaign_for_custodian(request.user, pk)
    today = timezone.localdate()
    form = CampaignForm.for_campaign(
        campaign,
        request.POST or None,
        today=today,
        codes_offered=codes_offered(campaign.organisation),
    )
    if form.is_valid():
        try:
            services.campaign_update(
                campaign=campaign, today=today, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The campaign was saved."))
            return redirect("hr:campaign_access", pk=campaign.pk)
    context = {"form": form, "organisation": campaign.organisation, "campaign": campaign}
    return render(request, "hr/campaign_form.html", context)


@_hr_view
@require_GET
def campaign_access(request: HRRequest, pk: int) -> HttpResponse:
    """The custodian's page of a campaign: how people get in, without a figure."""
    campaign = campaign_for_custodian(request.user, pk)
    today = timezone.localdate()
    context = {
        "campaign": campaign,
        "campaign_name": campaign_name(campaign),
        "status": campaign.status(today),
        "status_label": status_label(campaign.status(today)),
        "public_url": _public_url(request, campaign),
        "both_roles": users_with_both_roles(campaign.organisation),
        "reader": READER in roles_in(request.user, campaign.organisation_id),
    }
    return render(request, "hr/campaign_access.html", context)


# --- departments -------------------------------------------------------------------------


@_hr_view
@require_GET
def departments(request: HRRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_custodian(request.user, organisation_pk)
    context = {
        "organisation": organisation,
        "departments": organisation.departments.order_by("name"),
        "form": DepartmentForm(),
    }
    return render(request, "hr/departments.html", context)


@_hr_view
@require_http_methods(["GET", "POST"])
def department_create(request: HRRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_custodian(request.user, organisation_pk)
    form = DepartmentForm(request.POST or None)
    if form.is_valid():
        try:
            services.department_create(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The department was added."))
            return redirect("hr:departments", organisation_pk=organisation.pk)
    context = {"form": form, "organisation": organisation, "department": None}
    return render(request, "hr/department_form.html", context)


@_hr_view
@require_http_methods(["GET", "POST"])
def department_edit(request: HRRequest, pk: int) -> HttpResponse:
    department = department_for_custodian(request.user, pk)
    form = DepartmentForm.for_department(department, request.POST or None)
    if form.is_valid():
        try:
            services.department_update(
                department=department, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The department was saved."))
            return redirect("hr:departments", organisation_pk=department.organisation_id)
    context = {"form": form, "organisation": department.organisation, "department": department}
    return render(request, "hr/department_form.html", context)


@_hr_view
@require_http_methods(["GET", "POST"])
def department_delete(request: HRRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes, unless responses name the department."""
    department = department_for_custodian(request.user, pk)
    if request.method == "POST":
        try:
            services.department_delete(department=department, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The department was deleted."))
        return redirect("hr:departments", organisation_pk=department.organisation_id)
    return render(request, "hr/department_confirm_delete.html", {"department": department})


# --- poster ------------------------------------------------------------------------------


@_hr_view
@require_GET
def campaign_poster(request: HRRequest, pk: int) -> HttpResponse:
    """The poster in the campaign's default language, or another one (?lang=)."""
    campaign = campaign_for_custodian(request.user, pk)
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
def campaign_poster_pdf(request: HRRequest, pk: int) -> HttpResponse:
    campaign = campaign_for_custodian(request.user, pk)
    language = poster.poster_language(campaign, request.GET.get("lang"))
    content = poster.poster_pdf(campaign, url=_public_url(request, campaign), language=language)
    return _attachment(content, "application/pdf", _filename(campaign, f"poster-{language}", "pdf"))


# --- dashboard and exports ---------------------------------------------------------------


def _dashboard(request: HRRequest, pk: int) -> Dashboard:
    """The campaign's Dashboard, its groups named in the request's language: the readers'
    whole one, or a team manager's part of it (their departments and the organisation)."""
    campaign, departments = campaign_and_departments_for_viewer(request.user, pk)
    board = campaign_dashboard(campaign, today=timezone.localdate())
    return board if departments is None else for_departments(board, departments)


@_hr_view
@require_GET
def dashboard(request: HRRequest, pk: int) -> HttpResponse:
    # The page's tables and charts are many small objects kept until it is rendered.
    with fewer_collections():
        return _dashboard_page(request, pk)


def _dashboard_page(request: HRRequest, pk: int) -> HttpResponse:
    board = _dashboard(request, pk)
    heatmap_view = "absolute" if request.GET.get("heatmap") == "absolute" else "versus"
    charts = dashboard_charts(board, heatmap=heatmap_view == "absolute")
    context = {
        "dashboard": board,
        "campaign": board.campaign,
        "campaign_name": campaign_name(board.campaign),
        "status_label": status_label(board.status),
        "charts": charts,
        "tables": _with_answer_bars(tables_by_key(board), board),
        **_findings_context(board, request),
        "heatmap_view": heatmap_view,
        # Each view draws one of the two heat maps.
        "versus": against_organisation(board) if heatmap_view != "absolute" else None,
        "versus_legend": versus_legend(),
        "participation_line": participation_line(board),
        "has_figures": has_figures(board),
        "privacy_line": privacy_line(board.needed),
        "privacy_explained": privacy_explained(k=board.k, needed=board.needed),
        "fiche_page_url": reverse("fiche"),
        "public_url": _public_url(request, board.campaign),
        "scope_line": scope_line(board),
        **_roles_on_dashboard(request.user, board),
    }
    return render(request, "hr/dashboard.html", context)


def _findings_context(board: Dashboard, request: HRRequest) -> dict:
    """Where to act: the first SHOWN_FINDINGS, the rest behind "and N more"; once the
    wave has closed each with a link that plans an action for it, and the action plan:
    the previous wave's actions and what became of their areas, then this wave's."""
    found: list = key_findings(board)
    context: dict = {"participation": participation_finding(board), "plan": None}
    if board.scores_released:
        groups = action_groups(board)
        form_url = reverse("hr:action_create", kwargs={"pk": board.campaign.pk})
        found = with_plan_links(found, groups, form_url)
        context["plan"] = action_plan(board)
    return {**context, "findings": found[:SHOWN_FINDINGS], "more_findings": found[SHOWN_FINDINGS:]}


def _roles_on_dashboard(user: User, board: Dashboard) -> dict:
    """Whether the viewer is a reader (the page links to the audit log) and also runs the
    access (it links to that), and, for readers, who is custodian and also sees figures
    where that is why an open-link campaign has no codes: one query."""
    campaign = board.campaign
    roles: dict[str, set[str]] = {}
    memberships = HRMembership.objects.filter(organisation_id=campaign.organisation_id)
    for username, role in memberships.values_list("user__username", "role"):
        roles.setdefault(username, set()).add(role)
    both = sorted(name for name, held in roles.items() if roles_conflict(held))
    reader = board.scope is None
    return {
        "reader": reader,
        "custodian": CUSTODIAN in roles.get(user.get_username(), set()),
        "both_roles": both if reader and campaign.access == Campaign.OPEN_LINK else [],
    }


def _with_answer_bars(tables: dict[str, Table], board: Dashboard) -> dict[str, Table]:
    """The page draws each question's answers as a bar in its row."""
    if "answers" in tables:
        tables["answers"] = with_answer_bars(tables["answers"], board)
    return tables


def _filename(campaign: Campaign, kind: str, extension: str, day: date | None = None) -> str:
    # The name the reader reads on the page: a French reader's file is "enquete-...".
    name = slugify(campaign_name(campaign)) or "campaign"
    day = day or timezone.localdate()
    middle = f"-{kind}" if kind else ""
    return f"supportcheck-{name}{middle}-{day.isoformat()}.{extension}"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@_hr_view
@require_GET
def export_csv(request: HRRequest, pk: int) -> HttpResponse:
    board = _dashboard(request, pk)
    return _attachment(
        dashboard_csv(board, plan_tables(action_plan(board))),
        "text/csv; charset=utf-8",
        _filename(board.campaign, "", "csv", board.today),
    )


@_hr_view
@require_GET
def export_xlsx(request: HRRequest, pk: int) -> HttpResponse:
    board = _dashboard(request, pk)
    return _attachment(
        dashboard_workbook(board, plan_tables(action_plan(board))),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _filename(board.campaign, "", "xlsx", board.today),
    )


# Seconds before the "being prepared" page asks for the PDF again.
EXPORT_RETRY_SECONDS = 3


@_hr_view
@require_GET
def export_pdf(request: HRRequest, pk: int) -> HttpResponse:
    campaign, departments = campaign_and_departments_for_viewer(request.user, pk)
    today = timezone.localdate()
    try:
        # The configured address, not the request's Host: the kept PDF depends on it.
        content = campaign_pdf(
            campaign, today=today, site_url=settings.SITE_URL, departments=departments
        )
    except ExportBeingRendered:
        return _export_being_prepared(request, campaign)
    return _attachment(content, "application/pdf", _filename(campaign, "", "pdf", today))


# --- access codes --------------------------------------------------------------------------


@_hr_view
@require_http_methods(["GET", "POST"])
def codes(request: HRRequest, pk: int) -> HttpResponse:
    """Codes issued per department, the batches to print, and a form to issue more."""
    campaign = campaign_for_custodian(request.user, pk)
    form = CodeBatchForm(request.POST or None, campaign=campaign)
    if form.is_valid():
        try:
            batch = code_batch_create(
                campaign=campaign,
                actor=request.user,
                today=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(
                request,
                _("%(count)s codes were issued for %(department)s: print them below.")
                % {"count": batch.size, "department": local_name(batch.department)},
            )
            return redirect("hr:codes", pk=campaign.pk)
    context = {
        "campaign": campaign,
        "form": form,
        "per_department": codes_per_department(campaign),
        # Printed batches only: the codes sent by e-mail exist only in their messages.
        "batches": campaign.code_batches.filter(invited=False).select_related("department"),
        "public_url": _public_url(request, campaign),
    }
    return render(request, "hr/codes.html", context)


def _codes_download(request: HRRequest, pk: int, batch_pk: int, render_codes, kind: str):
    batch = batch_for_custodian(request.user, pk, batch_pk)
    content = render_codes(batch, url=_public_url(request, batch.campaign))
    content_type = "application/pdf" if kind == "pdf" else "text/csv; charset=utf-8"
    name = f"codes-{slugify(local_name(batch.department)) or batch.pk}"
    return _attachment(content, content_type, _filename(batch.campaign, name, kind))


@_hr_view
@require_GET
def code_slips_pdf(request: HRRequest, pk: int, batch_pk: int) -> HttpResponse:
    """The batch's codes as slips to print and cut apart."""
    return _codes_download(request, pk, batch_pk, poster.code_slips_pdf, "pdf")


@_hr_view
@require_GET
def code_list_csv(request: HRRequest, pk: int, batch_pk: int) -> HttpResponse:
    """The batch's codes with their links, for a mail merge."""
    return _codes_download(request, pk, batch_pk, poster.code_list_csv, "csv")


# --- invitations by e-mail ----------------------------------------------------------------


@_hr_view
@require_http_methods(["GET", "POST"])
def invitations(request: HRRequest, pk: int) -> HttpResponse:
    """The addresses per department, how far sending is, and the buttons that send the
    invitations and the one reminder. The custodian never sees a code here."""
    campaign = campaign_for_custodian(request.user, pk)
    today = timezone.localdate()
    action = request.POST.get("action") if request.method == "POST" else None
    form = None
    if action == "add":
        form = InvitationAddressesForm(
            request.POST,
            request.FILES,
            campaign=campaign,
            already=campaign_addresses(campaign),
        )
        if form.is_valid():
            done = _run(
                request,
                lambda: services.invitation_addresses_add(
                    campaign=campaign, actor=request.user, today=today, **form.cleaned_data
                ),
                form,
            )
            if done:
                return redirect("hr:invitations", pk=campaign.pk)
    elif action in ("send", "remind"):
        if _run(request, lambda: services.invitations_start(campaign, action, today=today)):
            return redirect(reverse("hr:invitations", kwargs={"pk": campaign.pk}) + "?sending=1")
    elif action is not None:
        return HttpResponseBadRequest(render_to_string("400.html", request=request))
    return _invitations_page(request, campaign, today, form)


def _run(request: HRRequest, work: Callable[[], str], form=None) -> bool:
    """Do `work`, saying what it did; a refusal goes on the form or the page."""
    try:
        said = work()
    except ValidationError as error:
        if form is not None:
            form.add_error(None, error)
        else:
            messages.error(request, error.messages[0])
        return False
    messages.success(request, said)
    return True


def _invitations_page(request: HRRequest, campaign: Campaign, today: date, form) -> HttpResponse:
    status = campaign.status(today)
    totals, per_department = invitation_progress(campaign)
    on_codes = campaign.access == Campaign.ACCESS_CODES
    context = {
        "campaign": campaign,
        "status": status,
        "on_codes": on_codes,
        "can_add": on_codes and status != Campaign.CLOSED,
        "totals": totals,
        "per_department": per_department,
        "form": form or InvitationAddressesForm(campaign=campaign, already=set()),
        "can_send": on_codes and status != Campaign.CLOSED and totals.waiting + totals.failed > 0,
        "can_remind": status == Campaign.OPEN and totals.sent > totals.reminded,
        "reminder_on": reminder_day(campaign),
    }
    # Just asked to send, and messages are still waiting: the page follows the progress by
    # asking again every few seconds (the Refresh header, no script needed).
    context["following"] = "sending" in request.GET and (
        totals.waiting > 0 or (context["can_remind"] and totals.reminded > 0)
    )
    status_code = 400 if form is not None and form.errors else 200
    response = render(request, "hr/invitations.html", context, status=status_code)
    if context["following"]:
        response["Refresh"] = str(PROGRESS_REFRESH_SECONDS)
    return response


# Seconds between two looks at the progress of sending.
PROGRESS_REFRESH_SECONDS = 5


# --- audit log -----------------------------------------------------------------------------


@_hr_view
@require_GET
def audit_log(request: HRRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_reader(request.user, organisation_pk)
    events = audit_events_for(organisation)[:500]
    lines = audit_lines(events, organisation=organisation)
    return render(request, "hr/audit_log.html", {"organisation": organisation, "lines": lines})


def _export_being_prepared(request: HRRequest, campaign: Campaign) -> HttpResponse:
    """The PDF is still being rendered (off the request, or for another one): a page that
    asks again in a few seconds (Refresh), instead of a worker waiting for it."""
    context = {"campaign": campaign, "seconds": EXPORT_RETRY_SECONDS}
    response = render(request, "hr/export_pending.html", context, status=202)
    response["Refresh"] = str(EXPORT_RETRY_SECONDS)
    response["Retry-After"] = str(EXPORT_RETRY_SECONDS)
    return response


# --- team managers -------------------------------------------------------------------------


def _posted(request: HRRequest):
    """The POST data, or None for a GET: an empty POST is a bound form and refused."""
    return request.POST if request.method == "POST" else None


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@_hr_view
@require_http_methods(["GET", "POST"])
def managers(request: HRRequest, organisation_pk: int) -> HttpResponse:
    """The organisation's team managers with their departments, and a form that makes an
    existing account one (readers only; roles.py writes the audit log)."""
    organisation = organisation_for_reader(request.user, organisation_pk)
    form = ManagerGrantForm(_posted(request), organisation=organisation)
    if form.is_bound and form.is_valid():
        user, departments = form.cleaned_data["username"], form.cleaned_data["departments"]
        try:
            hr_role_grant(
                user=user,
                organisation=organisation,
                role=MANAGER,
                actor=request.user,
                departments=list(departments),
            )
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(
                request,
                _("%(user)s is now a team manager.") % {"user": user.get_username()},
            )
            return redirect("hr:managers", organisation_pk=organisation.pk)
    listed = organisation.hr_memberships.filter(role=MANAGER).select_related("user")
    context = {
        "organisation": organisation,
        "managers": listed.prefetch_related("departments").order_by("user__username"),
        "form": form,
    }
    return render(request, "hr/managers.html", context, status=_status(form))


@_hr_view
@require_http_methods(["GET", "POST"])
def manager_edit(request: HRRequest, pk: int) -> HttpResponse:
    """Change which departments a team manager sees."""
    membership = manager_for_reader(request.user, pk)
    organisation = membership.organisation
    initial = {"departments": list(membership.departments.all())}
    form = ManagerDepartmentsForm(_posted(request), organisation=organisation, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            manager_departments_change(
                membership=membership,
                departments=list(form.cleaned_data["departments"]),
                actor=request.user,
            )
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The team manager's departments were saved."))
            return redirect("hr:managers", organisation_pk=organisation.pk)
    context = {"organisation": organisation, "membership": membership, "form": form}
    return render(request, "hr/manager_form.html", context, status=_status(form))


@_hr_view
@require_http_methods(["GET", "POST"])
def manager_remove(request: HRRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST takes the role away."""
    membership = manager_for_reader(request.user, pk)
    organisation_pk = membership.organisation_id
    if request.method == "POST":
        username = membership.user.get_username()
        hr_role_remove(membership=membership, actor=request.user)
        messages.success(request, _("%(user)s is no longer a team manager.") % {"user": username})
        return redirect("hr:managers", organisation_pk=organisation_pk)
    return render(request, "hr/manager_confirm_remove.html", {"membership": membership})


# --- action plans --------------------------------------------------------------------------


def _action_board(request: HRRequest, pk: int) -> Dashboard:
    """The dashboard the action pages take their groups (action_groups) and actions from:
    the one seam between who may plan and what they see. A reader gets the campaign's
    whole dashboard, a team manager the part of their departments (_dashboard)."""
    return _dashboard(request, pk)


def _action_in(board: Dashboard, action_pk: int) -> ActionPlanItem:
    """An action of the board's wave and of one of its groups, else a 404."""
    groups = action_groups(board)
    action = get_object_or_404(
        ActionPlanItem.objects.select_related("campaign__organisation", "department"),
        pk=action_pk,
        campaign=board.campaign,
    )
    if action.department_id not in {group.department_id for group in groups}:
        raise Http404
    return action


def _not_closed(request: HRRequest, board: Dashboard) -> HttpResponse | None:
    """The page that says actions wait for the wave to close (409), or None."""
    try:
        closed_check(board.campaign, board.today)
    except ValidationError as error:
        context = {"campaign": board.campaign, "message": error.messages[0]}
        return render(request, "hr/action_refused.html", context, status=409)
    return None


def _action_page(request: HRRequest, board: Dashboard, form: ActionForm, action=None):
    context = {
        "campaign": board.campaign,
        "campaign_name": campaign_name(board.campaign),
        "form": form,
        "action": action,
        "advice": [(label, area_advice(code)) for code, label in areas_asked(board.campaign)],
        "fiche_page_url": reverse("fiche"),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "hr/action_form.html", context, status=status)


def _to_plan(board: Dashboard) -> HttpResponse:
    return redirect(reverse("hr:dashboard", kwargs={"pk": board.campaign.pk}) + "#actions-heading")


@_hr_view
@require_http_methods(["GET", "POST"])
def action_create(request: HRRequest, pk: int) -> HttpResponse:
    board = _action_board(request, pk)
    refused = _not_closed(request, board)
    if refused is not None:
        return refused
    groups = action_groups(board)
    if request.method != "POST":
        form = ActionForm.prefilled(board.campaign, groups, request.GET.dict())
        return _action_page(request, board, form)
    form = ActionForm(request.POST, campaign=board.campaign, groups=groups)
    if form.is_valid():
        try:
            actions.action_create(
                campaign=board.campaign,
                groups=groups,
                today=board.today,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The action was added to the plan."))
            return _to_plan(board)
    return _action_page(request, board, form)


@_hr_view
@require_http_methods(["GET", "POST"])
def action_edit(request: HRRequest, pk: int, action_pk: int) -> HttpResponse:
    board = _action_board(request, pk)
    action = _action_in(board, action_pk)
    refused = _not_closed(request, board)
    if refused is not None:
        return refused
    groups = action_groups(board)
    form = ActionForm.for_action(action, request.POST or None, groups=groups)
    if form.is_valid():
        try:
            actions.action_update(
                action=action,
                groups=groups,
                today=board.today,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form = _form_with_errors(form, error)
        else:
            messages.success(request, _("The action was saved."))
            return _to_plan(board)
    return _action_page(request, board, form, action)


@_hr_view
@require_http_methods(["GET", "POST"])
def action_delete(request: HRRequest, pk: int, action_pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the action."""
    board = _action_board(request, pk)
    action = _action_in(board, action_pk)
    if request.method == "POST":
        actions.action_delete(action=action, actor=request.user)
        messages.success(request, _("The action was deleted."))
        return _to_plan(board)
    context = {"campaign": board.campaign, "action": action, "line": group_label(action)}
    return render(request, "hr/action_confirm_delete.html", context)
