"""The key findings are true for every pattern of values: generated dashboards (hypothesis)
with shown and hidden cells, groups and changes, checked against the values themselves."""

from dataclasses import replace

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaire.core.aggregates import (
    DEPARTMENT,
    ORGANISATION,
    Comparison,
    PressureSupportRow,
    Score,
    campaign_dashboard,
)
from questionnaire.core.privacy import COMPLEMENTARY, TOO_FEW, Hidden
from questionnaire.core.scoring import GOOD_FROM, PARTIAL_FROM
from questionnaire.hr.dashboard import key_findings, tables
from tests.support.aggregates_factory import add_responses, closed_campaign

HIDDEN = st.sampled_from([Hidden(TOO_FEW, 5), Hidden(COMPLEMENTARY, 5)])
SCORES = st.one_of(HIDDEN, st.integers(0, 1000).map(lambda tenths: tenths / 10))


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


def _with(dashboard, cells, groups, changes):
    values = iter(cells)
    matrix = tuple(
        replace(row, scores=tuple(replace(s, value=next(values)) for s in row.scores))
        for row in dashboard.matrix
    )
    rows = tuple(
        PressureSupportRow(
            f"Group {number}",
            ORGANISATION if number == len(groups) - 1 else DEPARTMENT,
            Score("pressure", "Work pressure", pressure),
            Score("overall", "Overall support", support),
        )
        for number, (pressure, support) in enumerate(groups)
    )
    template = dashboard.comparison.changes[0]
    compared = tuple(
        replace(template, code=f"m{n}", label=f"Measure {n}", verdict=verdict, difference=d)
        for n, (verdict, d) in enumerate(changes)
    )
    comparison = Comparison(dashboard.comparison.previous, compared)
    return replace(dashboard, matrix=matrix, pressure_support=rows, comparison=comparison)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(SCORES, min_size=12, max_size=12),
    groups=st.lists(st.tuples(SCORES, SCORES), min_size=1, max_size=6),
    changes=st.lists(
        st.tuples(
            st.sampled_from(["higher", "lower", "no_clear_change"]),
            st.integers(-300, 300).map(lambda tenths: tenths / 10),
        ),
        max_size=5,
    ),
)
def test_findings_are_true_for_any_values(base, cells, groups, changes):
    dashboard = _with(base, cells, groups, changes)
    with translation.override("en"):
        found = {finding.kind: finding for finding in key_findings(dashboard)}
        everything = [finding for finding in key_findings(dashboard)]
    shown = [(s.code, s.value) for row in dashboard.matrix for s in row.scores if s.shown]
    if len(shown) < 2:
        assert "strongest" not in found and "weakest" not in found
    elif len({value for _code, value in shown}) == 1:
        assert found["matrix_even"].values == (shown[0][1],)
    else:
        high, low = max(v for _c, v in shown), min(v for _c, v in shown)
        assert found["strongest"].values == (high,)
        assert set(found["strongest"].subjects) == {c for c, v in shown if v == high}
        assert found["weakest"].values == (low,)
        assert set(found["weakest"].subjects) == {c for c, v in shown if v == low}
    # A hidden cell is never named.
    hidden = {s.code for row in dashboard.matrix for s in row.scores if not s.shown}
    for finding in everything:
        assert not hidden & set(finding.subjects)
        for value in finding.values:
            assert not isinstance(value, Hidden)
    flagged = {
        row.label
        for row in dashboard.pressure_support
        if row.kind != ORGANISATION
        and row.pressure.shown
        and row.support.shown
        and row.pressure.value >= GOOD_FROM
        and row.support.value < PARTIAL_FROM
    }
    if flagged:
        assert set(found["pressure"].subjects) == flagged
    else:
        assert "pressure" not in found
    # Each clear change named once, in the sentence of its direction, with its difference.
    for verdict in ("higher", "lower"):
        clear = [c for c in dashboard.comparison.changes if c.verdict == verdict]
        if clear:
            assert found[verdict].subjects == tuple(c.code for c in clear)
            assert found[verdict].values == tuple(c.difference for c in clear)
            with translation.override("en"):
                said = [f"{c.label} ({c.display_difference})" for c in clear]
            assert all(measure in found[verdict].text for measure in said)
        else:
            assert verdict not in found
    clear = [c for c in dashboard.comparison.changes if c.verdict in ("higher", "lower")]
    assert ("no_change" in found) == (not clear)
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
        finding = key_findings(dashboard)[0]
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
