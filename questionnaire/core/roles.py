"""HR's roles in an organisation, and the rule that keeps codes from whoever sees figures.

A *reader* sees the figures; an *access custodian* runs the campaigns' access (departments,
headcounts, dates, the poster, access codes); a *team manager* sees the figures of their
departments (and the organisation's). Someone who holds codes can answer with the unused
ones and, seeing figures, read the result (docs/privacy.md, "Two roles", "Team
managers"), so in an organisation whose campaigns use codes nobody is custodian and
reader, or custodian and team manager.

The rule spans two tables (roles and campaigns), so no single constraint can hold it. Both
writes that could break it, giving someone their second role and letting a campaign run on
codes, first lock the organisation's row (`organisation_lock`) and check inside that
transaction: two such writes for one organisation never overlap, so a race cannot pass
between the check and the write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    Campaign,
    Department,
    HRMembership,
    Organisation,
    both_roles_refused_message,
    codes_refused_message,
    organisation_uses_codes,
    roles_conflict,
    users_with_both_roles,
)
from .audit_log import audit_record

READER = HRMembership.READER
CUSTODIAN = HRMembership.CUSTODIAN
MANAGER = HRMembership.MANAGER
ROLES = (READER, CUSTODIAN, MANAGER)


def organisation_lock(organisation: Organisation) -> Organisation:
    """Lock the organisation's row until the transaction ends (must be inside one).

    PostgreSQL holds a row lock; SQLite has no row locks, but the UPDATE takes its one
    write lock, so on both a second writer waits here instead of checking a stale state.
    """
    Organisation.objects.filter(pk=organisation.pk).update(name=organisation.name)
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def roles_of(user: Any, organisation: Organisation) -> set[str]:
    return set(
        HRMembership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )


def hr_role_grant(
    *,
    user: User,
    organisation: Organisation,
    role: str,
    actor: Any = None,
    departments: Sequence[Department] = (),
) -> HRMembership:
    """Give `user` a role in `organisation` (nothing changes if they hold it already); a
    team manager with their `departments` (one or more of the organisation's).

    Refused (ValidationError) when it would make them custodian and also someone who sees
    figures (reader or team manager) of an organisation whose campaigns use codes.
    """
    if role not in ROLES:
        raise ValidationError({"role": f"unknown role {role!r}"})
    with transaction.atomic():
        organisation = organisation_lock(organisation)
        held = roles_of(user, organisation)
        if role in held:
            return HRMembership.objects.get(user=user, organisation=organisation, role=role)
        departments_check(role=role, organisation=organisation, departments=departments)
        if roles_conflict(held | {role}) and organisation_uses_codes(organisation):
            raise ValidationError(both_roles_refused_message(organisation))
        membership = HRMembership(user=user, organisation=organisation, role=role)
        membership.full_clean()
        membership.save()
        scope: dict[str, Any] = {}
        if role == MANAGER:
            membership.departments.set(departments)
            scope["departments"] = department_names(departments)
        audit_record(
            organisation=organisation,
            actor=actor,
            action="role_granted",
            user=user.get_username(),
            role=role,
            **scope,
        )
    return membership


def departments_check(
    *, role: str, organisation: Organisation, departments: Sequence[Department]
) -> None:
    """A team manager has one or more departments, all of their organisation; the other
    roles have none."""
    if role != MANAGER:
        if departments:
            raise ValidationError(_("Only a team manager is given departments."))
        return
    if not departments:
        raise ValidationError(_("Choose at least one department for the team manager."))
    if any(department.organisation_id != organisation.pk for department in departments):
        raise ValidationError(
            _("A team manager's departments must be departments of %(organisation)s.")
            % {"organisation": organisation.name}
        )


def department_names(departments: Sequence[Department]) -> list[str]:
    """The departments by their main names, sorted, as the audit log stores them."""
    return sorted(department.name for department in departments)


def manager_departments_change(
    *, membership: HRMembership, departments: Sequence[Department], actor: Any = None
) -> None:
    """Change which departments a team manager sees (nothing when they are the same);
    the audit log says from which to which."""
    with transaction.atomic():
        organisation = organisation_lock(membership.organisation)
        if membership.role != MANAGER:
            raise ValidationError(_("Only a team manager is given departments."))
        departments_check(role=MANAGER, organisation=organisation, departments=departments)
        before = department_names(list(membership.departments.all()))
        after = department_names(departments)
        if before == after:
            return
        membership.departments.set(departments)
        audit_record(
            organisation=organisation,
            actor=actor,
            action="manager_departments_changed",
            user=membership.user.get_username(),
            before=before,
            after=after,
        )


def hr_role_remove(*, membership: HRMembership, actor: Any = None) -> None:
    """Take a role away; the audit log says who lost which role."""
    with transaction.atomic():
        organisation = organisation_lock(membership.organisation)
        username = membership.user.get_username()
        role = membership.role
        membership.delete()
        audit_record(
            organisation=organisation, actor=actor, action="role_removed", user=username, role=role
        )


def hr_roles_of_user_remove(user: Any, *, actor: Any = None) -> None:
    """Before a user is deleted: each of their roles is taken away through
    hr_role_remove, so the audit log says so; otherwise the database's cascade would
    remove them without a trace."""
    for membership in HRMembership.objects.filter(user=user).select_related("user", "organisation"):
        hr_role_remove(membership=membership, actor=actor)


def codes_allowed_check(*, organisation: Organisation, access: str) -> None:
    """Refuse codes while someone of the organisation is custodian and also sees figures
    (reader or team manager).

    Call it inside the transaction that saves the campaign, after `organisation_lock`.
    """
    if access != Campaign.ACCESS_CODES:
        return
    holders = users_with_both_roles(organisation)
    if holders:
        raise ValidationError({"access": codes_refused_message(holders)})


def codes_offered(organisation: Organisation) -> bool:
    """Whether the campaign form offers access codes: not while anyone is custodian and
    also sees figures (with a single HR person the open link is the honest option)."""
    return not users_with_both_roles(organisation)
