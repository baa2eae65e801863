"""The key findings at the top of HR's dashboard and on the first page of the PDF report.

Pure: a `Dashboard` in, sentences out (in the active language). Each sentence states only
what the shown figures say: a cell is called the strongest only when no shown cell is
higher, a hidden value is never named, and a change is mentioned only when the comparison
calls it clear. Each finding points to the section of the fiche it concerns and to a
next step, both anchors of the app's fiche page (templates/fiche.html).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ...core.aggregates import ORGANISATION, Dashboard, Score, as_percent, format_count
from ...core.instrument import CLIMATE, PRESSURE
from ...core.languages import active_language
from ...core.privacy import Hidden

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

# Next steps: (anchor on the fiche page, what to do).
TALK = "together"
ADVISER = "help"
SOBANE = "together"


@dataclass(frozen=True)
class Finding:
    """One sentence; `section` is the fiche's anchor it concerns, `step` what to do next
    (with `step_section` its anchor); `values` are the shown figures it names."""

    kind: str
    text: str
    section: str
    step: str
    step_section: str
    values: tuple[float, ...] = ()
    subjects: tuple[str, ...] = ()


def campaign_name(campaign) -> str:
    """The campaign's name in the language of the page or export, else its main name."""
    return campaign.name_in(active_language(fallback=""))


def _shown(value: float | Hidden) -> tuple[float, ...]:
    return (value,) if isinstance(value, float) else ()


def _number(value: float) -> str:
    return number_format(value, 1)


def _names(labels) -> str:
    return ", ".join(labels)


def headcount_notes(dashboard: Dashboard) -> list[str]:
    """Say so when a shown response rate is over 100%: the headcount looks out of date."""
    over = [
        row
        for row in (*dashboard.departments, dashboard.responses)
        if isinstance(row.rate, float) and row.rate > 100
    ]
    if not over:
        return []
    return [
        _(
            "More responses than the headcount in: %(groups)s. The headcount looks out of "
            "date; update it under Departments so that the response rate means something."
        )
        % {"groups": _names(row.label for row in over)}
    ]


def key_findings(dashboard: Dashboard) -> list[Finding]:
    found = [participation_finding(dashboard)]
    if dashboard.scores_released:
        found += matrix_findings(dashboard)
        found += pressure_findings(dashboard)
        found += change_findings(dashboard)
    return found


def participation_finding(dashboard: Dashboard) -> Finding:
    row = dashboard.responses
    step = _("Share the results with the teams and ask them what lies behind the figures.")
    if not isinstance(row.responses, int):
        text = _("Too few responses so far to show any figure.")
    elif row.headcount and isinstance(row.rate, float):
        text = _participation_sentence(row.at_least) % {
            "responses": row.display_responses,
            "headcount": format_count(row.headcount),
            "rate": as_percent(row.rate),
        }
        if row.rate > 100:
            text += " " + _(
                "The headcount looks out of date: there are more responses than people."
            )
    else:
        text = _("%(responses)s responses.") % {"responses": row.display_responses}
    return Finding("participation", capfirst(text), TALK, step, TALK)


def _participation_sentence(at_least: bool) -> str:
    # "at least" belongs to the sentence, not to the rate: French elides "de au moins" to
    # "d'au moins", which a rate pasted after "de" cannot do.
    if at_least:
        return _(
            "%(responses)s responses from %(headcount)s people: a response rate of at least "
            "%(rate)s."
        )
    return _("%(responses)s responses from %(headcount)s people: a response rate of %(rate)s.")


def _cell_section(score: Score) -> str:
    type_code = score.code.split("_", 1)[0]
    return TYPE_SECTIONS.get(type_code, "types")


def _extreme(scores: list[Score], *, highest: bool) -> tuple[float, list[Score]]:
    """The highest (or lowest) of shown scores, and the scores that have it."""
    values = [score.number for score in scores if score.number is not None]
    value = max(values) if highest else min(values)
    return value, [score for score in scores if score.number == value]


def matrix_findings(dashboard: Dashboard) -> list[Finding]:
    """The strongest and weakest of the twelve type x source cells that are shown."""
    shown = [score for row in dashboard.matrix for score in row.scores if score.shown]
    if len(shown) < 2:
        return []
    high, strongest = _extreme(shown, highest=True)
    low, weakest = _extreme(shown, highest=False)
    if high == low:
        text = _("Every type and source of support that is shown scores %(value)s.") % {
            "value": _number(high)
        }
        step = _("Talk the results through with the teams.")
        return [Finding("matrix_even", text, "types", step, TALK, (high,))]
    strong_text = _("Strongest support: %(cells)s (%(value)s).") % {
        "cells": _names(score.label for score in strongest),
        "value": _number(high),
    }
    weak_text = _("Weakest support: %(cells)s (%(value)s).") % {
        "cells": _names(score.label for score in weakest),
        "value": _number(low),
    }
    return [
        Finding(
            "strongest",
            strong_text,
            _cell_section(strongest[0]),
            _("Ask the teams what makes it work, so that it is kept."),
            TALK,
            (high,),
            tuple(score.code for score in strongest),
        ),
        Finding(
            "weakest",
            weak_text,
            _cell_section(weakest[0]),
            _("Look with the teams and the prevention adviser at what would help (SOBANE)."),
            SOBANE,
            (low,),
            tuple(score.code for score in weakest),
        ),
    ]


def pressure_findings(dashboard: Dashboard) -> list[Finding]:
    rows = [row for row in dashboard.pressure_support if row.kind != ORGANISATION]
    compared = [row for row in rows if row.pressure.shown and row.support.shown]
    if not compared:
        return []
    # The fiche's buffer: pressure in the high band meets support in the low one.
    flagged = [row for row in compared if row.flagged]
    if not flagged:
        text = _("No group shown combines high work pressure with low support.")
        step = _("Keep an eye on work pressure in the next wave.")
        return [Finding("no_pressure", text, "work-pressure", step, TALK)]
    text = _("High work pressure meets low support in: %(groups)s.") % {
        "groups": _names(row.label for row in flagged)
    }
    step = _(
        "Talk it through with these teams and the prevention adviser first; the fiche's "
        "SOBANE route helps to agree on what to change."
    )
    return [
        Finding(
            "pressure",
            text,
            "work-pressure",
            step,
            ADVISER,
            subjects=tuple(row.label for row in flagged),
        )
    ]


def _change_section(code: str) -> str:
    if code == PRESSURE:
        return "work-pressure"
    if code == CLIMATE:
        return "team-climate"
    stem = code.removeprefix("need_")
    return TYPE_SECTIONS.get(stem) or SOURCE_SECTIONS.get(stem) or "types"


def change_findings(dashboard: Dashboard) -> list[Finding]:
    """The clear changes since the previous wave, one sentence for those clearly higher and
    one for those clearly lower (sixteen measures each in a sentence of its own filled page
    1); nothing when there is no comparison."""
    comparison = dashboard.comparison
    if comparison is None:
        return []
    previous = campaign_name(comparison.previous)
    step = _("Ask the teams what changed since then.")
    found = []
    for verdict, template in (
        ("higher", _("Clearly higher than in “%(previous)s”: %(measures)s.")),
        ("lower", _("Clearly lower than in “%(previous)s”: %(measures)s.")),
    ):
        changes = [change for change in comparison.changes if change.verdict == verdict]
        if not changes:
            continue
        measures = ", ".join(
            _("%(measure)s (%(difference)s)")
            % {"measure": change.label, "difference": change.display_difference}
            for change in changes
        )
        text = template % {"previous": previous, "measures": measures}
        # One measure: its own section of the fiche; several: why support matters at all.
        section = _change_section(changes[0].code) if len(changes) == 1 else "why"
        values = tuple(value for change in changes for value in _shown(change.difference))
        codes = tuple(change.code for change in changes)
        found.append(Finding(verdict, text, section, step, TALK, values, codes))
    if not found:
        text = _("No clear change since “%(previous)s”.") % {"previous": previous}
        return [Finding("no_change", text, "why", step, TALK)]
    return found
