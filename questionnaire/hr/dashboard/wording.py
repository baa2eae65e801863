"""Sentences HR's page and every export share: the one plain privacy line and its
explanation, and the name of a department or campaign in the reader's language.

The line says what the rule guarantees in words a manager reads at a glance; the
explanation (the page's "About these figures" and the XLSX's about sheet) says where the
number comes from: k, plus one because a reader may know one person's answers
(docs/privacy.md, rule 2).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ...core.aggregates import DEPARTMENT, Dashboard
from ...core.languages import active_language


def privacy_line(needed: int) -> str:
    """One sentence under every page and file, with the number every figure rests on."""
    return _(
        "Every figure rests on at least %(needed)s responses, so nobody can be singled out."
    ) % {"needed": needed}


def privacy_explained(*, k: int, needed: int) -> list[str]:
    """Why that number, once: for the about section and the XLSX's about sheet."""
    return [
        _(
            "Your organisation's minimum group size is %(k)s. A reader may know one "
            "person's answers (their own, or those of a colleague who told them), so every "
            "figure needs %(k)s responses besides that one: %(needed)s in all."
        )
        % {"k": k, "needed": needed},
        _(
            "A figure from fewer responses is hidden, and so, sometimes, is a larger one, so "
            "that a small group cannot be worked out by subtracting one figure from another. "
            "Scores that are too alike are hidden too, since they would tell what everyone "
            "answered."
        ),
    ]


def local_name(named) -> str:
    """A campaign's or department's name in the language of the page or export."""
    return named.name_in(active_language(fallback=""))


def scope_line(dashboard: Dashboard) -> str:
    """For a team manager's page and files: whose figures they are ("" for the readers').
    Their departments are named as the rows name them (the wave's own departments)."""
    if dashboard.scope is None:
        return ""
    names = [row.label for row in dashboard.departments if row.kind == DEPARTMENT]
    if not names:
        return _(
            "You see the whole organisation's figures: none of your departments is part of "
            "this wave."
        )
    return _(
        "You see the figures of your departments (%(departments)s) and the whole "
        "organisation's, exactly as HR sees them: a department hidden here is hidden for "
        "HR too."
    ) % {"departments": ", ".join(names)}
