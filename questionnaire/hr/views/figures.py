"""The figures: the dashboard (a reader's whole one, a team manager's part), its CSV, XLSX
and PDF, and the audit log."""

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from ...core.aggregates import Dashboard, campaign_dashboard, for_departments
from ...core.audit_log import audit_events_for
from ...core.gc_pace import fewer_collections
from ...models import Campaign, HRMembership, roles_conflict
from ..actions import action_groups, action_plan, plan_tables, with_plan_links
from ..audit_sentences import audit_lines
from ..dashboard import (
    SHOWN_FINDINGS,
    Table,
    against_organisation,
    campaign_name,
    dashboard_charts,
    has_figures,
    key_findings,
    participation_finding,
    participation_line,
    privacy_explained,
    privacy_line,
    scope_line,
    tables_by_key,
    versus_legend,
    with_answer_bars,
)
from ..exports import ExportBeingRendered, campaign_pdf, dashboard_csv, dashboard_workbook
from ..scoping import CUSTODIAN, campaign_and_departments_for_viewer, organisation_for_reader
from ..selectors import status_label
from .common import HRRequest, attachment, filename, hr_view, public_url

# --- dashboard and exports ---------------------------------------------------------------


def viewer_dashboard(request: HRRequest, pk: int) -> Dashboard:
    """The campaign's Dashboard, its groups named in the request's language: the readers'
    whole one, or a team manager's part of it (their departments and the organisation)."""
    campaign, departments = campaign_and_departments_for_viewer(request.user, pk)
    board = campaign_dashboard(campaign, today=timezone.localdate())
    return board if departments is None else for_departments(board, departments)


@hr_view
@require_GET
def dashboard(request: HRRequest, pk: int) -> HttpResponse:
    # The page's tables and charts are many small objects kept until it is rendered.
    with fewer_collections():
        return _dashboard_page(request, pk)


def _dashboard_page(request: HRRequest, pk: int) -> HttpResponse:
    board = viewer_dashboard(request, pk)
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
        "public_url": public_url(request, board.campaign),
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


@hr_view
@require_GET
def export_csv(request: HRRequest, pk: int) -> HttpResponse:
    board = viewer_dashboard(request, pk)
    return attachment(
        dashboard_csv(board, plan_tables(action_plan(board))),
        "text/csv; charset=utf-8",
        filename(board.campaign, "", "csv", board.today),
    )


@hr_view
@require_GET
def export_xlsx(request: HRRequest, pk: int) -> HttpResponse:
    board = viewer_dashboard(request, pk)
    return attachment(
        dashboard_workbook(board, plan_tables(action_plan(board))),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename(board.campaign, "", "xlsx", board.today),
    )


# Seconds before the "being prepared" page asks for the PDF again.
EXPORT_RETRY_SECONDS = 3


@hr_view
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
        return export_being_prepared(request, campaign)
    return attachment(content, "application/pdf", filename(campaign, "", "pdf", today))


# --- audit log -----------------------------------------------------------------------------


@hr_view
@require_GET
def audit_log(request: HRRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_reader(request.user, organisation_pk)
    events = audit_events_for(organisation)[:500]
    lines = audit_lines(events, organisation=organisation)
    return render(request, "hr/audit_log.html", {"organisation": organisation, "lines": lines})


def export_being_prepared(request: HRRequest, campaign: Campaign) -> HttpResponse:
    """The PDF is still being rendered (off the request, or for another one): a page that
    asks again in a few seconds (Refresh), instead of a worker waiting for it."""
    context = {"campaign": campaign, "seconds": EXPORT_RETRY_SECONDS}
    response = render(request, "hr/export_pending.html", context, status=202)
    response["Refresh"] = str(EXPORT_RETRY_SECONDS)
    response["Retry-After"] = str(EXPORT_RETRY_SECONDS)
    return response
