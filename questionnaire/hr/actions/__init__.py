"""Action plans: what HR plans after a closed wave, per group and area of support, and what
became of each area in the next closed wave.

areas.py names the areas and offers the fiche's advice, plan.py lists a wave's plan from
its dashboard (`action_groups` is where the groups come from), services.py adds, changes
and deletes actions with the audit log, forms.py is the page's form, tables.py the plan as
tables for the exports. Code outside this package imports from here.
"""

from .areas import AREA_CODES, area_advice, area_labels, area_section, areas_asked
from .forms import ActionForm
from .links import PlannedFinding, with_plan_links
from .plan import (
    WHOLE_ORGANISATION,
    ActionGroup,
    ActionLine,
    ActionPlan,
    action_groups,
    action_plan,
    follow_up_sentence,
    group_label,
)
from .services import action_create, action_delete, action_update, closed_check
from .tables import actions_table, plan_tables, previous_actions_table

__all__ = [
    "PlannedFinding",
    "group_label",
    "with_plan_links",
    "AREA_CODES",
    "WHOLE_ORGANISATION",
    "ActionForm",
    "ActionGroup",
    "ActionLine",
    "ActionPlan",
    "action_create",
    "action_delete",
    "action_groups",
    "action_plan",
    "action_update",
    "area_advice",
    "area_labels",
    "area_section",
    "areas_asked",
    "actions_table",
    "plan_tables",
    "previous_actions_table",
    "closed_check",
    "follow_up_sentence",
]
