"""Answer distributions per question, what they tell of every scale's range, and a closed
campaign's groups with those bounds set."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .. import privacy
from ..instrument import CHOICES, Instrument, instrument, translate
from ..languages import active_language
from ..models import Campaign
from .departments import frozen_names
from .groups import PRIMARY, Groups
from .rows import AnswerCount, Cell, ItemDistribution
from .snapshot import Snapshot, snapshot_get_or_take

ItemCounts = dict[str, dict[int | None, int]]  # item -> answer (None: not applicable) -> count


def distributions(
    campaign: Campaign, snapshot: Snapshot, groups: Groups
) -> tuple[ItemDistribution, ...]:
    """Organisation-level answer distributions per item, over the cells that count, as
    privacy.distribution allows them."""
    language = active_language()
    counts = _counts_over(snapshot, groups.included)
    choice_labels = [translate(choice.label, language) for choice in CHOICES]
    rows = []
    for step in instrument(campaign.instrument_version).steps:
        step_label = translate(step.title, language)
        for item in step.items:
            item_counts = counts.get(item.code, {})
            values = [item_counts.get(choice.value, 0) for choice in CHOICES]
            not_applicable = item_counts.get(None, 0)
            skipped = groups.total.count - sum(values) - not_applicable
            hidden = privacy.distribution(values, not_applicable, groups.k, skipped=skipped)
            answered = sum(values)
            answers = (
                ()
                if hidden
                else tuple(
                    AnswerCount(label, count, round(100 * count / answered, 1))
                    for label, count in zip(choice_labels, values, strict=True)
                )
            )
            rows.append(
                ItemDistribution(
                    code=item.code,
                    text=translate(item.text, language),
                    step_label=step_label,
                    answers=answers,
                    not_applicable=hidden or not_applicable,
                    hidden=hidden,
                )
            )
    return tuple(rows)


def _counts_over(snapshot: Snapshot, cells: Iterable[Cell]) -> ItemCounts:
    """The answer counts of `cells` added up, per item and answer."""
    counts: ItemCounts = {}
    for cell in cells:
        for item, by_value in snapshot.items.get(cell, {}).items():
            item_counts = counts.setdefault(item, {})
            for value, count in by_value.items():
                item_counts[value] = item_counts.get(value, 0) + count
    return counts


def bounds(
    campaign: Campaign, shown: tuple[ItemDistribution, ...]
) -> dict[str, tuple[float, float]]:
    """Per primary scale, the lowest and highest value anyone can have as far as the shown
    distributions tell (a scale's value is a mean of its items' scores)."""
    questions = instrument(campaign.instrument_version)
    by_code = {d.code: d for d in shown if d.hidden is None}
    return {
        code: _scale_bounds(questions, items, by_code)
        for code, items in questions.scales().items()
        if code in PRIMARY
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
        given = [c.value for c, a in zip(CHOICES, distribution.answers, strict=True) if a.count]
        scores = [100 - v if questions.item(item_code).reverse else v for v in given]
        lows.append(float(min(scores)))
        highs.append(float(max(scores)))
    return min(lows), max(highs)


def closed_groups(
    campaign: Campaign, names_today: dict[int, str], *, today: date
) -> tuple[Groups, tuple[ItemDistribution, ...]]:
    """A closed campaign's groups, read from its frozen figures (taken now if there are none
    yet) with the bounds its shown distributions set, and those distributions.

    Everything but the departments' names comes from the snapshot: its departments (not
    today's), their headcounts, k, the counts and the scores. `names_today` only labels
    them (departments.current_names).
    """
    snapshot = snapshot_get_or_take(campaign, today=today)
    groups = Groups(
        names=frozen_names(snapshot, names_today),
        stats=snapshot.cells,
        headcounts=snapshot.headcounts,
        k=snapshot.k,
    )
    shown = distributions(campaign, snapshot, groups)
    groups.set_bounds(bounds(campaign, shown))
    return groups, shown


class ClosedWaves:
    """Closed waves' groups for one dashboard, each read from its frozen figures once:
    the comparison and the trends both look at the previous wave."""

    def __init__(self, names_today: dict[int, str], *, today: date):
        self.names = names_today
        self.today = today
        self._read: dict[int, Groups] = {}

    def groups(self, campaign: Campaign) -> Groups:
        if campaign.pk not in self._read:
            self._read[campaign.pk] = closed_groups(campaign, self.names, today=self.today)[0]
        return self._read[campaign.pk]
