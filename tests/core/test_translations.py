"""Dutch and French as a careful native speaker would ship them: every message translated,
none fuzzy, placeholders kept, the compiled catalogues up to date, and French typography
(a no-break space before ":", ";", "?" and "!", and inside « »), in the message
catalogues and in the questionnaire's own French texts. One word per concept: no message
in any language uses a term docs/glossary.md replaces; quotes are typographic, French
elides, and dates are written as each language writes them."""

import ast
import gettext
import re
from datetime import date
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from questionnaire.core.instrument import (
    CHOICES,
    NOT_APPLICABLE_LABEL,
    SOURCES,
    SUPPORT_TYPES,
    VERSIONS,
    instrument,
    translate,
)
from questionnaire.respondent.advice import ALL_ADVICE

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
GLOSSARY = ROOT / "docs" / "glossary.md"
LANGUAGES = ("nl", "fr")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
# A plain space (or none) before French double punctuation, or inside guillemets.
FRENCH_PLAIN_SPACE = re.compile(r"(?: [:;?!])|(?:« )|(?: »)|(?:\w[;?!])")


def _entries(language: str) -> list[dict]:
    """The catalogue's messages: msgid, msgid_plural, msgstr (a list), flags."""
    entries, entry, field = [], None, None
    lines = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text().splitlines()
    for line in [*lines, ""]:
        if not line.strip() or line.startswith("#~"):
            if entry and entry["msgid"]:
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry or {"msgid": "", "msgid_plural": "", "msgstr": [], "flags": ""}
        if line.startswith("#,"):
            entry["flags"] += line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, field, ast.literal_eval(line))
        else:
            keyword, _space, value = line.partition(" ")
            field = keyword
            if keyword.startswith("msgstr"):
                entry["msgstr"].append("")
            _append(entry, field, ast.literal_eval(value))
    return entries


def _append(entry: dict, field: str, text: str) -> None:
    if field.startswith("msgstr"):
        entry["msgstr"][-1] += text
    else:
        entry[field] += text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = _entries(language)
    assert len(entries) > 400  # the parser read the catalogue
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_placeholders(language):
    for entry in _entries(language):
        expected = sorted(PLACEHOLDER.findall(entry["msgid"]))
        for text in entry["msgstr"]:
            # A plural form may leave out the number ("une minute"), never add or rename one.
            assert set(PLACEHOLDER.findall(text)) <= set(expected), (entry["msgid"], text)
            if not entry["msgid_plural"]:
                assert sorted(PLACEHOLDER.findall(text)) == expected, (entry["msgid"], text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po_file(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for entry in _entries(language):
        if not entry["msgid_plural"]:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]


def _french_texts() -> list[str]:
    catalogue = [text for entry in _entries("fr") for text in entry["msgstr"]]
    questionnaire = [
        translate(text, "fr")
        for step in instrument().steps
        for text in (step.title, step.intro, *(item.text for item in step.items))
    ]
    labels = [translate(d.label, "fr") for d in (*SUPPORT_TYPES, *SOURCES)]
    labels += [translate(choice.label, "fr") for choice in CHOICES]
    labels += [translate(NOT_APPLICABLE_LABEL, "fr")]
    return catalogue + questionnaire + labels


def test_french_has_no_plain_space_before_double_punctuation():
    offending = [
        text
        for text in _french_texts()
        # "http://" and "%(name)s:" are not prose; URLs never sit in these texts.
        if FRENCH_PLAIN_SPACE.search(re.sub(r"https?://\S+", "", text))
    ]
    assert offending == []


# The French questions once opened in varied ways, most of them as yes/no questions
# ("Devez-vous travailler très vite ?") answered on a frequency scale; they now ask how
# often, as the Dutch and English ones do (tests/core/test_instrument.py), and a few open
# with their situation ("Face à un problème, à quelle fréquence…").
def test_french_questions_name_the_supervisor_without_il_elle_or_a_middle_dot():
    questions = [item.text["fr"] for item in instrument().items]
    assert not any("il/elle" in question or "·" in question for question in questions)


def test_french_writes_inclusive_forms_in_full_rather_than_with_a_middle_dot():
    texts = _french_texts() + [str(step.text) for a in ALL_ADVICE for step in a.steps]
    assert [text for text in texts if "·" in text] == []


def test_the_check_would_catch_a_plain_space():
    assert FRENCH_PLAIN_SPACE.search("Votre score : 50")
    assert FRENCH_PLAIN_SPACE.search("Vraiment ?")
    assert FRENCH_PLAIN_SPACE.search("Vraiment?")
    assert not FRENCH_PLAIN_SPACE.search("Votre score\u00a0: 50\u202f; vraiment\u202f?")


# --- One word per concept (docs/glossary.md, "Words replaced") ------------------------------


def _replaced_terms() -> dict[str, list[str]]:
    """The glossary's table of replaced terms, per language: every `term` in its second
    column."""
    text = GLOSSARY.read_text()
    section = text.split("## Words replaced", 1)[1].split("\n## ", 1)[0]
    terms: dict[str, list[str]] = {"nl": [], "fr": [], "en": []}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0] in terms:
            terms[cells[0]] += re.findall(r"`([^`]+)`", cells[1])
    return terms


def _uses(term: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text) is not None


def _instrument_texts(language: str) -> list[str]:
    """Every version's titles, intros and questions, and the labels, in one language."""
    texts = [
        translate(text, language)
        for version in VERSIONS.values()
        for step in version.steps
        for text in (step.title, step.intro, *(item.text for item in step.items))
    ]
    for dimension in (*SUPPORT_TYPES, *SOURCES):
        texts.append(translate(dimension.label, language))
        texts += [
            translate(value, language)
            for value in vars(dimension).values()
            if isinstance(value, dict)
        ]
    texts += [translate(choice.label, language) for choice in CHOICES]
    return [*texts, translate(NOT_APPLICABLE_LABEL, language)]


def _texts(language: str) -> list[str]:
    """What a reader of `language` can see: the catalogue's translations (the msgids for
    English, which is the source) and the instrument's own texts."""
    if language == "en":
        messages = [
            text for entry in _entries("nl") for text in (entry["msgid"], entry["msgid_plural"])
        ]
    else:
        messages = [text for entry in _entries(language) for text in entry["msgstr"]]
    return [text for text in messages + _instrument_texts(language) if text]


def test_the_glossary_lists_replaced_terms_for_every_language():
    terms = _replaced_terms()
    assert {language: len(found) >= 1 for language, found in terms.items()} == {
        "nl": True,
        "fr": True,
        "en": True,
    }
    assert "pression de travail" in terms["fr"] and "Derden" in terms["nl"]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_no_message_uses_a_term_the_glossary_replaces(language):
    texts = _texts(language)
    assert len(texts) > 400
    found = [
        (term, text) for term in _replaced_terms()[language] for text in texts if _uses(term, text)
    ]
    assert found == []


def test_the_glossary_check_would_catch_a_replaced_term():
    assert _uses("Tiers", "Soutien des Tiers.")
    assert _uses("pas cochés", "Conserver les pas cochés")
    assert not _uses("Tiers", "Tiersen")
    assert not _uses("PDF-rapport", "pdf-rapport")


# Quotes: “ ” (en, nl) or « » (fr). HTML tags and placeholders may hold straight quotes.
TAG = re.compile(r"<[^>]*>|%\(\w+\)[sd]")
# An opening straight quote: after a space, a bracket or at the start, before a letter. An
# apostrophe (l'enquête, colleagues') always follows a letter.
STRAIGHT_QUOTE = re.compile(r"\"|(?:^|[\s(])'\w")


def _straight_quotes(text: str) -> bool:
    return STRAIGHT_QUOTE.search(TAG.sub("", text)) is not None


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_quotes_are_typographic(language):
    assert [text for text in _texts(language) if _straight_quotes(text)] == []


def test_the_quote_check_would_catch_straight_quotes():
    assert _straight_quotes("kies dan 'Niet van toepassing'.")
    assert _straight_quotes('choose "Not applicable".')
    assert not _straight_quotes("l'aide de vos collègues' <a href=\"x\">lien</a>")


# French elides before a vowel: "d'au moins", "qu'il", "s'il", "n'est".
MISSED_ELISION = re.compile(
    r"\b(?:de (?:au|aux|un|une|il|ils|elle|elles|on)|que (?:il|ils|elle|elles|on|un|une|au|aux)"
    r"|si (?:il|ils)|ne (?:est|a|ont|y))\b",
    re.IGNORECASE,
)


def test_french_elides_before_a_vowel():
    assert [text for text in _texts("fr") if MISSED_ELISION.search(text)] == []
    assert MISSED_ELISION.search("un taux de réponse de au moins 40 %")
    assert not MISSED_ELISION.search("un taux de réponse d'au moins 40 %")


@pytest.mark.parametrize(
    ("language", "written"),
    [("en", "30 November 2026"), ("nl", "30 november 2026"), ("fr", "30 novembre 2026")],
)
def test_dates_are_written_as_each_language_writes_them(language, written):
    day = date(2026, 11, 30)
    template = Template('{{ day|date:"DATE_FORMAT" }}')
    with translation.override(language):
        assert date_format(day) == written
        assert template.render(Context({"day": day})) == written


WAVE_NAME = re.compile(r"%\((?:wave|previous)\)s")
QUOTED_WAVE_NAME = re.compile(
    r"(?:“%\((?:wave|previous)\)s”|«\u00a0%\((?:wave|previous)\)s\u00a0»)"
)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_wave_name_is_quoted_in_every_sentence(language):
    texts = [text for text in _texts(language) if WAVE_NAME.search(text)]
    assert texts  # the sentences that name a wave were found
    bare = [t for t in texts if len(WAVE_NAME.findall(t)) != len(QUOTED_WAVE_NAME.findall(t))]
    assert bare == []
