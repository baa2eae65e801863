"""What a respondent can try for each area of support, and what to ask of others, chosen
to fit the pattern of their answers.

One Advice per type and source of support, and for work pressure and team climate, each
tied to the section of fiche 6.1.2 it comes from (in the app's own words): why the area
matters, first steps a person can take themselves, and what to ask of others. Each area's
section on the app's fiche page (templates/fiche.html) has the area's anchor as its id.

An area holds more first steps and asks than it shows: `Advice.fit(pattern)` picks
`SHOWN_STEPS` steps and one ask that hold for the respondent's `Pattern`
(docs/advice.md gives the rules and why):

- a step or ask that goes through the supervisor is shown only when the respondent gets
  support from their supervisor at least "sometimes"; otherwise routes that do not depend
  on the supervisor take its place (colleagues, the confidential counsellor, the
  prevention adviser for psychosocial aspects, HR, a union delegate);
- a step that builds on a source is shown only when that source's score is "often or
  always" (never on a missing score);
- a step that asks the person to take on more for others is shown only when their work
  pressure is known and not high.

A first step has a stable code: the respondent may pick steps on the results page, and
the picked codes go into their PDF report (and nowhere else).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..core.instrument import CLIMATE, PRESSURE
from ..core.scoring import GOOD, LOW

SUPERVISOR = "supervisor"  # the source whose support some routes go through
SHOWN_STEPS = 2  # first steps shown per area


@dataclass(frozen=True)
class Pattern:
    """What the choice of advice depends on, read from a respondent's scores."""

    # The supervisor's support came at least "sometimes" (a missing score does not count:
    # the person may have no supervisor, or did not want to answer about them).
    supervisor_supports: bool
    strong_sources: frozenset[str]  # the sources scored "often or always"
    # The work pressure is scored and not high: only then may a step ask for more effort
    # on others' behalf.
    room_to_give: bool


def pattern_of(*, source_bands: Mapping[str, str | None], pressure_band: str | None) -> Pattern:
    """The Pattern of a response from its sources' bands and its work pressure's band
    (None where a score is missing)."""
    supervisor = source_bands.get(SUPERVISOR)
    return Pattern(
        supervisor_supports=supervisor is not None and supervisor != LOW,
        strong_sources=frozenset(code for code, b in source_bands.items() if b == GOOD),
        room_to_give=pressure_band is not None and pressure_band != GOOD,
    )


@dataclass(frozen=True)
class _Conditions:
    via_supervisor: bool = field(default=False, kw_only=True)  # goes through the supervisor
    builds_on: str | None = field(default=None, kw_only=True)  # the source it names as a support
    gives_more: bool = field(default=False, kw_only=True)  # asks to take on more for others

    def holds_for(self, pattern: Pattern) -> bool:
        return (
            (pattern.supervisor_supports or not self.via_supervisor)
            and (self.builds_on is None or self.builds_on in pattern.strong_sources)
            and (pattern.room_to_give or not self.gives_more)
        )


@dataclass(frozen=True)
class FirstStep(_Conditions):
    code: str
    text: Promise


@dataclass(frozen=True)
class Ask(_Conditions):
    """What to ask of others (never picked, so without a code)."""

    text: Promise


# A place among an area's first steps: the first variant that holds is shown there.
Slot = tuple[FirstStep, ...]


@dataclass(frozen=True)
class Advice:
    area: str  # a type or source code from the instrument, PRESSURE or CLIMATE
    section: Promise  # the name of the fiche section the advice comes from
    why: Promise
    slots: tuple[Slot, ...]  # in order; the last variants hold for every pattern
    asks: tuple[Ask, ...]  # variants: the first that holds is shown; the last always holds

    @property
    def anchor(self) -> str:
        """The id of the area's section on the fiche page."""
        return fiche_anchor(self.area)

    @property
    def steps(self) -> tuple[FirstStep, ...]:
        """The steps for someone whose supervisor, colleagues and time all allow them: the
        fiche page's general advice."""
        return self.fit(GENERAL)[0]

    @property
    def ask(self) -> Promise:
        return self.fit(GENERAL)[1]

    def fit(self, pattern: Pattern) -> tuple[tuple[FirstStep, ...], Promise]:
        """The first steps (SHOWN_STEPS of them, each shown once) and the ask that hold
        for `pattern`."""
        steps: list[FirstStep] = []
        for slot in self.slots:
            step = next((s for s in slot if s.holds_for(pattern) and s not in steps), None)
            if step is not None and len(steps) < SHOWN_STEPS:
                steps.append(step)
        ask = next(a for a in self.asks if a.holds_for(pattern))
        return tuple(steps), ask.text

    @property
    def all_steps(self) -> tuple[FirstStep, ...]:
        return tuple(step for slot in self.slots for step in slot)


# The fiche page's pattern: every route open, no source named as strong.
GENERAL = Pattern(supervisor_supports=True, strong_sources=frozenset(), room_to_give=True)


def fiche_anchor(area: str) -> str:
    return {PRESSURE: "work-pressure", CLIMATE: "team-climate"}.get(area, area.replace("_", "-"))


# Routes that hold for every pattern, shared by several areas.
CONFIDENTIAL_TALK = FirstStep(
    "confidential-talk",
    _(
        "Talk it over in confidence with the confidential counsellor or the prevention "
        "adviser for psychosocial aspects: nothing is done without your agreement."
    ),
)

BY_TYPE = {
    "material": Advice(
        "material",
        _("Material and financial support"),
        _(
            "Practical help (someone who takes over a task, tools, or a loan in a hard "
            "time) lightens the load directly."
        ),
        (
            (
                FirstStep(
                    "material-name-a-task",
                    _(
                        "When the work piles up, name one task a colleague could take over "
                        "this week, and ask them."
                    ),
                ),
            ),
            (
                FirstStep(
                    "material-offer-a-hand",
                    _(
                        "Offer a colleague a hand with something concrete: "
                        "help given tends to come back."
                    ),
                    gives_more=True,
                ),
                FirstStep(
                    "material-request-in-writing",
                    _(
                        "When a tool, a piece of equipment or a budget is missing, ask for it "
                        "in writing and say what it would save, so the request is not lost."
                    ),
                ),
            ),
        ),
        (
            Ask(
                _(
                    "Ask your supervisor to set priorities with you and to find extra time, "
                    "hands or equipment when the workload is too high."
                ),
                via_supervisor=True,
            ),
            Ask(
                _(
                    "Ask HR, or a union delegate if your workplace has one, how extra hands "
                    "or equipment are requested in your organisation, and who decides."
                )
            ),
        ),
    ),
    "informational": Advice(
        "informational",
        _("Informational support"),
        _(
            "Advice and know-how on how to do a task or handle a situation spare you from "
            "working everything out alone."
        ),
        (
            (
                FirstStep(
                    "informational-ask-a-colleague",
                    _(
                        "Pick one situation you find hard and ask an experienced colleague "
                        "how they would handle it."
                    ),
                ),
            ),
            (
                FirstStep(
                    "informational-intervision",
                    _(
                        "Look for a training course, or an intervision group where "
                        "professionals of different services discuss their cases."
                    ),
                ),
            ),
        ),
        (
            Ask(
                _(
                    "Ask your supervisor for regular feedback on your work, "
                    "for example a short talk every month."
                ),
                via_supervisor=True,
            ),
            Ask(
                _(
                    "Ask an experienced colleague for regular feedback on your work, and ask "
                    "HR which training courses you can follow."
                )
            ),
        ),
    ),
    "respecting": Advice(
        "respecting",
        _("Respecting support"),
        _(
            "Recognition of your skills and your work confirms what you can do and builds "
            "confidence, above all when the job asks more than your means allow."
        ),
        (
            (
                FirstStep(
                    "respecting-share-a-result",
                    _("Share a result you are proud of at the next team meeting."),
                ),
            ),
            (
                FirstStep(
                    "respecting-say-it-to-others",
                    _(
                        "Tell a colleague what you appreciate in their "
                        "work: recognition tends to be mutual."
                    ),
                ),
            ),
        ),
        (
            Ask(
                _(
                    "Ask your supervisor what goes well in your work, "
                    "not only what could be better."
                ),
                via_supervisor=True,
            ),
            Ask(
                _(
                    "Ask a colleague whose judgement you value what goes well in your work, "
                    "not only what could be better."
                )
            ),
        ),
    ),
    "emotional": Advice(
        "emotional",
        _("Emotional support"),
        _(
            "Comfort and a listening ear in hard moments, at work or in your private life, "
            "protect you when something goes wrong."
        ),
        (
            (
                FirstStep(
                    "emotional-people-you-trust",
                    _("Choose one or two people you trust and tell them when a day was hard."),
                ),
            ),
            (
                FirstStep(
                    "emotional-keep-in-touch",
                    _(
                        "Keep an informal contact going, such as a phone call with a former "
                        "colleague or a peer in another service."
                    ),
                ),
            ),
        ),
        (
            Ask(
                _(
                    "When something keeps weighing on you, ask for a talk with the "
                    "confidential counsellor or the prevention adviser for psychosocial "
                    "aspects."
                )
            ),
        ),
    ),
}

BY_SOURCE = {
    "colleagues": Advice(
        "colleagues",
        _("Support from colleagues"),
        _(
            "Colleagues can take over part of the work, so the load gets lighter or better "
            "shared, and they can show that they value what you do."
        ),
        (
            (
                FirstStep(
                    "colleagues-divide-the-work",
                    _(
                        "Suggest a short, regular moment in the team to go through the work "
                        "and divide it."
                    ),
                ),
            ),
            (
                FirstStep(
                    "colleagues-share-a-task",
                    _(
                        "Next time you are overloaded, ask one colleague to share a specific "
                        "task, and offer the same."
                    ),
                    gives_more=True,
                ),
                FirstStep(
                    "colleagues-hand-over-a-task",
                    _(
                        "Next time you are overloaded, ask one colleague to take over a "
                        "specific task for a while."
                    ),
                ),
            ),
        ),
        (
            Ask(
                _(
                    "Ask your team to agree on how you help each other out when someone is "
                    "overloaded."
                )
            ),
        ),
    ),
    SUPERVISOR: Advice(
        SUPERVISOR,
        _("Support from your supervisor"),
        _(
            "A supportive supervisor is there when problems come up, recognises good work, "
            "trusts the team, gives feedback, and leads in a way that makes people help each "
            "other."
        ),
        (
            (
                FirstStep(
                    "supervisor-one-to-one",
                    _(
                        "Ask your supervisor for a one-to-one talk about "
                        "your workload and what you need."
                    ),
                    via_supervisor=True,
                ),
                FirstStep(
                    "supervisor-lean-on-colleagues",
                    _(
                        "Build on the support you get from your colleagues: agree with one or "
                        "two of them whom you can turn to for advice or a hand when you are "
                        "stuck."
                    ),
                    builds_on="colleagues",
                ),
                FirstStep(
                    "supervisor-lean-on-outside",
                    _(
                        "Build on the support you get outside your team: take a question you "
                        "would otherwise keep to yourself to someone there who knows the work."
                    ),
                    builds_on="third_parties",
                ),
                CONFIDENTIAL_TALK,
            ),
            (
                FirstStep(
                    "supervisor-prepare",
                    _(
                        "Before that talk, write down the one kind of help that would make "
                        "the biggest difference."
                    ),
                    via_supervisor=True,
                ),
                CONFIDENTIAL_TALK,
                FirstStep(
                    "supervisor-note-the-moments",
                    _(
                        "Note, with their dates, the moments you needed help at work and did "
                        "not get it: it makes a later conversation concrete."
                    ),
                ),
            ),
        ),
        (
            Ask(
                _(
                    "Ask your supervisor for feedback on a regular basis: "
                    "what goes well, and what could be better."
                ),
                via_supervisor=True,
            ),
            Ask(
                _(
                    "Ask HR, or a union delegate if your workplace has one, who else can "
                    "give you the help you miss, and how to reach the confidential "
                    "counsellor and the prevention adviser for psychosocial aspects."
                )
            ),
        ),
    ),
    "third_parties": Advice(
        "third_parties",
        _("Support from people outside your team"),
        _(
            "Contacts with other services and organisations, group supervision, intervision "
            "and training are support too, especially when working together gets results."
        ),
        (
            (
                FirstStep(
                    "third-parties-join-a-meeting",
                    _(
                        "Find out whether people in your role from other organisations meet "
                        "regularly, and go to one meeting."
                    ),
                ),
            ),
            (
                FirstStep(
                    "third-parties-call-someone",
                    _(
                        "Call someone you met in a training course or an earlier job to "
                        "compare notes."
                    ),
                ),
            ),
        ),
        (
            Ask(
                _(
                    "Ask your supervisor for time to take part in group supervision or "
                    "intervision with other services."
                ),
                via_supervisor=True,
            ),
            Ask(
                _(
                    "Ask HR whether working time can be set aside for group supervision, "
                    "intervision or training with other services, and how to request it."
                )
            ),
        ),
    ),
}

BY_WORK_SCALE = {
    PRESSURE: Advice(
        PRESSURE,
        _("Work pressure"),
        _(
            "Under high pressure, support counts most: it buffers the strain of a heavy "
            "workload. The workload itself is a matter for the organisation, not for you alone."
        ),
        (
            (
                FirstStep(
                    "pressure-list-what-waits",
                    _(
                        "List what you cannot finish in the time available, and take that "
                        "list to your supervisor."
                    ),
                    via_supervisor=True,
                ),
                FirstStep(
                    "pressure-list-for-prevention",
                    _(
                        "List what you cannot finish in the time available, and take that "
                        "list to HR or to the prevention adviser for psychosocial aspects."
                    ),
                ),
            ),
            (
                FirstStep(
                    "pressure-lean-on-colleagues",
                    _(
                        "Build on the support you get from your colleagues: tell them when "
                        "you fall behind, and agree on what one of them can take over for a "
                        "while."
                    ),
                    builds_on="colleagues",
                ),
                FirstStep(
                    "pressure-tell-a-colleague",
                    _(
                        "Tell a colleague when you fall behind, and agree on what they can "
                        "take over for a while."
                    ),
                ),
            ),
        ),
        (
            Ask(
                _(
                    "Ask your supervisor to set priorities with you: what can wait, what can "
                    "go, and who can help. When the whole team is under pressure, ask for it "
                    "to be looked at together with the prevention adviser (the SOBANE "
                    "strategy describes how)."
                ),
                via_supervisor=True,
            ),
            Ask(
                _(
                    "Ask the prevention adviser for psychosocial aspects, HR or a union "
                    "delegate, if your workplace has one, to have the workload looked at. "
                    "When the whole team is under pressure, the SOBANE strategy describes "
                    "how to look at it together."
                )
            ),
        ),
    ),
    CLIMATE: Advice(
        CLIMATE,
        _("Team climate"),
        _(
            "Distrust, conflict and rivalry in a team wear down satisfaction at work; a "
            "supervisor who builds cohesion and mutual help, and a team that talks things "
            "through, make the difference."
        ),
        (
            (
                FirstStep(
                    "climate-raise-one-point",
                    _(
                        "Raise one concrete point of friction at a team meeting, as a "
                        "question for the team rather than a complaint about a person."
                    ),
                ),
            ),
            (
                FirstStep(
                    "climate-start-helping",
                    _(
                        "Start the mutual help yourself: offer help, and "
                        "say thank you for help received."
                    ),
                    gives_more=True,
                ),
                FirstStep(
                    "climate-say-thank-you",
                    _(
                        "When a colleague helps you, thank them and say what it changed for "
                        "you: help is easier to ask for where it is seen."
                    ),
                ),
            ),
        ),
        (
            Ask(
                _(
                    "Ask your supervisor to make time at a team meeting for how you work "
                    "together. When conflicts stay unresolved, the confidential counsellor "
                    "or the prevention adviser for psychosocial aspects can help."
                ),
                via_supervisor=True,
            ),
            Ask(
                _(
                    "When conflicts stay unresolved, ask the confidential counsellor or the "
                    "prevention adviser for psychosocial aspects for help: they can talk "
                    "with you alone or, if you wish, with the people concerned."
                )
            ),
        ),
    ),
}

# How to build on a source that supports the respondent "often or always"; a source
# without its own text (one added to the instrument later) gets the general one.
BUILD_ON = {
    "colleagues": _(
        "Build on it: keep the habits that make help between you easy, and turn to your "
        "colleagues first when something gets too much."
    ),
    SUPERVISOR: _(
        "Build on it: keep your supervisor informed early, so their help comes before the "
        "work piles up."
    ),
    "third_parties": _(
        "Build on it: keep those contacts going, and bring them the questions your team "
        "cannot answer."
    ),
}
BUILD_ON_ANY = _("Build on it: keep turning to this support when you need help.")


def build_on(source: str) -> Promise:
    return BUILD_ON.get(source, BUILD_ON_ANY)


ALL_ADVICE = (*BY_TYPE.values(), *BY_SOURCE.values(), *BY_WORK_SCALE.values())
STEPS_BY_CODE = {step.code: step for advice in ALL_ADVICE for step in advice.all_steps}
