"""HR's two roles in an organisation, and the rule that keeps codes from readers.

A *reader* sees the figures; an *access custodian* runs the campaigns' access (departments,
headcounts, dates, the poster, access codes). Someone who holds codes can answer with the
unused ones and, as a reader, read the result (docs/privacy.md, "Two roles"), so in an
organisation whose campaigns use codes nobody holds both roles.

The rule spans two tables (roles and campaigns), so no single constraint can hold it. Both
writes that could break it, giving someone their second role and letting a campaign run on
codes, first lock the organisation's row (`organisation_lock`) and check inside that
transaction: two such writes for one organisation never overlap, so a race cannot pass
between the check and the write.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import (
    Campaign,
    HRMembership,
    Organisation,
    both_roles_refused_message,
    codes_refused_message,
    organisation_uses_codes,
    users_with_both_roles,
)
from .audit_log import audit_record

READER = HRMembership.READER
CUSTODIAN = HRMembership.CUSTODIAN
ROLES = (READER, CUSTODIAN)


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
    *, user: User, organisation: Organisation, role: str, actor: Any = None
) -> HRMembership:
    """Give `user` a role in `organisation` (nothing changes if they hold it already).

    Refused (ValidationError) when it would make them both reader and custodian of an
    organisation whose campaigns use codes.
    """
    if role not in ROLES:
        raise ValidationError({"role": f"unknown role {role!r}"})
    with transaction.atomic():
        organisation = organisation_lock(organisation)
        held = roles_of(user, organisation)
        if role in held:
            return HRMembership.objects.get(user=user, organisation=organisation, role=role)
        if held and organisation_uses_codes(organisation):
            raise ValidationError(both_roles_refused_message(organisation))
        membership = HRMembership(user=user, organisation=organisation, role=role)
        membership.full_clean()
        membership.save()
        audit_record(
            organisation=organisation,
            actor=actor,
            action="role_granted",
            user=user.get_username(),
            role=role,
        )
    return membership


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
    """Refuse codes while someone of the organisation holds both roles.

    Call it inside the transaction that saves the campaign, after `organisation_lock`.
    """
    if access != Campaign.ACCESS_CODES:
        return
    holders = users_with_both_roles(organisation)
    if holders:
        raise ValidationError({"access": codes_refused_message(holders)})


def codes_offered(organisation: Organisation) -> bool:
    """Whether the campaign form offers access codes: not while anyone holds both roles
    (with a single HR person the open link is the honest option)."""
    return not users_with_both_roles(organisation)
