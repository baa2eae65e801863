"""The audit log in sentences, in the reader's language.

An event stores what changed as codes and ISO dates (`AuditEvent.detail`); the page says
it the way a colleague would ("Changed the headcount of Kinderopvang from 20 to 3."). A
department is stored by its main name at the time: it is shown by its name in the
reader's language while a department of that name exists, else as stored (deleted or
renamed since).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..core.languages import active_language
from ..models import ActionPlanItem, AuditEvent, Campaign, HRMembership, Organisation
from .actions import area_labels


@dataclass(frozen=True)
class AuditLine:
    event: AuditEvent
    sentence: str


def audit_lines(events, *, organisation: Organisation) -> list[AuditLine]:
    language = active_language(fallback="")
    names = {d.name: d.name_in(language) for d in organisation.departments.all()}
    return [AuditLine(event, audit_sentence(event, department_names=names)) for event in events]


def audit_sentence(event: AuditEvent, *, department_names: dict[str, str]) -> str:
    """What happened, in one sentence; an unknown action keeps its label."""
    words = _Words(event, department_names)
    sentence = _SENTENCES.get(event.action)
    return sentence(words) if sentence else event.label


class _Words:
    """An event's details as the sentence reads them."""

    def __init__(self, event: AuditEvent, department_names: dict[str, str]):
        self.detail: dict[str, Any] = event.detail or {}
        self.campaign = event.campaign
        self.department_names = department_names

    def campaign_name(self) -> str:
        if self.campaign is None:
            return _("a campaign deleted since")
        return self.campaign.name_in(active_language(fallback=""))

    def department(self) -> str:
        stored = str(self.detail.get("department", ""))
        return self.department_names.get(stored, stored)

    def day(self, value: Any) -> str:
        try:
            return date_format(date.fromisoformat(str(value)), "DATE_FORMAT")
        except ValueError:
            return str(value)

    def headcount(self, value: Any) -> str:
        return _("not given") if value is None else str(value)

    def access(self, value: Any) -> str:
        return {
            Campaign.OPEN_LINK: _("an open link"),
            Campaign.ACCESS_CODES: _("access codes"),
        }.get(value, str(value))

    def departments(self, key: str) -> str:
        """A list of departments (a team manager's), each in the reader's language."""
        stored = self.detail.get(key) or []
        names = [self.department_names.get(str(name), str(name)) for name in stored]
        return ", ".join(names) if names else _("none")

    def role(self) -> str:
        return str(dict(HRMembership.ROLE_CHOICES).get(str(self.detail.get("role")), ""))

    def dates(self, key: str) -> tuple[str, str]:
        pair = self.detail.get(key) or ["", ""]
        return self.day(pair[0]), self.day(pair[1])


def _campaign_created(w: _Words) -> str:
    values = {
        "opens": w.day(w.detail.get("opens_on")),
        "closes": w.day(w.detail.get("closes_on")),
        "access": w.access(w.detail.get("access")),
    }
    if w.campaign is None:  # "Created the campaign a campaign deleted since" would not read
        deleted = _(
            "Created a campaign, deleted since, open from %(opens)s to %(closes)s, on %(access)s."
        )
        return deleted % values
    created = _(
        "Created the campaign %(campaign)s, open from %(opens)s to %(closes)s, on %(access)s."
    )
    return created % (values | {"campaign": w.campaign_name()})


def _dates_changed(w: _Words) -> str:
    (opened, closed), (opens, closes) = w.dates("before"), w.dates("after")
    return _(
        "Moved the dates of %(campaign)s from %(opened)s – %(closed)s to %(opens)s – %(closes)s."
    ) % {
        "campaign": w.campaign_name(),
        "opened": opened,
        "closed": closed,
        "opens": opens,
        "closes": closes,
    }


def _access_changed(w: _Words) -> str:
    return _("Switched %(campaign)s from %(before)s to %(after)s.") % {
        "campaign": w.campaign_name(),
        "before": w.access(w.detail.get("before")),
        "after": w.access(w.detail.get("after")),
    }


def _department_created(w: _Words) -> str:
    return _("Added the department %(department)s, headcount %(headcount)s.") % {
        "department": w.department(),
        "headcount": w.headcount(w.detail.get("headcount")),
    }


def _headcount_changed(w: _Words) -> str:
    return _("Changed the headcount of %(department)s from %(before)s to %(after)s.") % {
        "department": w.department(),
        "before": w.headcount(w.detail.get("before")),
        "after": w.headcount(w.detail.get("after")),
    }


def _department_deleted(w: _Words) -> str:
    return _("Deleted the department %(department)s.") % {"department": w.department()}


def _codes_issued(w: _Words) -> str:
    return _("Issued %(count)s access codes for %(department)s in %(campaign)s.") % {
        "count": w.detail.get("count"),
        "department": w.department(),
        "campaign": w.campaign_name(),
    }


def _invitations_added(w: _Words) -> str:
    return _(
        "Gave %(count)s e-mail addresses of %(department)s for invitations in %(campaign)s."
    ) % {
        "count": w.detail.get("count"),
        "department": w.department(),
        "campaign": w.campaign_name(),
    }


def _k_changed(w: _Words) -> str:
    return _("Changed the minimum group size from %(before)s to %(after)s.") % {
        "before": w.detail.get("before"),
        "after": w.detail.get("after"),
    }


def _role_granted(w: _Words) -> str:
    if "departments" in w.detail:
        return _("Gave %(user)s the role of %(role)s for %(departments)s.") % {
            "user": w.detail.get("user"),
            "role": w.role(),
            "departments": w.departments("departments"),
        }
    return _("Gave %(user)s the role of %(role)s.") % {
        "user": w.detail.get("user"),
        "role": w.role(),
    }


def _manager_departments_changed(w: _Words) -> str:
    return _("Changed the departments team manager %(user)s sees from %(before)s to %(after)s.") % {
        "user": w.detail.get("user"),
        "before": w.departments("before"),
        "after": w.departments("after"),
    }


def _role_removed(w: _Words) -> str:
    return _("Took the role of %(role)s from %(user)s.") % {
        "user": w.detail.get("user"),
        "role": w.role(),
    }


def _group(w: _Words) -> str:
    return w.department() or _("the whole organisation")


def _area(value: Any) -> str:
    return area_labels().get(str(value), str(value))


def _status(value: Any) -> str:
    return str(dict(ActionPlanItem.STATUS_CHOICES).get(str(value), value))


def _action_added(w: _Words) -> str:
    return _(
        "Planned an action for %(group)s in %(campaign)s on %(area)s, owner %(owner)s, "
        "due %(due)s (%(status)s)."
    ) % {
        "group": _group(w),
        "campaign": w.campaign_name(),
        "area": _area(w.detail.get("area")),
        "owner": w.detail.get("owner", ""),
        "due": w.day(w.detail.get("due_on")),
        "status": _status(w.detail.get("status")),
    }


def _action_change(key: str, before: Any, after: Any, w: _Words) -> str:
    """One changed field in words ("status from planned to done")."""
    if key == "status":
        return _("status from %(before)s to %(after)s") % {
            "before": _status(before),
            "after": _status(after),
        }
    if key == "due_on":
        return _("due date from %(before)s to %(after)s") % {
            "before": w.day(before),
            "after": w.day(after),
        }
    if key == "area":
        return _("area from %(before)s to %(after)s") % {
            "before": _area(before),
            "after": _area(after),
        }
    if key == "owner":
        return _("owner from %(before)s to %(after)s") % {"before": before, "after": after}
    names = w.department_names
    return _("group from %(before)s to %(after)s") % {
        "before": names.get(before, before) or _("the whole organisation"),
        "after": names.get(after, after) or _("the whole organisation"),
    }


def _action_changed(w: _Words) -> str:
    before, after = w.detail.get("before") or {}, w.detail.get("after") or {}
    changes = [_action_change(key, before.get(key), after.get(key), w) for key in sorted(after)]
    if w.detail.get("texts_changed"):
        changes.append(_("its text"))
    return _("Changed the action for %(group)s in %(campaign)s on %(area)s: %(changes)s.") % {
        "group": _group(w),
        "campaign": w.campaign_name(),
        "area": _area(w.detail.get("area")),
        "changes": "; ".join(changes) or _("nothing"),
    }


def _action_deleted(w: _Words) -> str:
    return _("Deleted the action for %(group)s in %(campaign)s on %(area)s.") % {
        "group": _group(w),
        "campaign": w.campaign_name(),
        "area": _area(w.detail.get("area")),
    }


_SENTENCES: dict[str, Callable[[_Words], str]] = {
    "campaign_created": _campaign_created,
    "campaign_dates_changed": _dates_changed,
    "campaign_access_changed": _access_changed,
    "department_created": _department_created,
    "headcount_changed": _headcount_changed,
    "department_deleted": _department_deleted,
    "codes_issued": _codes_issued,
    "invitations_added": _invitations_added,
    "minimum_group_size_changed": _k_changed,
    "role_granted": _role_granted,
    "role_removed": _role_removed,
    "manager_departments_changed": _manager_departments_changed,
    "action_added": _action_added,
    "action_changed": _action_changed,
    "action_deleted": _action_deleted,
}
