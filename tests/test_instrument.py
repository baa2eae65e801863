"""The instrument's integrity: every cell covered, every text translated, codes unique."""

import pytest

from questionnaire.instrument import (
    CHOICES,
    LANGUAGES,
    NOT_APPLICABLE_LABEL,
    SOURCE_CODES,
    SOURCES,
    SUPPORT_TYPES,
    TYPE_CODES,
    VERSIONS,
    instrument,
)
from questionnaire.models import SCORE_FIELDS


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_every_cell_has_at_least_two_items(version):
    scales = VERSIONS[version].scales()
    for type_code in TYPE_CODES:
        for source_code in SOURCE_CODES:
            assert len(scales[f"{type_code}_{source_code}"]) >= 2, (type_code, source_code)


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_item_codes_are_unique(version):
    codes = [item.code for item in VERSIONS[version].items]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_every_text_exists_in_every_language_and_differs(version):
    questionnaire = VERSIONS[version]
    texts = [item.text for item in questionnaire.items]
    texts += [step.title for step in questionnaire.steps] + [s.intro for s in questionnaire.steps]
    texts += [d.label for d in SUPPORT_TYPES + SOURCES] + [c.label for c in CHOICES]
    texts.append(NOT_APPLICABLE_LABEL)
    for text in texts:
        assert set(text) == set(LANGUAGES), text
        assert all(text[language].strip() for language in LANGUAGES), text
        assert text["nl"] != text["fr"] != text["en"], text


def test_version_one_has_pressure_climate_with_reverse_items_and_one_need_per_type():
    questionnaire = instrument(1)
    scales = questionnaire.scales()
    assert len(scales["pressure"]) >= 3
    climate = [questionnaire.item(code) for code in scales["climate"]]
    assert any(item.reverse for item in climate) and not all(item.reverse for item in climate)
    for type_code in TYPE_CODES:
        assert len(scales[f"need_{type_code}"]) == 1


def test_support_items_are_grouped_by_source_one_step_each():
    steps = instrument(1).steps
    for step, source in zip(steps, SOURCE_CODES, strict=False):
        assert {item.source for item in step.items} == {source}


def test_scale_codes_match_the_stored_score_columns():
    for questionnaire in VERSIONS.values():
        assert set(questionnaire.scales()) == set(SCORE_FIELDS)


def test_choices_are_the_five_point_frequency_scale():
    assert [choice.value for choice in CHOICES] == [0, 25, 50, 75, 100]
    assert [choice.label["nl"] for choice in CHOICES] == [
        "Nooit",
        "Zelden",
        "Soms",
        "Vaak",
        "Altijd",
    ]
