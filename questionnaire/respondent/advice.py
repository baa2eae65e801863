"""What a respondent can try for each area of support, and what to ask of others.

One Advice per type and source of support, and for work pressure and team climate, each
tied to the section of fiche 6.1.2 it comes from (in the app's own words): why the area
matters, one or two first steps a person can take themselves, and what to ask of their
supervisor or team. Each area's section on the app's fiche page (templates/fiche.html) has
the area's anchor as its id.

A first step has a stable code: the respondent may pick steps on the results page, and
the picked codes go into their PDF report (and nowhere else).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..core.instrument import CLIMATE, PRESSURE


@dataclass(frozen=True)
class FirstStep:
    code: str
    text: Promise


@dataclass(frozen=True)
class Advice:
    area: str  # a type or source code from the instrument, PRESSURE or CLIMATE
    section: Promise  # the name of the fiche section the advice comes from
    why: Promise
    steps: tuple[FirstStep, ...]
    ask: Promise  # what to ask of the supervisor or the team

    @property
    def anchor(self) -> str:
        """The id of the area's section on the fiche page."""
        return fiche_anchor(self.area)


def fiche_anchor(area: str) -> str:
    return {PRESSURE: "work-pressure", CLIMATE: "team-climate"}.get(area, area.replace("_", "-"))


BY_TYPE = {
    "material": Advice(
        "material",
        _("Material and financial support"),
        _(
            "Practical help (someone who takes over a task, tools, or a loan in a hard "
            "time) lightens the load directly."
        ),
        (
            FirstStep(
                "material-name-a-task",
                _(
                    "When the work piles up, name one task a colleague could take over this "
                    "week, and ask them."
                ),
            ),
            FirstStep(
                "material-offer-a-hand",
                _(
                    "Offer a colleague a hand with something concrete: "
                    "help given tends to come back."
                ),
            ),
        ),
        _(
            "Ask your supervisor to set priorities with you and to find extra time, hands or "
            "equipment when the workload is too high."
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
            FirstStep(
                "informational-ask-a-colleague",
                _(
                    "Pick one situation you find hard and ask an experienced colleague how "
                    "they would handle it."
                ),
            ),
            FirstStep(
                "informational-intervision",
                _(
                    "Look for a training course, or an intervision group where professionals "
                    "of different services discuss their cases."
                ),
            ),
        ),
        _(
            "Ask your supervisor for regular feedback on your work, "
            "for example a short talk every month."
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
            FirstStep(
                "respecting-share-a-result",
                _("Share a result you are proud of at the next team meeting."),
            ),
            FirstStep(
                "respecting-say-it-to-others",
                _(
                    "Tell a colleague what you appreciate in their "
                    "work: recognition tends to be mutual."
                ),
            ),
        ),
        _("Ask your supervisor what goes well in your work, not only what could be better."),
    ),
    "emotional": Advice(
        "emotional",
        _("Emotional support"),
        _(
            "Comfort and a listening ear in hard moments, at work or in your private life, "
            "protect you when something goes wrong."
        ),
        (
            FirstStep(
                "emotional-people-you-trust",
                _("Choose one or two people you trust and tell them when a day was hard."),
            ),
            FirstStep(
                "emotional-keep-in-touch",
                _(
                    "Keep an informal contact going, such as a phone call with a former "
                    "colleague or a peer in another service."
                ),
            ),
        ),
        _(
            "When something keeps weighing on you, ask for a talk with the confidential "
            "counsellor or the prevention adviser for psychosocial aspects."
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
            FirstStep(
                "colleagues-divide-the-work",
                _(
                    "Suggest a short, regular moment in the team to divide the work and see "
                    "who needs a hand."
                ),
            ),
            FirstStep(
                "colleagues-share-a-task",
                _(
                    "Next time you are overloaded, ask one colleague to share a specific "
                    "task, and offer the same."
                ),
            ),
        ),
        _("Ask your team to agree on how you help each other out when someone is overloaded."),
    ),
    "supervisor": Advice(
        "supervisor",
        _("Support from your supervisor"),
        _(
            "A supportive supervisor is there when problems come up, recognises good work, "
            "trusts the team, gives feedback, and leads in a way that makes people help each "
            "other."
        ),
        (
            FirstStep(
                "supervisor-one-to-one",
                _(
                    "Ask your supervisor for a one-to-one talk about "
                    "your workload and what you need."
                ),
            ),
            FirstStep(
                "supervisor-prepare",
                _(
                    "Before that talk, write down the one kind of help that would make the "
                    "biggest difference."
                ),
            ),
        ),
        _(
            "Ask your supervisor for feedback on a regular basis: "
            "what goes well, and what could be better."
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
            FirstStep(
                "third-parties-join-a-meeting",
                _(
                    "Find out whether people in your role from other organisations meet "
                    "regularly, and go to one meeting."
                ),
            ),
            FirstStep(
                "third-parties-call-someone",
                _("Call someone you met in a training course or an earlier job to compare notes."),
            ),
        ),
        _(
            "Ask your supervisor for time to take part in group supervision or intervision "
            "with other services."
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
            FirstStep(
                "pressure-list-what-waits",
                _(
                    "List what you cannot finish in the time available, and take that list "
                    "to your supervisor."
                ),
            ),
            FirstStep(
                "pressure-tell-a-colleague",
                _(
                    "Tell a colleague when you fall behind, and agree on what they can take "
                    "over for a while."
                ),
            ),
        ),
        _(
            "Ask your supervisor to set priorities with you: what can wait, what can go, and "
            "who can help. When the whole team is under pressure, ask for it to be looked at "
            "together with the prevention adviser (the SOBANE strategy describes how)."
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
            FirstStep(
                "climate-raise-one-point",
                _(
                    "Raise one concrete point of friction at a team meeting, as a question "
                    "for the team rather than a complaint about a person."
                ),
            ),
            FirstStep(
                "climate-start-helping",
                _(
                    "Start the mutual help yourself: offer help, and "
                    "say thank you for help received."
                ),
            ),
        ),
        _(
            "Ask your supervisor to make time at a team meeting for how you work together. "
            "When conflicts stay unresolved, the confidential counsellor or the prevention "
            "adviser for psychosocial aspects can help."
        ),
    ),
}

ALL_ADVICE = (*BY_TYPE.values(), *BY_SOURCE.values(), *BY_WORK_SCALE.values())
STEPS_BY_CODE = {step.code: step for advice in ALL_ADVICE for step in advice.steps}
