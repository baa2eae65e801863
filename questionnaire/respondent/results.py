"""What a respondent sees about their own response (selector for the results page and PDF).

Everything is read from the scores stored at submission; nothing is re-scored here. The
organisation's averages come from aggregates.respondent_reference (the same frozen figures
HR sees); privacy.reference_mean owns the rule of when a respondent may compare (at least
k responses besides their own).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import cached_property

from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..core import charts
from ..core.aggregates import AskedDifferently, respondent_reference
from ..core.instrument import (
    CLIMATE,
    ORGANISATION_SUPPORT,
    OVERALL,
    PRESSURE,
    SOURCES,
    SUPPORT_TYPES,
    instrument,
    need_code,
    translate,
)
from ..core.privacy import Hidden, Reference, k_for
from ..core.scoring import GOOD, LOW, PARTIAL, band, need_gap
from ..models import SCORE_FIELDS, Response
from .advice import (
    BY_SOURCE,
    BY_TYPE,
    BY_WORK_SCALE,
    Advice,
    FirstStep,
    Pattern,
    build_on,
    pattern_of,
)
from .comparable import comparable_reference
from .summary import Summary, summarise

# A need at least one answer step (25 points) above the support received is worth
# acting on: "often" needed but only "sometimes" received, for example.
LARGE_GAP = 25.0


FREQUENCY = "frequency"


# Each translated when asked, one band at a time.
_SCALE_WORDS = {
    PRESSURE: {
        LOW: gettext_noop("low"),
        PARTIAL: gettext_noop("moderate"),
        GOOD: gettext_noop("high"),
    },
    CLIMATE: {
        LOW: gettext_noop("often strained"),
        PARTIAL: gettext_noop("mixed"),
        GOOD: gettext_noop("mostly good"),
    },
}


def _words(kind: str, score: float) -> str:
    if kind in _SCALE_WORDS:
        return _(_SCALE_WORDS[kind][band(score)])
    return charts.band_words(score)


@dataclass(frozen=True)
class PersonalScore:
    code: str
    label: str
    score: float | None
    reference: float | Hidden | None = None  # the organisation's average, when there is one
    # How a sentence names it: "from your colleagues" for a source, "Respecting support
    # from your supervisor" for a cell; the label otherwise.
    phrase: str = ""
    # Support is described by how often it comes; pressure and climate have their own
    # words, since "often or always" says nothing about a climate score.
    words: str = FREQUENCY

    @property
    def band(self) -> str | None:
        return band(self.score)

    @property
    def band_words(self) -> str:
        if self.score is None:
            return _("not enough answers")
        return _words(self.words, self.score)

    @property
    def rounded(self) -> int | None:
        return None if self.score is None else charts.rounded(self.score)

    @property
    def reference_rounded(self) -> int | None:
        return charts.rounded(self.reference) if isinstance(self.reference, float | int) else None

    @property
    def reference_words(self) -> str | None:
        if not isinstance(self.reference, float | int):
            return None
        return _words(self.words, self.reference)

    @property
    def reference_hidden(self) -> Hidden | None:
        return self.reference if isinstance(self.reference, Hidden) else None


@dataclass(frozen=True)
class MatrixScore(PersonalScore):
    type_label: str = ""
    source_label: str = ""


@dataclass(frozen=True)
class NeedGap:
    code: str
    label: str
    need: float | None
    received: float | None

    @property
    def gap(self) -> float | None:
        return need_gap(self.need, self.received)

    @property
    def is_large(self) -> bool:
        return self.gap is not None and self.gap >= LARGE_GAP

    @property
    def need_rounded(self) -> int | None:
        return None if self.need is None else charts.rounded(self.need)

    @property
    def received_rounded(self) -> int | None:
        return None if self.received is None else charts.rounded(self.received)

    @property
    def gap_rounded(self) -> int | None:
        return None if self.gap is None else charts.rounded(self.gap)


# The areas of advice shown open, weakest first; the others sit in one disclosure.
SHOWN_AREAS = 3


@dataclass(frozen=True)
class WeakArea:
    """An area to work on: the scores that make it one (each shown with its own words), a
    need received well below it, and the advice."""

    advice: Advice
    reasons: tuple[PersonalScore, ...] = ()
    gap: NeedGap | None = None
    # The first steps and the ask that fit the respondent's pattern (Advice.fit).
    steps: tuple[FirstStep, ...] = ()
    ask: Promise | str = ""

    @property
    def heading(self) -> str:
        return str(self.advice.section)

    @cached_property  # the page asks it several times per area
    def reason(self) -> PersonalScore | None:
        """The one score shown as why this is an area (its lowest; the first when tied), or
        None when only the need received well below it makes it one."""
        return min(self.reasons, key=_need_key) if self.reasons else None

    @property
    def other_reasons(self) -> tuple[PersonalScore, ...]:
        """The reasons not shown as `reason`: they go with the area's folded details."""
        return tuple(score for score in self.reasons if score is not self.reason)

    @property
    def need(self) -> float:
        """How weak the area is, lower meaning weaker: its lowest score (work pressure
        counted as 100 minus it, since a high pressure is the weak side), or the support
        received when only the gap to the need makes it an area."""
        if self.reason is not None:
            return _need_key(self.reason)
        return self.gap.received if self.gap and self.gap.received is not None else 100.0


def _need_key(score: PersonalScore) -> float:
    value = score.score if score.score is not None else 100.0
    return 100.0 - value if score.code == PRESSURE else value


@dataclass(frozen=True)
class Strength:
    """A source that supports the respondent "often or always", to build on."""

    score: PersonalScore
    build_on: Promise


@dataclass(frozen=True)
class Scores:
    """One response's scores as the results show them, with the organisation's averages.
    What is derived from them is worked out once (cached_property): the page and the PDF
    ask for the same cells, pattern and strengths many times."""

    matrix: tuple[tuple[MatrixScore, ...], ...]  # one row per type, one cell per source
    types: tuple[PersonalScore, ...]
    sources: tuple[PersonalScore, ...]
    overall: PersonalScore
    pressure: PersonalScore
    climate: PersonalScore
    gaps: tuple[NeedGap, ...]
    # Support from the organisation: its own scale from version 3 on, None for a response
    # to an earlier version (which did not ask it).
    organisation: PersonalScore | None

    @cached_property
    def work_scales(self) -> tuple[PersonalScore, ...]:
        """Pressure, climate and, where asked, the organisation's support: the scales
        outside the support matrix."""
        organisation = (self.organisation,) if self.organisation is not None else ()
        return (self.pressure, self.climate, *organisation)

    @cached_property
    def cells(self) -> tuple[MatrixScore, ...]:
        return tuple(cell for row in self.matrix for cell in row)

    @cached_property
    def cells_by_source(self) -> tuple[tuple[PersonalScore, tuple[MatrixScore, ...]], ...]:
        """Each source with its cells, one per type: the table of the 4 × 3 picture."""
        return tuple(
            (source, tuple(row[column] for row in self.matrix))
            for column, source in enumerate(self.sources)
        )

    @property
    def types_with_needs(self) -> tuple[tuple[PersonalScore, NeedGap], ...]:
        """Each type's score beside how often it is needed (the need's "received" is that
        same score): the PDF gives both on one line."""
        return tuple(zip(self.types, self.gaps, strict=True))

    @property
    def compared_scores(self) -> tuple[PersonalScore, ...]:
        """Every score an organisation's average can stand beside: the sources, the types
        and the work scales (the PDF compares them in one table)."""
        return (*self.sources, *self.types, *self.work_scales)

    @cached_property
    def pattern(self) -> Pattern:
        """What the choice of advice depends on (advice.Pattern)."""
        return pattern_of(
            source_bands={source.code: source.band for source in self.sources},
            pressure_band=self.pressure.band,
        )

    @cached_property
    def strengths(self) -> tuple[Strength, ...]:
        """Every source scored "often or always" (none with a missing score), in the
        fiche's order: each is named as a support to build on, never ranked."""
        strong = self.pattern.strong_sources
        return tuple(Strength(s, build_on(s.code)) for s in self.sources if s.code in strong)

    @cached_property
    def summary(self) -> Summary:
        return summarise(
            sources=self.sources, cells=self.cells, gaps=self.gaps, overall=self.overall
        )


@dataclass(frozen=True)
class PersonalResults(Scores):
    response: Response
    language: str = "en"
    weak_areas: tuple[WeakArea, ...] = ()
    reference: Reference | None = None
    k: int = 0
    # First steps the respondent picked for their PDF; never stored.
    picked_steps: tuple[FirstStep, ...] = ()

    # Which variant of the page's fixed parts applies: keys of {% per_language %}, which
    # keeps each part once per language and value (templates/results/).
    @property
    def has_reference(self) -> bool:
        return self.reference is not None

    @property
    def asks_organisation(self) -> bool:
        """Whether the response's version asked about the organisation's support."""
        return self.organisation is not None

    @property
    def first_areas(self) -> tuple[WeakArea, ...]:
        """The weakest areas, shown open: on a phone they fit the first screens."""
        return self.weak_areas[:SHOWN_AREAS]

    @property
    def more_areas(self) -> tuple[WeakArea, ...]:
        """The other areas, together in one disclosure."""
        return self.weak_areas[SHOWN_AREAS:]

    def with_picks(self, codes: Iterable[str]) -> PersonalResults:
        """These results with the picked first steps of their weak areas (others ignored)."""
        wanted = set(codes)
        steps = tuple(
            step for area in self.weak_areas for step in area.steps if step.code in wanted
        )
        return replace(self, picked_steps=steps)

    @property
    def reference_leaves_out_changed_scales(self) -> bool:
        return self.reference is not None and any(
            isinstance(mean, AskedDifferently) for mean in self.reference.means.values()
        )

    @property
    def reference_from_own_campaign(self) -> bool:
        return self.reference is not None and self.reference.includes_own_response

    @property
    def high_pressure_low_support(self) -> bool:
        """The situation the fiche warns about: much pressure, little support to buffer it
        (from every source answered about, so the sentence holds for each of them)."""
        scored = [source for source in self.sources if source.score is not None]
        return (
            self.pressure.band == GOOD
            and bool(scored)
            and all(source.band == LOW for source in scored)
        )

    def _grid(self) -> tuple[list[str], list[str], list[list[float | None]]]:
        """The 4 x 3 picture's rows (types), columns (sources) and scores."""
        return (
            [row[0].type_label for row in self.matrix],
            [cell.source_label for cell in self.matrix[0]],
            [[cell.score for cell in row] for row in self.matrix],
        )

    def matrix_chart(self) -> SafeString:
        return charts.narrow_heatmap(
            *self._grid(),
            title=_("Your support by type and source"),
            description=_(
                "A grid with the four types of support as rows and the three sources as "
                "columns; each cell shows your score from 0 to 100 and how often that is, in "
                "words. The same numbers are in the table that follows."
            ),
            chart_id="chart-matrix",
        )

    def types_chart(self) -> SafeString:
        return self._bars(self.types, "chart-types", _("Your support by type"))

    def sources_chart(self) -> SafeString:
        return self._bars(self.sources, "chart-sources", _("Your support by source"))

    def gaps_chart(self) -> SafeString:
        return charts.narrow_need_chart(
            [(gap.label, gap.need, gap.received) for gap in self.gaps],
            title=_("What you need and what you receive"),
            description=_(
                "For each type of support, one bar shows how often you need it and one how "
                "often you receive it, from 0 to 100. The same numbers are in the table "
                "that follows."
            ),
            chart_id="chart-gaps",
            need_label=_("Need"),
            received_label=_("Received"),
        )

    def _bars(self, scores, chart_id, title) -> SafeString:
        with_reference = self.reference is not None
        return charts.narrow_bar_chart(
            [(score.label, score.score) for score in scores],
            title=title,
            description=_(
                "Bars from 0 to 100, darker the more often you get support; dashed lines "
                "mark where the words change. The same numbers are in the table that follows."
            ),
            chart_id=chart_id,
            references=[score.reference for score in scores] if with_reference else None,
            reference_label=_("Average of your organisation") if with_reference else "",
        )


def personal_results(response: Response, *, language: str, today: date) -> PersonalResults:
    """The results of `response` with labels in `language` (gettext texts follow the active
    language, so call this under translation.override(language))."""
    reference = comparable_reference(response, respondent_reference(response, today=today))
    means = reference.means if reference is not None else {}
    values = {code: getattr(response, code) for code in SCORE_FIELDS}
    scores = scores_from(
        values, language=language, means=means, version=response.instrument_version
    )
    return PersonalResults(
        **{field.name: getattr(scores, field.name) for field in fields(Scores)},
        response=response,
        language=language,
        weak_areas=weak_areas(scores),
        reference=reference,
        # The averages shown rest on the k they were frozen with; without any, the page
        # says what a future average will need: today's k.
        k=reference.k if reference is not None else k_for(response.campaign.organisation),
    )


def offered_step_codes(response: Response) -> tuple[str, ...]:
    """The codes of every first step the response's results offer (its weak areas' steps),
    the only ones a respondent can pick."""
    values = {code: getattr(response, code) for code in SCORE_FIELDS}
    version = response.instrument_version
    areas = weak_areas(scores_from(values, language=response.language, version=version))
    return tuple(step.code for area in areas for step in area.steps)


def scores_from(
    values: Mapping[str, float | None],
    *,
    language: str,
    means: Mapping | None = None,
    version: int | None = None,
) -> Scores:
    """The Scores of stored score `values` (scale code -> score), labelled in `language`,
    of a response to instrument `version` (the current one when None)."""
    means = means or {}

    def score(code: str, label: str, phrase: str = "", words: str = FREQUENCY) -> PersonalScore:
        return PersonalScore(code, label, values[code], means.get(code), phrase or label, words)

    types = tuple(score(d.code, translate(d.label, language)) for d in SUPPORT_TYPES)
    sources = tuple(
        score(d.code, translate(d.label, language), translate(d.from_phrase, language))
        for d in SOURCES
    )
    matrix = tuple(
        tuple(
            MatrixScore(
                f"{t.code}_{s.code}",
                f"{translate(t.label, language)} – {translate(s.label, language)}",
                values[f"{t.code}_{s.code}"],
                means.get(f"{t.code}_{s.code}"),
                f"{translate(t.label, language)} {translate(s.from_phrase, language)}",
                type_label=translate(t.label, language),
                source_label=translate(s.label, language),
            )
            for s in SOURCES
        )
        for t in SUPPORT_TYPES
    )
    return Scores(
        matrix=matrix,
        types=types,
        sources=sources,
        overall=score(OVERALL, _("Overall support")),
        pressure=score(PRESSURE, _("Work pressure"), words=PRESSURE),
        climate=score(CLIMATE, _("Team climate"), words=CLIMATE),
        organisation=score(ORGANISATION_SUPPORT, _("Support from the organisation"))
        if _asks_organisation(version)
        else None,
        gaps=tuple(NeedGap(t.code, t.label, values[need_code(t.code)], t.score) for t in types),
    )


def _asks_organisation(version: int | None) -> bool:
    questions = instrument() if version is None else instrument(version)
    return questions.asks(ORGANISATION_SUPPORT)


def weak_areas(scores: Scores) -> tuple[WeakArea, ...]:
    """Every area the summary shows as missing or short of the need, plus high work
    pressure and a strained team climate: sources (in the low band, or with a cell in it),
    types (in the low band, or received well below the need) and the work scales, in order
    of need, weakest first (WeakArea.need). Each with the first steps and the ask that fit
    the scores' pattern (advice.Advice.fit)."""
    areas = []
    for source in scores.sources:
        # The source itself when it is in the low band, else its cells that are.
        cells = [cell for cell in scores.cells if cell.code.endswith(f"_{source.code}")]
        reasons: list[PersonalScore] | tuple[PersonalScore, ...] = (
            [source] if source.band == LOW else [c for c in cells if c.band == LOW]
        )
        if reasons and source.code in BY_SOURCE:
            areas.append(WeakArea(BY_SOURCE[source.code], tuple(reasons)))
    for type_score, gap in zip(scores.types, scores.gaps, strict=True):
        if type_score.band == LOW or gap.is_large:
            reasons = (type_score,) if type_score.band == LOW else ()
            areas.append(WeakArea(BY_TYPE[type_score.code], reasons, gap if gap.is_large else None))
    if scores.pressure.band == GOOD:
        areas.append(WeakArea(BY_WORK_SCALE[PRESSURE], (scores.pressure,)))
    if scores.climate.band == LOW:
        areas.append(WeakArea(BY_WORK_SCALE[CLIMATE], (scores.climate,)))
    if scores.organisation is not None and scores.organisation.band == LOW:
        areas.append(WeakArea(BY_WORK_SCALE[ORGANISATION_SUPPORT], (scores.organisation,)))
    pattern = scores.pattern
    fitted = (_fitted(area, pattern) for area in areas)
    # Weakest first (sorted() is stable: equally weak areas keep the order above).
    return tuple(sorted(fitted, key=lambda area: area.need))


def _fitted(area: WeakArea, pattern: Pattern) -> WeakArea:
    steps, ask = area.advice.fit(pattern)
    return replace(area, steps=steps, ask=ask)
