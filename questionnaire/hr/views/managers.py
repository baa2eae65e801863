"""Team managers, given, changed and taken by the organisation's readers (roles.py writes
the audit log)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ...core.roles import MANAGER, hr_role_grant, hr_role_remove, manager_departments_change
from ..forms import ManagerDepartmentsForm, ManagerGrantForm
from ..scoping import manager_for_reader, organisation_for_reader
from .common import HRRequest, form_with_errors, hr_view, posted, status_of


@hr_view
@require_http_methods(["GET", "POST"])
def managers(request: HRRequest, organisation_pk: int) -> HttpResponse:
    """The organisation's team managers with their departments, and a form that makes an
    existing account one (readers only; roles.py writes the audit log)."""
    organisation = organisation_for_reader(request.user, organisation_pk)
    form = ManagerGrantForm(posted(request), organisation=organisation)
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
            form = form_with_errors(form, error)
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
    return render(request, "hr/managers.html", context, status=status_of(form))


@hr_view
@require_http_methods(["GET", "POST"])
def manager_edit(request: HRRequest, pk: int) -> HttpResponse:
    """Change which departments a team manager sees."""
    membership = manager_for_reader(request.user, pk)
    organisation = membership.organisation
    initial = {"departments": list(membership.departments.all())}
    form = ManagerDepartmentsForm(posted(request), organisation=organisation, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            manager_departments_change(
                membership=membership,
                departments=list(form.cleaned_data["departments"]),
                actor=request.user,
            )
        except ValidationError as error:
            form = form_with_errors(form, error)
        else:
            messages.success(request, _("The team manager's departments were saved."))
            return redirect("hr:managers", organisation_pk=organisation.pk)
    context = {"organisation": organisation, "membership": membership, "form": form}
    return render(request, "hr/manager_form.html", context, status=status_of(form))


@hr_view
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
