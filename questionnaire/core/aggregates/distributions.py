"""Answer distributions per question, and what they tell of every scale's range (the
bounds a closed campaign's groups are suppressed with: groups.closed_groups)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...models import Campaign
from .. import privacy
from ..instrument import ANSWER_GROUP_LABELS, CHOICES, Instrument, instrument, translate
from ..languages import active_language
from .rows import AnswerCount, GroupKey, ItemDistribution
from .snapshot import Snapshot


def distributions(
    campaign: Campaign, snapshot: Snapshot, *, included: Iterable[GroupKey], responses: int, k: int
) -> tuple[ItemDistribution, ...]:
    """Organisation-level answer distributions per item, over the cells that count
    (`included`, with `responses` in all), as privacy.distribution allows them with `k`."""
    language = active_language()
    counts = snapshot.item_counts(included)
    choice_labels = [translate(choice.label, language) for choice in CHOICES]
    group_labels = [translate(label, language) for label in ANSWER_GROUP_LABELS]
    rows = []
    for step in instrument(campaign.instrument_version).steps:
        step_label = translate(step.title, language)
        for item in step.items:
            item_counts = counts.get(item.code, {})
            values = [item_counts.get(choice.value, 0) for choice in CHOICES]
            not_applicable = item_counts.get(None, 0)
            skipped = responses - sum(values) - not_applicable
            whole = privacy.distribution(values, not_applicable, k, skipped=skipped) is None
            hidden = (
                None
                if whole
                else privacy.grouped_distribution(values, not_applicable, k, skipped=skipped)
            )
            answers: tuple[AnswerCount, ...] = ()
            if whole:
                answers = _answer_counts(choice_labels, values)
            elif hidden is None:
                answers = _answer_counts(group_labels, privacy.grouped_counts(values))
            rows.append(
                ItemDistribution(
                    code=item.code,
                    text=translate(item.text, language),
                    step_label=step_label,
                    answers=answers,
                    not_applicable=hidden or not_applicable,
                    hidden=hidden,
                    possible=() if hidden else privacy.possible_answers(values, k, whole=whole),
                )
            )
    return tuple(rows)


def _answer_counts(labels: list[str], counts: Sequence[int]) -> tuple[AnswerCount, ...]:
    answered = sum(counts)
    return tuple(
        AnswerCount(label, count, round(100 * count / answered, 1))
        for label, count in zip(labels, counts, strict=True)
    )


def bounds(
    campaign: Campaign, shown: tuple[ItemDistribution, ...], scales: Iterable[str]
) -> dict[str, tuple[float, float]]:
    """Per scale of `scales`, the lowest and highest value anyone can have as far as the
    shown distributions tell (a scale's value is a mean of its items' scores): from the
    answers a reader cannot rule out (privacy.possible_answers), for grouped ones too."""
    questions = instrument(campaign.instrument_version)
    by_code = {d.code: d for d in shown if d.hidden is None}
    wanted = frozenset(scales)
    return {
        code: _scale_bounds(questions, items, by_code)
        for code, items in questions.scales().items()
        if code in wanted and items  # a scale this version does not ask has no values
    }


def _scale_bounds(
    questions: Instrument, items: Iterable[str], shown: dict[str, ItemDistribution]
) -> tuple[float, float]:
    lows, highs = [], []
    for item_code in items:
        distribution = shown.get(item_code)
        if distribution is None:
            lows.append(0.0)
            highs.append(100.0)
            continue
        given = distribution.possible
        scores = [100 - v if questions.item(item_code).reverse else v for v in given]
        lows.append(float(min(scores)))
        highs.append(float(max(scores)))
    return min(lows), max(highs)
