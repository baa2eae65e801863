"""The questionnaire's building blocks: languages, types and sources of support, the answer
scale, the scale codes, items, steps and the instrument that holds them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

LANGUAGES = ("nl", "fr", "en")

Text = dict[str, str]  # one text per language code in LANGUAGES


def translate(text: Text, language: str) -> str:
    """The text in `language`, falling back to English for an unknown language code."""
    return text.get(language) or text["en"]


@dataclass(frozen=True)
class Dimension:
    """A support type or a source."""

    code: str
    label: Text


@dataclass(frozen=True)
class Source(Dimension):
    # "from <source>" as a sentence continues it ("Respecting support from your
    # supervisor"), so summaries and advice never show a bare label such as "Hors équipe".
    from_phrase: Text


# The four types under the fiche's own names (materiële en financiële steun, informatieve
# steun, respecterende steun, emotionele steun); French uses the usual terms of House's
# typology that the fiche follows.
SUPPORT_TYPES = (
    Dimension(
        "material",
        {
            "nl": "Materiële en financiële steun",
            "fr": "Soutien matériel et financier",
            "en": "Material and financial support",
        },
    ),
    Dimension(
        "informational",
        {"nl": "Informatieve steun", "fr": "Soutien informatif", "en": "Informational support"},
    ),
    Dimension(
        "respecting",
        {"nl": "Respecterende steun", "fr": "Soutien d'estime", "en": "Respecting support"},
    ),
    Dimension(
        "emotional",
        {"nl": "Emotionele steun", "fr": "Soutien émotionnel", "en": "Emotional support"},
    ),
)

SOURCES = (
    Source(
        "colleagues",
        {"nl": "Collega's", "fr": "Collègues", "en": "Colleagues"},
        {"nl": "van je collega's", "fr": "de vos collègues", "en": "from your colleagues"},
    ),
    Source(
        "supervisor",
        {"nl": "Leidinggevende", "fr": "Responsable", "en": "Supervisor"},
        {"nl": "van je leidinggevende", "fr": "de votre responsable", "en": "from your supervisor"},
    ),
    Source(
        "third_parties",
        {"nl": "Buiten het team", "fr": "Hors équipe", "en": "Outside the team"},
        {
            "nl": "van mensen buiten je team",
            "fr": "de personnes extérieures à votre équipe",
            "en": "from people outside your team",
        },
    ),
)

TYPE_CODES = tuple(dimension.code for dimension in SUPPORT_TYPES)
SOURCE_CODES = tuple(dimension.code for dimension in SOURCES)


@dataclass(frozen=True)
class Choice:
    value: int  # the item score before reversing, 0-100
    label: Text


# A five-point frequency scale coded 0/25/50/75/100. "Not applicable" is not a value: it
# is stored as an answer without a value and counts as unanswered in every score.
CHOICES = (
    Choice(0, {"nl": "Nooit", "fr": "Jamais", "en": "Never"}),
    Choice(25, {"nl": "Zelden", "fr": "Rarement", "en": "Rarely"}),
    Choice(50, {"nl": "Soms", "fr": "Parfois", "en": "Sometimes"}),
    Choice(75, {"nl": "Vaak", "fr": "Souvent", "en": "Often"}),
    Choice(100, {"nl": "Altijd", "fr": "Toujours", "en": "Always"}),
)
CHOICE_VALUES = tuple(choice.value for choice in CHOICES)
# The answers in three groups, in the words of the bands (privacy.ANSWER_GROUPS): HR sees an
# item's answers so where the five would single out a few people.
ANSWER_GROUP_LABELS: tuple[Text, ...] = (
    {"nl": "Zelden of nooit", "fr": "Rarement ou jamais", "en": "Rarely or never"},
    {"nl": "Soms", "fr": "Parfois", "en": "Sometimes"},
    {"nl": "Vaak of altijd", "fr": "Souvent ou toujours", "en": "Often or always"},
)
NOT_APPLICABLE_LABEL: Text = {
    "nl": "Niet van toepassing",
    "fr": "Sans objet",
    "en": "Not applicable",
}

# Scales other than the support matrix.
PRESSURE = "pressure"
CLIMATE = "climate"
# Support from the organisation as a whole (the employer: its policies and provisions), a
# source the fiche names beside colleagues and supervisor. Its own scale, never a cell of
# the supervisor's, so nothing said about the supervisor rests on it (version 3 on).
ORGANISATION_SUPPORT = "organisation"
NEED = "need"
OVERALL = "overall"  # the scale of every support item


def need_code(type_code: str) -> str:
    """The scale of the need for one type of support: `need_<type>`."""
    return f"{NEED}_{type_code}"


@dataclass(frozen=True)
class Item:
    code: str
    text: Text
    scale: str  # "support", PRESSURE, CLIMATE, ORGANISATION_SUPPORT or NEED
    support_type: str | None = None  # for support and need items
    source: str | None = None  # for support items
    reverse: bool = False  # True when "always" is the worst answer


@dataclass(frozen=True)
class Step:
    code: str
    title: Text
    intro: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Instrument:
    version: int
    steps: tuple[Step, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for step in self.steps for item in step.items)

    def item(self, code: str) -> Item:
        return self._items_by_code[code]

    @cached_property
    def _items_by_code(self) -> dict[str, Item]:
        return {item.code: item for item in self.items}

    def asks(self, scale: str) -> bool:
        """Whether this version has items for `scale` (version 1 and 2 ask nothing of the
        organisation's own scale)."""
        return bool(self._scales.get(scale))

    def scales(self) -> dict[str, tuple[str, ...]]:
        return dict(self._scales)

    @cached_property
    def _scales(self) -> dict[str, tuple[str, ...]]:
        """Every scale's code with the codes of the items it averages (computed once).

        Cells are `<type>_<source>`; types, sources, "overall", "pressure", "climate" and
        "organisation" are named by their code; the need for each type is `need_<type>`. A
        version without organisation items has the scale with no items (never scored).
        """
        support = [item for item in self.items if item.scale == "support"]
        scales: dict[str, tuple[str, ...]] = {}
        for type_code in TYPE_CODES:
            for source_code in SOURCE_CODES:
                scales[f"{type_code}_{source_code}"] = tuple(
                    item.code
                    for item in support
                    if item.support_type == type_code and item.source == source_code
                )
        for type_code in TYPE_CODES:
            scales[type_code] = tuple(i.code for i in support if i.support_type == type_code)
        for source_code in SOURCE_CODES:
            scales[source_code] = tuple(i.code for i in support if i.source == source_code)
        scales[OVERALL] = tuple(item.code for item in support)
        scales[PRESSURE] = tuple(i.code for i in self.items if i.scale == PRESSURE)
        scales[CLIMATE] = tuple(i.code for i in self.items if i.scale == CLIMATE)
        scales[ORGANISATION_SUPPORT] = tuple(
            i.code for i in self.items if i.scale == ORGANISATION_SUPPORT
        )
        for type_code in TYPE_CODES:
            scales[need_code(type_code)] = tuple(
                i.code for i in self.items if i.scale == NEED and i.support_type == type_code
            )
        return scales


def support_item(code: str, support_type: str, source: str, nl: str, fr: str, en: str) -> Item:
    return Item(code, {"nl": nl, "fr": fr, "en": en}, "support", support_type, source)


def scale_item(
    code: str,
    scale: str,
    nl: str,
    fr: str,
    en: str,
    *,
    support_type: str | None = None,
    reverse: bool = False,
) -> Item:
    return Item(
        code, {"nl": nl, "fr": fr, "en": en}, scale, support_type=support_type, reverse=reverse
    )
