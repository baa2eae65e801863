"""Every scale's label in the active language, as the dashboard and exports name them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..instrument import (
    CLIMATE,
    ORGANISATION_SUPPORT,
    OVERALL,
    PRESSURE,
    SOURCES,
    SUPPORT_TYPES,
    need_code,
    translate,
)


def need_label(type_label: str) -> str:
    return _("Need: %(type)s") % {"type": type_label}


def scale_labels(language: str) -> dict[str, str]:
    """Every scale's label in `language`."""
    labels = {OVERALL: _("Overall support"), PRESSURE: _("Work pressure")}
    labels[CLIMATE] = _("Team climate")
    labels[ORGANISATION_SUPPORT] = _("Support from the organisation")
    for t in SUPPORT_TYPES:
        labels[t.code] = translate(t.label, language)
        labels[need_code(t.code)] = need_label(translate(t.label, language))
    for s in SOURCES:
        labels[s.code] = translate(s.label, language)
    return labels
