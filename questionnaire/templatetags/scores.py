"""How the results page and the personal PDF write one score: {% score_words %} and
{% score_cells %}.

They stand in loops (a line per source and cell, a table row per score, some forty a
page), where including a template each time cost more than the rest of the page's tables
(bench/profile_journey.py). The texts are the same messages the templates used, escaped as
the template engine escapes: translated and filled in the same way as {% blocktranslate %}.

Their markup depends only on the language, the words of the score's scale, the score, what
it is and the organisation's average: it is kept by those (`_kept`), since a page writes
some forty of them and respondents' pages share most (a label with one of a hundred
scores).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def _filled(message: str, **values: Any) -> SafeString:
    """`message` (translated) with each value escaped, as {% blocktranslate %} fills it."""
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    # The message is ours (a translation of our text); every value in it is escaped.
    return mark_safe(message % escaped)  # noqa: S308  # nosec B308 B703


_kept_markup: dict[Hashable, SafeString] = {}
KEPT_MARKUP = 8192  # a bound: far more than the labels times a hundred scores of a language


def _kept(key: Hashable, make: Callable[[], SafeString]) -> SafeString:
    html = _kept_markup.get(key)
    if html is None:
        if len(_kept_markup) >= KEPT_MARKUP:
            _kept_markup.clear()
        html = _kept_markup[key] = make()
    return html


def _scale_of(score: Any) -> tuple[object, ...]:
    """What a score's words depend on: its scale's words (frequency, pressure, climate)
    and the score."""
    return (getattr(score, "words", None), score.score)


@register.simple_tag
def score_words(what: str, score: Any, plain: bool = False) -> SafeString:
    """What (a source, a cell or a scale) and its own score in words: the text of a key
    message line and of an area's reason. The band's words are bold, except with plain
    (the PDF's advice and work lines: each bold run is a box of its own to WeasyPrint,
    kept for the key message)."""
    # The type too: a SafeString equals the same text unescaped but is written otherwise.
    key = ("words", get_language(), type(what), what, *_scale_of(score), bool(plain))
    return _kept(key, lambda: _score_words(what, score, plain))


def _score_words(what: str, score: Any, plain: bool) -> SafeString:
    if score.score is None:
        return _filled(_("%(what)s: not enough answers"), what=what)
    values = {"what": what, "words": score.band_words, "score": score.rounded}
    if plain:
        return _filled(_("%(what)s: %(words)s (%(score)s out of 100)"), **values)
    return _filled(_("%(what)s: <strong>%(words)s</strong> (%(score)s out of 100)"), **values)


@register.simple_tag
def score_cells(score: Any, with_reference: Any = False) -> SafeString:
    """A table row's cells for one score: the score and its words, and with_reference the
    organisation's average (or why there is none)."""
    reference = score.reference if with_reference else None
    key = ("cells", get_language(), *_scale_of(score), bool(with_reference), reference)
    return _kept(key, lambda: _score_cells(score, with_reference))


def _score_cells(score: Any, with_reference: Any) -> SafeString:
    cells = [_cell(score.rounded, score.band_words) if score.score is not None else _missing()]
    if with_reference:
        if score.reference_rounded is not None:
            cells.append(_cell(score.reference_rounded, score.reference_words))
        elif score.reference_hidden:
            cells.append(format_html("<td>{}</td>", score.reference_hidden))
        else:
            cells.append(_missing())
    return mark_safe("".join(cells))  # noqa: S308  # nosec B308 B703 (format_html's output)


def _cell(rounded: int, words: str) -> SafeString:
    return format_html("<td>{} – {}</td>", rounded, words)


def _missing() -> SafeString:
    return format_html("<td>{}</td>", _("not enough answers"))
