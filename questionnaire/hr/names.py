"""A Dashboard with its departments named in the language of the page or export.

HR may give a department a name per language (docs/names-in-languages.md). The aggregates
label their rows with the main name, which is also what a closed campaign's frozen figures
are kept under; this swaps in the active language's name for every row of one department
and in the "combines: ..." notes, so the page, the charts and the exports all read the
same. Rows are matched by the department they stand for (their members), not by label.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from ..aggregates import DEPARTMENT, OTHER, Dashboard
from ..languages import active_language
from ..models import Department


def in_language(dashboard: Dashboard) -> Dashboard:
    language = active_language(fallback="")
    rows = Department.objects.filter(organisation_id=dashboard.campaign.organisation_id)
    names, by_main_name = {}, {}
    for pk, name, translations in rows.values_list("pk", "name", "name_translations"):
        names[pk] = translations.get(language) or name
        by_main_name[name] = names[pk]
    if all(by_main_name[name] == name for name in by_main_name):
        return dashboard

    def label(cell) -> str:
        return _("No department given") if cell is None else names.get(cell, "")

    def renamed(row, members):
        # An open campaign's rows carry no members: a department's main name is unique
        # within its organisation, so the label finds it as well.
        if row.kind != DEPARTMENT:
            return row
        if len(members) == 1:
            (cell,) = members
            return replace(row, label=names.get(cell) or row.label)
        return replace(row, label=by_main_name.get(row.label, row.label))

    def participation(row):
        if row.kind == OTHER:
            names_of = ", ".join(sorted(map(label, row.members)))
            return replace(row, note=_("combines: %(names)s") % {"names": names_of})
        return renamed(row, row.members)

    return replace(
        dashboard,
        departments=tuple(participation(row) for row in dashboard.departments),
        heatmap=tuple(renamed(row, row.scores[0].members) for row in dashboard.heatmap),
        pressure_support=tuple(
            renamed(row, row.pressure.members) for row in dashboard.pressure_support
        ),
    )
