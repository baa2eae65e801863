"""The groups of one campaign and every figure HR may see of them (privacy rules 1-6).

`Groups` decides the partition once from the response counts (privacy.suppress over the
cells), then suppresses each primary scale over the resulting blocks, and derives type,
source and overall figures from the cells' shown values. Every row of the dashboard (the
participation table, the heat map, pressure against support, the organisation's scores)
is made here, so all of them use the one partition. A closed campaign's groups are read
from its frozen figures (`closed_groups`, `ClosedWaves` for the earlier waves).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from statistics import fmean

from django.utils.translation import gettext as _

from ...models import Campaign
from .. import privacy
from ..instrument import (
    CLIMATE,
    ORGANISATION_SUPPORT,
    OVERALL,
    PRESSURE,
    SOURCE_CODES,
    TYPE_CODES,
    need_code,
)
from ..privacy import Hidden
from .departments import frozen_names
from .distributions import bounds, distributions
from .rows import (
    DEPARTMENT,
    NO_DEPARTMENT,
    ORGANISATION,
    OTHER,
    GroupKey,
    ItemDistribution,
    Participation,
    Score,
    Uncertainty,
)
from .snapshot import Stats, earlier_waves, merged, snapshot_get_or_take

Block = frozenset[GroupKey]  # cells whose figures are shown together

MATRIX_CODES = tuple(f"{t}_{s}" for t in TYPE_CODES for s in SOURCE_CODES)
NEED_CODES = tuple(need_code(t) for t in TYPE_CODES)
# Scales that share no item with each other: suppressed one by one.
PRIMARY = (*MATRIX_CODES, PRESSURE, CLIMATE, ORGANISATION_SUPPORT, *NEED_CODES)
# Scales HR sees as the mean of the group's cell values.
DERIVED = {
    **{t: tuple(f"{t}_{s}" for s in SOURCE_CODES) for t in TYPE_CODES},
    **{s: tuple(f"{t}_{s}" for t in TYPE_CODES) for s in SOURCE_CODES},
    OVERALL: MATRIX_CODES,
}

Bounds = Mapping[str, tuple[float, float]]  # scale -> what a viewer knows bounds each value


class Figures:
    """What the groups' figures are, whatever the groups are called: each block's merged
    statistics and the total's, and per bounds each primary scale's suppression and each
    value (`ScaleFigures`). The same for every `Groups` of the same frozen figures, cells
    and k, so `closed_groups` keeps it with the snapshot (read only once filled: each is
    worked out the same way from the same figures, whoever asks first)."""

    def __init__(self) -> None:
        self.merged: dict[Block, Stats] = {}
        self.total: Stats | None = None
        self._scales: dict[Hashable, ScaleFigures] = {}

    def scales(self, bounds: Bounds) -> ScaleFigures:
        key = tuple(sorted(bounds.items()))
        found = self._scales.get(key)
        if found is None:
            found = self._scales[key] = ScaleFigures()
        return found


class ScaleFigures:
    """Each primary scale's suppression and each value, under one set of bounds."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, Block | None], float | Hidden] = {}
        self.suppressions: dict[str, privacy.Suppression] = {}


@dataclass(frozen=True)
class ShownGroup:
    """One group a row is shown for: a department, "no department", the other
    departments combined, or the whole organisation (`kind`, as in rows.py)."""

    label: str
    kind: str
    members: frozenset[GroupKey]
    note: str = ""


class Groups:
    """The partition of one closed campaign's cells, with the figures of each group."""

    def __init__(
        self,
        *,
        names: Mapping[GroupKey, str],
        stats: Mapping[GroupKey, Stats],
        headcounts: Mapping[GroupKey, int | None],
        k: int,
        bounds: Bounds | None = None,
    ):
        self.k = k
        self.names = dict(names)
        # Every department is a cell, with or without responses: an empty department is
        # hidden like a small one, so emptiness is not told apart.
        self.cells: list[GroupKey] = [cell for cell in names if cell is not None]
        self.cells += [cell for cell in stats if cell is not None and cell not in self.names]
        self.cells.append(None)
        self.stats = {cell: stats.get(cell, Stats()) for cell in self.cells}
        self.headcounts = {cell: headcounts.get(cell) for cell in self.cells}
        counts = {cell: self.stats[cell].count for cell in self.cells}
        self.excluded = privacy.excluded_cells(counts, self.headcounts)
        # Left out without saying so: too few responses for the reason to be told
        # (_excluded_reason). Read as an empty cell would be, in every row and note.
        self.quietly_excluded = frozenset(
            cell for cell in self.excluded if counts[cell] < privacy.needed(k)
        )
        self.included = [cell for cell in self.cells if cell not in self.excluded]
        self.partition = privacy.suppress({cell: counts[cell] for cell in self.included}, k)
        self.bounds = bounds or {}
        self._figures = Figures()
        self._scales = self._figures.scales(self.bounds)

    def share(self, figures: Figures) -> None:
        """Use `figures`, those of other groups of the same frozen figures, cells and k
        (figures_key), before anything is read."""
        if self._figures.total is not None or self._figures.merged or self._scales.values:
            raise RuntimeError("the figures are shared before any is read")
        self._figures = figures
        self._scales = figures.scales(self.bounds)

    def figures_key(self) -> Hashable:
        """What these groups' figures depend on besides the frozen figures themselves
        (Snapshot.worked_out)."""
        return ("figures", self.k, tuple(self.cells))

    def set_bounds(self, bounds: Bounds) -> None:
        """What the shown answer distributions tell of every value (see privacy.too_alike);
        set before the first score is asked for."""
        if self._scales.values or self._scales.suppressions:
            raise RuntimeError("the bounds are set before any value is read")
        self.bounds = bounds
        self._scales = self._figures.scales(bounds)

    def label(self, cell: GroupKey) -> str:
        if cell is None:
            return _("No department given")
        return self.names.get(cell) or _("Unknown department")

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        shown = [frozenset([cell]) for cell in self.included if cell in self.partition.shown]
        rest = self.partition.rest
        return (*shown, frozenset(rest)) if rest else tuple(shown)

    @property
    def total(self) -> Stats:
        """Everything that counts: the included cells."""
        figures = self._figures
        if figures.total is None:
            figures.total = merged(self.stats[cell] for cell in self.included)
        return figures.total

    def _block_stats(self, block: Block) -> Stats:
        # Every scale and row asks for the same few blocks: merging their cells' stats
        # once each keeps a dashboard of a hundred departments fast. A block of one cell
        # is that cell's stats (read only, as every block's are): merging would copy them.
        known = self._figures.merged
        stats = known.get(block)
        if stats is None:
            if len(block) == 1:
                (cell,) = block
                stats = self.stats[cell]
            else:
                stats = merged(self.stats[cell] for cell in block)
            known[block] = stats
        return stats

    # --- scales over blocks ---------------------------------------------------------------

    @property
    def _scale_suppressions(self) -> dict[str, privacy.Suppression]:
        known = self._scales.suppressions
        if not known:
            known.update({code: self._suppress_scale(code) for code in PRIMARY})
        return known

    def _suppress_scale(self, code: str) -> privacy.Suppression:
        floor, ceiling = self.bounds.get(code, (0.0, 100.0))
        block_stats: dict[Hashable, Stats] = {b: self._block_stats(b) for b in self.blocks}
        # Each block's spread once, and each union's verdict once: suppress asks of every
        # block, of the total (all of them) and again of the hidden ones for their reason.
        spreads = {b: stats.spread(code) for b, stats in block_stats.items()}
        verdicts: dict[frozenset[Hashable], bool] = {}

        def too_alike(blocks: frozenset[Hashable]) -> bool:
            if blocks not in verdicts:
                spread = sum((spreads[b] for b in blocks), privacy.Spread())
                verdicts[blocks] = privacy.too_alike(spread, self.k, floor=floor, ceiling=ceiling)
            return verdicts[blocks]

        sizes: dict[Hashable, int] = {b: stats.n.get(code, 0) for b, stats in block_stats.items()}
        return privacy.suppress(sizes, self.k, too_alike=too_alike)

    def _primary_value(self, code: str, block: Block | None) -> float | Hidden:
        """A primary scale's mean for one block, or for the total (block None)."""
        if not self.partition.total_shown:
            return Hidden(privacy.TOO_FEW, self.k)
        suppression = self._scale_suppressions[code]
        if block is None:
            if not suppression.total_shown:
                return self._total_reason(code)
            return round(self.total.shown_mean(code), 1)
        reason = suppression.reason(block)
        return reason if reason is not None else round(self._block_stats(block).shown_mean(code), 1)

    def _total_reason(self, code: str) -> Hidden:
        if self.total.n.get(code, 0) < privacy.needed(self.k):
            return Hidden(privacy.TOO_FEW, self.k)
        return Hidden(privacy.HOMOGENEOUS, self.k)

    def _value(self, code: str, block: Block | None) -> float | Hidden:
        # The types, the sources and the overall score are means of the same cells, and
        # the rows, rankings, trends and comparisons ask for the same values: each once.
        key = (code, block)
        values = self._scales.values
        value = values.get(key)
        if value is None:
            value = values[key] = self._value_of(code, block)
        return value

    def _value_of(self, code: str, block: Block | None) -> float | Hidden:
        if code not in DERIVED:
            return self._primary_value(code, block)
        parts = [self._primary_value(part, block) for part in DERIVED[code]]
        hidden = next((part for part in parts if isinstance(part, Hidden)), None)
        if hidden is not None:
            return hidden
        # The mean of the values already shown, rounded as they are: it adds nothing.
        return round(fmean(part for part in parts if not isinstance(part, Hidden)), 1)

    # --- scores for the rows ---------------------------------------------------------------

    def _cell_reason(self, cell: GroupKey) -> Hidden | None:
        if cell in self.excluded:
            return self._excluded_reason(cell)
        if not self.partition.total_shown:
            return Hidden(privacy.TOO_FEW, self.k)
        return self.partition.reason(cell)

    def _excluded_reason(self, cell: GroupKey) -> Hidden:
        """Why a cell left out for integrity (more responses than people) is not shown.

        "More responses than people" says that its count is above its headcount, which
        the access custodian sets: a headcount of 0 for a department of one (the board)
        would make it say whether that person had answered. So it is said only of a cell
        holding enough responses to be shown (rule 2); a smaller one reads as any small
        group does, and is left out all the same: it is named among "other departments
        combined" and counted nowhere, as an empty department would be."""
        if cell in self.quietly_excluded:
            return Hidden(privacy.TOO_FEW, self.k)
        return Hidden(privacy.OVER_HEADCOUNT, self.k)

    def total_value(self, code: str) -> float | Hidden:
        """A scale's value for everything that counts, as the whole organisation's row
        shows it."""
        return self._value(code, None)

    def total_score(self, code: str, label: str) -> Score:
        value = self.total_value(code)
        uncertainty = self._uncertainty(value, self.total, code)
        return Score(code, label, value, frozenset(self.included), uncertainty=uncertainty)

    def cell_score(self, cell: GroupKey, code: str, label: str) -> Score:
        reason = self._cell_reason(cell)
        block = frozenset([cell])
        value = reason if reason is not None else self._value(code, block)
        uncertainty = None
        if reason is None:
            uncertainty = self._group_uncertainty(value, self._block_stats(block), code)
        return Score(code, label, value, block, uncertainty=uncertainty)

    @staticmethod
    def _uncertainty(value: float | Hidden, stats: Stats, code: str) -> Uncertainty | None:
        """The spread behind a shown value (every scale, derived ones too, is stored per
        response, so its variance is known); none for a hidden one."""
        variance = stats.variance(code)
        if isinstance(value, Hidden) or variance is None:
            return None
        return Uncertainty(variance, stats.n.get(code, 0))

    def _group_uncertainty(
        self, value: float | Hidden, stats: Stats, code: str
    ) -> Uncertainty | None:
        """A group's shown mean with the organisation's spread over the group's number of
        answers, never the group's own spread. A verdict ("clearly below the
        organisation") bounds the spread it is computed from, and a small group's own
        spread bounded tells how alike its few answers are: six people who all said
        "sometimes", 3.8 points below the organisation, were called clearly below it, which
        put each of them within 50 ± 9.4 (docs/privacy.md, "Where to act"). The
        organisation's spread is the one its trends print; the follow-up of actions uses it
        the same way (followup.py)."""
        organisation = self._uncertainty(value, self.total, code)
        if organisation is None or stats.n.get(code, 0) < 2:
            return None
        return Uncertainty(organisation.variance, stats.n.get(code, 0))

    @property
    def has_combined(self) -> bool:
        return self.partition.rest_shown

    def combined_score(self, code: str, label: str) -> Score:
        rest = frozenset(self.partition.rest)
        value = self._value(code, rest)
        uncertainty = self._group_uncertainty(value, self._block_stats(rest), code)
        return Score(code, label, value, rest, self._note(self._combined_named()), uncertainty)

    def _combined_named(self) -> frozenset[GroupKey]:
        """The cells "other departments combined" names: those it is the figures of, and
        those left out quietly, which an empty cell among them would be named as."""
        return frozenset(self.partition.rest) | self.quietly_excluded

    def _note(self, cells: Iterable[GroupKey]) -> str:
        names = sorted(self.label(cell) for cell in cells)
        return _("combines: %(names)s") % {"names": ", ".join(names)}

    # --- the groups a row is shown for ------------------------------------------------------

    def shown_groups(self) -> Iterator[ShownGroup]:
        """Every group a row is shown for, in the order of the page: each department and
        "no department", the other departments combined (when shown), the whole
        organisation. The participation, heat-map and pressure-support rows all walk this."""
        for cell in self.cells:
            kind = DEPARTMENT if cell is not None else NO_DEPARTMENT
            yield ShownGroup(self.label(cell), kind, frozenset([cell]))
        if self.has_combined:
            named = self._combined_named()
            yield ShownGroup(_("Other departments combined"), OTHER, named, self._note(named))
        yield ShownGroup(_("Whole organisation"), ORGANISATION, frozenset(self.included))

    def score(self, group: ShownGroup, code: str, label: str) -> Score:
        """The Score of one scale for a group from shown_groups()."""
        if group.kind == ORGANISATION:
            return self.total_score(code, label)
        if group.kind == OTHER:
            return self.combined_score(code, label)
        (cell,) = group.members
        return self.cell_score(cell, code, label)

    # --- participation -----------------------------------------------------------------

    def _rate(self, count: int | Hidden, cells: Iterable[GroupKey]) -> float | Hidden | None:
        headcount = sum_known([self.headcounts.get(cell) for cell in cells if cell is not None])
        if headcount is None:
            return None
        if isinstance(count, Hidden):
            return count
        return round(100 * count / headcount, 1) if headcount else None

    def organisation_headcount(self) -> int | None:
        return sum_known([self.headcounts[cell] for cell in self.cells if cell is not None])

    def participation(self) -> tuple[Participation, tuple[Participation, ...]]:
        """The whole organisation's participation, and every other group's."""
        *rows, organisation = (self._participation(group) for group in self.shown_groups())
        return organisation, tuple(rows)

    def _participation(self, group: ShownGroup) -> Participation:
        if group.kind == ORGANISATION:
            shown = self.partition.total_shown
            count: int | Hidden = self.total.count if shown else Hidden(privacy.TOO_FEW, self.k)
            headcount = self.organisation_headcount()
            # No rate when responses without a department are said to be left out.
            counted = None not in self.excluded or None in self.quietly_excluded
        elif group.kind == OTHER:
            count = sum(self.stats[cell].count for cell in self.partition.rest)
            headcount, counted = None, None not in group.members
        else:
            (cell,) = group.members
            reason = self._cell_reason(cell)
            count = self.stats[cell].count if reason is None else reason
            headcount, counted = self.headcounts.get(cell), cell is not None
        return Participation(
            label=group.label,
            kind=group.kind,
            responses=count,
            headcount=headcount,
            rate=self._rate(count, group.members) if counted else None,
            members=group.members,
            note=group.note,
        )

    def reference_means(self, codes: Iterable[str]) -> dict[str, float | Hidden]:
        """The whole organisation's figures, as a respondent may compare with them."""
        return {code: self._value(code, None) for code in codes}


def sum_known(headcounts: list[int | None]) -> int | None:
    """The sum of headcounts, or None when there are none or one is not known."""
    known = [headcount for headcount in headcounts if headcount is not None]
    return sum(known) if known and len(known) == len(headcounts) else None


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
    # Another dashboard of the same frozen figures (kept in the process) may have worked
    # them out already: the same cells and k give the same figures.
    groups.share(snapshot.worked_out(groups.figures_key(), Figures))
    shown = distributions(
        campaign, snapshot, included=groups.included, responses=groups.total.count, k=groups.k
    )
    groups.set_bounds(bounds(campaign, shown, PRIMARY))
    return groups, shown


class ClosedWaves:
    """Closed waves' groups for one dashboard, each read from its frozen figures once:
    the comparison and the trends both look at the previous wave."""

    def __init__(self, names_today: dict[int, str], *, today: date):
        self.names = names_today
        self.today = today
        self._read: dict[int, Groups] = {}
        self._earlier: dict[int, list[Campaign]] = {}

    def earlier(self, campaign: Campaign) -> list[Campaign]:
        """The closed waves before `campaign` (snapshot.earlier_waves), listed once: the
        organisation's and the departments' trends both walk them."""
        if campaign.pk not in self._earlier:
            self._earlier[campaign.pk] = earlier_waves(campaign)
        return self._earlier[campaign.pk]

    def keep(self, campaign: Campaign, groups: Groups) -> None:
        """`campaign`'s groups, read already (the dashboard's own wave)."""
        self._read[campaign.pk] = groups

    def groups(self, campaign: Campaign) -> Groups:
        if campaign.pk not in self._read:
            self._read[campaign.pk] = closed_groups(campaign, self.names, today=self.today)[0]
        return self._read[campaign.pk]
