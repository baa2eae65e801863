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


# Every answer is a frequency, so every question asks how often, in each language: a
# yes/no question ("Devez-vous travailler très vite ?") answered "Souvent" reads oddly.
HOW_OFTEN = {"nl": "hoe vaak", "fr": "à quelle fréquence", "en": "how often"}


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_every_question_asks_how_often_in_every_language(version):
    for item in VERSIONS[version].items:
        for language, words in HOW_OFTEN.items():
            assert words in item.text[language].lower(), (item.code, item.text[language])


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
        support = [item for item in step.items if item.scale == "support"]
        assert {item.source for item in support} == {source}


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
    assert CURRENT_VERSION == 3 == max(VERSIONS)


def test_only_scales_both_versions_ask_the_same_way_are_comparable():
    comparable = comparable_scales(instrument(1), instrument(2))
    changed = {"emotional_colleagues", "material_supervisor", "emotional_supervisor", "climate"}
    changed |= {"emotional", "material", "colleagues", "supervisor", "overall"}
    # Neither version asks the organisation's own scale: it is compared in neither.
    assert comparable == set(SCORE_FIELDS) - changed - {"organisation"}
    assert comparable_scales(instrument(2), instrument(2)) == set(SCORE_FIELDS) - {"organisation"}
    assert comparable_scales(instrument(3), instrument(3)) == set(SCORE_FIELDS)


# --- version 3: the organisation is a source of its own ------------------------------------

# The words each source's items name it by, in English: an item in a source's cell must be
# about that source (version 2 put "an advance on your pay" and "your organisation cares"
# in the supervisor's cells).
NAMED_BY = {
    "colleagues": ("colleagues",),
    "supervisor": ("supervisor",),
    "third_parties": ("outside your team", "other services", "peers", "partners"),
}


def _not_about_their_source(version: int) -> list[str]:
    questionnaire = instrument(version)
    scales = questionnaire.scales()
    return [
        code
        for type_code in TYPE_CODES
        for source_code in SOURCE_CODES
        for code in scales[f"{type_code}_{source_code}"]
        if not any(word in questionnaire.item(code).text["en"] for word in NAMED_BY[source_code])
    ]


def test_in_version_3_every_cell_holds_at_least_two_items_about_its_own_source():
    questionnaire = instrument(3)
    scales = questionnaire.scales()
    for type_code in TYPE_CODES:
        for source_code in SOURCE_CODES:
            codes = scales[f"{type_code}_{source_code}"]
            assert len(codes) >= 2, (type_code, source_code)
            assert {questionnaire.item(code).source for code in codes} == {source_code}
    assert _not_about_their_source(3) == []
    # What version 3 repairs: version 2 scored two questions about the employer as the
    # supervisor's support.
    assert sorted(_not_about_their_source(2)) == ["sup_emo_3", "sup_mat_3"]


def test_version_3_asks_about_the_organisation_in_its_own_scale_only():
    questionnaire = instrument(3)
    scales = questionnaire.scales()
    organisation = [i for i in questionnaire.items if "your organisation" in i.text["en"]]
    assert {item.code for item in organisation} == {"org_1", "org_2", "org_3"}
    assert set(scales["organisation"]) == {"org_1", "org_2", "org_3"}
    for item in organisation:
        assert item.scale == "organisation" and item.source is None and not item.reverse
        in_scales = {scale for scale, codes in scales.items() if item.code in codes}
        assert in_scales == {"organisation"}, item.code
    # Every language names the organisation in each of its questions.
    for item in organisation:
        assert "je organisatie" in item.text["nl"] and "votre organisation" in item.text["fr"]


def test_version_3_is_version_2_with_the_employer_questions_moved_to_the_organisation():
    second, third = instrument(2), instrument(3)
    removed = {i.code for i in second.items} - {i.code for i in third.items}
    added = {i.code for i in third.items} - {i.code for i in second.items}
    assert removed == {"sup_mat_3", "sup_emo_3"}
    assert added == {"org_1", "org_2", "org_3"}
    # Every question kept is asked exactly as before, in the same steps.
    for item in third.items:
        if item.code not in added:
            assert second.item(item.code) == item
    assert [step.code for step in third.steps] == [step.code for step in second.steps]
    assert "advance on your pay" in third.item("org_1").text["en"]
    assert "well-being" in third.item("org_3").text["en"]


def test_version_2_and_3_compare_only_the_scales_asked_alike():
    comparable = comparable_scales(instrument(2), instrument(3))
    # The supervisor's material and emotional cells lost the employer's questions, so
    # everything built on them changed; the organisation's scale is new.
    changed = {"material_supervisor", "emotional_supervisor", "material", "emotional"}
    changed |= {"supervisor", "overall", "organisation"}
    assert comparable == set(SCORE_FIELDS) - changed
    assert comparable == comparable_scales(instrument(3), instrument(2))
