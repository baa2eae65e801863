"""Things a respondent can try, per type and per source of support.

The tips are the app's own wording, written from fiche 6.1.2: what support from each source
looks like (a supervisor who is available, gives feedback and recognises good work;
colleagues who share the load; networks, intervision and training outside the team). Each
area links to its section of the app's fiche page (templates/fiche.html), whose ids are the
anchors below.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Advice:
    area: str  # a type or source code from instrument.py
    tips: tuple[Promise, ...]

    @property
    def anchor(self) -> str:
        """The id of the area's section on the fiche page."""
        return fiche_anchor(self.area)


def fiche_anchor(area: str) -> str:
    return area.replace("_", "-")


BY_TYPE = {
    "material": Advice(
        "material",
        (
            _(
                "Say it out loud when the work piles up, and ask a colleague to take over a "
                "task or share the load for a while."
            ),
            _(
                "Ask your supervisor to set priorities with you, or to find extra time, "
                "hands or equipment."
            ),
            _("Offer practical help to others too: help given is often help returned."),
        ),
    ),
    "informational": Advice(
        "informational",
        (
            _(
                "Ask your supervisor for regular feedback on your work, for example a short "
                "talk every month."
            ),
            _("Ask an experienced colleague how they would handle a situation you find hard."),
            _(
                "Look for training, or an intervision group where professionals of "
                "different services discuss their cases."
            ),
        ),
    ),
    "respecting": Advice(
        "respecting",
        (
            _("Ask your supervisor what went well in your work, not only what could be better."),
            _("Tell colleagues when you appreciate their work: recognition tends to be mutual."),
            _("Make your results visible, for example by sharing them at a team meeting."),
        ),
    ),
    "emotional": Advice(
        "emotional",
        (
            _("Choose one or two people you trust and tell them when a day was hard."),
            _(
                "Keep informal contacts going, such as a phone call with a former colleague "
                "or a peer in another service."
            ),
            _(
                "When something keeps weighing on you, talk to the confidential counsellor "
                "or the prevention adviser for psychosocial aspects."
            ),
        ),
    ),
}

BY_SOURCE = {
    "colleagues": Advice(
        "colleagues",
        (
            _("Suggest a regular moment in the team to divide the work and see who needs a hand."),
            _("Ask a colleague to share the load when you are overloaded, and offer the same."),
            _(
                "Where distrust, conflict or rivalry gets in the way, raise it with the team "
                "or with your supervisor."
            ),
        ),
    ),
    "supervisor": Advice(
        "supervisor",
        (
            _("Ask your supervisor for a one-to-one talk about your workload and what you need."),
            _("Ask for feedback: what goes well, and what could be better."),
            _("Tell your supervisor which kind of help would make the biggest difference."),
        ),
    ),
    "third_parties": Advice(
        "third_parties",
        (
            _(
                "Join a network or a regular meeting of professionals from other "
                "organisations who face the same questions."
            ),
            _("Ask to take part in group supervision or intervision with other services."),
            _(
                "Keep in touch, even informally by phone, with people you met in training or "
                "in earlier jobs."
            ),
        ),
    ),
}
