"""The audit log: changes by HR or an administrator that move what HR can see.

k, headcounts, campaign dates and access, and codes issued all change which groups are
shown or how many responses they can hold (docs/privacy.md). Every HR user of the
organisation can read the log, so one HR user cannot quietly shape the figures to single
someone out.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ..models import AUDIT_ACTIONS, AuditEvent, Campaign, Organisation

# The log's vocabulary, kept with its model so models.py needs nothing from here.
ACTIONS = AUDIT_ACTIONS


def audit_record(
    *,
    organisation: Organisation,
    actor: Any,
    action: str,
    campaign: Campaign | None = None,
    **detail: Any,
) -> AuditEvent:
    """Write one event; `detail` holds what changed (JSON-safe values)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    return AuditEvent.objects.create(
        organisation=organisation,
        campaign=campaign,
        actor=_actor_name(actor),
        action=action,
        detail=detail,
    )


def _actor_name(actor: Any) -> str:
    """A user's username; a command or other process is named "system"."""
    if hasattr(actor, "get_username"):
        return actor.get_username()
    return str(actor) if actor else "system"


def audit_events_for(organisation: Organisation) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation=organisation).select_related("campaign")
