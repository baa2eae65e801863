"""The rows HR's dashboard and exports are made of (dashboard.py builds them).

Every figure is either a number or a `privacy.Hidden` whose str() says why it is not
shown; each row object has a `display` text ready for templates (numbers formatted in the
active language, hidden values as their reason).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from ...models import Campaign
from ..privacy import Hidden, needed
from ..scoring import GOOD_FROM, PARTIAL_FROM, band
from .numbers import number_format
from .rankings import Rankings
from .series import GroupTrends, Trend

# Kinds of group a row stands for.
ORGANISATION = "organisation"
DEPARTMENT = "department"
NO_DEPARTMENT = "no_department"
OTHER = "other"

# The buffer the fiche describes: support matters most where pressure is high. The
# pressure-support chart shades the corner of high pressure and low support.
HIGH_PRESSURE_FROM = GOOD_FROM
LOW_SUPPORT_BELOW = PARTIAL_FROM

# The pseudo-scale of response counts: every response counts.
RESPONSES = "responses"

GroupKey = Hashable  # a department id, or None for "no department given"
Number = float | int
Figure = Number | Hidden | None


def _format(value: Figure, decimals: int = 1, percent: bool = False) -> str:
    if isinstance(value, Hidden):
        return str(value)
    if value is None:
        return "–"
    if percent:
        return as_percent(value, decimals)
    return format_count(value) if decimals == 0 else number_format(value, decimals)


def format_count(count: Number) -> str:
    """A count with its thousands grouped as the active language writes them (12,480 /
    12.480 / 12 480): HR reads the counts of large organisations at a glance."""
    return number_format(count, 0, force_grouping=True)


def as_percent(value: Number, decimals: int = 1) -> str:
    """A percentage as the active language writes it (French puts a no-break space
    before the sign, Dutch and English none)."""
    return _("%(number)s%%") % {"number": number_format(value, decimals)}


@dataclass(frozen=True)
class Uncertainty:
    """What a shown mean's uncertainty is made of: a variance and how many scores the mean
    is of. The organisation's variance, for the organisation and for every group (a
    group's own spread is never used: groups.Groups._group_uncertainty says why). Never
    shown: it only decides whether a difference is larger than its uncertainty
    (versus.py), as the comparison with the previous wave does."""

    variance: float
    n: int


@dataclass(frozen=True)
class Score:
    """A mean score (0-100) of one scale for one group, or why it is not shown.

    `value` is a float rounded to one decimal, a `Hidden`, or None when there is no such
    group for this scale (the "other departments" row when no department is combined).
    `members` are the partition cells the value is computed over (department ids, None
    for "no department"); `note` names the departments a combined value covers.
    """

    code: str
    label: str
    value: float | Hidden | None
    members: frozenset[GroupKey] = frozenset()
    note: str = ""
    # What the uncertainty of a shown value is made of (None when hidden or not known).
    uncertainty: Uncertainty | None = None

    @property
    def shown(self) -> bool:
        return isinstance(self.value, float)

    @property
    def number(self) -> float | None:
        """The value when it is shown, else None."""
        return self.value if isinstance(self.value, float) else None

    @property
    def hidden(self) -> Hidden | None:
        return self.value if isinstance(self.value, Hidden) else None

    @property
    def band(self) -> str | None:
        number = self.number
        return band(number) if number is not None else None

    @property
    def display(self) -> str:
        return _format(self.value)


@dataclass(frozen=True)
class Participation:
    """Responses of one group; `rate` is a percentage of the headcount (None: no headcount).

    While the campaign is open only the organisation row has a number, rounded down to a
    multiple of k (`at_least` is then True: "at least 10").
    """

    label: str
    kind: str
    responses: int | Hidden
    headcount: int | None
    rate: float | Hidden | None
    at_least: bool = False
    members: frozenset[GroupKey] = frozenset()
    note: str = ""

    @property
    def display_responses(self) -> str:
        if isinstance(self.responses, int) and self.at_least:
            return _("at least %(count)s") % {"count": format_count(self.responses)}
        return _format(self.responses, 0)

    @property
    def display_rate(self) -> str:
        if isinstance(self.rate, float) and self.at_least:
            return _("at least %(rate)s") % {"rate": _format(self.rate, 1, percent=True)}
        return _format(self.rate, 1, percent=True)


@dataclass(frozen=True)
class MatrixRow:
    """One support type: its score per source (in SOURCES order) and its type score."""

    code: str
    label: str
    scores: tuple[Score, ...]
    total: Score


@dataclass(frozen=True)
class NeedRow:
    """Need for one type of support next to the support received; gap = need - received."""

    code: str
    label: str
    need: Score
    received: Score
    gap: float | Hidden | None

    @property
    def display_gap(self) -> str:
        if isinstance(self.gap, float):
            return number_format(self.gap, 1, force_grouping=False)
        return _format(self.gap)


@dataclass(frozen=True)
class HeatmapColumn:
    code: str
    label: str
    higher_is_better: bool  # False for work pressure


@dataclass(frozen=True)
class GroupRow:
    """One row of the departments x dimensions heatmap (one Score per heatmap column)."""

    label: str
    kind: str
    scores: tuple[Score, ...]
    # The partition cells of the group (department ids, None for "no department").
    members: frozenset[GroupKey] = frozenset()


@dataclass(frozen=True)
class PressureSupportRow:
    """Work pressure against overall support for one group. `flagged`: pressure in the
    high band meets support in the low one, the key findings' one banded sentence (the
    tables rank all groups by pressure minus support instead, Dashboard.rankings)."""

    label: str
    kind: str
    pressure: Score
    support: Score
    members: frozenset[GroupKey] = frozenset()

    @property
    def flagged(self) -> bool:
        pressure, support = self.pressure.number, self.support.number
        if pressure is None or support is None:
            return False
        return pressure >= HIGH_PRESSURE_FROM and support < LOW_SUPPORT_BELOW


@dataclass(frozen=True)
class AnswerCount:
    """People who gave one answer, or one answer group ("Rarely or never");
    `share` is a percentage of those who answered the item with a value."""

    label: str
    count: int
    share: float

    @property
    def display_share(self) -> str:
        return _format(self.share, 1, percent=True)


@dataclass(frozen=True)
class ItemDistribution:
    """The answers to one item over the whole organisation.

    `answers` are the five answers, or the three answer groups where the five may not be
    shown (privacy rule 5); when `hidden` is set, `answers` is empty. `not_applicable` is a
    count or Hidden.
    """

    code: str
    text: str
    step_label: str
    answers: tuple[AnswerCount, ...]
    not_applicable: int | Hidden
    hidden: Hidden | None
    # The answer values (0-100, before reversing) a reader cannot rule out for anyone: the
    # bounds the suppression of the item's scale is decided with (privacy.possible_answers).
    possible: tuple[int, ...] = ()

    @property
    def display_not_applicable(self) -> str:
        return _format(self.not_applicable, 0)


@dataclass(frozen=True)
class Change:
    """One scale compared with the previous wave, organisation-wide.

    `difference` = current - previous with its 95% confidence interval [`low`, `high`]
    (Welch). `verdict` is "higher" or "lower" only when the interval excludes 0,
    otherwise "no_clear_change"; "hidden" when a side is hidden. `better` says whether a
    clear change is an improvement (None when unclear or neither, as for needs).
    """

    code: str
    label: str
    current: float | Hidden
    previous: float | Hidden
    difference: float | Hidden
    low: float | Hidden
    high: float | Hidden
    verdict: str
    better: bool | None

    @property
    def display_current(self) -> str:
        return _format(self.current)

    @property
    def display_previous(self) -> str:
        return _format(self.previous)

    @property
    def display_difference(self) -> str:
        if isinstance(self.difference, float):
            sign = "+" if self.difference > 0 else ""
            return sign + number_format(self.difference, 1)
        return _format(self.difference)

    @property
    def display_interval(self) -> str:
        if isinstance(self.low, float) and isinstance(self.high, float):
            return f"{number_format(self.low, 1)} … {number_format(self.high, 1)}"
        return _format(self.low)

    @property
    def verdict_label(self) -> str:
        return {
            "higher": _("higher than last wave"),
            "lower": _("lower than last wave"),
            "no_clear_change": _("no clear change"),
        }.get(self.verdict) or (
            self.difference.short if isinstance(self.difference, Hidden) else ""
        )


@dataclass(frozen=True)
class Comparison:
    previous: Campaign
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Dashboard:
    """Everything HR sees about one campaign; see the module docstring for the shape."""

    campaign: Campaign
    organisation_name: str
    language: str
    today: date
    status: str  # Campaign.UPCOMING / OPEN / CLOSED
    k: int
    scores_released: bool
    responses: Participation
    departments: tuple[Participation, ...]
    matrix_columns: tuple[str, ...]
    matrix: tuple[MatrixRow, ...]
    types: tuple[Score, ...]
    sources: tuple[Score, ...]
    overall: Score
    pressure: Score
    climate: Score
    needs: tuple[NeedRow, ...]
    heatmap_columns: tuple[HeatmapColumn, ...]
    heatmap: tuple[GroupRow, ...]
    pressure_support: tuple[PressureSupportRow, ...]
    distributions: tuple[ItemDistribution, ...]
    comparison: Comparison | None
    not_applicable_label: str
    pressure_support_note: str
    # True when anyone with the campaign's link can answer (no access codes).
    open_link: bool = True
    # Per dimension the first places among shown values (None before scores are released).
    rankings: Rankings | None = None
    # Each compared scale over the organisation's closed waves up to this one (rankings.py,
    # trends.py); empty before scores are released or with a single wave.
    trends: tuple[Trend, ...] = ()
    # Each department's overall support, work pressure and climate in every closed wave,
    # beside the organisation's (trends.group_trends); None with a single wave.
    group_trends: GroupTrends | None = None
    # Support from the organisation; None when the campaign's questionnaire version does not
    # ask it (before version 3), so nothing is shown for it rather than "too few answers".
    organisation: Score | None = None
    # A team manager's view (restrict.for_departments): the departments whose rows it
    # keeps; None for the readers' whole dashboard.
    scope: frozenset[int] | None = None
    # The closed waves' groups this dashboard read (groups.ClosedWaves, this wave's among
    # them), so that what follows actions from wave to wave (hr/actions/) reads no wave's
    # figures twice. Typed `object`: rows.py imports nothing of groups.py.
    closed_waves: object | None = field(default=None, repr=False, compare=False)

    @property
    def needed(self) -> int:
        """Responses every shown figure rests on (k besides one a reader may know)."""
        return needed(self.k)
