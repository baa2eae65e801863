"""The key findings are true for every pattern of values: generated dashboards (hypothesis)
with shown and hidden cells, groups with the spread behind their values, response rates
and changes, checked against the values themselves."""

from dataclasses import replace

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaire.core.aggregates import (
    DEPARTMENT,
    ORGANISATION,
    Comparison,
    GroupRow,
    PressureSupportRow,
    Score,
    Uncertainty,
    campaign_dashboard,
)
from questionnaire.core.aggregates.intervals import welch_interval
from questionnaire.core.privacy import COMPLEMENTARY, TOO_FEW, Hidden
from questionnaire.core.scoring import GOOD_FROM
from questionnaire.hr.dashboard import key_findings, tables
from questionnaire.hr.dashboard.findings import participation_finding
from questionnaire.hr.dashboard.where_to_act import AREAS_IN_A_SENTENCE, NAMED_IN_A_SENTENCE
from tests.support.aggregates_factory import add_responses, closed_campaign

HIDDEN = st.sampled_from([Hidden(TOO_FEW, 5), Hidden(COMPLEMENTARY, 5)])
VALUES = st.integers(0, 1000).map(lambda tenths: tenths / 10)
# A shown value with the spread behind it (sometimes a single score: no spread).
SHOWN = st.tuples(
    VALUES, st.one_of(st.none(), st.builds(Uncertainty, st.floats(0, 900), st.integers(2, 80)))
)
SCORES = st.one_of(HIDDEN.map(lambda hidden: (hidden, None)), SHOWN)
RATES = st.one_of(st.none(), HIDDEN, st.integers(0, 1200).map(lambda tenths: tenths / 10))


@pytest.fixture
def base(org_a, departments_a, today):
    previous = closed_campaign(org_a, today=today, name="Autumn", closed_days_ago=90)
    add_responses(previous, departments_a[0], 6, overall=40.0)
    add_responses(previous, departments_a[0], 6, overall=60.0)
    campaign = closed_campaign(org_a, today=today)
    add_responses(campaign, departments_a[0], 6, overall=45.0)
    add_responses(campaign, departments_a[0], 6, overall=65.0)
    with translation.override("en"):
        dashboard = campaign_dashboard(campaign, today=today)
    assert dashboard.comparison is not None
    return dashboard


def _score(score, value_and_spread):
    value, uncertainty = value_and_spread
    return replace(score, value=value, uncertainty=uncertainty)


def _with(dashboard, cells, groups, rates, changes):
    values = iter(cells)
    matrix = tuple(
        replace(row, scores=tuple(_score(s, next(values)) for s in row.scores))
        for row in dashboard.matrix
    )
    columns = dashboard.heatmap_columns
    organisation, *departments = groups
    heatmap = tuple(
        GroupRow(
            "Whole organisation" if number == 0 else f"Group {number}",
            ORGANISATION if number == 0 else DEPARTMENT,
            tuple(
                _score(Score(column.code, column.label, None), value)
                for column, value in zip(columns, row, strict=False)
            ),
        )
        for number, row in enumerate([organisation, *departments])
    )
    pressure_index = next(n for n, c in enumerate(columns) if c.code == "pressure")
    rows = tuple(
        PressureSupportRow(
            row.label,
            row.kind,
            row.scores[pressure_index],
            replace(row.scores[0], code="overall", label="Overall support"),
        )
        for row in heatmap
    )
    participation = tuple(
        replace(dashboard.departments[0], label=f"Group {n}", rate=rate, headcount=10)
        for n, rate in enumerate(rates, start=1)
    )
    template = dashboard.comparison.changes[0]
    compared = tuple(
        replace(template, code=f"m{n}", label=f"Measure {n}", verdict=verdict, difference=d)
        for n, (verdict, d) in enumerate(changes)
    )
    comparison = Comparison(dashboard.comparison.previous, compared)
    return replace(
        dashboard,
        matrix=matrix,
        heatmap=heatmap,
        pressure_support=rows,
        departments=participation,
        comparison=comparison,
    )


def _clearly_worse(score, base, higher_is_better):
    """The oracle: the difference of the shown values is outside its 95% interval by more
    than the rounding (written out here, not taken from the code under test)."""
    if not (score.shown and base.shown and score.uncertainty and base.uncertainty):
        return False
    difference = round(score.value - base.value, 1)
    low, high = welch_interval(
        difference,
        score.uncertainty.variance,
        score.uncertainty.n,
        base.uncertainty.variance,
        base.uncertainty.n,
    )
    return high < -0.1 if higher_is_better else low > 0.1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(SCORES, min_size=12, max_size=12),
    groups=st.lists(st.lists(SCORES, min_size=10, max_size=10), min_size=1, max_size=6),
    rates=st.lists(RATES, max_size=5),
    changes=st.lists(
        st.tuples(
            st.sampled_from(["higher", "lower", "no_clear_change"]),
            st.integers(-300, 300).map(lambda tenths: tenths / 10),
        ),
        max_size=5,
    ),
)
def test_where_to_act_is_true_for_any_values(base, cells, groups, rates, changes):
    dashboard = _with(base, cells, groups, rates, changes)
    with translation.override("en"):
        everything = key_findings(dashboard)
    kinds = [finding.kind for finding in everything]
    found = {finding.kind: finding for finding in everything}
    by_label = {row.label: row for row in dashboard.heatmap}
    reference = by_label["Whole organisation"]
    columns = dashboard.heatmap_columns
    # Every value named is a shown value of the dashboard; no hidden value is named.
    shown = {s.value for row in dashboard.heatmap for s in row.scores if s.shown}
    shown |= {s.value for row in dashboard.matrix for s in row.scores if s.shown}
    shown |= {row.rate for row in dashboard.departments if isinstance(row.rate, float)}
    shown |= {c.difference for c in dashboard.comparison.changes}
    others = [*dashboard.sources, dashboard.climate, dashboard.organisation]
    others += [score for row in dashboard.needs for score in (row.need, row.received)]
    shown |= {s.value for s in others if s is not None and s.shown}
    for finding in everything:
        assert all(isinstance(v, float) and v in shown for v in finding.values), finding
    # A group is named worse off than the organisation exactly where it clearly is.
    worse = {
        (row.label, column.code)
        for row in dashboard.heatmap
        if row.kind != ORGANISATION
        for column, score, base_score in zip(columns, row.scores, reference.scores, strict=True)
        if _clearly_worse(score, base_score, column.higher_is_better)
    }
    groups = {f.subjects[0]: f.subjects[1:] for f in everything if f.kind == "group"}
    assert set(groups) == {label for label, _code in worse}
    for label, codes in groups.items():
        areas = {code for group, code in worse if group == label}
        # The largest gaps, at most AREAS_IN_A_SENTENCE, each clearly worse off.
        assert set(codes) <= areas and len(codes) == min(len(areas), AREAS_IN_A_SENTENCE)
    # High pressure: exactly the groups whose shown pressure is "often or always".
    high = {
        r.label
        for r in dashboard.pressure_support
        if r.pressure.shown and r.pressure.value >= GOOD_FROM
    }
    said = found["pressure_high"].subjects if "pressure_high" in found else ()
    assert set(said) <= high and len(said) == min(len(high), NAMED_IN_A_SENTENCE)
    # Low participation: exactly the shown rates below half.
    low = {r.label for r in dashboard.departments if isinstance(r.rate, float) and r.rate < 50}
    said = found["participation_low"].subjects if "participation_low" in found else ()
    assert set(said) <= low and len(said) == min(len(low), NAMED_IN_A_SENTENCE)
    # Weakest and strongest only when clearly apart from every other shown cell.
    cells_shown = [s for row in dashboard.matrix for s in row.scores if s.shown]
    if "weakest" in found:
        (code,) = found["weakest"].subjects
        weakest = next(s for s in cells_shown if s.code == code)
        assert all(_clearly_worse(weakest, s, True) for s in cells_shown if s is not weakest)
    if "strongest" in found:
        (code,) = found["strongest"].subjects
        strongest = next(s for s in cells_shown if s.code == code)
        assert all(_clearly_worse(s, strongest, True) for s in cells_shown if s is not strongest)
    for finding in everything:
        text = finding.text.lower()
        assert ("weakest support" in text) == (finding.kind == "weakest")
        assert ("strongest" in text) == (finding.kind == "strongest")
    if len(cells_shown) >= 2:
        assert ("matrix_even" in found) == ("weakest" not in found and "strongest" not in found)
    # "Nothing stands out" only when nothing points to a place to act.
    places = {"pressure_support", "pressure_high", "group", "participation_low", "low_band"}
    assert ("calm" in kinds) == (not places & set(kinds))
    # Each clear change named once, in the sentence of its direction.
    for verdict in ("higher", "lower"):
        clear = [c for c in dashboard.comparison.changes if c.verdict == verdict]
        assert (verdict in found) == bool(clear)
        if clear:
            assert found[verdict].subjects == tuple(c.code for c in clear)
    for finding in everything:
        assert finding.section and finding.step and finding.step_section


def test_an_open_campaign_has_only_the_participation_finding(campaign_a, departments_a, today):
    add_responses(campaign_a, departments_a[0], 12)
    with translation.override("en"):
        found = key_findings(campaign_dashboard(campaign_a, today=today))
    assert [finding.kind for finding in found] == ["participation"]
    assert found[0].text == "At least 10 responses."


@pytest.mark.parametrize(
    ("language", "people", "rate"),
    [("en", "12,003", "0.1%"), ("nl", "12.003", "0,1%"), ("fr", "12\xa0003", "0,1\u202f%")],
)
def test_counts_group_their_thousands_as_the_language_writes_them(
    org_a, departments_a, today, language, people, rate
):
    """A large organisation's counts read at a glance: in the key finding and in the
    participation table (the CSV and the XLSX keep the plain number)."""
    for department, headcount in zip(departments_a, (12000, 2, 1), strict=True):
        department.headcount = headcount
        department.save()
    campaign = closed_campaign(org_a, today=today)
    add_responses(campaign, departments_a[0], 12)
    with translation.override(language):
        dashboard = campaign_dashboard(campaign, today=today)
        finding = participation_finding(dashboard)
        table = tables.participation_table(dashboard)
    assert finding.text.startswith("12 ")  # below a thousand: no separator
    assert f" {people} " in finding.text and rate in finding.text
    organisation = next(row for row in table.rows if row.kind == "organisation")
    headcount = next(
        cell
        for cell, column in zip(organisation.cells, table.columns, strict=True)
        if column.code == "headcount"
    )
    assert (headcount.value, headcount.text) == (12003, people)


def test_a_rate_over_100_percent_says_the_headcount_looks_out_of_date(
    campaign_a, departments_a, today
):
    for department in departments_a:
        department.headcount = 2
        department.save()
    add_responses(campaign_a, departments_a[0], 10)
    with translation.override("en"):
        dashboard = campaign_dashboard(campaign_a, today=today)
        (found,) = key_findings(dashboard)
        notes = tables.participation_table(dashboard).notes
    assert found.text == (
        "At least 10 responses from 6 people: a response rate of at least 166.7%. "
        "The headcount looks out of date: there are more responses than people."
    )
    # While open, each department's count is shown too (from k + 1, in steps of k): Care's
    # "at least 6" of 2 people is over its headcount as well.
    assert notes[0].startswith("More responses than the headcount in: Care, Whole organisation.")


def test_an_at_least_rate_reads_as_french_writes_it(campaign_a, departments_a, today):
    # "at least" is part of the sentence, so French elides it after "de": "d'au moins".
    for department in departments_a:
        department.headcount = 2
        department.save()
    add_responses(campaign_a, departments_a[0], 10)
    with translation.override("fr"):
        (found,) = key_findings(campaign_dashboard(campaign_a, today=today))
    assert "un taux de réponse d'au moins 166,7\u202f%." in found.text
    assert "de au moins" not in found.text
