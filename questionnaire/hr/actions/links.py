"""Each finding of "where to act" with a link that plans an action for it: prefilled with
the group and the area the finding names, where it names them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from ...core.instrument import PRESSURE
from ..dashboard import Finding
from .areas import AREA_CODES
from .plan import WHOLE_ORGANISATION, ActionGroup

# Findings about work pressure name their groups, not the area.
PRESSURE_KINDS = ("pressure_support", "pressure_high")


@dataclass(frozen=True)
class PlannedFinding(Finding):
    """A finding with the address of the form that plans an action for it."""

    plan_url: str = ""


def finding_target(finding: Finding, groups: Sequence[ActionGroup]) -> dict[str, str]:
    """The group (its key) and area a finding names, as the form's query."""
    by_label = {group.label: group.key for group in groups}
    group = next((by_label[s] for s in finding.subjects if s in by_label), None)
    area = PRESSURE if finding.kind in PRESSURE_KINDS else None
    area = area or next((s for s in finding.subjects if s in AREA_CODES), None)
    if group is None and area is not None:
        group = WHOLE_ORGANISATION  # an area of the whole organisation
    target = {"group": group, "area": area}
    return {key: value for key, value in target.items() if value}


def with_plan_links(
    findings: Iterable[Finding], groups: Sequence[ActionGroup], form_url: str
) -> list[PlannedFinding]:
    planned = []
    for finding in findings:
        query = urlencode(finding_target(finding, groups))
        url = f"{form_url}?{query}" if query else form_url
        planned.append(PlannedFinding(**asdict(finding), plan_url=url))
    return planned
