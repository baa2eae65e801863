"""An attacker's audit of what HR can read, independent of the suppression code.

It reads only what is published (the campaign's CSV export, as HR downloads it), adds what
an attacker knows, and works out, for every respondent and every primary scale, the
interval their value could lie in. Linear programming (HiGHS: through highspy one program
per export, solved again from its last solution for each range the attacker asks; through
SciPy for the few feasibility questions) does the arithmetic an attacker would do with
every published number at once: means over groups and their differences, means of means
(types, sources, overall), the sum of a single-item scale fixed by its answer
distribution, rounding intervals.

What the attacker knows besides the export (docs/privacy.md): the answer scale (0-100),
who answered which scale (the "not applicable" patterns: more than an attacker usually
knows), the answers of the responses they submitted themselves and of one colleague, and
the rules of the product (which groups a hidden or combined row stands for).

Model. Within one cell (a department, or "no department given") the unknown respondents
are exchangeable: every published figure counts all of them or none. So the audit solves
for the sum of each cell's unknown values per scale (a few dozen variables), and a
respondent's interval follows from their cell's: with u unknown members between `floor`
and `ceiling`, one of them lies between max(floor, low - (u - 1) * ceiling) and
min(ceiling, high - (u - 1) * floor). Items are modelled through their scales: the answer
distribution of an item bounds every value of its scale and, for a single-item scale,
fixes its sum; the finer item-level arithmetic is left out, so the audit is an attacker
slightly weaker than a real one on multi-item scales.

An item shown in three answer groups ("Rarely or never", "Sometimes", "Often or always")
is read as the product's rule says (docs/privacy.md, rule 5): the five answers were not
shown, so one of the four outer answers was given by 1 .. k people. For a single-item
scale the published mean then fixes, within its rounding, how many answered "rarely" or
"always" together; the audit tries every split this allows (`Splits`), and the answers
someone may have given bound the scale.

A finding is a respondent whose value, or a set of fewer than k unknown respondents of one
cell (or two) whose mean, is pinned to an interval narrower than one answer step (25), or
a hidden cell whose number of responses (besides the ones the attacker knows) is pinned to
1 .. k - 1, or one answer to a question whose number of people is pinned to 1 .. k.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import highspy
import numpy as np
from scipy.optimize import linprog

from questionnaire.core.instrument import CHOICES, SOURCES, SUPPORT_TYPES, instrument, translate

STEP = 25.0
HALF = 0.05  # figures are printed with one decimal
TYPES = [t.code for t in SUPPORT_TYPES]
SOURCE_CODES_ = [s.code for s in SOURCES]
CELLS = [f"{t}_{s}" for t in TYPES for s in SOURCE_CODES_]
NEEDS = [f"need_{t}" for t in TYPES]
# The organisation's own support (instrument version 3) is a primary scale like climate.
PRIMARY = (*CELLS, "pressure", "climate", "organisation", *NEEDS)
# The attacker's reading of the product's documented formulas.
DERIVED = {
    **{t: [f"{t}_{s}" for s in SOURCE_CODES_] for t in TYPES},
    **{s: [f"{t}_{s}" for t in TYPES] for s in SOURCE_CODES_},
    "overall": CELLS,
}

# What a hidden value's reason, as HR reads it, says about the values (the product's rule,
# docs/privacy.md): "too alike" puts the group near an end of the scale, "protects a smaller
# group" (complementary suppression) says it is not too alike.
ALIKE = ("so alike", "answers too alike")
NOT_ALIKE = ("smaller hidden group", "protects a small group")

# The answers a label of the answers table stands for: one answer, or an answer group.
ANSWER_VALUES = {choice.label["en"]: (choice.value,) for choice in CHOICES}
ANSWER_VALUES |= {"Rarely or never": (0, 25), "Often or always": (75, 100)}
GROUPED = ("Rarely or never", "Sometimes", "Often or always")

NO_DEPARTMENT = "No department given"
COMBINED = "Other departments combined"
WHOLE = "Whole organisation"


@dataclass
class Respondent:
    cell: str  # a department's name, or NO_DEPARTMENT
    scores: dict[str, float | None]  # primary scale -> value (None: not answered)
    items: dict[str, int | None] = field(default_factory=dict)  # item -> answer
    known: bool = False  # submitted by the attacker, or a colleague they know


@dataclass
class Knowledge:
    k: int
    cells: list[str]  # every department's name, and NO_DEPARTMENT
    respondents: list[Respondent]


# --- reading the export -------------------------------------------------------------------


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _labels() -> dict[str, str]:
    labels = {translate(t.label, "en"): t.code for t in SUPPORT_TYPES}
    labels |= {translate(s.label, "en"): s.code for s in SOURCES}
    labels |= {"Overall support": "overall", "Work pressure": "pressure", "Team climate": "climate"}
    labels |= {"Support from the organisation": "organisation"}
    return labels


@dataclass
class Published:
    means: list[tuple[str, str, float]] = field(default_factory=list)  # group, scale, value
    counts: dict[str, float] = field(default_factory=dict)  # group -> responses
    rates: dict[str, float] = field(default_factory=dict)  # group -> % of its headcount
    distributions: dict[str, dict[str, float]] = field(default_factory=dict)  # item -> answer
    left_out: set[str] = field(default_factory=set)  # groups said to be left out
    headcounts: dict[str, float] = field(default_factory=dict)  # group -> its headcount
    hidden: dict[tuple[str, str], str] = field(default_factory=dict)  # (group, scale) -> why


# "Never 7 (46.7%)": one answer of a question's compact row.
_ANSWER = re.compile(r"^(?P<answer>.*) (?P<count>\d+) \((?P<share>[^)]*)\)$")


def read_export(text: str) -> Published:
    """Every number of the CSV export (the tidy table: one row per group and measure, with
    the measure's code), by group and scale."""
    items = {item.code for item in instrument().items}
    published = Published()
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    next(reader)
    this_wave = None
    for table, _title, group, wave, code, _label, _n, value, _band, hidden in reader:
        number = _number(value)
        if table == "participation":
            this_wave = wave
        if table == "department_trends":
            # This wave's column is a group's mean like any other; an earlier wave's is
            # that wave's own figure, audited with that wave's export.
            if number is not None and wave == this_wave:
                published.means.append((group, code, number))
            continue
        if "more responses than people" in hidden:
            published.left_out.add(group)
        if hidden and table in ("departments", "pressure") and code in PRIMARY:
            published.hidden[(group, code)] = hidden
        elif hidden and table in ("matrix", "work", "needs") and code in PRIMARY:
            published.hidden[(WHOLE, code)] = hidden
        if number is None and table != "answers":
            continue
        if table == "participation":
            if code == "responses":
                published.counts[group] = number
            elif code == "rate":
                published.rates[group] = number
            elif code == "headcount":
                published.headcounts[group] = number
        elif table in ("matrix", "work", "needs") and not code.endswith("_gap"):
            published.means.append((WHOLE, code, number))
        elif table in ("departments", "pressure"):
            published.means.append((group, code, number))
        elif table == "answers":
            item, _, column = code.partition("_answers")
            if item in items and not hidden:
                published.distributions[item] = {
                    found["answer"]: float(found["count"])
                    for part in value.split(" · ")
                    if (found := _ANSWER.match(part))
                }
    return published


# --- answer groups ------------------------------------------------------------------------


@dataclass
class Splits:
    """What the attacker can tell of one item shown in answer groups: per answer (in the
    order of CHOICES) the fewest and most people who may have given it, and the lowest and
    highest sum of the item's scores, over every split of the groups the published figures
    and the rule allow."""

    ranges: list[tuple[int, int]]
    total: tuple[float, float]


def _outer(groups: tuple[int, int, int], mean: float | None, reverse: bool) -> range | None:
    """How many answered "rarely" or "always" together, as the published mean of a
    single-item scale fixes it within its rounding (None: no mean to read)."""
    if mean is None:
        return None
    low, middle, high = groups
    n = low + middle + high
    sums = ((mean - HALF) * n, (mean + HALF) * n)
    if reverse:  # the scores of the groups' inner answers, less 25 per outer answer
        base = 100 * low + 50 * middle + 25 * high
        ends = sorted((base - total) / STEP for total in sums)
    else:
        base = 50 * middle + 75 * high
        ends = sorted((total - base) / STEP for total in sums)
    return range(max(0, int(np.ceil(ends[0] - 1e-9))), int(np.floor(ends[1] + 1e-9)) + 1)


def splits(groups: tuple[int, int, int], k: int, outer: range | None, reverse: bool) -> Splits:
    """Every split of the three groups into the five answers in which one outer answer was
    given by 1 .. k people (else the five would have been shown) and, where a mean was
    published, the outer answers add up as it says."""
    low, middle, high = groups
    ranges: list[tuple[int, int]] | None = None
    totals = []
    for rarely in range(low + 1):
        for always in range(high + 1):
            if outer is not None and rarely + always not in outer:
                continue
            counts = (low - rarely, rarely, middle, high - always, always)
            if not any(0 < counts[i] <= k for i in (0, 1, 3, 4)):
                continue
            ranges = [
                (min(count, was[0]), max(count, was[1]))
                for count, was in zip(
                    counts, ranges or [(count, count) for count in counts], strict=True
                )
            ]
            scores = [100 - c.value if reverse else c.value for c in CHOICES]
            totals.append(sum(s * n for s, n in zip(scores, counts, strict=True)))
    assert ranges is not None, f"no split of the answer groups {groups} fits the rule"
    return Splits(ranges, (float(min(totals)), float(max(totals))))


def left_out(knowledge: Knowledge, published: Published) -> set[str]:
    """The groups left out of every figure (rule 6): those the export says so of, and
    those the attacker works out from the rule, knowing who answered where and the
    published headcounts: a department with more responses than its headcount, and "no
    department given" when every department's headcount is published and the others
    leave it too little room. The export says so only of a group of k + 1 or more."""
    counts = Counter(respondent.cell for respondent in knowledge.respondents)
    headcounts = published.headcounts
    departments = [cell for cell in knowledge.cells if cell != NO_DEPARTMENT]
    found = set(published.left_out)
    found |= {
        cell for cell in departments if cell in headcounts and counts[cell] > headcounts[cell]
    }
    if departments and all(cell in headcounts for cell in departments):
        kept = [cell for cell in departments if cell not in found]
        room = sum(headcounts[cell] - counts[cell] for cell in kept)
        if counts[NO_DEPARTMENT] > room:
            found.add(NO_DEPARTMENT)
    return found


# --- the attack ----------------------------------------------------------------------------


class Audit:
    def __init__(self, knowledge: Knowledge, published: Published):
        self.k = knowledge.k
        self.published = published
        self.cells = [c for c in knowledge.cells if c not in left_out(knowledge, published)]
        self.members = defaultdict(list)
        for respondent in knowledge.respondents:
            if respondent.cell in self.cells:
                self.members[respondent.cell].append(respondent)
        self.splits = self._splits()
        self.bounds = self._bounds()
        self.variables = [
            (cell, scale) for cell in self.cells for scale in PRIMARY if self._unknown(cell, scale)
        ]
        self.index = {variable: i for i, variable in enumerate(self.variables)}
        self.rows, self.low, self.high = [], [], []
        self._add_constraints()
        self._add_reason_constraints()

    # who is where

    def _answerers(self, cell: str, scale: str) -> list[Respondent]:
        return [r for r in self.members[cell] if r.scores.get(scale) is not None]

    def _unknown(self, cell: str, scale: str) -> int:
        return sum(1 for r in self._answerers(cell, scale) if not r.known)

    def _known_sum(self, cell: str, scale: str) -> float:
        return sum(r.scores[scale] for r in self._answerers(cell, scale) if r.known)

    def group_cells(self, group: str) -> list[str]:
        if group == WHOLE:
            return list(self.cells)
        if group == COMBINED:
            # The rule as documented: every cell whose count is not shown on its own.
            return [c for c in self.cells if c not in self.published.counts]
        return [group] if group in self.cells else []

    # what bounds each value

    def _splits(self) -> dict[str, Splits]:
        """The items shown in answer groups, each with what its groups, its rule and (for a
        single-item scale) its published mean tell of its five answers."""
        questions = instrument()
        scales = questions.scales()
        whole = {scale: value for group, scale, value in self.published.means if group == WHOLE}
        # The scales of one item: their published mean is that item's.
        single = {items[0]: scale for scale, items in scales.items() if len(items) == 1}
        found = {}
        for code, given in self.published.distributions.items():
            if not set(given) & {"Rarely or never", "Often or always"}:
                continue
            groups = (*(int(given.get(label, 0)) for label in GROUPED),)
            reverse = questions.item(code).reverse
            outer = _outer(groups, whole.get(single.get(code, "")), reverse)
            found[code] = splits(groups, self.k, outer, reverse)
        return found

    def _bounds(self) -> dict[str, tuple[float, float]]:
        questions = instrument()
        bounds = {}
        for scale, items in questions.scales().items():
            if scale not in PRIMARY:
                continue
            lows, highs = [], []
            for code in items:
                given = self.published.distributions.get(code, {})
                seen = [
                    v
                    for a, n in given.items()
                    if n and a in ANSWER_VALUES
                    for v in ANSWER_VALUES[a]
                ]
                if code in self.splits:
                    ranges = self.splits[code].ranges
                    seen = [
                        c.value for c, (_low, high) in zip(CHOICES, ranges, strict=True) if high
                    ]
                if not seen:
                    lows.append(0.0)
                    highs.append(100.0)
                    continue
                if questions.item(code).reverse:
                    seen = [100 - v for v in seen]
                lows.append(float(min(seen)))
                highs.append(float(max(seen)))
            bounds[scale] = (min(lows), max(highs))
        return bounds

    # the equations

    def _add(self, coefficients: dict[int, float], low: float, high: float) -> None:
        row = np.zeros(len(self.variables))
        for i, c in coefficients.items():
            row[i] += c
        self.rows.append(row)
        self.low.append(low)
        self.high.append(high)

    def _mean_terms(self, group: str, scale: str) -> tuple[dict[int, float], float] | None:
        """The published mean of `scale` over `group` as coefficients and a constant."""
        if scale in DERIVED:
            parts = [self._mean_terms(group, part) for part in DERIVED[scale]]
            if any(part is None for part in parts):
                return None
            terms: dict[int, float] = defaultdict(float)
            constant = 0.0
            for part_terms, part_constant in parts:
                for i, c in part_terms.items():
                    terms[i] += c / len(parts)
                constant += part_constant / len(parts)
            return terms, constant
        cells = self.group_cells(group)
        n = sum(len(self._answerers(c, scale)) for c in cells)
        if not n:
            return None
        terms = {self.index[(c, scale)]: 1 / n for c in cells if (c, scale) in self.index}
        return terms, sum(self._known_sum(c, scale) for c in cells) / n

    def _add_constraints(self) -> None:
        for group, scale, value in self.published.means:
            found = self._mean_terms(group, scale)
            if found is None:
                continue
            terms, constant = found
            # A derived figure is the mean of its cells' printed values, printed again:
            # two roundings away from the exact mean of the cells' means.
            slack = 2 * HALF if scale in DERIVED else HALF
            self._add(terms, value - slack - constant, value + slack - constant)
        self._add_single_item_sums()

    def _add_single_item_sums(self) -> None:
        """A distribution shown whole fixes the sum of a single-item scale's answers; one
        shown in groups bounds it, by every split the rule allows."""
        questions = instrument()
        values = {choice.label["en"]: choice.value for choice in CHOICES}
        for scale in NEEDS:
            (item,) = questions.scales()[scale]
            given = self.published.distributions.get(item)
            if item in self.splits:
                low, high = self.splits[item].total
            elif not given or any(a not in values and a != "Not applicable" for a in given):
                continue
            else:
                low = high = sum(values[a] * n for a, n in given.items() if a in values)
            known = sum(self._known_sum(c, scale) for c in self.cells)
            terms = {self.index[(c, scale)]: 1.0 for c in self.cells if (c, scale) in self.index}
            self._add(terms, low - known - 0.5, high - known + 0.5)

    # what the reasons say

    def _reason(self, group: str, scale: str, words: tuple[str, ...]) -> bool:
        text = self.published.hidden.get((group, scale), "")
        return any(word in text for word in words)

    def _sum_terms(self, cells: list[str], scale: str) -> tuple[dict[int, float], float, int]:
        """A group's sum of `scale` values as coefficients and a constant, and its size."""
        n = sum(len(self._answerers(c, scale)) for c in cells)
        terms = {self.index[(c, scale)]: 1.0 for c in cells if (c, scale) in self.index}
        return terms, sum(self._known_sum(c, scale) for c in cells), n

    def _ends(self, scale: str, n: int) -> tuple[float, float, float, float]:
        """What the rule's "too alike" (privacy.too_alike, read from docs/privacy.md) says
        of the sum T of a group's n values between floor f and ceiling c, with s up to
        S = min(k - 1, n - 1) others besides the one the viewer knows:

        - too alike at the low end only if T < 25 S + c + (n - 1) f, at the high end only
          if T > (n - 1) c + f - 25 S;
        - not too alike only if, taking out the largest value (at least T / n), S others
          keep 25 S of room: T >= n / (n - 1) (25 S + (n - 1) f - n / 20), and the same
          from the ceiling.

        Returned as (low end's top, high end's bottom, not alike's bottom and top)."""
        f, c = self.bounds[scale]
        s = min(self.k - 1, n - 1)
        low_top = STEP * s + c + (n - 1) * f
        high_bottom = (n - 1) * c + f - STEP * s
        room = n / (n - 1) * (STEP * s + (n - 1) * f - HALF * n)
        return low_top, high_bottom, room, n * (f + c) - room

    def _add_reason_constraints(self) -> None:
        for group, scale in self.published.hidden:
            if scale not in PRIMARY or not self._reason(group, scale, NOT_ALIKE):
                continue
            terms, constant, n = self._sum_terms(self.group_cells(group), scale)
            if n < 2 or not terms:
                continue
            _low_top, _high_bottom, bottom, top = self._ends(scale, n)
            self._add(terms, bottom - constant, top - constant)

    def _solve(self, objective: np.ndarray, extra: list[tuple[dict[int, float], float, float]]):
        bounds = []
        for cell, scale in self.variables:
            floor, ceiling = self.bounds[scale]
            u = self._unknown(cell, scale)
            bounds.append((u * floor, u * ceiling))
        rows, low, high = list(self.rows), list(self.low), list(self.high)
        for terms, extra_low, extra_high in extra:
            row = np.zeros(len(self.variables))
            for i, c in terms.items():
                row[i] += c
            rows.append(row)
            low.append(extra_low)
            high.append(extra_high)
        a_ub = b_ub = None
        if rows:
            matrix = np.array(rows)
            a_ub = np.vstack([matrix, -matrix])
            b_ub = np.concatenate([np.array(high), -np.array(low)])
        return linprog(objective, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")

    @cached_property
    def _program(self) -> highspy.Highs:
        """The published figures as one linear program (each figure a ranged row), solved
        again for each objective from where the last solution left off: the same ranges as
        _solve's, without building the program anew for each of the many objectives."""
        program = highspy.Highs()
        program.setOptionValue("output_flag", False)
        count = len(self.variables)
        bounds = []
        for cell, scale in self.variables:
            floor, ceiling = self.bounds[scale]
            u = self._unknown(cell, scale)
            bounds.append((u * floor, u * ceiling))
        low, high = np.array(bounds).reshape(count, 2).T
        none = np.array([], dtype=np.int32)
        program.addCols(count, np.zeros(count), low, high, 0, none, none, np.array([]))
        for row, row_low, row_high in zip(self.rows, self.low, self.high, strict=True):
            columns = np.flatnonzero(row).astype(np.int32)
            program.addRow(row_low, row_high, len(columns), columns, row[columns])
        return program

    def _range(self, terms: dict[int, float]) -> tuple[float, float]:
        """The lowest and highest value of sum(c * variable) the published figures allow."""
        program = self._program
        count = len(self.variables)
        costs = np.zeros(count)
        for i, c in terms.items():
            costs[i] = c
        program.changeColsCost(count, np.arange(count, dtype=np.int32), costs)
        ends = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            program.changeObjectiveSense(sense)
            program.run()
            status = program.getModelStatus()
            assert status == highspy.HighsModelStatus.kOptimal, (
                f"the published figures contradict the data: {program.modelStatusToString(status)}"
            )
            ends.append(program.getInfo().objective_function_value)
        return ends[0], ends[1]

    def _possible(self, terms: dict[int, float], low: float, high: float) -> bool:
        """Whether the published figures allow a linear expression within [low, high]."""
        result = self._solve(np.zeros(len(self.variables)), [(terms, low, high)])
        return result.status == 0

    # the findings

    def findings(self) -> list[str]:
        found = []
        for cell, scale in self.variables:
            found += self._individual(cell, scale)
        for scale in PRIMARY:
            small = [c for c in self.cells if 0 < self._unknown(c, scale) < self.k]
            for pair in itertools.combinations(small, 2):
                found += self._small_set(list(pair), scale)
        found += self._counts()
        found += self._sides()
        found += self._rare_answers()
        return found

    def _rare_answers(self) -> list[str]:
        """An answer to a question shown in groups whose number of people the published
        figures pin to 1 .. k."""
        found = []
        for code, told in self.splits.items():
            for choice, (low, high) in zip(CHOICES, told.ranges, strict=True):
                if low >= 1 and high <= self.k:
                    answer = choice.label["en"]
                    found.append(f"{code}: {low} to {high} people answered {answer}")
        return found

    def _sides(self) -> list[str]:
        """A group hidden as too alike, or the only group that can be too alike where the
        pattern of hidden values says one is, whose end of the scale the published figures
        give away: the rule's own condition then says that a few of its members lie within
        one answer step of that end."""
        found = []
        for scale in PRIMARY:
            told = [
                (group, self.group_cells(group))
                for group, hidden_scale in self.published.hidden
                if hidden_scale == scale and self._reason(group, scale, ALIKE)
            ]
            for group, cells in told:
                found += self._one_side(scale, [(group, cells)])
            if not told:
                found += self._one_side(scale, self._implied_alike(scale))
        return found

    def _one_side(self, scale: str, candidates: list[tuple[str, list[str]]]) -> list[str]:
        """The (group, end) pairs at least one of which holds; a finding when only one can."""
        possible = []
        for group, cells in candidates:
            terms, constant, n = self._sum_terms(cells, scale)
            if n < 2:
                continue
            low_top, high_bottom, _bottom, _top = self._ends(scale, n)
            floor, ceiling = self.bounds[scale]
            if self._possible(terms, n * floor - constant, low_top - constant):
                possible.append((group, "low", n))
            if self._possible(terms, high_bottom - constant, n * ceiling - constant):
                possible.append((group, "high", n))
        if len(possible) != 1:
            return []
        group, end, n = possible[0]
        s = min(self.k - 1, n - 1)
        return [f"{group}: {scale} sits at the {end} end: any {s} of its values lie within a step"]

    def _implied_alike(self, scale: str) -> list[tuple[str, list[str]]]:
        """Every group of the scale hidden, the whole organisation shown, although the counts
        alone would show a group: then some group is too alike. The candidates are the
        groups the counts would show, and what the others leave (the total minus them)."""
        if not any(g == WHOLE and s == scale for g, s, _v in self.published.means):
            return []
        units = [(c, [c]) for c in self.cells if c in self.published.counts]
        combined = self.group_cells(COMBINED)
        if combined and len(combined) < len(self.cells):
            units.append((COMBINED, combined))
        if any((name, scale) not in self.published.hidden for name, _cells in units):
            return []
        size = {name: self._sum_terms(cells, scale)[2] for name, cells in units}
        minimum = self.k + 1
        shown = sorted((u for u in units if size[u[0]] >= minimum), key=lambda u: size[u[0]])
        rest = [u for u in units if size[u[0]] < minimum]
        while shown and 0 < sum(size[name] for name, _c in rest) < minimum:
            rest.append(shown.pop(0))
        if not shown:
            return []
        left = [cell for _name, cells in rest for cell in cells]
        return [*shown, *([("the rest", left)] if left else [])]

    def _individual(self, cell: str, scale: str) -> list[str]:
        u = self._unknown(cell, scale)
        low, high = self._range({self.index[(cell, scale)]: 1.0})
        floor, ceiling = self.bounds[scale]
        one_low = max(floor, low - (u - 1) * ceiling)
        one_high = min(ceiling, high - (u - 1) * floor)
        found = []
        if one_high - one_low < STEP - 1e-6:
            found.append(f"{cell}: one {scale} value lies in [{one_low:.2f}, {one_high:.2f}]")
        if u < self.k and (high - low) / u < STEP - 1e-6:
            found.append(
                f"{cell}: the mean of {u} {scale} values lies in [{low / u:.2f}, {high / u:.2f}]"
            )
        return found

    def _small_set(self, cells: list[str], scale: str) -> list[str]:
        u = sum(self._unknown(c, scale) for c in cells)
        if u >= self.k:
            return []
        low, high = self._range({self.index[(c, scale)]: 1.0 for c in cells})
        if (high - low) / u < STEP - 1e-6:
            return [
                f"{cells}: the mean of {u} {scale} values lies in [{low / u:.2f}, {high / u:.2f}]"
            ]
        return []

    def _counts(self) -> list[str]:
        """Responses per cell (unknown ones) from the published counts and rates."""
        cells = self.cells
        known = {c: sum(1 for r in self.members[c] if r.known) for c in cells}
        rows, low, high = [], [], []
        for group, count in self.published.counts.items():
            members = self.group_cells(group)
            if not members:
                continue
            rows.append([1.0 if c in members else 0.0 for c in cells])
            constant = sum(known[c] for c in members)
            low.append(count - constant)
            high.append(count - constant)
        found = []
        shown = set(self.published.counts)
        for index, cell in enumerate(cells):
            if cell in shown:
                continue
            objective = np.zeros(len(cells))
            objective[index] = 1.0
            ends = []
            for sign in (1, -1):
                result = linprog(
                    sign * objective,
                    A_eq=np.array(rows) if rows else None,
                    b_eq=np.array(low) if rows else None,
                    bounds=[(0, None)] * len(cells),
                    method="highs",
                )
                ends.append(sign * result.fun if result.status == 0 else None)
            low_end, high_end = ends
            if high_end is not None and abs(high_end - low_end) < 0.5 and 0 < low_end < self.k:
                found.append(f"{cell}: exactly {low_end:.0f} unknown responses")
        return found


def audit(knowledge: Knowledge, export_text: str) -> list[str]:
    """What an attacker can pin down from the export: an empty list when nothing."""
    return Audit(knowledge, read_export(export_text)).findings()


# --- a team manager's export against the readers' ------------------------------------------

_PLACE = re.compile(r"^(?P<rank>\d+) \((?P<gap>-?[\d.]+)\)$")


def _tidy(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    next(reader)
    return list(reader)


def new_to_readers(readers_text: str, manager_text: str) -> list[str]:
    """What a team manager's CSV export shows that the readers' export of the same
    campaign does not: an empty list when every figure of theirs is one of the readers'.

    Every row (table, group, wave, measure, count, value, band, reason) must be one of
    the readers' rows, but for the place by pressure minus support, which ranks only the
    manager's groups: its gap must be that group's pressure minus support as the readers'
    export prints them (a difference of two published values, no new figure)."""
    published = {tuple(row) for row in _tidy(readers_text)}
    printed = {
        (row[2], row[4]): _number(row[7]) for row in _tidy(readers_text) if row[0] == "pressure"
    }
    found = []
    for row in _tidy(manager_text):
        if row[0] == "pressure" and row[4] == "place":
            if row[7] and not _gap_printed(row[2], row[7], printed):
                found.append(f"{row[2]}: a place {row[7]!r} the readers' figures do not give")
        elif tuple(row) not in published:
            found.append(f"not published to the readers: {row}")
    return found


def _gap_printed(group: str, place: str, printed: dict[tuple[str, str], float | None]) -> bool:
    found = _PLACE.match(place)
    pressure, support = printed.get((group, "pressure")), printed.get((group, "overall"))
    if found is None or pressure is None or support is None:
        return False
    return abs(float(found["gap"]) - round(pressure - support, 1)) < 0.05
