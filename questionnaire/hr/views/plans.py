"""Action plans: added, changed and deleted from a closed wave's dashboard, for the
groups of the dashboard the user is shown."""

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ...core.aggregates import Dashboard
from ...models import ActionPlanItem
from .. import actions as action_services
from ..actions import ActionForm, action_groups, area_advice, areas_asked, closed_check, group_label
from ..dashboard import campaign_name
from .common import HRRequest, form_with_errors, hr_view, posted, status_of
from .figures import viewer_dashboard


def _action_board(request: HRRequest, pk: int) -> Dashboard:
    """The dashboard the action pages take their groups (action_groups) and actions from:
    the one seam between who may plan and what they see. A reader gets the campaign's
    whole dashboard, a team manager the part of their departments (_dashboard)."""
    return viewer_dashboard(request, pk)


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
    return render(request, "hr/action_form.html", context, status=status_of(form))


def _to_plan(board: Dashboard) -> HttpResponse:
    return redirect(reverse("hr:dashboard", kwargs={"pk": board.campaign.pk}) + "#actions-heading")


@hr_view
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
    add = partial(action_services.action_create, campaign=board.campaign, groups=groups)
    return _saved_or_form_again(request, board, form, add, _("The action was added to the plan."))


@hr_view
@require_http_methods(["GET", "POST"])
def action_edit(request: HRRequest, pk: int, action_pk: int) -> HttpResponse:
    board = _action_board(request, pk)
    action = _action_in(board, action_pk)
    refused = _not_closed(request, board)
    if refused is not None:
        return refused
    groups = action_groups(board)
    form = ActionForm.for_action(action, posted(request), groups=groups)
    update = partial(action_services.action_update, action=action, groups=groups)
    return _saved_or_form_again(request, board, form, update, _("The action was saved."), action)


def _saved_or_form_again(
    request: HRRequest,
    board: Dashboard,
    form: ActionForm,
    save: Callable[..., object],
    saved: str,
    action: ActionPlanItem | None = None,
) -> HttpResponse:
    """The plan, once `save` has stored a valid form's action; otherwise the form again,
    with the service's refusal among its errors."""
    if form.is_valid():
        try:
            save(today=board.today, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form = form_with_errors(form, error)
        else:
            messages.success(request, saved)
            return _to_plan(board)
    return _action_page(request, board, form, action)


@hr_view
@require_http_methods(["GET", "POST"])
def action_delete(request: HRRequest, pk: int, action_pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes the action."""
    board = _action_board(request, pk)
    action = _action_in(board, action_pk)
    if request.method == "POST":
        action_services.action_delete(action=action, actor=request.user)
        messages.success(request, _("The action was deleted."))
        return _to_plan(board)
    context = {"campaign": board.campaign, "action": action, "line": group_label(action)}
    return render(request, "hr/action_confirm_delete.html", context)
