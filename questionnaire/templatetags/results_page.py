"""The results page's repeated parts, written in Python: {% advice_areas %} and the lists
and table rows of scores ({% score_lines %}, {% score_rows %}, {% matrix_rows %},
{% need_rows %}, {% work_average_lines %}).

Each stood in a {% for %} loop that included a template or ran a dozen tags per item, and
the template engine's cost per node made them most of the page's rendering time
(bench/profile_journey.py). They write the markup the templates wrote, byte for byte: the
same messages, translated and filled as {% translate %} and {% blocktranslate %} do (the
message as it is, every value escaped), and the same whitespace. The key message's and the
work scales' lines serve the PDF too (results/_summary.html and _sections.html are shared);
the PDF's advice keeps its template (results/_advice_area.html).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import template
from django.template.defaultfilters import capfirst
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .scores import _filled, score_cells, score_words

register = template.Library()


def _message(text: str) -> SafeString:
    """A translated message as {% translate %} writes it: as it is, not escaped (it is our
    own text, markup included)."""
    return mark_safe(text)  # noqa: S308  # nosec B308 B703


def _joined(parts: Iterable[str]) -> SafeString:
    # Each part is format_html's or a tag's escaped output.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


def _gap_words(gap: Any) -> SafeString:
    return _filled(
        _("Need: %(need)s out of 100; received: %(received)s."),
        need=gap.need_rounded,
        received=gap.received_rounded,
    )


@register.simple_tag
def advice_areas(areas: Iterable[Any], kept_codes: Any, fiche_page_url: str) -> SafeString:
    """The page's advice for each area: its heading, why it is one and its first step as a
    checkbox, with the rest folded (templates/results/_advice_area.html writes the PDF's)."""
    kept = _KeptPieces(get_language())
    return _joined(_advice_area(area, kept_codes or (), fiche_page_url, kept) for area in areas)


def _advice_area(area: Any, kept_codes: Any, fiche_page_url: str, kept: _KeptPieces) -> SafeString:
    first, *more = area.steps
    return format_html(
        "{head}{why_an_area}{legend}{first_box}{summary}{other_reasons}\n      {more_boxes}"
        "\n      {why}",
        head=kept.piece(_area_head, area.advice),
        why_an_area=_why_an_area(area),
        legend=kept.piece(_area_legend, area.advice),
        first_box=kept.piece(_step_box, first, first.code in kept_codes),
        summary=kept.piece(_area_summary),
        other_reasons=_other_reasons(area),
        more_boxes=_joined(kept.piece(_step_box, step, step.code in kept_codes) for step in more),
        why=kept.piece(_area_why, area.advice, area.ask, fiche_page_url),
    )


def _why_an_area(area: Any) -> SafeString:
    """The score that makes it an area, in words; else the need received well below it."""
    reason = area.reason
    return score_words(capfirst(reason.phrase), reason) if reason else _gap_words(area.gap)


# An area's markup but for the respondent's own scores and ticks is made of the advice's
# fixed texts (module constants of advice.py, translated when written): each piece is kept
# per language and per the objects it shows, so that a page writes the advice's texts
# without translating and escaping them again. The objects are told apart by identity and
# kept with the piece (so that no other object can take their id); plain values (a URL, a
# bool) by value.
_kept_pieces: dict[tuple[object, ...], tuple[tuple[object, ...], SafeString]] = {}
KEPT_PIECES = 4096  # far more than the advice has: a bound, should anything else come in


def _is_value(part: object) -> bool:
    return isinstance(part, str | bool)


class _KeptPieces:
    """The kept pieces of one language (the active one when a page is written)."""

    def __init__(self, language: str | None):
        self.language = language

    def piece(self, make: Callable[..., SafeString], *parts: object) -> SafeString:
        key = (make, self.language, *(p if _is_value(p) else id(p) for p in parts))
        kept = _kept_pieces.get(key)
        if kept is not None and all(
            _is_value(a) or a is b for a, b in zip(kept[0], parts, strict=True)
        ):
            return kept[1]
        if len(_kept_pieces) >= KEPT_PIECES:
            _kept_pieces.clear()
        html = make(*parts)
        _kept_pieces[key] = (parts, html)
        return html


def _area_head(advice: Any) -> SafeString:
    return format_html(
        '\n\n<section class="advice" aria-labelledby="advice-{anchor}">\n'
        '  <h3 id="advice-{anchor}">{heading}</h3>\n'
        '  <p class="advice-reason">',
        anchor=advice.anchor,
        heading=str(advice.section),
    )


def _area_legend(advice: Any) -> SafeString:
    return format_html(
        "</p>\n"
        "  \n"
        '  <fieldset class="first-steps">\n'
        '    <legend class="visually-hidden">{}</legend>\n'
        "    ",
        _filled(_("First steps: %(area)s"), area=str(advice.section)),
    )


def _area_summary() -> SafeString:
    return format_html(
        '\n    <details class="advice-more">\n      <summary>{}</summary>\n      ',
        _message(_("More steps, why it matters and what to ask")),
    )


def _step_box(step: Any, checked: bool) -> SafeString:
    """A first step's checkbox in the results page's download form (report-download),
    ticked when the respondent kept it before."""
    return format_html(
        '<div class="form-check">\n'
        '  <input class="form-check-input" type="checkbox" form="report-download" name="step" '
        'value="{}" id="step-{}"{}>\n'
        '  <label class="form-check-label" for="step-{}">{}</label>\n'
        "</div>\n",
        step.code,
        step.code,
        " checked" if checked else "",
        step.code,
        step.text,
    )


def _other_reasons(area: Any) -> SafeString:
    """The area's other low scores, and its gap to the need when a score was its reason."""
    others = area.other_reasons
    with_gap = bool(area.reason and area.gap)
    if not (others or with_gap):
        return SafeString("")
    lines = _joined(
        format_html("<li>{}</li>\n", score_words(capfirst(score.phrase), score)) for score in others
    )
    gap = format_html("<li>{}</li>", _gap_words(area.gap)) if with_gap else ""
    return format_html(
        '\n      <ul class="summary-lines">\n        {}\n        {}\n      </ul>\n      ',
        lines,
        gap,
    )


def _area_why(advice: Any, ask: Any, fiche_page_url: str) -> SafeString:
    """Why the area matters, what to ask and the fiche's section (as _advice_why.html),
    and the area's end."""
    return format_html(
        "<p>{why}</p>\n"
        '<p class="advice-ask"><span class="advice-label">{ask_label}</span> {ask}</p>\n'
        '<p><a href="{fiche}#{anchor}">{section}</a></p>\n'
        "\n    </details>\n"
        "  </fieldset>\n"
        "  \n"
        "</section>\n\n",
        why=advice.why,
        ask_label=_message(_("What to ask:")),
        ask=ask,
        fiche=fiche_page_url,
        anchor=advice.anchor,
        section=_filled(_("The fiche in short: %(section)s"), section=advice.section),
    )


@register.simple_tag
def score_lines(
    scores: Iterable[Any], what: str = "phrase", capital: bool = False, plain: bool = False
) -> SafeString:
    """One list item a score, each followed by a line break: what it is (its phrase, or the
    attribute `what` names; with a capital when `capital`) and its score in words
    ({% score_words %}, plain as there)."""
    return _joined(
        format_html("<li>{}</li>\n", score_words(_named(score, what, capital), score, plain))
        for score in scores
    )


def _named(score: Any, what: str, capital: bool) -> str:
    name = getattr(score, what)
    return capfirst(name) if capital else name


@register.simple_tag
def need_lines(gaps: Iterable[Any]) -> SafeString:
    """The key message's line for each need received well below it."""
    return _joined(
        format_html(
            "<li>{}</li>",
            _filled(
                _("%(label)s: need %(need)s, received %(received)s"),
                label=gap.label,
                need=gap.need_rounded,
                received=gap.received_rounded,
            ),
        )
        for gap in gaps
    )


@register.simple_tag
def score_rows(scores: Iterable[Any], reference: Any) -> SafeString:
    """A table row a score: its label, the score in words and, with a `reference`, the
    organisation's average ({% score_cells %})."""
    return _joined(
        format_html(
            '<tr><th scope="row">{}</th>{}</tr>', score.label, score_cells(score, reference)
        )
        for score in scores
    )


@register.simple_tag
def matrix_rows(cells_by_source: Iterable[tuple[Any, Iterable[Any]]], reference: Any) -> SafeString:
    """The 4 × 3 table's body: a group of rows a source, headed by the source's name."""
    columns = 3 if reference else 2
    return _joined(
        format_html(
            "\n      <tbody>\n"
            '        <tr><th scope="rowgroup" colspan="{}" class="rowgroup">{}</th></tr>\n'
            "        {}\n"
            "      </tbody>\n      ",
            columns,
            capfirst(source.phrase),
            _joined(
                format_html(
                    '\n        <tr><th scope="row">{}</th>{}</tr>\n        ',
                    cell.type_label,
                    score_cells(cell, reference),
                )
                for cell in cells
            ),
        )
        for source, cells in cells_by_source
    )


@register.simple_tag
def need_rows(gaps: Iterable[Any]) -> SafeString:
    """The need table's rows: per type the need, the support received and how far short
    of the need it falls ("no" when not short, a dash when either is missing)."""
    missing = _message(_("not enough answers"))
    return _joined(
        format_html(
            "\n        <tr>\n"
            '          <th scope="row">{}</th>\n'
            "          <td>{}</td>\n"
            "          <td>{}</td>\n"
            "          <td>{}</td>\n"
            "        </tr>\n        ",
            gap.label,
            missing if gap.need is None else gap.need_rounded,
            missing if gap.received is None else gap.received_rounded,
            _shortfall(gap),
        )
        for gap in gaps
    )


def _shortfall(gap: Any) -> Any:
    shortfall = gap.gap
    if shortfall is None:
        return "–"
    return gap.gap_rounded if shortfall > 0 else _message(_("no"))


@register.simple_tag
def work_average_lines(scales: Iterable[Any]) -> SafeString:
    """Per work scale the organisation's average, or why none is shown."""
    return _joined(format_html("<li>{}</li>", _work_average(scale)) for scale in scales)


def _work_average(scale: Any) -> SafeString:
    message = _("%(what)s, average of your organisation: %(average)s")
    if scale.reference_rounded is not None:
        return _filled(message, what=scale.label, average=scale.reference_rounded)
    message = _("%(what)s, average of your organisation: %(reason)s")
    reason = scale.reference_hidden
    if reason is None:
        reason = _("not enough answers")
    return _filled(message, what=scale.label, reason=reason)
