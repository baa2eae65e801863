"""Scoring worked out by hand, and properties that hold for every possible answer set."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from questionnaire.core.instrument import CHOICE_VALUES, Instrument, instrument
from questionnaire.core.scoring import (
    GOOD,
    LOW,
    PARTIAL,
    band,
    item_score,
    scale_score,
    score_response,
)

# Worked out by hand on version 1 (24 support items); a stored response is always scored
# with its own version, so these stay true for the responses answered with it.
QUESTIONS = instrument(1)
SCALES = QUESTIONS.scales()


def test_a_cell_answered_25_and_75_scores_50():
    scores = score_response(QUESTIONS, {"col_mat_1": 25, "col_mat_2": 75})
    assert scores["material_colleagues"] == 50


def test_a_cell_with_one_of_two_answered_scores_that_answer():
    assert score_response(QUESTIONS, {"sup_inf_2": 75})["informational_supervisor"] == 75


def test_a_cell_with_nothing_answered_has_no_score():
    assert score_response(QUESTIONS, {})["informational_supervisor"] is None


def test_a_four_item_scale_needs_two_answers():
    assert len(SCALES["pressure"]) == 4
    assert score_response(QUESTIONS, {"pre_1": 100})["pressure"] is None
    assert score_response(QUESTIONS, {"pre_1": 100, "pre_3": 25})["pressure"] == 62.5


def test_reverse_items_are_flipped():
    # cli_1 is worded positively, cli_2..4 (distrust, conflict, competition) negatively.
    assert [QUESTIONS.item(f"cli_{n}").reverse for n in range(1, 5)] == [False, True, True, True]
    answers = {"cli_1": 75, "cli_2": 0, "cli_3": 25, "cli_4": 100}
    # (75 + (100 - 0) + (100 - 25) + (100 - 100)) / 4 = 250 / 4
    assert score_response(QUESTIONS, answers)["climate"] == 62.5
    assert item_score(25, reverse=True) == 75


def test_not_applicable_counts_as_unanswered():
    with_na = score_response(QUESTIONS, {"sup_emo_1": None, "sup_emo_2": 50})
    assert with_na["emotional_supervisor"] == 50
    both_na = score_response(QUESTIONS, {"sup_emo_1": None, "sup_emo_2": None})
    assert both_na["emotional_supervisor"] is None
    # A type scale of six items, three not applicable and one answered: not enough.
    thin = {"sup_emo_1": None, "sup_emo_2": None, "col_emo_1": None, "thp_emo_1": 100}
    assert score_response(QUESTIONS, thin)["emotional"] is None


def test_the_overall_score_is_the_mean_of_every_answered_support_item():
    answers = {code: 50 for code in SCALES["overall"][:12]}
    answers[SCALES["overall"][0]] = 100
    # 11 * 50 + 100 = 650 over 12 of 24 items (exactly half)
    assert score_response(QUESTIONS, answers)["overall"] == pytest.approx(650 / 12)


@pytest.mark.parametrize(
    ("score", "expected"),
    [(0, LOW), (37.4, LOW), (37.5, PARTIAL), (62.4, PARTIAL), (62.5, GOOD), (100, GOOD)],
)
def test_bands_change_at_37_5_and_62_5(score, expected):
    assert band(score) == expected


def test_no_score_has_no_band():
    assert band(None) is None


def test_values_off_the_scale_and_unknown_items_are_refused():
    with pytest.raises(ValueError):
        item_score(30, reverse=False)
    with pytest.raises(ValueError):
        score_response(QUESTIONS, {"zzz": 50})


answer_sets = st.dictionaries(
    st.sampled_from([item.code for item in QUESTIONS.items]),
    st.one_of(st.none(), st.sampled_from(CHOICE_VALUES)),
)


@given(answer_sets)
def test_every_score_is_between_0_and_100_or_missing(answers):
    for score in score_response(QUESTIONS, answers).values():
        assert score is None or 0 <= score <= 100


@given(answer_sets)
def test_a_score_is_missing_exactly_when_fewer_than_half_its_items_are_answered(answers):
    scores = score_response(QUESTIONS, answers)
    for scale, codes in SCALES.items():
        answered = sum(1 for code in codes if answers.get(code) is not None)
        assert (scores[scale] is None) == (2 * answered < len(codes) or answered == 0), scale


@given(answer_sets, st.randoms())
def test_the_order_of_the_answers_does_not_matter(answers, random):
    items = list(answers.items())
    random.shuffle(items)
    assert score_response(QUESTIONS, dict(items)) == score_response(QUESTIONS, answers)


@given(st.lists(st.one_of(st.none(), st.sampled_from(CHOICE_VALUES)), min_size=1), st.randoms())
def test_a_scale_score_ignores_the_order_of_its_items(scores, random):
    shuffled = list(scores)
    random.shuffle(shuffled)
    assert scale_score(shuffled) == pytest.approx(scale_score(scores)) or (
        scale_score(shuffled) is None and scale_score(scores) is None
    )


@pytest.mark.parametrize("value", [False, True, 50.0, "50", -25, 125])
def test_an_answer_must_be_a_whole_number_on_the_scale(value):
    # False == 0 and 50.0 == 50 in Python; neither is an answer a browser can give.
    with pytest.raises(ValueError):
        item_score(value, reverse=False)
    with pytest.raises(ValueError):
        score_response(QUESTIONS, {"col_mat_1": value})


def _without_reverse_items(questions: Instrument) -> Instrument:
    """The same instrument with every item scored straight (version 0: never stored)."""
    steps = tuple(
        replace(step, items=tuple(replace(item, reverse=False) for item in step.items))
        for step in questions.steps
    )
    return Instrument(version=0, steps=steps)


REVERSE_CODES = {item.code for item in QUESTIONS.items if item.reverse}


@given(answer_sets)
def test_a_reverse_item_answered_v_counts_as_a_straight_item_answered_100_minus_v(answers):
    flipped = {
        code: 100 - value if code in REVERSE_CODES and value is not None else value
        for code, value in answers.items()
    }
    straight = score_response(_without_reverse_items(QUESTIONS), flipped)
    assert straight == score_response(QUESTIONS, answers)


@given(answer_sets)
def test_mirroring_every_answer_mirrors_every_score(answers):
    mirrored = {code: None if v is None else 100 - v for code, v in answers.items()}
    scores = score_response(QUESTIONS, answers)
    for scale, score in score_response(QUESTIONS, mirrored).items():
        if scores[scale] is None:
            assert score is None, scale
        else:
            assert score == pytest.approx(100 - scores[scale]), scale


@given(answer_sets)
def test_not_applicable_is_the_same_as_skipping(answers):
    skipped = {code: value for code, value in answers.items() if value is not None}
    assert score_response(QUESTIONS, skipped) == score_response(QUESTIONS, answers)


@given(answer_sets)
def test_a_score_lies_between_its_lowest_and_highest_answered_item(answers):
    scores = score_response(QUESTIONS, answers)
    for scale, codes in SCALES.items():
        given_scores = [
            item_score(answers[code], reverse=QUESTIONS.item(code).reverse)
            for code in codes
            if answers.get(code) is not None
        ]
        if scores[scale] is not None:
            assert min(given_scores) <= scores[scale] <= max(given_scores), scale


# --- version 3: the organisation's support is scored apart from the supervisor's ----------


def _supervisor_and_organisation(version: int, supervisor: int, employer: int) -> dict:
    """Every supervisor question answered `supervisor`, every question about the employer
    (version 2 counted them as the supervisor's; version 3 as the organisation's) `employer`."""
    questions = instrument(version)
    return {
        item.code: employer if item.code in EMPLOYER_ITEMS else supervisor
        for item in questions.items
        if item.source == "supervisor" or item.code in EMPLOYER_ITEMS
    }


EMPLOYER_ITEMS = {"sup_mat_3", "sup_emo_3", "org_1", "org_2", "org_3"}


def test_in_version_3_the_organisation_answers_leave_the_supervisor_scores_alone():
    # A good supervisor in a tight-fisted organisation.
    scores = score_response(instrument(3), _supervisor_and_organisation(3, 100, 0))
    for scale in ("material_supervisor", "emotional_supervisor", "supervisor"):
        assert scores[scale] == 100, scale
    assert scores["organisation"] == 0
    # The other way round: the organisation's score follows its own questions alone.
    scores = score_response(instrument(3), _supervisor_and_organisation(3, 0, 75))
    assert scores["supervisor"] == 0 and scores["organisation"] == 75


def test_version_2_responses_score_as_before():
    # The same person on version 2: the employer's two "never" pull the supervisor down.
    scores = score_response(instrument(2), _supervisor_and_organisation(2, 100, 0))
    assert scores["material_supervisor"] == pytest.approx(200 / 3)
    assert scores["emotional_supervisor"] == pytest.approx(200 / 3)
    assert scores["supervisor"] == pytest.approx(800 / 10)
    assert scores["organisation"] is None  # version 2 does not ask it


def test_the_organisation_scale_needs_two_of_its_three_answers():
    questions = instrument(3)
    assert score_response(questions, {"org_1": 25})["organisation"] is None
    assert score_response(questions, {"org_1": 25, "org_3": None})["organisation"] is None
    assert score_response(questions, {"org_1": 25, "org_2": 75})["organisation"] == 50
