"""The areas an action can aim at, named and advised in the reader's language.

An area is a scale code: one of the twelve type x source cells (`material_supervisor`),
work pressure, team climate, or the need for a type of support; only those the wave's
questionnaire version asks. The advice offered as a starting point is HR's wording of the
fiche (dashboard/where_to_act.py), not the respondent's.
"""

from __future__ import annotations

from ...core.aggregates import MATRIX_CODES, NEED_CODES, scale_labels
from ...core.instrument import CLIMATE, PRESSURE, SOURCE_CODES, instrument
from ...core.languages import active_language
from ...models import Campaign
from ..dashboard import AREA_SECTIONS, area_step

AREA_CODES = (*MATRIX_CODES, PRESSURE, CLIMATE, *NEED_CODES)


def area_labels() -> dict[str, str]:
    """Every area's name in the active language (a cell as "type – source")."""
    labels = scale_labels(active_language())
    named = {code: labels[code] for code in (PRESSURE, CLIMATE, *NEED_CODES)}
    for code in MATRIX_CODES:
        kind, source = _cell_parts(code)
        named[code] = f"{labels[kind]} – {labels[source]}"
    return {code: named[code] for code in AREA_CODES}


def _cell_parts(code: str) -> tuple[str, str]:
    source = next(s for s in SOURCE_CODES if code.endswith(f"_{s}"))
    return code.removesuffix(f"_{source}"), source


def areas_asked(campaign: Campaign) -> list[tuple[str, str]]:
    """The areas (code, name) the wave's questionnaire asks, in the order of AREA_CODES."""
    asked = instrument(campaign.instrument_version)
    labels = area_labels()
    return [(code, labels[code]) for code in AREA_CODES if asked.asks(code)]


def area_advice(code: str) -> str:
    """HR's starting point for an area: for a cell, the advice on its type and on its
    source; otherwise the area's own."""
    if code in MATRIX_CODES:
        kind, source = _cell_parts(code)
        return f"{area_step(kind)} {area_step(source)}"
    return area_step(code)


def area_section(code: str) -> str:
    """The fiche page's anchor for an area (its source for a cell)."""
    if code in MATRIX_CODES:
        return AREA_SECTIONS[_cell_parts(code)[1]]
    return AREA_SECTIONS.get(code.removeprefix("need_"), "types")
