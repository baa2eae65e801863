"""Adding, changing and deleting a wave's actions, each written to the audit log.

Every function checks the whole action again (the wave has closed, the group is one of the
page's groups, the area one the wave asks, the date not before the wave, the texts and the
status) and validates the row before saving, so a forged request stores nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ...core.audit_log import audit_record
from ...core.privacy import scores_released
from ...models import ActionPlanItem, Campaign, Department
from .areas import areas_asked
from .plan import ActionGroup

# The fields an action is made of, as the form gives them (the group as its key).
FIELDS = ("group", "area", "what", "owner", "due_on", "status", "note")


def closed_check(campaign: Campaign, today: date) -> None:
    if not scores_released(campaign, today):
        raise ValidationError(
            _("Actions are planned for a wave that has closed, once its figures are shown.")
        )


def _group(groups: Sequence[ActionGroup], key: str) -> ActionGroup:
    found = next((group for group in groups if group.key == str(key)), None)
    if found is None:
        raise ValidationError(_("Choose one of this wave's groups."))
    return found


def _checked(campaign: Campaign, groups: Sequence[ActionGroup], fields: dict[str, Any]) -> dict:
    """The action's values, checked: the department (None for the organisation) in place
    of the group's key."""
    group = _group(groups, fields["group"])
    if fields["area"] not in dict(areas_asked(campaign)):
        raise ValidationError(_("Choose an area this wave's questionnaire asks."))
    due_on = fields["due_on"]
    if not isinstance(due_on, date) or due_on < campaign.opens_on:
        raise ValidationError(
            _("The due date cannot be before the wave opened (%(date)s).")
            % {"date": date_format(campaign.opens_on, "DATE_FORMAT")}
        )
    department = None
    if group.department_id is not None:
        department = Department.objects.filter(
            pk=group.department_id, organisation_id=campaign.organisation_id
        ).first()
        if department is None:
            raise ValidationError(_("Choose one of this wave's groups."))
    values = {key: fields[key] for key in FIELDS if key != "group"}
    values["what"], values["owner"] = str(values["what"]).strip(), str(values["owner"]).strip()
    values["note"] = str(values.get("note") or "").strip()
    return {**values, "department": department}


def action_create(
    *,
    campaign: Campaign,
    groups: Sequence[ActionGroup],
    today: date,
    actor: Any,
    **fields: Any,
) -> ActionPlanItem:
    closed_check(campaign, today)
    action = ActionPlanItem(campaign=campaign, **_checked(campaign, groups, fields))
    with transaction.atomic():
        action.full_clean()
        action.save()
        _audit(action, actor, "action_added")
    return action


# What the audit log records of a change: the fields it names by their value.
AUDITED = ("department", "area", "owner", "due_on", "status")


def action_update(
    *,
    action: ActionPlanItem,
    groups: Sequence[ActionGroup],
    today: date,
    actor: Any,
    **fields: Any,
) -> ActionPlanItem:
    closed_check(action.campaign, today)
    before = _audited(action)
    old_texts = (action.what, action.note)
    for key, value in _checked(action.campaign, groups, fields).items():
        setattr(action, key, value)
    with transaction.atomic():
        action.full_clean()
        action.save()
        after = _audited(action)
        changed = sorted(key for key in AUDITED if before[key] != after[key])
        texts = old_texts != (action.what, action.note)
        _audit(
            action,
            actor,
            "action_changed",
            before={key: before[key] for key in changed},
            after={key: after[key] for key in changed},
            texts_changed=texts,
        )
    return action


def action_delete(*, action: ActionPlanItem, actor: Any) -> None:
    with transaction.atomic():
        _audit(action, actor, "action_deleted")
        action.delete()


def _audited(action: ActionPlanItem) -> dict[str, str]:
    return {
        "department": action.department.name if action.department else "",
        "area": action.area,
        "owner": action.owner,
        "due_on": action.due_on.isoformat(),
        "status": action.status,
    }


def _audit(action: ActionPlanItem, actor: Any, kind: str, **detail: Any) -> None:
    audit_record(
        organisation=action.campaign.organisation,
        campaign=action.campaign,
        actor=actor,
        action=kind,
        **_audited(action),
        **detail,
    )
