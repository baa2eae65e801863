"""Invitations by e-mail: the server gives each invited person a code of their own, in a
message, so that no person ever holds other people's codes (docs/privacy.md, "Invitations
by e-mail").

- The custodian gives the addresses of a department (invitation_addresses.py reads them);
  they are kept in `Invitation` rows with no code, and the department's headcount becomes
  at least the number of people who get a code.
- Sending makes one random code per message (access_codes.invited_codes_create) right
  before it is sent, puts it in the message's link and nowhere else: no row pairs an
  address with a code, and codes are inserted in an order of their own. A message the
  mail server refuses is counted as failed and its code deleted; sending again later
  sends only what was not sent.
- One reminder per person, to everyone invited (nobody knows who answered). The workers'
  periodic sweep (send_due_reminders) sends it by itself from the campaign's reminder day
  (reminder_day) until it closes; the custodian may send it sooner. Each person's
  `reminded` flag, set as their message goes, makes it once only, however many runs.
- When the campaign closes, the addresses are deleted (ops/retention.py).

Sending runs in batches, each over one SMTP connection; it is long work, run off the
request. Log lines say how many, never an address or a code.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import AccessCodeBatch, Campaign, Department, Invitation
from .access_codes import invited_codes_create, invited_codes_withdraw
from .audit_log import audit_record

logger = logging.getLogger(__name__)

# Messages per SMTP connection, and per claim of rows.
BATCH_SIZE = 100


def invitations_allowed_check(campaign: Campaign, *, today: date) -> None:
    if campaign.access != Campaign.ACCESS_CODES:
        raise ValidationError(
            _("Invitations by e-mail carry access codes: this campaign runs on an open link.")
        )
    if campaign.status(today) == Campaign.CLOSED:
        raise ValidationError(_("The campaign has closed: no more invitations can be sent."))


def reminders_allowed_check(campaign: Campaign, *, today: date) -> None:
    if campaign.status(today) != Campaign.OPEN:
        raise ValidationError(_("A reminder can only be sent while the campaign is open."))


# The reminder goes this many days before the closing day, or on the closing day itself
# when that would be the opening day or earlier (a campaign of three days or less).
REMINDER_DAYS_BEFORE_CLOSING = 2


def reminder_day(campaign: Campaign) -> date:
    """The day the reminder goes by itself (the workers' sweep, invitation_tasks.py)."""
    before = campaign.closes_on - timedelta(days=REMINDER_DAYS_BEFORE_CLOSING)
    return before if before > campaign.opens_on else campaign.closes_on


def campaigns_due_for_reminder(today: date) -> list[Campaign]:
    """The open campaigns past their reminder day with someone invited not reminded yet."""
    waiting = Invitation.objects.filter(state=Invitation.SENT, reminded=False)
    campaigns = Campaign.objects.filter(
        opens_on__lte=today, closes_on__gte=today, pk__in=waiting.values("campaign_id")
    ).order_by("pk")
    return [c for c in campaigns if c.status(today) == Campaign.OPEN and reminder_day(c) <= today]


def campaign_addresses(campaign: Campaign) -> set[str]:
    return set(campaign.invitations.values_list("address", flat=True))


def invitations_add(
    *, campaign: Campaign, department: Department, addresses: list[str], actor: Any, today: date
) -> None:
    """Keep `addresses` (already read and new to the campaign) for the department's
    invitations, and raise its headcount to the number of people who get a code."""
    invitations_allowed_check(campaign, today=today)
    if department.organisation_id != campaign.organisation_id:
        raise ValueError("the department belongs to another organisation")
    try:
        with transaction.atomic():
            Invitation.objects.bulk_create(
                Invitation(campaign=campaign, department=department, address=address)
                for address in addresses
            )
            _headcount_raise(campaign, department, actor)
            audit_record(
                organisation=campaign.organisation,
                campaign=campaign,
                actor=actor,
                action="invitations_added",
                department=department.name,
                count=len(addresses),
            )
    except IntegrityError as error:  # another custodian gave one of them meanwhile
        raise ValidationError(
            _("Some of these addresses were given for this campaign meanwhile: try again.")
        ) from error


def _headcount_raise(campaign: Campaign, department: Department, actor: Any) -> None:
    """At least everyone who gets a code: invited people and printed slips."""
    department = Department.objects.select_for_update().get(pk=department.pk)
    printed = sum(
        AccessCodeBatch.objects.filter(
            campaign=campaign, department=department, invited=False
        ).values_list("size", flat=True)
    )
    invited = Invitation.objects.filter(campaign=campaign, department=department).count()
    before = department.headcount
    if before is not None and before >= printed + invited:
        return
    department.headcount = printed + invited
    department.save(update_fields=["headcount"])
    audit_record(
        organisation=campaign.organisation,
        actor=actor,
        action="headcount_changed",
        department=department.name,
        before=before,
        after=department.headcount,
    )


# --- progress ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    total: int = 0
    sent: int = 0
    failed: int = 0
    reminded: int = 0

    @property
    def waiting(self) -> int:
        return self.total - self.sent - self.failed


@dataclass(frozen=True)
class DepartmentProgress:
    department: Department
    progress: Progress


def invitation_progress(campaign: Campaign) -> tuple[Progress, list[DepartmentProgress]]:
    """How far sending is, for the campaign and per department (one query)."""
    rows = (
        Invitation.objects.filter(campaign=campaign)
        .values("department_id")
        .annotate(
            total=Count("pk"),
            sent=Count("pk", filter=Q(state=Invitation.SENT)),
            failed=Count("pk", filter=Q(state=Invitation.FAILED)),
            reminded=Count("pk", filter=Q(reminded=True)),
        )
        .order_by()
    )
    per_department = {
        row["department_id"]: Progress(
            total=row["total"], sent=row["sent"], failed=row["failed"], reminded=row["reminded"]
        )
        for row in rows
    }
    departments = campaign.organisation.departments.order_by("name")
    listed = [
        DepartmentProgress(d, per_department[d.pk]) for d in departments if d.pk in per_department
    ]
    totals = Counter[str]()
    for progress in per_department.values():
        totals.update(
            total=progress.total,
            sent=progress.sent,
            failed=progress.failed,
            reminded=progress.reminded,
        )
    return Progress(**totals), listed


# --- sending -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    sent: int = 0
    failed: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.sent + other.sent, self.failed + other.failed)


def invitations_send(
    campaign_id: int, *, today: date, batch_size: int = BATCH_SIZE, run: str = ""
) -> Tally:
    """Send every invitation of the campaign not sent yet (failed ones again too), batch
    by batch; stops early when the mail server cannot be reached (the rest waits).

    `run` names this run (a task passes its id): a run started again after its worker
    died first finishes the batch it had claimed."""
    campaign = Campaign.objects.select_related("organisation").get(pk=campaign_id)
    invitations_allowed_check(campaign, today=today)
    Invitation.objects.filter(campaign=campaign, state=Invitation.FAILED, claim="").update(
        state=Invitation.PENDING
    )
    return _send_all(
        campaign,
        "Invitations",
        Q(state=Invitation.PENDING),
        lambda batch, connection: _invite(campaign, batch, connection),
        batch_size=batch_size,
        run=run,
    )


def reminders_send(
    campaign_id: int, *, today: date, batch_size: int = BATCH_SIZE, run: str = ""
) -> Tally:
    """The one reminder, to everyone whose invitation was sent and who has not had it."""
    campaign = Campaign.objects.select_related("organisation").get(pk=campaign_id)
    reminders_allowed_check(campaign, today=today)
    return _send_all(
        campaign,
        "Reminders",
        Q(state=Invitation.SENT, reminded=False),
        lambda batch, connection: _remind(campaign, batch, connection),
        batch_size=batch_size,
        run=run,
    )


_Batch = list[Invitation]


def _send_all(
    campaign: Campaign,
    kind: str,
    waiting: Q,
    send: Callable[[_Batch, Any], Tally],
    *,
    batch_size: int,
    run: str,
) -> Tally:
    """Send to every waiting invitation, then log how many went: counts only, never an
    address or a code."""
    tally = _in_batches(
        campaign, waiting, send, batch_size=batch_size, run=run or secrets.token_hex(16)
    )
    logger.info(
        "%s of campaign %s: %s sent, %s failed.", kind, campaign.pk, tally.sent, tally.failed
    )
    return tally


def _in_batches(
    campaign: Campaign,
    waiting: Q,
    send: Callable[[_Batch, Any], Tally],
    *,
    batch_size: int,
    run: str,
) -> Tally:
    """Run `send` over the waiting invitations, `batch_size` at a time, each batch over one
    connection, in the random order of their ids. When the mail server cannot be reached
    the run ends, and the rest stays waiting for the next one."""
    tally, done = Tally(), set[int]()
    while batch := _claim(campaign, waiting, run=run, size=batch_size, done=done):
        done.update(invitation.pk for invitation in batch)
        result = _over_one_connection(batch, send)
        claims_release(run)
        if result is None:
            return tally + Tally(failed=len(batch))
        tally += result
    return tally


def claims_release(run: str) -> None:
    """Free the invitations `run` still claims, for the next run to send."""
    Invitation.objects.filter(claim=run).update(claim="")


def _claim(campaign: Campaign, waiting: Q, *, run: str, size: int, done: set[int]) -> _Batch:
    """The next batch, claimed for this run so that no other run (another worker) sends
    it too; rows this run claimed before its worker died come first."""
    rows = Invitation.objects.filter(waiting, campaign=campaign)
    with transaction.atomic():
        free = rows.filter(claim="").exclude(pk__in=done).order_by("pk")
        # PostgreSQL skips rows another run is claiming; SQLite runs one writer at a time.
        pks = list(free.select_for_update(skip_locked=True).values_list("pk", flat=True)[:size])
        Invitation.objects.filter(pk__in=pks, claim="").update(claim=run)
    return list(rows.filter(claim=run).select_related("department").order_by("pk")[:size])


def _over_one_connection(batch: _Batch, send: Callable[[_Batch, Any], Tally]) -> Tally | None:
    """What `send` did over one new connection; None when the server cannot be reached."""
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException):
        logger.warning("The mail server could not be reached: %s messages wait.", len(batch))
        return None
    try:
        return send(batch, connection)
    finally:
        connection.close()


def _invite(campaign: Campaign, batch: _Batch, connection: Any) -> Tally:
    codes = _codes_for(campaign, batch)
    sent: set[int] = set()
    unsent_codes: list[str] = []
    for invitation, code in zip(batch, codes, strict=True):
        message = invitation_message(campaign, code=code, to=invitation.address)
        if _delivered(message, connection):
            # At once, so that a run stopped half-way never sends this one twice.
            Invitation.objects.filter(pk=invitation.pk).update(state=Invitation.SENT, claim="")
            sent.add(invitation.pk)
        else:
            unsent_codes.append(code)
    failed = [invitation.pk for invitation in batch if invitation.pk not in sent]
    with transaction.atomic():
        Invitation.objects.filter(pk__in=failed).update(state=Invitation.FAILED, claim="")
        invited_codes_withdraw(campaign=campaign, codes=unsent_codes)
    return Tally(sent=len(sent), failed=len(failed))


def _codes_for(campaign: Campaign, batch: _Batch) -> list[str]:
    """One new code per invitation of the batch, made per department (a code carries it)."""
    codes: dict[int, str] = {}
    by_department: dict[int, list[Invitation]] = {}
    for invitation in batch:
        by_department.setdefault(invitation.department_id, []).append(invitation)
    for invitations in by_department.values():
        department = invitations[0].department
        made = invited_codes_create(
            campaign=campaign, department=department, count=len(invitations)
        )
        codes.update(zip((i.pk for i in invitations), made, strict=True))
    return [codes[invitation.pk] for invitation in batch]


def _remind(campaign: Campaign, batch: _Batch, connection: Any) -> Tally:
    sent = 0
    for invitation in batch:
        if _delivered(reminder_message(campaign, to=invitation.address), connection):
            Invitation.objects.filter(pk=invitation.pk).update(reminded=True, claim="")
            sent += 1
    return Tally(sent=sent, failed=len(batch) - sent)


def _delivered(message: EmailMessage, connection: Any) -> bool:
    """Whether the mail server took the message; a refusal of this one message is a
    failure to count, a broken connection too (later messages will fail alike)."""
    try:
        return bool(connection.send_messages([message]))
    except (OSError, smtplib.SMTPException):
        return False


# --- the messages --------------------------------------------------------------------------


def personal_link(campaign: Campaign, code: str) -> str:
    return f"{settings.SITE_URL}s/{campaign.public_id}/?code={code}"


def _message(campaign: Campaign, kind: str, to: str, context: dict[str, Any]) -> EmailMessage:
    """A plain-text message in the campaign's language (the respondents')."""
    language = campaign.default_language
    with translation.override(language):
        context = {
            "campaign_name": campaign.name_in(language),
            "organisation": campaign.organisation.name,
            "campaign": campaign,
            **context,
        }
        subject = render_to_string(f"email/{kind}_subject.txt", context)
        body = render_to_string(f"email/{kind}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[to], headers=_headers(language)
    )


def _headers(language: str) -> dict[str, str]:
    # No automatic replies (out of office) back to the sending address.
    return {"Content-Language": language, "Auto-Submitted": "auto-generated"}


def invitation_message(campaign: Campaign, *, code: str, to: str) -> EmailMessage:
    context = {
        "code": code,
        "link": personal_link(campaign, code),
        "start_url": f"{settings.SITE_URL}s/{campaign.public_id}/",
    }
    return _message(campaign, "invitation", to, context)


def reminder_message(campaign: Campaign, *, to: str) -> EmailMessage:
    return _message(campaign, "reminder", to, {})
