"""Single-use anonymous access codes (docs/privacy.md, "Response integrity").

An open link lets anyone answer as often as they like, so a few fabricated responses
could make a small group look large enough. With codes, HR issues at most one code per
person of a department; each code lets one response in and is then spent. The department
comes from the code.

Nothing ties a code to its response: a code is stored only as the hash of its text, with
a flag that it is spent (no time, no response), and responses get random ids, so neither
the order of rows nor a timestamp pairs them. The codes of a batch are derived from its
random seed, so the slips can be printed again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    AccessCode,
    AccessCodeBatch,
    AccessCodeTries,
    Campaign,
    CampaignCodeMisses,
    Department,
    Invitation,
)
from . import throttle
from .audit_log import audit_record

# 32 symbols without 0/O and 1/I, which are easily confused on paper.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 12  # 60 bits: guessing one of a thousand codes takes about 2**50 tries
GROUP = 4
MAX_BATCH = 1000


NOT_OURS = gettext_lazy(
    "This code is not one of this questionnaire's. Check the letters and digits."
)
USED_ALREADY = gettext_lazy(
    "This code has been used already: each code lets one person answer once."
)


class CodeRefused(Exception):
    """A code that cannot let anyone in, with a message for the respondent."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _derive(seed: str, index: int) -> str:
    digest = hmac.new(bytes.fromhex(seed), index.to_bytes(4, "big"), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    return "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(LENGTH))


def readable(code: str) -> str:
    """ABCD-EFGH-JKLM: easier to copy from paper."""
    return "-".join(code[i : i + GROUP] for i in range(0, LENGTH, GROUP))


# Dashes a code copied from a document or typed on a phone may carry instead of "-".
_DASH_PUNCTUATION = "Pd"


def normalise(text: str) -> str | None:
    """The code a person typed, without spaces, dashes and case; None if it cannot be one.

    NFKC first, so full-width letters and digits count as the plain ones; any kind of space
    or dash may group the letters. Whatever is left must be twelve of the alphabet's
    symbols, so nothing else (a NUL byte, odd Unicode) ever reaches a query.
    """
    folded = unicodedata.normalize("NFKC", text).upper()
    code = "".join(
        ch for ch in folded if not ch.isspace() and unicodedata.category(ch) != _DASH_PUNCTUATION
    )
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def batch_codes(batch: AccessCodeBatch) -> list[str]:
    """The codes of a batch, readable, in the order they were issued."""
    if batch.invited:
        # Sent by e-mail: random, kept nowhere, so nobody can list them (invitations.py).
        raise ValueError("the codes of invitations exist only in their messages")
    return [readable(_derive(batch.seed, index)) for index in range(batch.size)]


@dataclass(frozen=True)
class DepartmentCodes:
    department: Department
    issued: int

    @property
    def left(self) -> int | None:
        """How many more codes the headcount allows (None without a headcount)."""
        if self.department.headcount is None:
            return None
        return max(self.department.headcount - self.issued, 0)


def codes_per_department(campaign: Campaign) -> list[DepartmentCodes]:
    """Codes issued per department (never how many were spent: that would be the number of
    responses per department while the campaign is open)."""
    issued = dict(
        AccessCodeBatch.objects.filter(campaign=campaign)
        .values_list("department_id")
        .annotate(total=Sum("size"))
        .order_by()
    )
    departments = campaign.organisation.departments.order_by("name")
    return [DepartmentCodes(d, issued.get(d.pk, 0)) for d in departments]


def code_batch_create(
    *, campaign: Campaign, department: Department, size: int, actor, today: date
) -> AccessCodeBatch:
    """Issue `size` codes for `department`: never more, in all, than its headcount."""
    if department.organisation_id != campaign.organisation_id:
        raise ValueError("the department belongs to another organisation")
    if campaign.status(today) == Campaign.CLOSED:
        raise ValidationError(_("The campaign has closed: no more codes can be used."))
    if not 1 <= size <= MAX_BATCH:
        raise ValidationError(_("Choose between 1 and %(max)s codes.") % {"max": MAX_BATCH})
    with transaction.atomic():
        # Locked, so two HR users issuing codes at once cannot pass the headcount together.
        department = Department.objects.select_for_update().get(pk=department.pk)
        issued = (
            AccessCodeBatch.objects.filter(campaign=campaign, department=department).aggregate(
                total=Sum("size")
            )["total"]
            or 0
        ) + _invitations_unsent(campaign, department)
        _check_headcount(department, issued, size)
        batch = AccessCodeBatch.objects.create(
            campaign=campaign,
            department=department,
            size=size,
            seed=secrets.token_hex(32),
            created_on=today,
        )
        AccessCode.objects.bulk_create(
            AccessCode(batch=batch, code_hash=code_hash(_derive(batch.seed, index)))
            for index in range(size)
        )
        audit_record(
            organisation=campaign.organisation,
            campaign=campaign,
            actor=actor,
            action="codes_issued",
            department=department.name,
            count=size,
        )
    return batch


def invited_codes_create(*, campaign: Campaign, department: Department, count: int) -> list[str]:
    """`count` new random codes for e-mail invitations to `department`, readable.

    Not derived from a seed, so they exist only in what the caller does with them (the
    messages) and as their hashes. Their rows are inserted in an order of their own, so a
    row's id says nothing about which message carried it. The caller checks the campaign.
    """
    batch, _created = AccessCodeBatch.objects.get_or_create(
        campaign=campaign,
        department=department,
        invited=True,
        defaults={"size": 0, "seed": "", "created_on": timezone.localdate()},
    )
    codes = [_random_code() for _ in range(count)]
    rows = [AccessCode(batch=batch, code_hash=code_hash(code)) for code in codes]
    secrets.SystemRandom().shuffle(rows)
    AccessCode.objects.bulk_create(rows)
    AccessCodeBatch.objects.filter(pk=batch.pk).update(size=F("size") + count)
    return [readable(code) for code in codes]


def invited_codes_withdraw(*, campaign: Campaign, codes: list[str]) -> None:
    """Delete codes whose message could not be sent: nobody holds them."""
    hashes = [code_hash(normalise(code) or "") for code in codes]
    found = AccessCode.objects.filter(
        code_hash__in=hashes, batch__campaign=campaign, batch__invited=True
    )
    per_batch = dict(found.values_list("batch_id").annotate(total=Count("pk")).order_by())
    found.delete()
    for batch_id, total in per_batch.items():
        AccessCodeBatch.objects.filter(pk=batch_id).update(size=F("size") - total)


def _random_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def _check_headcount(department: Department, issued: int, size: int) -> None:
    if department.headcount is None:
        raise ValidationError(
            _("Give the headcount of “%(name)s” first: codes are issued one per person.")
            % {"name": department.name}
        )
    if issued + size > department.headcount:
        raise ValidationError(
            _(
                "“%(name)s” has %(headcount)s people and %(issued)s codes were issued "
                "already: at most %(left)s more."
            )
            % {
                "name": department.name,
                "headcount": department.headcount,
                "issued": issued,
                "left": max(department.headcount - issued, 0),
            }
        )


def _invitations_unsent(campaign: Campaign, department: Department) -> int:
    """Invitations waiting for their code: their people count against the headcount too."""
    return (
        Invitation.objects.filter(campaign=campaign, department=department)
        .exclude(state=Invitation.SENT)
        .count()
    )


class CodeThrottled(Exception):
    """Too many tries: of wrong codes on this campaign (`per_code` False) or of this one
    code (`per_code` True); `wait` is how long until they may be tried again."""

    def __init__(self, wait: timedelta, *, per_code: bool):
        super().__init__(wait)
        self.wait = wait
        self.per_code = per_code


def code_enter(*, campaign: Campaign, text: str, now: datetime | None = None) -> AccessCode:
    """The unspent code `text` of `campaign` for the respondent who typed it; CodeRefused
    saying why it lets nobody in, or CodeThrottled.

    Tries are counted per campaign and per code, never per client address, so everyone
    behind one office address gets in (docs/privacy.md, "Guessing access codes"):

    - a code that is none of the campaign's counts against the campaign: past
      CODE_MISS_LIMIT in a window, the campaign checks no code until the window is over, so
      guessing stays hopeless. Each try is counted before the code is looked up (and taken
      back when it was a code of the campaign), so clients trying at once cannot pass the
      limit together;
    - one code can be entered CODE_TRY_LIMIT times per window, counted before saying
      whether it is spent, so whoever holds it cannot keep testing when it gets used.

    Text that cannot be a code is refused without a query and counts nowhere.
    """
    code = normalise(text)
    if code is None:
        raise CodeRefused(str(NOT_OURS))
    now = now or timezone.now()
    campaign_key, miss_window = {"campaign": campaign}, settings.CODE_MISS_WINDOW
    if throttle.window_add(CampaignCodeMisses, campaign_key, window=miss_window, now=now) > (
        settings.CODE_MISS_LIMIT
    ):
        raise CodeThrottled(throttle.window_left(now, miss_window), per_code=False)
    found = (
        AccessCode.objects.filter(code_hash=code_hash(code), batch__campaign=campaign)
        .select_related("batch")
        .first()
    )
    if found is None:
        raise CodeRefused(str(NOT_OURS))
    throttle.window_take_back(CampaignCodeMisses, campaign_key, window=miss_window, now=now)
    try_window = settings.CODE_TRY_WINDOW
    if throttle.window_add(AccessCodeTries, {"code": found}, window=try_window, now=now) > (
        settings.CODE_TRY_LIMIT
    ):
        raise CodeThrottled(throttle.window_left(now, try_window), per_code=True)
    if found.spent:
        raise CodeRefused(str(USED_ALREADY))
    return found


def code_spend(campaign: Campaign, code: str) -> None:
    """Mark the code spent, inside the caller's transaction; CodeRefused if it was already.

    The spend is one conditional UPDATE of the code's own row, found first by its hash
    within the campaign. A second transaction spending the same code waits for the first
    one's row lock, then re-reads the row, finds it spent and updates nothing. Filtering
    the UPDATE through the batch's campaign instead made PostgreSQL run it as
    `WHERE id IN (subquery)`, which after the wait re-checks only the id: every racer won.
    """
    found = (
        AccessCode.objects.filter(code_hash=code_hash(code), batch__campaign=campaign)
        .values_list("pk", flat=True)
        .first()
    )
    if found is None or not AccessCode.objects.filter(pk=found, spent=False).update(spent=True):
        raise CodeRefused(str(USED_ALREADY))
