"""The HR user's objects, scoped in the query.

Every HR view starts with one of these helpers. The filter on the user's HR memberships is
part of the query itself, so an object of another organisation is simply not found: a 404
that does not even reveal that it exists, never a 403.
"""

from django.contrib.auth.models import User
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from ..models import Campaign, Department, Organisation


def _organisations(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(hr_memberships__user=user)


def _campaigns(user: User) -> QuerySet[Campaign]:
    return Campaign.objects.filter(organisation__hr_memberships__user=user)


def _departments(user: User) -> QuerySet[Department]:
    return Department.objects.filter(organisation__hr_memberships__user=user)


def organisation_for_hr(user: User, pk: int) -> Organisation:
    return get_object_or_404(_organisations(user), pk=pk)


def campaign_for_hr(user: User, pk: int) -> Campaign:
    # With its frozen figures where taken: whether there are some decides what every page
    # and export of the campaign shows (aggregates.is_frozen).
    campaigns = _campaigns(user).select_related("organisation", "aggregate_snapshot")
    return get_object_or_404(campaigns, pk=pk)


def department_for_hr(user: User, pk: int) -> Department:
    return get_object_or_404(_departments(user).select_related("organisation"), pk=pk)


def organisations_with_campaigns_for_hr(user: User) -> list[Organisation]:
    """The user's organisations with their campaigns (newest first) and the campaigns'
    frozen figures where taken: two queries."""
    campaigns = Campaign.objects.select_related("aggregate_snapshot").order_by("-opens_on", "name")
    return list(
        _organisations(user)
        .order_by("name")
        .prefetch_related(Prefetch("campaigns", queryset=campaigns))
    )
