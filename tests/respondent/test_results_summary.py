"""The key message of the results ("In short") is true for every pattern of answers.

Answer sets are generated (hypothesis), scored as a submission scores them, and the summary
is rendered as the page renders it. Every line must name one source or one cell and give
that scale's own band; a band's words appear nowhere else, so no sentence can call a
person's support "rarely or never" as a whole while a source gives them "often or always".
"""

import math
import re
from html import unescape

from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.core.instrument import (
    CHOICE_VALUES,
    SOURCES,
    SUPPORT_TYPES,
    instrument,
    translate,
)
from questionnaire.core.scoring import score_response
from questionnaire.respondent.results import scores_from

# The band words per language, written out here rather than taken from the code under test:
# below 37.5, from 37.5, from 62.5.
BANDS = {
    "en": ("rarely or never", "sometimes", "often or always"),
    "nl": ("zelden of nooit", "soms", "vaak of altijd"),
    "fr": ("rarement ou jamais", "parfois", "souvent ou toujours"),
}
SKIPPED = "skipped"


def _expected_words(score: float, language: str) -> str:
    low, partial, good = BANDS[language]
    return low if score < 37.5 else partial if score < 62.5 else good


def _summary_html(scores: dict, language: str) -> str:
    with translation.override(language):
        results = scores_from(scores, language=language)
        return render_to_string("results/_summary.html", {"results": results})


def _lines(html: str) -> list[str]:
    items = re.findall(r"<li>(.*?)</li>", html, flags=re.S)
    return [_text(item) for item in items]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def _named_scales(scores: dict, language: str) -> dict[str, float | None]:
    """What each line may be about: a source's phrase or a cell's phrase -> its score."""
    names = {}
    for source in SOURCES:
        phrase = translate(source.from_phrase, language)
        names[phrase[0].upper() + phrase[1:]] = scores[source.code]
        for support_type in SUPPORT_TYPES:
            cell = f"{translate(support_type.label, language)} {phrase}"
            names[cell] = scores[f"{support_type.code}_{source.code}"]
    return names


answer_sets = st.fixed_dictionaries(
    {item.code: st.sampled_from([*CHOICE_VALUES, None, SKIPPED]) for item in instrument().items}
).map(lambda answers: {code: v for code, v in answers.items() if v != SKIPPED})


def _check(answers: dict, language: str) -> None:
    scores = score_response(instrument(), answers)
    html = _summary_html(scores, language)
    named = _named_scales(scores, language)
    band_lines = 0
    for line in _lines(html):
        match = re.fullmatch(r"(.+?)\s?: (.+) \((\d+) (?:out of|op|sur) 100\)", line)
        if match is None:
            continue  # a need line or "not enough answers": no band words (checked below)
        name, words, number = match.groups()
        assert name in named, f"a band given to something that is not one scale: {line!r}"
        score = named[name]
        assert score is not None
        assert words == _expected_words(score, language), line
        assert int(number) == math.floor(score + 0.5), line
        band_lines += 1
    _check_missing_cells(html, named, language)
    # Every source has its line, with its band or "not enough answers".
    text = _text(html)
    for source in SOURCES:
        phrase = translate(source.from_phrase, language)
        assert text.count(phrase[0].upper() + phrase[1:]) == 1
    # A band's words appear only in the lines checked above, nowhere else.
    occurrences = sum(len(re.findall(re.escape(words), text)) for words in BANDS[language])
    # ("sometimes" is not part of "rarely or never" etc., so the counts do not overlap)
    assert occurrences == band_lines, text


# "and N more: see the picture below", written out per language.
MORE = re.compile(r"(?:and|en nog|et) (\d+) (?:more|andere|autres?)\s?: (?:see|zie|voir) ")


def _check_missing_cells(html: str, named: dict, language: str) -> None:
    """Of the cells "rarely or never", the three lowest are named, and "and N more" counts
    exactly the others (never shown when there are none)."""
    sources = {_capitalised(translate(source.from_phrase, language)) for source in SOURCES}
    low = sorted(s for name, s in named.items() if name not in sources and _is_low(s))
    shown = []
    for line in _lines(html):
        match = re.fullmatch(r"(.+?)\s?: (.+) \((\d+) (?:out of|op|sur) 100\)", line)
        if match and match.group(1) not in sources and match.group(2) == BANDS[language][0]:
            shown.append(named[match.group(1)])
    assert shown == low[:3], (shown, low)
    more = MORE.findall(_text(html))
    assert more == ([str(len(low) - 3)] if len(low) > 3 else []), (more, low)


def _capitalised(phrase: str) -> str:
    return phrase[0].upper() + phrase[1:]


def _is_low(score: float | None) -> bool:
    return score is not None and score < 37.5


@settings(max_examples=150, deadline=None)
@given(answers=answer_sets, language=st.sampled_from(["en", "nl", "fr"]))
def test_no_summary_line_contradicts_the_scores_it_summarises(answers, language):
    _check(answers, language)


@settings(max_examples=100, deadline=None)
@given(
    colleagues=st.lists(st.sampled_from([75, 100]), min_size=9, max_size=9),
    supervisor=st.lists(st.sampled_from([0, 25]), min_size=8, max_size=8),
    third_parties=st.lists(st.sampled_from([*CHOICE_VALUES, None]), min_size=8, max_size=8),
    language=st.sampled_from(["en", "nl", "fr"]),
)
def test_good_support_from_colleagues_is_never_called_rarely_or_never(
    colleagues, supervisor, third_parties, language
):
    """The reader of the issue: often from colleagues, rarely from the supervisor."""
    codes = {
        source: [item.code for item in instrument().items if item.source == source]
        for source in ("colleagues", "supervisor", "third_parties")
    }
    answers = (
        dict(zip(codes["colleagues"], colleagues, strict=True))
        | dict(zip(codes["supervisor"], supervisor, strict=True))
        | dict(zip(codes["third_parties"], third_parties, strict=True))
    )
    _check(answers, language)
    text = _text(_summary_html(score_response(instrument(), answers), language))
    low, _partial, good = BANDS[language]
    colleagues_line = re.search(rf"{translate(SOURCES[0].from_phrase, language)}[^()]*", text, re.I)
    assert colleagues_line and good in colleagues_line.group(0)
    # "Rarely or never" is said only of the supervisor's lines and of outside help.
    for line in _lines(_summary_html(score_response(instrument(), answers), language)):
        if low in line:
            assert translate(SOURCES[0].from_phrase, language) not in line, line


def test_the_case_of_the_issue_reads_source_by_source():
    """Colleagues 63 and 75 on their cells, supervisor 25: no overall "rarely or never"."""
    answers = {item.code: 25 for item in instrument().items if item.source == "supervisor"}
    answers |= {item.code: 75 for item in instrument().items if item.source == "colleagues"}
    answers |= {"col_mat_1": 50, "col_mat_2": 75}  # 62.5 on one colleague cell
    text = _text(_summary_html(score_response(instrument(), answers), "nl"))
    assert "Van je collega's: vaak of altijd (72 op 100)" in text
    assert "Van je leidinggevende: zelden of nooit (25 op 100)" in text
    assert "Alles samen" not in text and "krijg je zelden of nooit steun" not in text
    # (8 x 75 + 50 from colleagues, 8 x 25 from the supervisor) / 17 items
    assert "Het gemiddelde van al je antwoorden over steun is 50 op 100." in text


def test_eight_weak_cells_name_the_three_weakest_and_count_the_others():
    """Supervisor and outside the team "rarely", colleagues "sometimes": eight cells low."""
    answers = {item.code: 25 for item in instrument().items}
    answers |= {item.code: 50 for item in instrument().items if item.source == "colleagues"}
    answers |= {"sup_emo_1": 0, "thp_res_1": 0, "thp_res_2": 0}  # supervisor emotional: 12.5
    text = _text(_summary_html(score_response(instrument(), answers), "en"))
    assert (
        "Where support is missing Respecting support from people outside your team: rarely or "
        "never (0 out of 100) Emotional support from your supervisor: rarely or never (13 out "
        "of 100) Material and financial support from your supervisor: rarely or never (25 out "
        "of 100) and 5 more: see the picture below" in text
    )
