"""The names of the departments a campaign's rows are shown for.

An open campaign shows today's departments. A closed one shows the departments its
figures were frozen over (snapshot.departments_of), whatever was added, renamed or
deleted since: a name is a label and follows a rename, but the list is the snapshot's,
so no department enters or leaves its partition. A department deleted after freezing
keeps its place under a neutral name.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ...models import Department
from ..languages import active_language
from .rows import GroupKey
from .snapshot import Snapshot

DepartmentRows = list[tuple[int, str, int | None]]  # (pk, name, headcount)


def current_departments(organisation_id: int) -> DepartmentRows:
    """The organisation's departments today, named in the active language where HR gave a
    name in it (docs/names-in-languages.md): every row, chart, ranking and export then
    reads the same name."""
    language = active_language(fallback="")
    rows = Department.objects.filter(organisation_id=organisation_id).values_list(
        "pk", "name", "name_translations", "headcount"
    )
    return [
        (pk, translations.get(language) or name, headcount)
        for pk, name, translations, headcount in rows
    ]


def current_names(organisation_id: int) -> dict[int, str]:
    """Today's name of each of the organisation's departments (one query)."""
    return {pk: name for pk, name, _headcount in current_departments(organisation_id)}


def frozen_names(snapshot: Snapshot, names_today: dict[int, str]) -> dict[GroupKey, str]:
    """The departments of a closed campaign's frozen figures, in their frozen order, each
    with today's name, or a neutral one when it has been deleted since."""
    gone = _("Department no longer listed")
    return {pk: names_today.get(pk, gone) for pk in snapshot.departments}
