"""What the questionnaire asks: types and sources of support, scales, items, versions.

structure.py holds the building blocks, items.py the items of version 1, versions.py the
versions (with the items later versions add) and what may be compared between them.

Pure data with no Django import, so scoring and tests can read it anywhere. The wording is
the app's own, written from fiche 6.1.2 ("Het belang van sociale ondersteuning"); every
text exists in Dutch, French and English.

A stored response records the version it was answered with and is always scored with that
version's items. Never change what an item of a published version asks (its code, scale,
type, source or direction): add a new version instead. A translation may be reworded when
it asks the same thing (French items were, for varied openings and inclusive wording).

French texts put a no-break space before ":" and a narrow one before "?", ";" and "!"
(tests/core/test_translations.py checks them with the message catalogues).
"""

from __future__ import annotations

from .items import (
    CLIMATE_ITEMS,
    COLLEAGUE_ITEMS,
    NEED_ITEMS,
    PRESSURE_ITEMS,
    SUPERVISOR_ITEMS,
    THIRD_PARTY_ITEMS,
)
from .structure import (
    ANSWER_GROUP_LABELS,
    CHOICE_VALUES,
    CHOICES,
    CLIMATE,
    LANGUAGES,
    NEED,
    NOT_APPLICABLE_LABEL,
    ORGANISATION_SUPPORT,
    OVERALL,
    PRESSURE,
    SOURCE_CODES,
    SOURCES,
    SUPPORT_TYPES,
    TYPE_CODES,
    Choice,
    Dimension,
    Instrument,
    Item,
    Source,
    Step,
    Text,
    need_code,
    scale_item,
    support_item,
    translate,
)
from .versions import (
    COHESIVE_LEADERSHIP,
    COLLEAGUE_AFFECTION,
    CURRENT_VERSION,
    FINANCIAL_HELP,
    INSTRUMENT_V1,
    INSTRUMENT_V2,
    INSTRUMENT_V3,
    ORGANISATION_CARE,
    ORGANISATION_ITEMS,
    VERSIONS,
    comparable_scales,
    instrument,
)

__all__ = [
    "CHOICES",
    "ANSWER_GROUP_LABELS",
    "CHOICE_VALUES",
    "CLIMATE",
    "CLIMATE_ITEMS",
    "COHESIVE_LEADERSHIP",
    "COLLEAGUE_AFFECTION",
    "COLLEAGUE_ITEMS",
    "CURRENT_VERSION",
    "Choice",
    "Dimension",
    "FINANCIAL_HELP",
    "INSTRUMENT_V1",
    "INSTRUMENT_V2",
    "INSTRUMENT_V3",
    "Instrument",
    "Item",
    "LANGUAGES",
    "NEED",
    "NEED_ITEMS",
    "NOT_APPLICABLE_LABEL",
    "ORGANISATION_CARE",
    "ORGANISATION_ITEMS",
    "ORGANISATION_SUPPORT",
    "OVERALL",
    "PRESSURE",
    "PRESSURE_ITEMS",
    "SOURCES",
    "SOURCE_CODES",
    "SUPERVISOR_ITEMS",
    "SUPPORT_TYPES",
    "Source",
    "Step",
    "THIRD_PARTY_ITEMS",
    "TYPE_CODES",
    "Text",
    "VERSIONS",
    "comparable_scales",
    "instrument",
    "need_code",
    "scale_item",
    "support_item",
    "translate",
]
