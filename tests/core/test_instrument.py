"""The instrument's integrity: every cell covered, every text translated, codes unique."""

import pytest

from questionnaire.core.instrument import (
    CHOICES,
    CURRENT_VERSION,
    LANGUAGES,
    NOT_APPLICABLE_LABEL,
    SOURCE_CODES,
    SOURCES,
    SUPPORT_TYPES,
    TYPE_CODES,
    VERSIONS,
    comparable_scales,
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


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_pressure_climate_with_reverse_items_and_one_need_per_type(version):
    questionnaire = instrument(version)
    scales = questionnaire.scales()
    assert len(scales["pressure"]) >= 3
    climate = [questionnaire.item(code) for code in scales["climate"]]
    assert any(item.reverse for item in climate) and not all(item.reverse for item in climate)
    for type_code in TYPE_CODES:
        assert len(scales[f"need_{type_code}"]) == 1


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_support_items_are_grouped_by_source_one_step_each(version):
    steps = instrument(version).steps
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


def test_version_2_asks_what_the_fiche_names_and_version_1_leaves_out():
    first, second = instrument(1), instrument(2)
    added = {item.code for item in second.items} - {item.code for item in first.items}
    assert added == {"col_emo_3", "sup_mat_3", "sup_emo_3", "cli_5"}
    texts = {code: second.item(code).text["en"] for code in added}
    assert "affection" in texts["col_emo_3"]
    assert "financial help" in texts["sup_mat_3"]
    assert "organisation" in texts["sup_emo_3"] and "well-being" in texts["sup_emo_3"]
    assert "help each other" in texts["cli_5"]
    # Each falls into an existing scale: the stored score columns stay the same 26.
    scales = second.scales()
    assert "col_emo_3" in scales["emotional_colleagues"]
    assert "sup_mat_3" in scales["material_supervisor"]
    assert "sup_emo_3" in scales["emotional_supervisor"]
    assert "cli_5" in scales["climate"] and not second.item("cli_5").reverse


def test_version_2_keeps_every_question_of_version_1_and_stays_about_ten_minutes():
    first, second = instrument(1), instrument(2)
    for item in first.items:
        assert second.item(item.code) == item
    assert [step.code for step in second.steps] == [step.code for step in first.steps]
    assert len(second.items) <= 40  # about 15 seconds a question


def test_new_waves_use_the_current_version():
    assert CURRENT_VERSION == 2 == max(VERSIONS)


def test_only_scales_both_versions_ask_the_same_way_are_comparable():
    comparable = comparable_scales(instrument(1), instrument(2))
    changed = {"emotional_colleagues", "material_supervisor", "emotional_supervisor", "climate"}
    changed |= {"emotional", "material", "colleagues", "supervisor", "overall"}
    assert comparable == set(SCORE_FIELDS) - changed
    assert comparable_scales(instrument(2), instrument(2)) == set(SCORE_FIELDS)
