"""Property: nothing the dashboard shows can be combined into a group of k or fewer.

Random organisations (k 3..7, 0..8 departments of random sizes, responses without a
department, scales left empty at random) are stored, their dashboard is computed, and
for every primary scale the groups with a shown value (F) are collected from the
Dashboard itself. Every group that is a difference of unions of groups in F is a union of
atoms of the partition cells by which groups of F contain them; each such atom must be
empty or hold more than k responses that have the scale (k besides one a reader may
know). Type, source and overall figures are means of cell figures and add no group. Each
shown value is also checked against the data, so the members a value claims are the ones
it was computed from. A team manager's view of the same dashboard shows a subset of
those values and groups, never another.
"""

import itertools
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaire.core.aggregates import (
    ORGANISATION,
    RESPONSES,
    campaign_dashboard,
    for_departments,
)
from questionnaire.core.aggregates.groups import PRIMARY
from questionnaire.models import Department, Organisation
from tests.support.aggregates_factory import add_responses, closed_campaign

VARIED = ("emotional_supervisor", "need_material", "pressure", "climate", "material_supervisor")
_names = itertools.count()

answer_scores = st.sampled_from([0.0, 25.0, 50.0, 75.0, 100.0])
response = st.fixed_dictionaries(
    {code: st.one_of(st.none(), answer_scores, answer_scores) for code in VARIED}
)
cell = st.lists(response, max_size=12)
organisation = st.fixed_dictionaries(
    {
        "k": st.integers(3, 7),
        "departments": st.lists(
            st.tuples(cell, st.one_of(st.none(), st.integers(1, 40))), max_size=8
        ),
        "no_department": cell,
    }
)


def _store(spec, today):
    org = Organisation.objects.create(name=f"Random {next(_names)}", min_group_size=spec["k"])
    campaign = closed_campaign(org, today=today)
    cells = {}
    for index, (responses, headcount) in enumerate(spec["departments"]):
        department = Department.objects.create(
            organisation=org, name=f"Department {index}", headcount=headcount
        )
        cells[department.pk] = responses
    cells[None] = spec["no_department"]
    for key, responses in cells.items():
        department = Department.objects.get(pk=key) if key is not None else None
        for scores in responses:
            add_responses(campaign, department, 1, **scores)
    headcounts = {key: Department.objects.get(pk=key).headcount for key in cells if key}
    left_out = _left_out(cells, headcounts)
    return campaign, {key: [] if key in left_out else cells[key] for key in cells}


def _left_out(cells, headcounts):
    """The cells no figure counts (docs/privacy.md, rule 6): a department with more
    responses than its headcount, and the responses without a department when every
    department's headcount is known and they are more than the places the others leave.
    A small one is still named among "other departments combined", as an empty one is."""
    departments = [key for key in cells if key is not None]
    over = {
        key
        for key in departments
        if headcounts[key] is not None and len(cells[key]) > headcounts[key]
    }
    if departments and all(headcounts[key] is not None for key in departments):
        room = sum(headcounts[key] - len(cells[key]) for key in departments if key not in over)
        if len(cells[None]) > room:
            over.add(None)
    return over


def _shown_groups(dashboard):
    """Per scale code: (members, value) of every group with a shown value."""
    groups = defaultdict(list)

    def add(score):
        if score.shown:
            groups[score.code].append((score.members, score.value))

    for group in dashboard.heatmap:
        for score in group.scores:
            add(score)
    for group in dashboard.pressure_support:
        add(group.pressure)
        add(group.support)
    for matrix_row in dashboard.matrix:
        for score in (*matrix_row.scores, matrix_row.total):
            add(score)
    for score in (*dashboard.sources, dashboard.overall, dashboard.pressure, dashboard.climate):
        add(score)
    for need in dashboard.needs:
        add(need.need)
    for participation in (dashboard.responses, *dashboard.departments):
        if isinstance(participation.responses, int):
            groups[RESPONSES].append((participation.members, participation.responses))
    return groups


def _values(cells, code):
    """Per cell, the scale's values of its responses that have it (all 50 unless varied)."""
    if code == RESPONSES:
        return {key: [1] * len(responses) for key, responses in cells.items()}
    if code not in VARIED:
        return {key: [50.0] * len(responses) for key, responses in cells.items()}
    return {
        key: [r[code] for r in responses if r[code] is not None] for key, responses in cells.items()
    }


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=organisation)
def test_no_shown_groups_combine_into_a_group_below_k(db, today, spec):
    campaign, cells = _store(spec, today)
    k = spec["k"]

    dashboard = campaign_dashboard(campaign, today=today)

    for code, shown in _shown_groups(dashboard).items():
        if code not in (*PRIMARY, RESPONSES):
            continue
        values = _values(cells, code)
        for members, value in shown:
            data = [v for key in members for v in values[key]]
            assert len(data) > k, f"{code}: a value from {len(data)} responses"
            expected = len(data) if code == RESPONSES else round(sum(data) / len(data), 1)
            assert value == expected
        atoms = defaultdict(int)
        for key in cells:
            signature = tuple(key in members for members, _value in shown)
            if any(signature):
                atoms[signature] += len(values[key])
        small = [size for size in atoms.values() if 0 < size <= k]
        assert not small, f"{code}: a difference of shown groups holds {small} responses"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=organisation, chosen=st.sets(st.integers(0, 7), max_size=4))
def test_a_team_managers_dashboard_shows_no_group_the_readers_do_not(db, today, spec, chosen):
    """A team manager's view (aggregates.for_departments) of random organisations: every
    shown (group, scale, value) is one the readers' dashboard shows, and every group row
    is the organisation's or one of the manager's departments (never one combining them
    with others, never "no department")."""
    campaign, cells = _store(spec, today)
    departments = [key for key in cells if key is not None]
    mine = frozenset(departments[index] for index in chosen if index < len(departments))

    readers = campaign_dashboard(campaign, today=today)
    manager = for_departments(readers, mine)

    everything = {
        (code, members, value)
        for code, shown in _shown_groups(readers).items()
        for members, value in shown
    }
    for code, shown in _shown_groups(manager).items():
        for members, value in shown:
            assert (code, members, value) in everything
    rows = [*manager.heatmap, *manager.pressure_support, *manager.departments]
    for row in rows:
        assert row.kind == ORGANISATION or (row.members and row.members <= mine)
    assert manager.responses == readers.responses
    assert manager.matrix == readers.matrix and manager.needs == readers.needs
