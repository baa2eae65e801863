"""The HR user's objects, scoped in the query, per role.

Every HR view starts with one of these helpers. The filter on the user's role in the
object's organisation is part of the query itself, so an object of another organisation,
or of one where the user lacks the view's role, is simply not found: a 404 that does not
even reveal that it exists, never a 403.

Three roles (models.HRMembership): a *reader* gets the figures (dashboards, exports, the
audit log); an *access custodian* gets what runs a campaign's access (departments,
campaigns, the poster, codes) and no figure; a *team manager* gets the dashboard and
exports of their organisation's campaigns restricted to their departments
(`campaign_and_departments_for_viewer`), and nothing else.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from ..core.aggregates import with_frozen_counts, with_frozen_figures
from ..models import AccessCodeBatch, Campaign, Department, HRMembership, Organisation

READER = HRMembership.READER
CUSTODIAN = HRMembership.CUSTODIAN
MANAGER = HRMembership.MANAGER


def _holds(user: User, role: str, path: str = "") -> Q:
    """`path` leads from the queried model to its Organisation ("" for Organisation)."""
    prefix = f"{path}__" if path else ""
    return Q(
        **{
            f"{prefix}hr_memberships__user": user,
            f"{prefix}hr_memberships__role": role,
        }
    )


def _organisations(user: User, role: str) -> QuerySet[Organisation]:
    return Organisation.objects.filter(_holds(user, role))


def _campaigns(user: User, role: str) -> QuerySet[Campaign]:
    # With its frozen figures where taken: whether there are some decides what every page
    # and export of the campaign shows (aggregates.is_frozen).
    return with_frozen_figures(
        Campaign.objects.filter(_holds(user, role, "organisation")).select_related("organisation")
    )


def organisation_for_reader(user: User, pk: int) -> Organisation:
    return get_object_or_404(_organisations(user, READER), pk=pk)


def organisation_for_custodian(user: User, pk: int) -> Organisation:
    return get_object_or_404(_organisations(user, CUSTODIAN), pk=pk)


def campaign_for_reader(user: User, pk: int) -> Campaign:
    return get_object_or_404(_campaigns(user, READER), pk=pk)


def campaign_and_departments_for_viewer(
    user: User, pk: int
) -> tuple[Campaign, frozenset[int] | None]:
    """A campaign whose figures the user may see, and which departments' rows: None for a
    reader (every row), a team manager's departments otherwise (aggregates.for_departments
    keeps those and the organisation's). Neither role: a 404. One query for a reader, two
    for a team manager."""
    viewing = Organisation.objects.filter(
        hr_memberships__user=user, hr_memberships__role__in=(READER, MANAGER)
    )
    reads = HRMembership.objects.filter(
        user=user, role=READER, organisation_id=OuterRef("organisation_id")
    )
    campaigns = Campaign.objects.filter(organisation__in=viewing).annotate(reads=Exists(reads))
    campaign = get_object_or_404(
        with_frozen_figures(campaigns.select_related("organisation")), pk=pk
    )
    if campaign.reads:  # type: ignore[attr-defined]
        return campaign, None
    departments = Department.objects.filter(
        manager_memberships__user=user,
        manager_memberships__organisation_id=campaign.organisation_id,
    )
    return campaign, frozenset(departments.values_list("pk", flat=True))


def campaign_for_custodian(user: User, pk: int) -> Campaign:
    return get_object_or_404(_campaigns(user, CUSTODIAN), pk=pk)


def department_for_custodian(user: User, pk: int) -> Department:
    departments = Department.objects.filter(_holds(user, CUSTODIAN, "organisation"))
    return get_object_or_404(departments.select_related("organisation"), pk=pk)


def batch_for_custodian(user: User, campaign_pk: int, pk: int) -> AccessCodeBatch:
    """A batch of printed codes, within the campaign of the URL, for its custodians only
    (the codes of e-mail invitations are in their messages only: never a batch to print)."""
    batches = AccessCodeBatch.objects.filter(
        _holds(user, CUSTODIAN, "campaign__organisation"), campaign_id=campaign_pk, invited=False
    )
    return get_object_or_404(batches.select_related("department", "campaign__organisation"), pk=pk)


def manager_for_reader(user: User, pk: int) -> HRMembership:
    """A team manager's role, for the readers of its organisation (who give and take it)."""
    managers = HRMembership.objects.filter(_holds(user, READER, "organisation"), role=MANAGER)
    return get_object_or_404(managers.select_related("user", "organisation"), pk=pk)


@dataclass(frozen=True)
class OrganisationRoles:
    """One of the user's organisations, its campaigns prefetched, and their roles in it."""

    organisation: Organisation
    roles: frozenset[str]

    @property
    def reader(self) -> bool:
        return READER in self.roles

    @property
    def custodian(self) -> bool:
        return CUSTODIAN in self.roles

    @property
    def manager(self) -> bool:
        return MANAGER in self.roles

    @property
    def sees_figures(self) -> bool:
        """A reader, or a team manager (their departments' and the organisation's)."""
        return self.reader or self.manager


def organisations_with_campaigns_for_hr(user: User) -> list[OrganisationRoles]:
    """The user's organisations (by name) with their campaigns (newest first), the
    campaigns' frozen counts where taken (not the figures), and the user's roles: two
    queries."""
    memberships = HRMembership.objects.filter(user=user).select_related("organisation")
    organisations: dict[int, Organisation] = {}
    roles: dict[int, set[str]] = {}
    for membership in memberships:
        organisations[membership.organisation_id] = membership.organisation
        roles.setdefault(membership.organisation_id, set()).add(membership.role)
    ordered = sorted(organisations.values(), key=lambda organisation: organisation.name)
    campaigns = with_frozen_counts(Campaign.objects.order_by("-opens_on", "name"))
    prefetch_related_objects(ordered, Prefetch("campaigns", queryset=campaigns))
    return [OrganisationRoles(org, frozenset(roles[org.pk])) for org in ordered]


def roles_in(user: User, organisation_id: int) -> frozenset[str]:
    """The user's roles in one organisation (for what a page offers, never for access)."""
    return frozenset(
        HRMembership.objects.filter(user=user, organisation_id=organisation_id).values_list(
            "role", flat=True
        )
    )
