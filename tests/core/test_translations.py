"""Dutch and French as a careful native speaker would ship them: every message translated,
none fuzzy, placeholders kept, the compiled catalogues up to date, and French typography
(a no-break space before ":", ";", "?" and "!", and inside « »), in the message
catalogues and in the questionnaire's own French texts."""

import ast
import gettext
import re
from pathlib import Path

import pytest

from questionnaire.core.instrument import (
    CHOICES,
    NOT_APPLICABLE_LABEL,
    SOURCES,
    SUPPORT_TYPES,
    instrument,
    translate,
)
from questionnaire.respondent.advice import ALL_ADVICE

LOCALE = Path(__file__).resolve().parents[2] / "locale"
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


def test_french_questions_do_not_all_open_the_same_way():
    questions = [item.text["fr"] for item in instrument().items]
    openings = [" ".join(question.split()[:3]) for question in questions]
    most_common = max(openings.count(opening) for opening in set(openings))
    assert most_common <= len(questions) // 4
    assert not any("il/elle" in question or "·" in question for question in questions)


def test_french_writes_inclusive_forms_in_full_rather_than_with_a_middle_dot():
    texts = _french_texts() + [str(step.text) for a in ALL_ADVICE for step in a.steps]
    assert [text for text in texts if "·" in text] == []


def test_the_check_would_catch_a_plain_space():
    assert FRENCH_PLAIN_SPACE.search("Votre score : 50")
    assert FRENCH_PLAIN_SPACE.search("Vraiment ?")
    assert FRENCH_PLAIN_SPACE.search("Vraiment?")
    assert not FRENCH_PLAIN_SPACE.search("Votre score\u00a0: 50\u202f; vraiment\u202f?")
