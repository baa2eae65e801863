"""The advice fits the pattern of a person's answers, in every language (docs/advice.md).

Answer sets are generated (hypothesis) source by source and scale by scale, scored as a
submission scores them, and the advice is chosen (results.weak_areas) and rendered as the
results page and the personal PDF render it. For every pattern:

- with a supervisor who gives support rarely or never (or no score for them), no first step
  and no "what to ask" names the supervisor: every route goes around them;
- every source scored "often or always" is named as something to build on, with its own
  score, and no other source is (never one with a missing score), and nothing is called
  the strongest;
- with high work pressure (or none scored), no step or ask asks the person to take on more
  for others;
- every area shows two first steps and one ask, the same on the page and in the PDF.

The words the rules look for are written out here per language, not taken from the code.
"""

from __future__ import annotations

import itertools
import math
import re
from html import unescape

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from questionnaire.core.instrument import CHOICE_VALUES, SOURCES, instrument, translate
from questionnaire.core.scoring import score_response
from questionnaire.respondent.advice import ALL_ADVICE, SHOWN_STEPS, Pattern
from questionnaire.respondent.results import PersonalResults, Scores, scores_from, weak_areas
from tests.support.results_factory import make_response

LANGUAGES = ("nl", "fr", "en")
SKIPPED = "skipped"

# How each language names the supervisor: no step or ask may contain it when the
# supervisor gives support rarely or never.
SUPERVISOR_WORD = {"en": "supervisor", "nl": "leidinggevende", "fr": "responsable"}
# Asking the person to take on more for others: to give a hand, offer the same, offer help.
GIVING_MORE = {
    "en": re.compile(r"\boffer\b|a hand with", re.I),
    "nl": re.compile(r"\bbied\b|\baanbieden\b|help een collega", re.I),
    "fr": re.compile(r"proposez (?:votre aide|la même chose|à une personne de l'équipe un coup)"),
}
# A sentence that builds on a source, and how it names the source.
BUILDS_ON = {
    "en": re.compile(r"Build on the support you get (from your colleagues|outside your team)"),
    "nl": re.compile(r"Bouw voort op de steun die je (van je collega's|buiten je team)"),
    "fr": re.compile(r"Appuyez-vous sur le soutien (de vos collègues|que vous trouvez hors)"),
}
BUILT_ON_SOURCE = {
    "from your colleagues": "colleagues",
    "outside your team": "third_parties",
    "van je collega's": "colleagues",
    "buiten je team": "third_parties",
    "de vos collègues": "colleagues",
    "que vous trouvez hors": "third_parties",
}
SUPERLATIVE = re.compile(r"strongest|best source|sterkste|beste bron|le plus fort|la plus forte")
GOOD_WORDS = {"en": "often or always", "nl": "vaak of altijd", "fr": "souvent ou toujours"}
OUT_OF = {"en": "out of", "nl": "op", "fr": "sur"}
# French puts a no-break space before a colon (_text() makes every space a plain one).
COLON = {"en": ":", "nl": ":", "fr": " :"}


def _group(item) -> str:
    """Items are generated per source of support, and per scale for the others."""
    return item.source or item.scale


def _group_answers(items) -> st.SearchStrategy[dict]:
    """The answers to one group's items: mostly one level (so the group's band varies from
    pattern to pattern), some other answers, "not applicable" and skipped questions; or
    hardly any answers at all (a missing score)."""
    any_answer = st.sampled_from([*CHOICE_VALUES, None, SKIPPED])
    level = st.sampled_from([*CHOICE_VALUES, SKIPPED])
    return level.flatmap(
        lambda value: st.fixed_dictionaries(
            {item.code: st.one_of(st.just(value), any_answer) for item in items}
        )
    )


def _answer_sets() -> st.SearchStrategy[dict]:
    items = sorted(instrument().items, key=_group)
    groups = [list(group) for _key, group in itertools.groupby(items, key=_group)]
    return st.tuples(*(_group_answers(group) for group in groups)).map(
        lambda parts: {
            code: value for part in parts for code, value in part.items() if value != SKIPPED
        }
    )


def _results(scores: Scores) -> PersonalResults:
    """What personal_results() gives the templates, without a stored response."""
    fields = {name: getattr(scores, name) for name in Scores.__dataclass_fields__}
    return PersonalResults(**fields, response=None, weak_areas=weak_areas(scores))  # type: ignore[arg-type]


def _render(results: PersonalResults, *, page: bool) -> str:
    context = {"results": results, "fiche_page_url": "/fiche/", "FICHE_URL": "https://x/"}
    if page:
        context |= {"picks_url": "/r/t/report.pdf", "pdf_language": "en", "kept_codes": ()}
    else:
        context |= {"text_only": True}
    return render_to_string("results/_advice.html", context)


def _text(html: str) -> str:
    html = re.sub(r"</?(strong|a|span|em)\b[^>]*>", "", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _steps(html: str) -> list[str]:
    """The first steps shown: checkbox labels on the page, list items in the PDF."""
    labels = re.findall(r'<label class="form-check-label" for="step-[^"]*">(.*?)</label>', html)
    lists = re.findall(r'<ul class="first-steps-list">(.*?)</ul>', html, flags=re.S)
    items = [item for ul in lists for item in re.findall(r"<li>(.*?)</li>", ul, flags=re.S)]
    return [_text(step) for step in labels + items]


def _asks(html: str) -> list[str]:
    asks = re.findall(r'<p class="advice-ask">(.*?)</p>', html, flags=re.S)
    return [_text(ask).split(":", 1)[1].strip() for ask in asks]


def _strength_lines(html: str) -> list[str]:
    return [_text(line) for line in re.findall(r'<li class="strength">(.*?)</li>', html, re.S)]


def _is_low_or_missing(score: float | None) -> bool:
    return score is None or score < 37.5


def _is_good(score: float | None) -> bool:
    return score is not None and score >= 62.5


def check_advice(html: str, scores: dict, language: str) -> None:
    """The rules of the module's docstring, on one rendering of the advice section."""
    steps, asks = _steps(html), _asks(html)
    routes = steps + asks
    if _is_low_or_missing(scores["supervisor"]):
        word = SUPERVISOR_WORD[language]
        assert not [r for r in routes if word in r.lower()], routes
    if not (scores["pressure"] is not None and scores["pressure"] < 62.5):
        assert not [r for r in routes if GIVING_MORE[language].search(r)], routes
    for route in routes:
        for named in BUILDS_ON[language].findall(route):
            assert _is_good(scores[BUILT_ON_SOURCE[named]]), (route, scores)
    strong = [s for s in SOURCES if _is_good(scores[s.code])]
    lines = _strength_lines(html)
    assert len(lines) == len(strong), (lines, scores)
    for line, source in zip(lines, strong, strict=True):
        phrase = translate(source.from_phrase, language)
        number = math.floor(scores[source.code] + 0.5)
        assert line.startswith(
            f"{phrase[0].upper()}{phrase[1:]}"
            f"{COLON[language]} {GOOD_WORDS[language]} "
            f"({number} {OUT_OF[language]} 100)"
        ), line
    assert not SUPERLATIVE.search(_text(html).lower())


def _check_pattern(answers: dict, language: str) -> None:
    scores = score_response(instrument(), answers)
    with translation.override(language):
        results = _results(scores_from(scores, language=language))
        page, pdf = _render(results, page=True), _render(results, page=False)
    for area in results.weak_areas:
        assert len(area.steps) == SHOWN_STEPS and len(set(area.steps)) == SHOWN_STEPS
        assert area.ask
        if _is_low_or_missing(scores["supervisor"]):
            assert not any(step.via_supervisor for step in area.steps)
    check_advice(page, scores, language)
    check_advice(pdf, scores, language)
    assert sorted(_steps(page)) == sorted(_steps(pdf))
    assert _asks(page) == _asks(pdf)
    assert len(_asks(page)) == len(results.weak_areas)


@hypothesis_settings(max_examples=200, deadline=None)
@given(answers=_answer_sets(), language=st.sampled_from(LANGUAGES))
def test_the_advice_fits_every_pattern_of_answers(answers, language):
    _check_pattern(answers, language)


@pytest.mark.parametrize("advice", ALL_ADVICE, ids=lambda advice: advice.area)
def test_every_area_has_two_steps_and_an_ask_whatever_the_pattern(advice):
    """Every combination the choice depends on, exhaustively."""
    codes = [source.code for source in SOURCES]
    strong_sets = [
        frozenset(chosen)
        for n in range(len(codes) + 1)
        for chosen in itertools.combinations(codes, n)
    ]
    for supports, room, strong in itertools.product((True, False), (True, False), strong_sets):
        pattern = Pattern(supervisor_supports=supports, strong_sources=strong, room_to_give=room)
        steps, ask = advice.fit(pattern)
        assert len(steps) == SHOWN_STEPS == len(set(steps)), (advice.area, pattern)
        assert all(step.holds_for(pattern) for step in steps)
        assert str(ask)


# The issue's pattern: colleagues often, supervisor rarely, people outside the team
# sometimes, high work pressure, a poor team climate, and every type needed often.
ISSUE_PATTERN = {
    item.code: {"colleagues": 75, "supervisor": 25, "third_parties": 50}.get(item.source, 50)
    for item in instrument().items
    if item.source
}
ISSUE_PATTERN |= {f"pre_{n}": 100 for n in range(1, 5)}
ISSUE_PATTERN |= {"cli_1": 25, "cli_2": 75, "cli_3": 75, "cli_4": 75, "cli_5": 25}
ISSUE_PATTERN |= {item.code: 100 for item in instrument().items if item.scale == "need"}


def _advice_section(client, token: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/r/{token}/")
    assert page.status_code == 200
    html = page.content.decode()
    start = html.index('id="advice-heading"')
    return html[start : html.index('<section class="report-section"', start)]


def _answers(colleagues, supervisor, third_parties, pressure, climate=50, need=50) -> dict:
    levels = {"colleagues": colleagues, "supervisor": supervisor, "third_parties": third_parties}
    answers = {item.code: levels.get(item.source, 50) for item in instrument().items if item.source}
    answers |= {f"pre_{n}": pressure for n in range(1, 5)}
    answers |= {f"cli_{n}": climate for n in range(1, 6)}
    return answers | {item.code: need for item in instrument().items if item.scale == "need"}


HTTP_PATTERNS = {
    "the issue's pattern": ISSUE_PATTERN,
    "everyone rarely, high pressure": _answers(25, 25, 25, pressure=100, need=100),
    "supervisor strong, colleagues weak, low pressure": _answers(0, 100, 50, pressure=0),
    "within rounding of each other": _answers(75, 75, 75, pressure=50, need=100),
    "no supervisor answers": _answers(75, None, 100, pressure=75, need=100),
}


@pytest.mark.parametrize("name", HTTP_PATTERNS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_results_page_gives_advice_that_fits(client, campaign_a, name, language):
    answers = HTTP_PATTERNS[name]
    response, token = make_response(campaign_a, answers, language=language)
    scores = score_response(instrument(response.instrument_version), answers)
    check_advice(_advice_section(client, token, language), scores, language)


def test_the_issue_s_reader_is_pointed_around_their_supervisor_in_french(client, campaign_a):
    _response, token = make_response(campaign_a, ISSUE_PATTERN, language="fr")
    text = _text(_advice_section(client, token, "fr"))
    assert (
        "Ce sur quoi vous pouvez vous appuyer De vos collègues : souvent ou toujours "
        "(75 sur 100) Appuyez-vous dessus :" in text
    )
    assert "Appuyez-vous sur le soutien de vos collègues" in text
    assert "personne de confiance" in text and "délégué syndical" in text
    assert "Demandez à votre responsable" not in text
    assert "coup de main concret" not in text and "proposez votre aide" not in text


def test_with_room_to_give_the_steps_that_give_more_come_back(client, campaign_a):
    """The phrases the rules look for are the ones the advice uses: with low pressure and a
    supportive supervisor, the steps that offer help to others are shown."""
    answers = _answers(25, 50, 25, pressure=0, climate=0)
    _response, token = make_response(campaign_a, answers, language="en")
    routes = " ".join(_steps(_advice_section(client, token, "en")))
    assert GIVING_MORE["en"].search(routes)
    text = _text(_advice_section(client, token, "en"))
    assert "What to ask: Ask your supervisor" in text
