"""What SupportCheck stores.

A response is anonymous by design: no user, name, e-mail or IP address, and the day of
submission rather than a time. The respondent reaches it again only through a private link
whose token is never stored, only its SHA-256 hash.
"""

import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .core.instrument import CHOICE_VALUES, CURRENT_VERSION, LANGUAGES
from .core.languages import LANGUAGE_CHOICES

MIN_GROUP_SIZE_FLOOR = 3


def validate_name_translations(value) -> None:
    """{"fr": "Vague d'automne", ...}: known language codes, each with a short text."""
    if not isinstance(value, dict) or not set(value) <= set(LANGUAGES):
        raise ValidationError(_("Names are given per language: nl, fr or en."))
    if not all(isinstance(text, str) and 0 < len(text) <= 200 for text in value.values()):
        raise ValidationError(_("Each name is a text of at most 200 characters."))


def _name_translations_field():
    # The name in other languages; `name` is shown where a language has none. One JSON
    # field rather than a column per language: docs/names-in-languages.md says why.
    return models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        validators=[validate_name_translations],
    )


class NamedInLanguages:
    """For a model with a `name` and `_name_translations_field()` as `name_translations`."""

    name: str
    name_translations: dict[str, str]

    def name_in(self, language: str | None) -> str:
        return self.name_translations.get(language or "") or self.name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=5,
        validators=[MinValueValidator(MIN_GROUP_SIZE_FLOOR)],
        help_text=_("No figure based on fewer responses than this is ever shown (at least 3)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_group_size__gte=MIN_GROUP_SIZE_FLOOR),
                name="organisation_min_group_size_at_least_3",
            ),
        ]

    def __str__(self):
        return self.name


class Department(NamedInLanguages, models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=150)
    name_translations = _name_translations_field()
    headcount = models.PositiveIntegerField(
        _("headcount"),
        null=True,
        blank=True,
        help_text=_("Number of employees, used for the response rate. Optional."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="department_name_unique_per_organisation",
                violation_error_message=_(
                    "This organisation already has a department with this name."
                ),
            ),
        ]

    def __str__(self):
        return self.name


def new_public_id() -> str:
    """An unguessable campaign link id (128 bits)."""
    return secrets.token_urlsafe(16)


class Campaign(NamedInLanguages, models.Model):
    """A survey wave of one organisation."""

    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"

    # How respondents get in: anyone with the link, or one single-use code per person.
    OPEN_LINK = "link"
    ACCESS_CODES = "codes"
    ACCESS_CHOICES = [
        (OPEN_LINK, _("Open link: anyone with the link can answer")),
        (ACCESS_CODES, _("Access codes: one single-use code per person")),
    ]

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campaigns"
    )
    name = models.CharField(_("name"), max_length=200)
    name_translations = _name_translations_field()
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("Last day to answer."))
    default_language = models.CharField(
        _("default language"), max_length=2, choices=LANGUAGE_CHOICES, default="nl"
    )
    instrument_version = models.PositiveSmallIntegerField(default=CURRENT_VERSION)
    access = models.CharField(
        _("how respondents get in"), max_length=5, choices=ACCESS_CHOICES, default=OPEN_LINK
    )
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="campaign_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # Whoever reads the figures must not hold codes (HRMembership says why); the
        # services and the admin check this again under the organisation's lock.
        if self.access == self.ACCESS_CODES and self.organisation_id is not None:
            holders = users_with_both_roles(self.organisation)
            if holders:
                raise ValidationError({"access": codes_refused_message(holders)})

    def status(self, today: date) -> str:
        if today < self.opens_on:
            return self.UPCOMING
        if today > self.closes_on:
            return self.CLOSED
        return self.OPEN


class HRMembership(models.Model):
    """One role of a user in an organisation's HR (docs/privacy.md, "Two roles").

    A *reader* sees the organisation's figures (dashboards, exports) and its audit log; an
    *access custodian* runs its campaigns' access (departments and headcounts, campaigns
    and their dates, the poster, access codes) and sees no figure. Whoever reads the
    figures must not hold codes, so nobody holds both roles in an organisation whose
    campaigns use codes: the roles module (roles.py) refuses it under a lock, and
    `clean()` says so in the admin.

    A *team manager* sees the figures of their `departments` (one or more of the
    organisation's) exactly as readers see them, with the organisation's for comparison,
    and nothing else: no codes, invitations, departments, campaigns or audit log. They see
    figures, so the same rule holds for them: nobody is both custodian and manager where
    codes are used (docs/privacy.md, "Team managers").
    """

    READER = "reader"
    CUSTODIAN = "custodian"
    MANAGER = "manager"
    ROLE_CHOICES = [
        (READER, _("reader")),
        (CUSTODIAN, _("access custodian")),
        (MANAGER, _("team manager")),
    ]
    # The roles that see figures: neither may go with the custodian's where codes are used.
    FIGURE_ROLES = (READER, MANAGER)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hr_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="hr_memberships"
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=ROLE_CHOICES,
        default=READER,
        help_text=_(
            "A reader sees the figures, exports and the audit log. An access custodian runs "
            "departments, campaigns, the poster and access codes, and sees no figures. A "
            "team manager sees the figures of their departments and the organisation's."
        ),
    )
    departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="manager_memberships",
        verbose_name=_("departments"),
        help_text=_("For a team manager only: the departments whose figures they see."),
    )

    class Meta:
        verbose_name = _("HR role")
        verbose_name_plural = _("HR roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="hr_membership_one_per_role"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["reader", "custodian", "manager"]),
                name="hr_membership_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def clean(self):
        # The admin's forms call this; roles.hr_role_grant checks it again under a lock.
        if not self.user_id or not self.organisation_id:  # an incomplete admin form
            return
        other = HRMembership.objects.filter(
            user_id=self.user_id, organisation_id=self.organisation_id
        )
        if self.pk:
            other = other.exclude(pk=self.pk)
        held = {self.role, *other.values_list("role", flat=True)}
        if roles_conflict(held) and organisation_uses_codes(self.organisation):
            raise ValidationError(both_roles_refused_message(self.organisation))


def roles_conflict(roles: "set[str] | frozenset[str]") -> bool:
    """Whether these roles of one person would let a code-holder read figures: the
    custodian's with a reader's or a team manager's."""
    figures = set(HRMembership.FIGURE_ROLES)
    return HRMembership.CUSTODIAN in roles and bool(figures & set(roles))


def organisation_uses_codes(organisation: "Organisation") -> bool:
    """True once any campaign of the organisation (open, upcoming or closed) runs on codes."""
    return organisation.campaigns.filter(access=Campaign.ACCESS_CODES).exists()


def users_with_both_roles(organisation: "Organisation") -> list[str]:
    """The usernames of the organisation's users who are custodian and also see figures
    (as reader or team manager)."""
    custodians = HRMembership.objects.filter(organisation=organisation, role=HRMembership.CUSTODIAN)
    both = custodians.filter(
        user__hr_memberships__organisation=organisation,
        user__hr_memberships__role__in=HRMembership.FIGURE_ROLES,
    )
    return sorted(set(both.values_list("user__username", flat=True)))


def codes_refused_message(holders: list[str]) -> str:
    return str(
        _(
            "Access codes cannot be used while someone both sees figures (as reader or "
            "team manager) and runs the access (%(users)s): they could answer with the "
            "unused codes and then read the result. Keep the open link, or ask the "
            "administrator to give one of the two roles to another person."
        )
        % {"users": ", ".join(holders)}
    )


def both_roles_refused_message(organisation: "Organisation") -> str:
    return str(
        _(
            "%(organisation)s uses access codes, so nobody can both see its figures (as "
            "reader or team manager) and run its access: someone holding codes could answer "
            "with the unused ones and then read the result. Give the other role to another "
            "person, for example the prevention adviser."
        )
        % {"organisation": organisation.name}
    )


def _score_field():
    return models.FloatField(null=True, blank=True)


class StoredScores(models.Model):
    """The response's scale scores, computed once at submission (see scoring.py).

    One column per scale so the database can aggregate them directly; None means "not
    enough answers". The names match `Instrument.scales()`; a test keeps them in step.
    """

    material_colleagues = _score_field()
    material_supervisor = _score_field()
    material_third_parties = _score_field()
    informational_colleagues = _score_field()
    informational_supervisor = _score_field()
    informational_third_parties = _score_field()
    respecting_colleagues = _score_field()
    respecting_supervisor = _score_field()
    respecting_third_parties = _score_field()
    emotional_colleagues = _score_field()
    emotional_supervisor = _score_field()
    emotional_third_parties = _score_field()
    material = _score_field()
    informational = _score_field()
    respecting = _score_field()
    emotional = _score_field()
    colleagues = _score_field()
    supervisor = _score_field()
    third_parties = _score_field()
    overall = _score_field()
    pressure = _score_field()
    climate = _score_field()
    # Support from the organisation (instrument version 3 on; None for earlier versions,
    # which did not ask it).
    organisation = _score_field()
    need_material = _score_field()
    need_informational = _score_field()
    need_respecting = _score_field()
    need_emotional = _score_field()

    class Meta:
        abstract = True


SCORE_FIELDS = tuple(field.name for field in StoredScores._meta.local_fields)


def new_response_id() -> int:
    """A random id: the order of ids tells nothing about the order of submissions (nor
    about which access code was spent just before)."""
    return secrets.randbelow(2**62) + 1


class Response(StoredScores):
    id = models.BigIntegerField(primary_key=True, default=new_response_id, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
    )
    submitted_on = models.DateField()
    language = models.CharField(max_length=2, choices=LANGUAGE_CHOICES)
    instrument_version = models.PositiveSmallIntegerField()
    # SHA-256 of the private report token; the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True)
    # SHA-256 of the questionnaire session's one-time key: a double click, a replayed POST
    # or a second tab of the same session cannot store a second response.
    submission_key_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [
            models.Index(fields=["campaign", "department"], name="response_campaign_department"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=list(LANGUAGES)),
                name="response_language_valid",
            ),
        ]

    def __str__(self):
        return f"Response {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=20)
    # One of 0/25/50/75/100 as answered (before reversing); NULL is "not applicable".
    value = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_one_per_item"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__in=CHOICE_VALUES),
                name="answer_value_on_scale",
            ),
        ]

    def __str__(self):
        return f"{self.item}={self.value}"


class PersonalReport(models.Model):
    """A respondent's rendered PDF, kept so later downloads need no new rendering.

    Stored in the database so every app server shares it, and deleted with its response.
    `fingerprint` covers everything the PDF shows (scores, language, the organisation's
    averages, the links), so a report whose content would change is rendered again.
    """

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="personal_report"
    )
    language = models.CharField(max_length=2, choices=LANGUAGE_CHOICES)
    fingerprint = models.CharField(max_length=64)
    pdf = models.BinaryField()
    # A day, not a time: the first rendering usually follows the submission closely.
    created_on = models.DateField()

    class Meta:
        verbose_name = _("personal report")
        verbose_name_plural = _("personal reports")

    def __str__(self):
        return f"Report of response {self.response_id}"


class KeptFirstStep(models.Model):
    """A first step of advice the respondent chose to keep with their response.

    Only on their explicit request (an unticked box on their results page): which step
    they picked, by its code (advice.STEPS_BY_CODE), nothing typed and no time. Only the
    respondent sees it again, through their private report link; no HR page, export or
    figure reads it (docs/privacy.md). Deleted with the response, or by the respondent.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="kept_steps")
    code = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("kept first step")
        verbose_name_plural = _("kept first steps")
        constraints = [
            models.UniqueConstraint(fields=["response", "code"], name="one_kept_step_per_code")
        ]

    def __str__(self):
        return f"Kept step {self.code} of response {self.response_id}"


class AggregateSnapshot(models.Model):
    """The aggregate figures of a closed campaign, taken the first time they are needed and
    then kept unchanged (see aggregates/snapshot.py).

    Freezing them is a privacy rule, not only a cache: were the figures recomputed after a
    respondent deleted their response, the figures before and after would differ by exactly
    that response. `min_group_size` is frozen with them, because suppressing the same
    figures once with one k and once with another can expose a group below both.
    """

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="aggregate_snapshot"
    )
    min_group_size = models.PositiveSmallIntegerField()
    taken_on = models.DateField()
    # Per department: counts, sums and sums of squares per scale; per item: answer counts.
    data = models.JSONField()

    class Meta:
        verbose_name = _("aggregate snapshot")
        verbose_name_plural = _("aggregate snapshots")

    def __str__(self):
        return f"Figures of {self.campaign}"


class ExportCache(models.Model):
    """HR's PDF export of a closed campaign, rendered once per language and then kept.

    A closed campaign's figures are frozen (AggregateSnapshot), so its report only changes
    when something else it shows does (a department renamed, a headcount, the previous
    wave): `fingerprint` covers the whole document, and a report whose content would
    change is rendered again. Stored in the database so every app server shares it; the
    row is also what a rendering locks, so the same export is never rendered twice at once
    (hr/exports/kept_pdf.py). Deleted with the snapshot, hence with the campaign.
    """

    snapshot = models.ForeignKey(
        AggregateSnapshot, on_delete=models.CASCADE, related_name="export_caches"
    )
    taken_on = models.DateField()
    language = models.CharField(max_length=2, choices=LANGUAGE_CHOICES)
    # Whose report: "" for the readers', else a digest of the team manager's departments
    # (kept_pdf.scope_key): a manager never gets the readers' PDF or another manager's.
    scope = models.CharField(max_length=64, blank=True, default="")
    fingerprint = models.CharField(max_length=64, blank=True)
    pdf = models.BinaryField(blank=True, default=b"")
    # How many times this export was rendered and kept: once per change of what it shows.
    renderings = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("cached export")
        verbose_name_plural = _("cached exports")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "taken_on", "language", "scope"],
                name="export_cache_unique",
            ),
        ]

    def __str__(self):
        return f"PDF of {self.snapshot_id} ({self.language})"


class ExportRendering(models.Model):
    """A rendering of HR's PDF asked of the task queue, one per set of inputs.

    `fingerprint` is the kept PDF's inputs_fingerprint when a request asked for it: unique,
    so however many requests and app servers ask for the same report at once, one task is
    enqueued (hr/exports/kept_pdf.py); `task_id` is that task's id, which the "being
    prepared" page waits on. Deleted with the campaign, and a day after by the purge.
    """

    fingerprint = models.CharField(max_length=64, unique=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    task_id = models.CharField(max_length=64, blank=True)
    asked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("PDF rendering")
        verbose_name_plural = _("PDF renderings")

    def __str__(self):
        return f"PDF rendering {self.task_id}"


class TaskWorker(models.Model):
    """A running `manage.py worker`, seen alive at `seen_at` (its heartbeat).

    A task whose worker has not been seen for the lease is taken back from it and run
    again by another worker (ops/worker.py): django-tasks-db alone leaves the task of a
    worker that died (killed, out of memory, its machine gone) running for ever.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return self.worker_id


class PeriodicJob(models.Model):
    """When a periodic task (the freezing sweep, the retention purge) is due next.

    The workers' scheduler moves `due_at` forward and enqueues the task in one conditional
    update, so with any number of workers each run is enqueued once (ops/worker.py).
    """

    name = models.CharField(max_length=64, primary_key=True)
    due_at = models.DateTimeField()

    def __str__(self):
        return self.name


class ReportLinkMiss(models.Model):
    """One wrong private report link asked for, to throttle guessing (see throttle.py).

    `client` is a keyed hash of the client's address, never the address itself, and a row
    is deleted once it is older than the throttling window.
    """

    client = models.CharField(max_length=64)
    missed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["client", "missed_at"], name="report_link_miss_client"),
            models.Index(fields=["missed_at"], name="report_link_miss_time"),
        ]

    def __str__(self):
        return f"Miss at {self.missed_at:%Y-%m-%d %H:%M}"


class AccessCodeBatch(models.Model):
    """Single-use access codes for one department of a campaign, issued together.

    The codes are not stored: they are derived from `seed` (core/access_codes.py), so HR can
    print the same slips again, and only their hashes are kept, in AccessCode.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="code_batches")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="code_batches"
    )
    size = models.PositiveIntegerField()
    seed = models.CharField(max_length=64, editable=False)
    created_on = models.DateField()
    # The codes the server sent in e-mail invitations (core/invitations.py): random, not
    # derived from a seed (`seed` is empty), so nobody can print or list them again.
    invited = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["created_on", "pk"]
        verbose_name = _("batch of access codes")
        verbose_name_plural = _("batches of access codes")

    def __str__(self):
        return f"{self.size} codes for {self.department}"


class AccessCode(models.Model):
    """One single-use code, as the SHA-256 of its text. Spending it stores nothing that
    could tie it to the response it let in: no time, no response, only that it is spent."""

    batch = models.ForeignKey(AccessCodeBatch, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    spent = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("access code")
        verbose_name_plural = _("access codes")

    def __str__(self):
        return "spent code" if self.spent else "unspent code"


class Invitation(models.Model):
    """An address the server sends a campaign's invitation and its one reminder to
    (core/invitations.py, docs/privacy.md "Invitations by e-mail").

    Nothing here says which code the person got: the code is made when the message is sent
    and exists only in the message (and, as everywhere, as its hash). The id is random, so
    the order of rows says nothing about the order addresses were given or sent. No time
    is kept. The rows are deleted when the campaign closes (docs/data-retention.md).
    """

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    STATE_CHOICES = [(PENDING, _("not sent yet")), (SENT, _("sent")), (FAILED, _("failed"))]

    # Random, as a response's id is (new_response_id says why).
    id = models.BigIntegerField(primary_key=True, default=new_response_id, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="invitations")
    address = models.EmailField(max_length=254)
    state = models.CharField(max_length=7, choices=STATE_CHOICES, default=PENDING)
    reminded = models.BooleanField(default=False)
    # The run (a task's id) sending this row's message right now, so no other run sends
    # it too; empty otherwise.
    claim = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "address"], name="invitation_one_per_address"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "sent", "failed"]),
                name="invitation_state_valid",
            ),
        ]

    def __str__(self):
        return f"Invitation ({self.get_state_display()})"


class AccessCodeTries(models.Model):
    """How often one access code was entered within one throttling window (access_codes.py), so
    that someone holding the code cannot keep testing whether it got spent.

    It holds the window's start, never a finer time or anything about the client, and is
    deleted once the window is over.
    """

    code = models.ForeignKey(AccessCode, on_delete=models.CASCADE, related_name="+")
    window = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "window"], name="access_code_tries_unique"),
        ]

    def __str__(self):
        return f"{self.count} tries"


class CampaignCodeMisses(models.Model):
    """How many codes that are none of the campaign's were entered within one throttling
    window (access_codes.py): guessing is limited per campaign, not per client address, so people
    behind one office address do not lock each other out. Deleted once the window is over.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    window = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "window"], name="campaign_code_misses_unique"
            ),
        ]

    def __str__(self):
        return f"{self.count} wrong codes"


# What an audit event can record, with its label (audit_log.py writes and reads the log).
AUDIT_ACTIONS = {
    "campaign_created": _("Campaign created"),
    "campaign_dates_changed": _("Campaign dates changed"),
    "campaign_access_changed": _("How respondents get in changed"),
    "department_created": _("Department added"),
    "headcount_changed": _("Headcount changed"),
    "department_deleted": _("Department deleted"),
    "codes_issued": _("Access codes issued"),
    "invitations_added": _("Addresses added for invitations"),
    "minimum_group_size_changed": _("Minimum group size changed"),
    "role_granted": _("HR role given"),
    "role_removed": _("HR role removed"),
    "manager_departments_changed": _("Team manager's departments changed"),
    "action_added": _("Action added"),
    "action_changed": _("Action changed"),
    "action_deleted": _("Action deleted"),
}

# What the details of an audit event are called on the audit log page, in the order shown
# (PostgreSQL's JSON keeps no order of its own).
AUDIT_DETAIL_LABELS = {
    "user": _("user"),
    "role": _("role"),
    "departments": _("departments"),
    "department": _("department"),
    "headcount": _("headcount"),
    "opens_on": _("opens on"),
    "closes_on": _("closes on"),
    "access": _("how respondents get in"),
    "count": _("number of codes"),
    "before": _("before"),
    "after": _("after"),
    "area": _("area"),
    "status": _("status"),
    "due_on": _("due on"),
    "owner": _("owner"),
}


class AuditEvent(models.Model):
    """A change by HR or an administrator that moves what HR can see (k, headcounts,
    campaign dates and access, codes issued); every HR user of the organisation reads them.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="audit_events"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=40)
    detail = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.action} by {self.actor}"

    @property
    def label(self) -> str:
        return str(AUDIT_ACTIONS.get(self.action, self.action))

    @property
    def detail_items(self) -> list[tuple[str, str]]:
        """The details in words: each key's label, and a role by its name."""
        roles = dict(HRMembership.ROLE_CHOICES)
        order = {key: place for place, key in enumerate(AUDIT_DETAIL_LABELS)}
        items = []
        for key, value in sorted(self.detail.items(), key=lambda item: order.get(item[0], 99)):
            shown = roles.get(value, value) if key == "role" else value
            if isinstance(value, list):  # a team manager's departments
                shown = ", ".join(str(part) for part in value)
            items.append((str(AUDIT_DETAIL_LABELS.get(key, key)), str(shown)))
        return items


class DeletedSubmission(models.Model):
    """The submission key of a response its respondent deleted (its SHA-256 only).

    The respondent's browser may still hold the questionnaire's state from before the
    submission (a signed cookie, valid for SESSION_COOKIE_AGE); replaying one of its
    requests must not store the deleted answers again. The row says nothing about the
    answers, and is removed by `purge_responses` once every such cookie has expired.
    """

    submission_key_hash = models.CharField(max_length=64, unique=True)
    deleted_on = models.DateField()

    class Meta:
        verbose_name = _("deleted submission")
        verbose_name_plural = _("deleted submissions")

    def __str__(self):
        return f"Deleted on {self.deleted_on}"


class ActionPlanItem(models.Model):
    """One action HR plans after a closed wave, for the whole organisation (department
    None) or one of its departments: the area of support it aims at (a scale code the
    wave's questionnaire asks), what will be done, who sees to it, by when, and how far it
    is. It holds no respondent data: a plan is written by HR about groups, and its owner
    is a name or a role, never a respondent (hr/actions/, docs/privacy.md)."""

    PLANNED = "planned"
    UNDER_WAY = "under_way"
    DONE = "done"
    DROPPED = "dropped"
    STATUS_CHOICES = [
        (PLANNED, _("planned")),
        (UNDER_WAY, _("under way")),
        (DONE, _("done")),
        (DROPPED, _("dropped")),
    ]

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="actions")
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    area = models.CharField(_("area"), max_length=40)
    what = models.CharField(_("what will be done"), max_length=500)
    owner = models.CharField(
        _("owner"),
        max_length=100,
        help_text=_("A name or a role that sees to it, never a respondent."),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PLANNED)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return f"Action {self.pk} on {self.area}"
