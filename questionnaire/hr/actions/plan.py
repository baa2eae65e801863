"""A wave's action plan as the dashboard and the exports show it, with what became of each
action's area in the next closed wave.

The groups an action can be planned for, and whose actions are listed, are the groups of
the `Dashboard` the page was made from (`action_groups`): the whole organisation and each
department of the wave. Whoever gets a dashboard of fewer groups sees and plans for those
only; nothing here queries the departments on its own.

The follow-up reads each wave's groups from its frozen figures (aggregates.followup): only
values those waves' dashboards show, never a figure for a group they hide.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.db.models.fields.json import KeyTransform
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ...core.aggregates import (
    DEPARTMENT,
    ORGANISATION,
    Change,
    ClosedWaves,
    Dashboard,
    area_change,
    current_names,
    wave_dates,
)
from ...core.privacy import Hidden
from ...models import ActionPlanItem, Campaign
from ..dashboard import local_name
from .areas import area_labels

# The form's value for "the whole organisation".
WHOLE_ORGANISATION = "organisation"


@dataclass(frozen=True)
class ActionGroup:
    """A group an action can be for: `key` is the form's value, `department_id` None for
    the whole organisation."""

    key: str
    department_id: int | None
    label: str


def action_groups(board: Dashboard) -> tuple[ActionGroup, ...]:
    """The dashboard's own rows of the whole organisation and of each department: the
    groups its reader plans actions for and sees the actions of. A team manager's
    dashboard (`board.scope`) keeps the organisation's row for comparison only: they plan
    for, and see the plans of, their departments."""
    groups = []
    if board.responses.kind == ORGANISATION and board.scope is None:
        groups.append(ActionGroup(WHOLE_ORGANISATION, None, board.responses.label))
    for row in board.departments:
        if row.kind == DEPARTMENT and len(row.members) == 1:
            (department,) = row.members
            if isinstance(department, int):
                groups.append(ActionGroup(str(department), department, row.label))
    return tuple(groups)


def _of_groups(groups: Sequence[ActionGroup]) -> Q:
    departments = [group.department_id for group in groups if group.department_id is not None]
    of_groups = Q(department_id__in=departments)
    if any(group.department_id is None for group in groups):
        of_groups |= Q(department__isnull=True)
    return of_groups


def actions_of(campaign: Campaign, groups: Sequence[ActionGroup]) -> list[ActionPlanItem]:
    """The wave's actions for these groups, by due date."""
    found = ActionPlanItem.objects.filter(_of_groups(groups), campaign=campaign)
    return list(found.select_related("department").order_by("due_on", "pk"))


@dataclass(frozen=True)
class ActionLine:
    """One action as listed: its group and area named, its status in words, and the
    change of its area in its group in `later` (None while no later wave has closed)."""

    action: ActionPlanItem
    group: str
    area: str
    status: str
    later: str = ""
    change: Change | None = None

    @property
    def due(self) -> str:
        return date_format(self.action.due_on, "DATE_FORMAT")

    @property
    def follow_up(self) -> str:
        return follow_up_sentence(self.change, self.later)


@dataclass(frozen=True)
class ActionPlan:
    """The wave's actions (`actions`), and the previous wave's with what became of their
    areas in this one (`previous_actions`)."""

    campaign: Campaign
    actions: tuple[ActionLine, ...] = ()
    previous: Campaign | None = None
    previous_actions: tuple[ActionLine, ...] = ()

    @property
    def previous_name(self) -> str:
        return local_name(self.previous) if self.previous is not None else ""


def action_plan(board: Dashboard, *, follow_later: bool = True) -> ActionPlan:
    """The plan of `board`'s wave for its groups; each of its actions followed into the
    next closed wave when `follow_later` (the kept PDF leaves later waves out)."""
    campaign = board.campaign
    if not board.scores_released:
        return ActionPlan(campaign)
    groups = action_groups(board)
    waves = board.closed_waves
    if not isinstance(waves, ClosedWaves):  # a dashboard made without them
        waves = ClosedWaves(current_names(campaign.organisation_id), today=board.today)
    earlier = waves.earlier(campaign)
    previous = earlier[-1] if earlier else None
    later = _next_wave(campaign, board) if follow_later else None
    lines = _lines(actions_of(campaign, groups), (campaign, later), waves)
    before = _lines(actions_of(previous, groups), (previous, campaign), waves) if previous else ()
    return ActionPlan(campaign, lines, previous, before)


def _next_wave(campaign: Campaign, board: Dashboard) -> Campaign | None:
    """The organisation's first wave closed by now that opened after `campaign` closed,
    each placed by its frozen dates where taken (snapshot.wave_dates); read without the
    frozen figures themselves."""
    closes_on = wave_dates(campaign)[1]
    closed = Campaign.objects.filter(
        organisation_id=campaign.organisation_id, closes_on__lt=board.today
    ).exclude(pk=campaign.pk)
    # The key named by an expression, not as "aggregate_snapshot__data__dates": Django
    # resolves that path by trying it as fields first and keeps the error it catches, whose
    # traceback holds the request's frames, so the whole dashboard stayed in memory until
    # the next garbage collection instead of being freed when the request ended.
    frozen_dates = KeyTransform("dates", "aggregate_snapshot__data")
    dated = []
    for pk, opens, closes, frozen in closed.annotate(frozen_dates=frozen_dates).values_list(
        "pk", "opens_on", "closes_on", "frozen_dates"
    ):
        if frozen:
            opens, closes = date.fromisoformat(frozen[0]), date.fromisoformat(frozen[1])
        if opens > closes_on:
            dated.append((closes, pk))
    if not dated:
        return None
    return Campaign.objects.select_related("organisation").get(pk=min(dated)[1])


def _lines(
    actions: Iterable[ActionPlanItem],
    waves: tuple[Campaign, Campaign | None],
    closed: ClosedWaves,
) -> tuple[ActionLine, ...]:
    made_for, later = waves
    labels = area_labels()
    statuses = dict(ActionPlanItem.STATUS_CHOICES)
    lines = []
    for action in actions:
        area = labels.get(action.area, action.area)
        change = None
        if later is not None:
            before = (made_for, closed.groups(made_for))
            change = area_change(
                action.area, area, action.department_id, before, (later, closed.groups(later))
            )
        lines.append(
            ActionLine(
                action,
                group_label(action),
                area,
                str(statuses.get(action.status, action.status)),
                local_name(later) if later is not None else "",
                change,
            )
        )
    return tuple(lines)


def group_label(action: ActionPlanItem) -> str:
    if action.department is None:
        return _("Whole organisation")
    return local_name(action.department)


def verdict_words(change: Change) -> str:
    """The comparison's verdict, as the trends say it, and whether it is better or worse."""
    words = {
        "higher": _("clearly higher"),
        "lower": _("clearly lower"),
        "no_clear_change": _("no clear change"),
    }.get(change.verdict, "")
    if change.better is True:
        return _("%(verdict)s (better)") % {"verdict": words}
    if change.better is False:
        return _("%(verdict)s (worse)") % {"verdict": words}
    return words


def follow_up_sentence(change: Change | None, later: str) -> str:
    """What became of the area, in one sentence."""
    if change is None:
        return _("Followed up once the next wave has closed.")
    if isinstance(change.difference, Hidden):
        return _("Not shown in “%(wave)s”: %(reason)s.") % {
            "wave": later,
            "reason": str(change.difference),
        }
    return _(
        "In “%(wave)s”: from %(before)s to %(after)s, %(difference)s (95%% interval "
        "%(interval)s): %(verdict)s."
    ) % {
        "wave": later,
        "before": change.display_previous,
        "after": change.display_current,
        "difference": change.display_difference,
        "interval": change.display_interval,
        "verdict": verdict_words(change),
    }
