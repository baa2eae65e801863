"""Where to act: the first thing HR's dashboard and page 1 of the PDF report say.

Pure: a `Dashboard` in, sentences out (in the active language), most important first.
Every sentence rests on shown values only, and on what they let one say for sure:

- a group or an area is "clearly below" another only when the difference of the shown
  values is larger than its uncertainty and the rounding (core/aggregates/versus.py, the
  rule of the comparison with the previous wave);
- work pressure is "high" where its shown value is in the band "often or always";
- participation is "low" where a shown response rate is below LOW_RATE_BELOW;
- "strongest" and "weakest" are said only of a value clearly apart from every other one
  it is set against; otherwise the finding says that nothing stands out.

Each finding names the fiche's section it concerns (an anchor of templates/fiche.html)
and a next step for HR, written for HR (the respondent's advice is in
respondent/advice.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...core.aggregates import (
    ORGANISATION,
    Dashboard,
    GroupRow,
    HeatmapColumn,
    Score,
    clearly_above,
    clearly_below,
    number_format,
)
from ...core.instrument import CLIMATE, ORGANISATION_SUPPORT, OVERALL, PRESSURE, SOURCE_CODES
from ...core.scoring import GOOD_FROM, PARTIAL_FROM

# The fiche's sections (ids in templates/fiche.html) per scale code.
TYPE_SECTIONS = {
    "material": "material",
    "informational": "informational",
    "respecting": "respecting",
    "emotional": "emotional",
}
SOURCE_SECTIONS = {
    "colleagues": "colleagues",
    "supervisor": "supervisor",
    "third_parties": "third-parties",
}
AREA_SECTIONS = {
    **TYPE_SECTIONS,
    **SOURCE_SECTIONS,
    PRESSURE: "work-pressure",
    CLIMATE: "team-climate",
    ORGANISATION_SUPPORT: "organisation",
    OVERALL: "why",
}
# Next steps' anchors on the fiche page: acting together, and where to find help.
TALK = "together"
ADVISER = "help"

# A response rate below this is low: fewer than half of the people answered, so the
# figures may not speak for the team.
LOW_RATE_BELOW = 50.0
# Findings shown before "and N more".
SHOWN_FINDINGS = 5


@dataclass(frozen=True)
class Finding:
    """One sentence; `section` is the fiche's anchor it concerns, `step` what to do next
    (with `step_section` its anchor); `values` are the shown figures it names and
    `subjects` the groups or areas (codes) it names."""

    kind: str
    text: str
    section: str
    step: str
    step_section: str
    values: tuple[float, ...] = ()
    subjects: tuple[str, ...] = ()


def _number(value: float) -> str:
    return number_format(value, 1)


# Groups named in one sentence before "and N more groups": a sentence stays readable and
# page 1 of the PDF stays one page whatever the number of departments.
NAMED_IN_A_SENTENCE = 5


def _listed(parts: Iterable[str]) -> str:
    return "; ".join(parts)


def more_after(listed: str, more: str) -> str:
    return listed + more


def _first_groups(rows: list) -> tuple[list, str]:
    """The first NAMED_IN_A_SENTENCE rows, and the words for the others ("" if none)."""
    rest = len(rows) - NAMED_IN_A_SENTENCE
    if rest <= 0:
        return rows, ""
    more = ngettext("and %(count)s more group", "and %(count)s more groups", rest) % {"count": rest}
    return rows[:NAMED_IN_A_SENTENCE], "; " + more


def area_step(code: str) -> str:
    """HR's next step for an area that falls short (its type, source or scale)."""
    stem = code.removeprefix("need_")
    area = stem if stem in SOURCE_CODES else stem.split("_")[0]
    steps: dict[str, Callable[[], str]] = {
        "material": lambda: _(
            "Ask the team which practical help is missing (hands, tools, time) and agree "
            "who provides it."
        ),
        "informational": lambda: _(
            "Agree with the team how information and feedback reach everyone: short "
            "briefings, a named contact for questions."
        ),
        "respecting": lambda: _(
            "Make appreciation visible: supervisors and colleagues saying what went well, "
            "and credit given where it is due."
        ),
        "emotional": lambda: _(
            "Make room to talk about what weighs on people: regular check-ins, and a "
            "confidential counsellor everyone knows."
        ),
        "colleagues": lambda: _(
            "Give the team time and occasions to help each other: overlap at handovers, "
            "shared breaks, a buddy for newcomers."
        ),
        "supervisor": lambda: _(
            "Help the supervisor back the team: time for one-to-one talks, training, and "
            "a lighter load of their own if needed."
        ),
        "third": lambda: _(
            "Look at how the team works with people outside it (other services, "
            "management): clear contacts and agreements on who helps with what."
        ),
        ORGANISATION_SUPPORT: lambda: _(
            "Check whether what the organisation offers reaches the team: resources, "
            "procedures, and answers to their questions."
        ),
        CLIMATE: lambda: _(
            "Talk with the team about how they work together, with an outside facilitator "
            "if tensions run high."
        ),
        PRESSURE: lambda: _(
            "Look with the team and the prevention adviser at what can be dropped, shared "
            "or planned differently (the fiche's SOBANE route)."
        ),
    }
    key = "third" if area in ("third", "third_parties") else area
    step = steps.get(key)
    return step() if step else _("Talk the results through with the team to find what is missing.")


def _area_section(code: str) -> str:
    stem = code.removeprefix("need_")
    if stem in AREA_SECTIONS:
        return AREA_SECTIONS[stem]
    return AREA_SECTIONS.get(stem.split("_", 1)[0], "types")


def where_to_act(dashboard: Dashboard) -> list[Finding]:
    """Every finding of a dashboard whose scores are released, most important first."""
    reference = organisation_row(dashboard)
    found = [
        *pressure_findings(dashboard),
        *group_findings(dashboard, reference),
        *participation_findings(dashboard),
        *organisation_findings(dashboard),
        *need_findings(dashboard),
        *matrix_findings(dashboard),
    ]
    if not any(finding.kind in ACTIONS for finding in found):
        found.append(calm_finding())
    return found


# Kinds that point to a place to act (the others say what is strong, or that nothing is).
ACTIONS = ("pressure_support", "pressure_high", "group", "participation_low", "low_band")


def organisation_row(dashboard: Dashboard) -> GroupRow | None:
    return next((row for row in dashboard.heatmap if row.kind == ORGANISATION), None)


def calm_finding() -> Finding:
    return Finding(
        "calm",
        _(
            "Nothing stands out: no group shown is clearly below the organisation, work "
            "pressure is not high and no shown response rate is low."
        ),
        "why",
        _("Share the results with the teams and ask them what lies behind the figures."),
        TALK,
    )


# --- work pressure ---------------------------------------------------------------------------


def pressure_findings(dashboard: Dashboard) -> list[Finding]:
    """High pressure with low support first (the fiche's buffer), then high pressure
    wherever it is shown: the whole organisation and each group."""
    found = []
    flagged, more = _first_groups(
        sorted(
            (row for row in dashboard.pressure_support if row.flagged),
            key=lambda row: (row.support.number or 0.0) - (row.pressure.number or 0.0),
        )
    )
    if flagged:
        text = _("High work pressure meets low support in: %(groups)s.") % {
            "groups": more_after(
                _listed(
                    _("%(group)s (pressure %(pressure)s, support %(support)s)")
                    % {
                        "group": row.label,
                        "pressure": row.pressure.display,
                        "support": row.support.display,
                    }
                    for row in flagged
                ),
                more,
            )
        }
        step = _(
            "Start here: talk it through with these teams and the prevention adviser, and "
            "agree on what to change first (the fiche's SOBANE route)."
        )
        values = tuple(v for row in flagged for v in (row.pressure.number, row.support.number))
        found.append(
            Finding(
                "pressure_support",
                text,
                "work-pressure",
                step,
                ADVISER,
                tuple(v for v in values if v is not None),
                tuple(row.label for row in flagged),
            )
        )
    high, more = _first_groups(
        sorted(
            (row for row in dashboard.pressure_support if _high_pressure(row.pressure)),
            key=lambda row: -(row.pressure.number or 0.0),
        )
    )
    if high:
        text = _("Work pressure is high (often or always, %(from)s or more) in: %(groups)s.") % {
            "from": _number(GOOD_FROM),
            "groups": more_after(
                _listed(
                    _("%(group)s (%(value)s)") % {"group": row.label, "value": row.pressure.display}
                    for row in high
                ),
                more,
            ),
        }
        found.append(
            Finding(
                "pressure_high",
                text,
                "work-pressure",
                area_step(PRESSURE),
                ADVISER,
                tuple(row.pressure.number for row in high if row.pressure.number is not None),
                tuple(row.label for row in high),
            )
        )
    return found


def _high_pressure(score: Score) -> bool:
    return score.number is not None and score.number >= GOOD_FROM


# --- groups against the organisation -----------------------------------------------------------


@dataclass(frozen=True)
class Shortfall:
    """One area where a group is clearly worse off than the organisation."""

    column: HeatmapColumn
    score: Score
    reference: Score

    @property
    def gap(self) -> float:
        """How much worse, in points (positive)."""
        value, base = self.score.number or 0.0, self.reference.number or 0.0
        return base - value if self.column.higher_is_better else value - base


def shortfalls(
    row: GroupRow, reference: GroupRow, columns: Sequence[HeatmapColumn]
) -> list[Shortfall]:
    """The areas where `row` is clearly worse off than the organisation: support or
    climate clearly below it, work pressure clearly above it. Largest gap first."""
    found = []
    for column, score, base in zip(columns, row.scores, reference.scores, strict=True):
        worse = clearly_below if column.higher_is_better else clearly_above
        if worse(score, base):
            found.append(Shortfall(column, score, base))
    return sorted(found, key=lambda shortfall: -shortfall.gap)


def weakest_source(row: GroupRow, columns: Sequence[HeatmapColumn]) -> Score | None:
    """The group's source of support that is clearly below each of its other shown
    sources, or None when no source is (or fewer than two are shown)."""
    sources = [
        score
        for column, score in zip(columns, row.scores, strict=True)
        if column.code in SOURCE_CODES and score.shown
    ]
    if len(sources) < 2:
        return None
    lowest = min(sources, key=lambda score: score.number or 0.0)
    others = [score for score in sources if score is not lowest]
    return lowest if all(clearly_below(lowest, other) for other in others) else None


def group_findings(dashboard: Dashboard, reference: GroupRow | None) -> list[Finding]:
    """One finding per group clearly worse off than the organisation somewhere, the group
    with the largest gap first; then the groups whose weakest source is clearly their
    weakest and rarely or never there."""
    if reference is None:
        return []
    columns = dashboard.heatmap_columns
    groups = [row for row in dashboard.heatmap if row.kind != ORGANISATION]
    below: list[tuple[float, Finding]] = []
    weak_sources: list[Finding] = []
    for row in groups:
        short = shortfalls(row, reference, columns)
        weakest = weakest_source(row, columns)
        if short:
            below.append((short[0].gap, _group_finding(row, short, weakest)))
        elif weakest is not None and weakest.band == "low":
            weak_sources.append(_weak_source_finding(row, weakest))
    below.sort(key=lambda pair: -pair[0])
    return [finding for _gap, finding in below] + weak_sources


# Areas named in a group's sentence before "and N more areas" (largest gaps first).
AREAS_IN_A_SENTENCE = 3


def _group_finding(row: GroupRow, short: list[Shortfall], weakest: Score | None) -> Finding:
    areas = _listed(
        _("%(area)s %(value)s against %(organisation)s")
        % {
            "area": item.column.label,
            "value": item.score.display,
            "organisation": item.reference.display,
        }
        for item in short[:AREAS_IN_A_SENTENCE]
    )
    rest = len(short) - AREAS_IN_A_SENTENCE
    if rest > 0:
        areas += "; " + ngettext("and %(count)s more area", "and %(count)s more areas", rest) % {
            "count": rest
        }
    text = _("%(group)s is clearly worse off than the organisation on: %(areas)s.") % {
        "group": row.label,
        "areas": areas,
    }
    if weakest is not None:
        text += " " + _("Its weakest source of support: %(source)s (%(value)s).") % {
            "source": weakest.label,
            "value": weakest.display,
        }
    first = short[0].column.code
    named = short[:AREAS_IN_A_SENTENCE]
    values = tuple(v for item in named for v in (item.score.number, item.reference.number))
    return Finding(
        "group",
        text,
        _area_section(first),
        area_step(weakest.code if weakest is not None and first != PRESSURE else first),
        TALK if first != PRESSURE else ADVISER,
        tuple(v for v in values if v is not None),
        (row.label, *(item.column.code for item in named)),
    )


def _weak_source_finding(row: GroupRow, weakest: Score) -> Finding:
    text = _(
        "In %(group)s, %(source)s is clearly the weakest source of support, and rarely or "
        "never there (%(value)s)."
    ) % {"group": row.label, "source": weakest.label, "value": weakest.display}
    subjects = (row.label, weakest.code)
    return area_finding("weakest_source", text, weakest.code, [weakest.number], subjects)


# --- participation -------------------------------------------------------------------------


def participation_findings(dashboard: Dashboard) -> list[Finding]:
    """The groups (and the organisation) whose shown response rate is low."""
    rows = [dashboard.responses, *dashboard.departments]
    low = [
        row
        for row in rows
        if isinstance(row.rate, float) and not row.at_least and row.rate < LOW_RATE_BELOW
    ]
    if not low:
        return []
    low.sort(key=lambda row: row.rate if isinstance(row.rate, float) else 0.0)
    low, more = _first_groups(low)
    text = _("Fewer than half of the people answered in: %(groups)s.") % {
        "groups": more_after(
            _listed(
                _("%(group)s (%(rate)s)") % {"group": row.label, "rate": row.display_rate}
                for row in low
            ),
            more,
        )
    }
    step = _(
        "Ask these teams why few answered before drawing conclusions from their figures; "
        "next time, plan time to answer during working hours."
    )
    return [
        Finding(
            "participation_low",
            text,
            "together",
            step,
            TALK,
            tuple(row.rate for row in low if isinstance(row.rate, float)),
            tuple(row.label for row in low),
        )
    ]


# --- the organisation's areas ----------------------------------------------------------------


def organisation_findings(dashboard: Dashboard) -> list[Finding]:
    """The organisation's areas of support in the band "rarely or never": each type x
    source cell, source, team climate and the organisation's own support."""
    areas = [score for row in dashboard.matrix for score in row.scores]
    areas += [*dashboard.sources, dashboard.climate]
    if dashboard.organisation is not None:
        areas.append(dashboard.organisation)
    low = sorted(
        (s for s in areas if s.number is not None and s.number < PARTIAL_FROM),
        key=lambda score: score.number or 0.0,
    )
    if not low:
        return []
    text = _(
        "Across the organisation, these are rarely or never there (below %(below)s): %(areas)s."
    ) % {
        "below": _number(PARTIAL_FROM),
        "areas": _listed(
            _("%(area)s (%(value)s)") % {"area": s.label, "value": s.display} for s in low
        ),
    }
    values = [s.number for s in low]
    return [area_finding("low_band", text, low[0].code, values, tuple(s.code for s in low))]


def area_finding(
    kind: str, text: str, code: str, values: Iterable[float | None], subjects: tuple[str, ...]
) -> Finding:
    """A finding about areas, its fiche section and HR's next step those of area `code`."""
    shown = tuple(value for value in values if value is not None)
    return Finding(kind, text, _area_section(code), area_step(code), TALK, shown, subjects)


def need_findings(dashboard: Dashboard) -> list[Finding]:
    """The types of support people need clearly more of than they receive."""
    short = [row for row in dashboard.needs if clearly_below(row.received, row.need)]
    if not short:
        return []
    text = _("People need clearly more than they receive of: %(types)s.") % {
        "types": _listed(
            _("%(type)s (need %(need)s, received %(received)s)")
            % {"type": row.label, "need": row.need.display, "received": row.received.display}
            for row in short
        )
    }
    values = [v for row in short for v in (row.need.number, row.received.number)]
    codes = tuple(row.code for row in short)
    return [area_finding("needs", text, short[0].code, values, codes)]


def matrix_findings(dashboard: Dashboard) -> list[Finding]:
    """The weakest and the strongest of the shown type x source cells, each only when it
    is clearly apart from every other shown cell; else that none stands out."""
    shown = [score for row in dashboard.matrix for score in row.scores if score.shown]
    if len(shown) < 2:
        return []
    found = []
    lowest = min(shown, key=lambda score: score.number or 0.0)
    highest = max(shown, key=lambda score: score.number or 0.0)
    if all(clearly_below(lowest, other) for other in shown if other is not lowest):
        text = _("Weakest support: %(cell)s (%(value)s), clearly below every other.") % {
            "cell": lowest.label,
            "value": lowest.display,
        }
        found.append(area_finding("weakest", text, lowest.code, [lowest.number], (lowest.code,)))
    if all(clearly_above(highest, other) for other in shown if other is not highest):
        text = _("Strongest support: %(cell)s (%(value)s), clearly above every other.") % {
            "cell": highest.label,
            "value": highest.display,
        }
        found.append(
            Finding(
                "strongest",
                text,
                _area_section(highest.code),
                _("Ask the teams what makes it work, so that it is kept."),
                TALK,
                (highest.number or 0.0,),
                (highest.code,),
            )
        )
    if not found:
        text = _(
            "No single type and source of support stands out: none is clearly below, or "
            "clearly above, all the others."
        )
        step = _("Talk the results through with the teams.")
        found.append(Finding("matrix_even", text, "types", step, TALK))
    return found
