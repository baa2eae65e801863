"""The key findings at the top of HR's dashboard and on the first page of the PDF report:
where to act (where_to_act.py) and the clear changes since the previous wave, or, while
nothing is shown, how many answered and what to do about it.

Pure: a `Dashboard` in, sentences out (in the active language). Each sentence states only
what the shown figures say: a hidden value is never named, and a change is mentioned only
when the comparison calls it clear. Each finding points to the section of the fiche it
concerns and to a next step, both anchors of the app's fiche page (templates/fiche.html).
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ...core.aggregates import Dashboard, as_percent, format_count, number_format
from ...core.instrument import CLIMATE, ORGANISATION_SUPPORT, PRESSURE
from ...core.languages import active_language
from ...core.privacy import Hidden
from ...models import Campaign
from .where_to_act import SOURCE_SECTIONS, TALK, TYPE_SECTIONS, Finding, where_to_act


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
    """Where to act, most important first (where_to_act.py), then the clear changes since
    the previous wave; before the scores are released, only how many answered and what to
    do about it."""
    if not has_figures(dashboard):
        return [participation_finding(dashboard)]
    return [*where_to_act(dashboard), *change_findings(dashboard)]


def participation_finding(dashboard: Dashboard) -> Finding:
    row = dashboard.responses
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
    return Finding("participation", capfirst(text), TALK, participation_step(dashboard), TALK)


def participation_step(dashboard: Dashboard) -> str:
    """What to do next, true to what the page shows: results are shared only once some
    are shown; while the campaign runs, the step is getting people to answer."""
    campaign = dashboard.campaign
    if dashboard.status == Campaign.UPCOMING and not dashboard.scores_released:
        return _("Announce the campaign: people can answer from %(opens)s.") % {
            "opens": date_format(campaign.opens_on, "DATE_FORMAT")
        }
    if not dashboard.scores_released:
        return _("Remind people that they can answer until %(closes)s.") % {
            "closes": date_format(campaign.closes_on, "DATE_FORMAT")
        }
    if not has_figures(dashboard):
        return _(
            "There is nothing to share from this campaign. For the next one, plan time and "
            "reminders so that enough people answer."
        )
    return _("Share the results with the teams and ask them what lies behind the figures.")


def has_figures(dashboard: Dashboard) -> bool:
    """Whether the campaign's exports would hold any figure besides the dates: its
    scores are released and the whole organisation's count is shown."""
    return dashboard.scores_released and isinstance(dashboard.responses.responses, int)


def participation_line(dashboard: Dashboard) -> str:
    """The big line above the participation table: a count as a count, a rate as a
    percentage, and neither when it is hidden (the finding says why)."""
    row = dashboard.responses
    if not isinstance(row.responses, int):
        return _("Too few responses so far to show any figure.")
    line = _("Responses: %(count)s") % {"count": row.display_responses}
    if row.headcount and isinstance(row.rate, float):
        line += " · " + _("Response rate: %(rate)s") % {"rate": row.display_rate}
    return line


def _participation_sentence(at_least: bool) -> str:
    # "at least" belongs to the sentence, not to the rate: French elides "de au moins" to
    # "d'au moins", which a rate pasted after "de" cannot do.
    if at_least:
        return _(
            "%(responses)s responses from %(headcount)s people: a response rate of at least "
            "%(rate)s."
        )
    return _("%(responses)s responses from %(headcount)s people: a response rate of %(rate)s.")


def _change_section(code: str) -> str:
    if code == PRESSURE:
        return "work-pressure"
    if code == CLIMATE:
        return "team-climate"
    if code == ORGANISATION_SUPPORT:
        return "organisation"  # the fiche page's section on the organisation's support
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
