"""The access custodian's pages: campaigns, departments, the poster, access codes and
e-mail invitations (scoping.py: `*_for_custodian`)."""

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ...core.access_codes import code_batch_create, codes_per_department
from ...core.invitations import campaign_addresses, invitation_progress, reminder_day
from ...core.languages import LANGUAGE_CHOICES
from ...core.roles import codes_offered
from ...models import Campaign, users_with_both_roles
from .. import poster, services
from ..dashboard import campaign_name, local_name
from ..forms import CampaignForm, CodeBatchForm, DepartmentForm, InvitationAddressesForm
from ..scoping import (
    READER,
    batch_for_custodian,
    campaign_for_custodian,
    department_for_custodian,
    organisation_for_custodian,
    roles_in,
)
from ..selectors import status_label
from .common import (
    HRRequest,
    attachment,
    filename,
    form_with_errors,
    hr_view,
    posted,
    public_url,
    status_of,
)

# --- campaigns ---------------------------------------------------------------------------


@hr_view
@require_http_methods(["GET", "POST"])
def campaign_create(request: HRRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_custodian(request.user, organisation_pk)
    form = CampaignForm(posted(request), codes_offered=codes_offered(organisation))
    if form.is_valid():
        try:
            campaign = services.campaign_create(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form = form_with_errors(form, error)
        else:
            messages.success(request, _("The campaign was created."))
            return redirect("hr:campaign_access", pk=campaign.pk)
    context = {"form": form, "organisation": organisation, "campaign": None}
    return render(request, "hr/campaign_form.html", context, status=status_of(form))


@hr_view
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HRRequest, pk: int) -> HttpResponse:
    campaign = campaign_for_custodian(request.user, pk)
    today = timezone.localdate()
    form = CampaignForm.for_campaign(
        campaign,
        posted(request),
        today=today,
        codes_offered=codes_offered(campaign.organisation),
    )
    if form.is_valid():
        try:
            services.campaign_update(
                campaign=campaign, today=today, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form = form_with_errors(form, error)
        else:
            messages.success(request, _("The campaign was saved."))
            return redirect("hr:campaign_access", pk=campaign.pk)
    context = {"form": form, "organisation": campaign.organisation, "campaign": campaign}
    return render(request, "hr/campaign_form.html", context, status=status_of(form))


@hr_view
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
        "public_url": public_url(request, campaign),
        "both_roles": users_with_both_roles(campaign.organisation),
        "reader": READER in roles_in(request.user, campaign.organisation_id),
    }
    return render(request, "hr/campaign_access.html", context)


# --- departments -------------------------------------------------------------------------


@hr_view
@require_GET
def departments(request: HRRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_custodian(request.user, organisation_pk)
    context = {
        "organisation": organisation,
        "departments": organisation.departments.order_by("name"),
        "form": DepartmentForm(),
    }
    return render(request, "hr/departments.html", context)


@hr_view
@require_http_methods(["GET", "POST"])
def department_create(request: HRRequest, organisation_pk: int) -> HttpResponse:
    organisation = organisation_for_custodian(request.user, organisation_pk)
    form = DepartmentForm(posted(request))
    if form.is_valid():
        try:
            services.department_create(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form = form_with_errors(form, error)
        else:
            messages.success(request, _("The department was added."))
            return redirect("hr:departments", organisation_pk=organisation.pk)
    context = {"form": form, "organisation": organisation, "department": None}
    return render(request, "hr/department_form.html", context, status=status_of(form))


@hr_view
@require_http_methods(["GET", "POST"])
def department_edit(request: HRRequest, pk: int) -> HttpResponse:
    department = department_for_custodian(request.user, pk)
    form = DepartmentForm.for_department(department, posted(request))
    if form.is_valid():
        try:
            services.department_update(
                department=department, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form = form_with_errors(form, error)
        else:
            messages.success(request, _("The department was saved."))
            return redirect("hr:departments", organisation_pk=department.organisation_id)
    context = {"form": form, "organisation": department.organisation, "department": department}
    return render(request, "hr/department_form.html", context, status=status_of(form))


@hr_view
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


@hr_view
@require_GET
def campaign_poster(request: HRRequest, pk: int) -> HttpResponse:
    """The poster in the campaign's default language, or another one (?lang=)."""
    campaign = campaign_for_custodian(request.user, pk)
    url = public_url(request, campaign)
    language = poster.poster_language(campaign, request.GET.get("lang"))
    context = {
        "campaign": campaign,
        "poster": poster.poster_fragment(campaign, url=url, language=language),
        "poster_language": language,
        "languages": LANGUAGE_CHOICES,
    }
    return render(request, "hr/poster.html", context)


@hr_view
@require_GET
def campaign_poster_pdf(request: HRRequest, pk: int) -> HttpResponse:
    campaign = campaign_for_custodian(request.user, pk)
    language = poster.poster_language(campaign, request.GET.get("lang"))
    content = poster.poster_pdf(campaign, url=public_url(request, campaign), language=language)
    return attachment(content, "application/pdf", filename(campaign, f"poster-{language}", "pdf"))


# --- access codes --------------------------------------------------------------------------


@hr_view
@require_http_methods(["GET", "POST"])
def codes(request: HRRequest, pk: int) -> HttpResponse:
    """Codes issued per department, the batches to print, and a form to issue more."""
    campaign = campaign_for_custodian(request.user, pk)
    form = CodeBatchForm(posted(request), campaign=campaign)
    if form.is_valid():
        try:
            batch = code_batch_create(
                campaign=campaign,
                actor=request.user,
                today=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form = form_with_errors(form, error)
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
        "public_url": public_url(request, campaign),
    }
    return render(request, "hr/codes.html", context, status=status_of(form))


def _codes_download(request: HRRequest, pk: int, batch_pk: int, render_codes, kind: str):
    batch = batch_for_custodian(request.user, pk, batch_pk)
    content = render_codes(batch, url=public_url(request, batch.campaign))
    content_type = "application/pdf" if kind == "pdf" else "text/csv; charset=utf-8"
    name = f"codes-{slugify(local_name(batch.department)) or batch.pk}"
    return attachment(content, content_type, filename(batch.campaign, name, kind))


@hr_view
@require_GET
def code_slips_pdf(request: HRRequest, pk: int, batch_pk: int) -> HttpResponse:
    """The batch's codes as slips to print and cut apart."""
    return _codes_download(request, pk, batch_pk, poster.code_slips_pdf, "pdf")


@hr_view
@require_GET
def code_list_csv(request: HRRequest, pk: int, batch_pk: int) -> HttpResponse:
    """The batch's codes with their links, for a mail merge."""
    return _codes_download(request, pk, batch_pk, poster.code_list_csv, "csv")


# --- invitations by e-mail ----------------------------------------------------------------


@hr_view
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
    status_code = status_of(form) if form is not None else 200
    response = render(request, "hr/invitations.html", context, status=status_code)
    if context["following"]:
        response["Refresh"] = str(PROGRESS_REFRESH_SECONDS)
    return response


# Seconds between two looks at the progress of sending.
PROGRESS_REFRESH_SECONDS = 5
