"""What HR's access custodians change: campaigns and departments.

Each function validates the whole row (`full_clean`, which also checks the model's
constraints such as "closes on or after it opens") before saving, so a tampered request
never leaves a half-valid row behind.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus

from ..core.audit_log import audit_record
from ..core.freezing import freeze_when_closed
from ..core.invitation_tasks import send_invitations, send_reminders
from ..core.invitations import (
    invitations_add,
    invitations_allowed_check,
    reminders_allowed_check,
)
from ..core.roles import codes_allowed_check, organisation_lock
from ..models import Campaign, Department, Organisation
from .dashboard import local_name


def campaign_create(
    *,
    organisation: Organisation,
    name: str,
    opens_on: date,
    closes_on: date,
    default_language: str,
    access: str = Campaign.OPEN_LINK,
    name_translations: dict[str, str] | None = None,
    actor=None,
) -> Campaign:
    campaign = Campaign(
        organisation=organisation,
        name=name,
        name_translations=name_translations or {},
        opens_on=opens_on,
        closes_on=closes_on,
        default_language=default_language,
        access=access,
    )
    with transaction.atomic():
        # Locked, so nobody gets both HR roles between this check and the save.
        organisation_lock(organisation)
        codes_allowed_check(organisation=organisation, access=access)
        campaign.full_clean()
        campaign.save()
        freeze_when_closed(campaign)
    audit_record(
        organisation=organisation,
        campaign=campaign,
        actor=actor,
        action="campaign_created",
        opens_on=opens_on.isoformat(),
        closes_on=closes_on.isoformat(),
        access=access,
    )
    return campaign


def campaign_update(
    *,
    campaign: Campaign,
    name: str,
    opens_on: date,
    closes_on: date,
    default_language: str,
    today: date,
    access: str | None = None,
    name_translations: dict[str, str] | None = None,
    actor=None,
) -> Campaign:
    """Rename a campaign, change its language, or move its dates while that is harmless.

    Once a campaign has closed its figures are final (frozen in its AggregateSnapshot):
    reopening it would take responses that the frozen figures never count. An open
    campaign already has responses, so it cannot move back to "upcoming"; closing it
    early is fine. How respondents get in is fixed once the campaign opens. Date and
    access changes go to the audit log.
    """
    errors = {}
    status = campaign.status(today)
    if status == Campaign.CLOSED and (opens_on, closes_on) != (
        campaign.opens_on,
        campaign.closes_on,
    ):
        errors["closes_on"] = _("The campaign has closed, so its dates can no longer change.")
    elif status == Campaign.OPEN and opens_on > today:
        errors["opens_on"] = _("The campaign is already open, so it cannot open later than today.")
    access = access or campaign.access
    if access != campaign.access and status != Campaign.UPCOMING:
        errors["access"] = _("The campaign has opened, so how respondents get in is fixed.")
    if errors:
        raise ValidationError(errors)
    before = (campaign.opens_on, campaign.closes_on, campaign.access)
    campaign.name = name
    if name_translations is not None:
        campaign.name_translations = name_translations
    campaign.opens_on = opens_on
    campaign.closes_on = closes_on
    campaign.default_language = default_language
    campaign.access = access
    with transaction.atomic():
        # Locked, so nobody gets both HR roles between this check and the save.
        organisation_lock(campaign.organisation)
        codes_allowed_check(organisation=campaign.organisation, access=access)
        campaign.full_clean()
        campaign.save()
        if campaign.closes_on != before[1]:
            freeze_when_closed(campaign)
    _audit_campaign_changes(campaign, before, actor)
    return campaign


def _audit_campaign_changes(campaign: Campaign, before: tuple, actor) -> None:
    opens_on, closes_on, access = before
    if (opens_on, closes_on) != (campaign.opens_on, campaign.closes_on):
        audit_record(
            organisation=campaign.organisation,
            campaign=campaign,
            actor=actor,
            action="campaign_dates_changed",
            before=[opens_on.isoformat(), closes_on.isoformat()],
            after=[campaign.opens_on.isoformat(), campaign.closes_on.isoformat()],
        )
    if access != campaign.access:
        audit_record(
            organisation=campaign.organisation,
            campaign=campaign,
            actor=actor,
            action="campaign_access_changed",
            before=access,
            after=campaign.access,
        )


def department_create(
    *,
    organisation: Organisation,
    name: str,
    headcount: int | None,
    name_translations: dict[str, str] | None = None,
    actor=None,
) -> Department:
    department = Department(
        organisation=organisation,
        name=name,
        name_translations=name_translations or {},
        headcount=headcount,
    )
    department.full_clean()
    department.save()
    audit_record(
        organisation=organisation,
        actor=actor,
        action="department_created",
        department=name,
        headcount=headcount,
    )
    return department


def department_update(
    *,
    department: Department,
    name: str,
    headcount: int | None,
    name_translations: dict[str, str] | None = None,
    actor=None,
) -> Department:
    before = department.headcount
    department.name = name
    if name_translations is not None:
        department.name_translations = name_translations
    department.headcount = headcount
    department.full_clean()
    department.save()
    if before != headcount:
        audit_record(
            organisation=department.organisation,
            actor=actor,
            action="headcount_changed",
            department=name,
            before=before,
            after=headcount,
        )
    return department


def department_delete(*, department: Department, actor=None, today: date | None = None) -> None:
    """Delete a department that no response names, while none of its organisation's
    campaigns is open.

    Responses keep their department (on_delete=PROTECT): deleting it would silently move
    them to "no department" and change the figures already shown for a campaign. Whether
    the deletion goes through must not depend on responses while a campaign is open:
    trying it again and again would tell an access custodian (who sees no figure) the
    moment the first person of a department answered, and for a department of one,
    whether that person did. So while one is open it is refused from the dates alone.
    """
    today = today or timezone.localdate()
    if _a_campaign_is_open(department.organisation_id, today):
        raise ValidationError(
            _(
                "“%(name)s” cannot be deleted while a campaign is open. You can rename it "
                "instead, or delete it once the campaign has closed."
            )
            % {"name": department.name}
        )
    try:
        department.delete()
    except ProtectedError as error:
        raise ValidationError(
            _(
                "“%(name)s” cannot be deleted because responses were given in it. "
                "You can rename it instead."
            )
            % {"name": department.name}
        ) from error
    audit_record(
        organisation=department.organisation,
        actor=actor,
        action="department_deleted",
        department=department.name,
    )


def _a_campaign_is_open(organisation_id: int, today: date) -> bool:
    return Campaign.objects.filter(
        organisation_id=organisation_id, opens_on__lte=today, closes_on__gte=today
    ).exists()


# --- invitations by e-mail ----------------------------------------------------------------


def _number(count: int) -> str:
    """1,200 / 1.200 / 1 200, as the page's language writes it."""
    return number_format(count, force_grouping=True)


def invitation_addresses_add(
    *,
    campaign: Campaign,
    department: Department,
    addresses: list[str],
    actor,
    today: date,
    file=None,
) -> str:
    """Keep a department's new addresses; what to tell the custodian."""
    invitations_add(
        campaign=campaign, department=department, addresses=addresses, actor=actor, today=today
    )
    return ngettext(
        "%(count)s address was added for %(department)s. It gets its invitation when you send.",
        "%(count)s addresses were added for %(department)s. They get their invitation when "
        "you send.",
        len(addresses),
    ) % {"count": _number(len(addresses)), "department": local_name(department)}


def invitations_start(campaign: Campaign, action: str, *, today: date) -> str:
    """Start sending the invitations not sent yet (`action` "send") or the reminder
    ("remind") in the background; what to tell the custodian. Refused at once, with the
    reason, when the campaign does not allow it."""
    if action == "send":
        invitations_allowed_check(campaign, today=today)
        result = send_invitations.enqueue(campaign.pk)
    else:
        reminders_allowed_check(campaign, today=today)
        result = send_reminders.enqueue(campaign.pk)
    if result.status != TaskResultStatus.SUCCESSFUL or result.return_value is None:
        return _("Sending has started: this page shows how far it is.")
    # Already done (a backend that runs tasks at once, as the tests' does).
    return _sent_and_failed(result.return_value["sent"], result.return_value["failed"])


def _sent_and_failed(sent: int, failed: int) -> str:
    said = ngettext("%(sent)s message was sent.", "%(sent)s messages were sent.", sent) % {
        "sent": _number(sent)
    }
    if failed:
        said += " " + ngettext(
            "%(failed)s could not be sent: send again later to try it.",
            "%(failed)s could not be sent: send again later to try those only.",
            failed,
        ) % {"failed": _number(failed)}
    return said
