"""The attacker's audit (tests/support/privacy_audit.py) on 500 generated organisations and
on the four attacks an independent audit found: nothing HR downloads pins a respondent's
value, or the mean of fewer than k people, to less than one answer step.

Organisations are generated with departments of 0 to 12 respondents, some without a
department, random "not applicable" patterns (whole sources, single scales), exact or
unknown headcounts, one colleague whose answers the attacker knows, an attacker who
answers several times through the open link, and sometimes a department that answers one
scale near an end (too alike to show), whose hiding and its reason must not tell which
group that is nor which end. Headcounts are exact wherever the attacker
answers: fabricated answers that stay within the people who have not answered cannot be
told apart from real ones, which is why campaigns can run on access codes
(docs/privacy.md).
"""

from __future__ import annotations

import csv
import io
import itertools
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from questionnaire.core import privacy
from questionnaire.core.instrument import instrument
from questionnaire.core.roles import hr_role_grant
from questionnaire.models import Answer, Campaign, Department, HRMembership, Organisation, Response
from questionnaire.respondent.services import submission_key_hash
from tests.support.aggregates_factory import closed_campaign
from tests.support.privacy_audit import (
    CELLS,
    DERIVED,
    NEEDS,
    NO_DEPARTMENT,
    PRIMARY,
    Knowledge,
    Respondent,
    audit,
    left_out,
    new_to_readers,
    read_export,
)
from tests.support.results_factory import make_response
from tests.support.survey_helpers import answer_every_step, progress, start_url, submit

SUPERVISOR_CELLS = [cell for cell in CELLS if cell.endswith("_supervisor")]
NEED_ITEMS = {"need_material": "need_mat", "need_informational": "need_inf"}
NEED_ITEMS |= {"need_respecting": "need_res", "need_emotional": "need_emo"}
_names = itertools.count()
STEP_ITEMS = instrument().items


@pytest.fixture
def campaign_factory(today):
    def make(org):
        return Campaign.objects.create(
            organisation=org,
            name="Audited wave",
            opens_on=today - timedelta(days=5),
            closes_on=today + timedelta(days=5),
        )

    return make


@pytest.fixture
def auditor(db, client):
    user = get_user_model().objects.create_user("auditor", password="audit-password-1")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


# --- making an organisation ------------------------------------------------------------


def _scores(values: dict[str, float | None]) -> dict[str, float | None]:
    """Every stored scale: the primary ones given, the others as a person's means."""
    scores = dict(values)
    for code, parts in DERIVED.items():
        given = [values[p] for p in parts if values.get(p) is not None]
        scores[code] = sum(given) / len(given) if given else None
    return scores


def _store(organisation, departments, respondents, today):
    """The campaign with `respondents` (Respondent) in `departments` (name -> headcount)."""
    campaign = closed_campaign(organisation, today=today)
    by_name = {
        name: Department.objects.create(organisation=organisation, name=name, headcount=count)
        for name, count in departments.items()
    }
    rows = Response.objects.bulk_create(
        Response(
            campaign=campaign,
            department=by_name.get(r.cell),
            submitted_on=campaign.opens_on,
            language="en",
            instrument_version=1,
            token_hash=f"{next(_names):064d}",
            **_scores(r.scores),
        )
        for r in respondents
    )
    Answer.objects.bulk_create(
        Answer(response=row, item=item, value=value)
        for row, r in zip(rows, respondents, strict=True)
        for item, value in r.items.items()
    )
    return campaign


def _export(client, campaign) -> str:
    response = client.get(reverse("hr:export_csv", kwargs={"pk": campaign.pk}))
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


# --- generated organisations ---------------------------------------------------------------

CELL_VALUES = [i * 12.5 for i in range(9)]
ANSWERS = [0, 25, 50, 75, 100]
# A respondent takes some twenty draws: the strategies are made once, not at each draw
# (Hypothesis works out a new strategy's properties the first time it draws from it).
PATTERN = st.sampled_from(["all", "all", "all", "no_supervisor", "gaps"])
ONE_IN_FIVE = st.integers(0, 4)
ANSWER = st.sampled_from(ANSWERS)
ANSWER_OR_NONE = st.sampled_from([*ANSWERS, None])
CELL_VALUE = st.sampled_from(CELL_VALUES)


@st.composite
def respondent(draw, cell, *, at_an_end: tuple[str, tuple[float, ...]] | None = None):
    """One respondent of `cell`; `at_an_end` (scale, values) draws that scale from a few
    values near one end, so that groups too alike to show come up often."""
    pattern = draw(PATTERN)
    missing = set()
    if pattern == "no_supervisor":
        missing = set(SUPERVISOR_CELLS)
    elif pattern == "gaps":
        missing = {s for s in PRIMARY if draw(ONE_IN_FIVE) == 0}
    scores: dict[str, float | None] = {}
    items: dict[str, int | None] = {}
    for scale in PRIMARY:
        if scale in NEEDS:
            value = None if scale in missing else draw(ANSWER)
            items[NEED_ITEMS[scale]] = value
            scores[scale] = None if value is None else float(value)
        elif scale == "material_colleagues":
            first, second = (
                (None, None) if scale in missing else (draw(ANSWER), draw(ANSWER_OR_NONE))
            )
            items |= {"col_mat_1": first, "col_mat_2": second}
            given = [v for v in (first, second) if v is not None]
            scores[scale] = sum(given) / len(given) if given else None
        else:
            near_an_end = at_an_end is not None and at_an_end[0] == scale
            values = st.sampled_from(at_an_end[1]) if near_an_end else CELL_VALUE
            scores[scale] = None if scale in missing else draw(values)
    return Respondent(cell=cell, scores=scores, items=items)


# A scale (not a need nor an item-level one, which the distributions bound) and a few values
# near one end of it.
AT_AN_END = st.tuples(
    st.sampled_from(["climate", "pressure", "organisation", "emotional_supervisor"]),
    st.sampled_from([(0.0, 0.0, 12.5), (100.0, 100.0, 87.5), (0.0, 12.5, 25.0)]),
)


@st.composite
def organisation(draw, k, attacked):
    sizes = draw(st.lists(st.integers(0, 12), max_size=4))
    names = [f"Department {i}" for i in range(len(sizes))]
    without = draw(st.integers(0, 6))
    # Headcounts: the department's respondents, some who gave no department, and some who
    # did not answer; or unknown.
    headcounts: dict[str, int | None] = {}
    blank_left = without
    for name, size in zip(names, sizes, strict=True):
        blank = draw(st.integers(0, blank_left))
        blank_left -= blank
        known = draw(st.booleans()) or draw(st.booleans())
        headcounts[name] = size + blank + draw(st.integers(0, 2)) if known else None
    if names and headcounts[names[-1]] is not None:
        headcounts[names[-1]] += blank_left
    # Sometimes one department answers one scale near an end (too alike to show).
    skewed = draw(st.sampled_from([None, *names])) if names and draw(st.booleans()) else None
    end = draw(AT_AN_END)
    respondents = [
        draw(respondent(name, at_an_end=end if name == skewed else None))
        for name, size in zip(names, sizes, strict=True)
        for _ in range(size)
    ]
    respondents += [draw(respondent(NO_DEPARTMENT)) for _ in range(without)]
    if respondents and draw(st.booleans()):
        respondents[draw(st.integers(0, len(respondents) - 1))].known = True
    fakes = _attack(draw, names, sizes, without, headcounts) if attacked else []
    for cell in fakes:
        fake = draw(respondent(cell))
        fake.known = True
        respondents.append(fake)
    return headcounts, respondents


def _attack(draw, names, sizes, without, headcounts) -> list[str]:
    """Cells the attacker answers in, each time more often than nobody would notice."""
    targets = [n for n in names if headcounts[n] is not None]
    if all(h is not None for h in headcounts.values()) and names:
        targets.append(NO_DEPARTMENT)
    if not targets:
        return []
    target = draw(st.sampled_from(targets))
    # Exact headcounts where the attacker answers: every one of those people answered.
    for name, size in zip(names, sizes, strict=True):
        if headcounts[name] is not None:
            headcounts[name] = size
    if names and headcounts[names[0]] is not None:
        headcounts[names[0]] += without
    # More answers than the people who have not answered yet (none, with exact headcounts,
    # except the ones who gave no department, counted in the first department's).
    room = headcounts[target] - sizes[names.index(target)] if target in names else 0
    return [target] * (room + draw(st.integers(1, 4)))


# 500 organisations in four shards of 125, one per k and with or without an attacker who
# answers, so that the two test workers share them.
@pytest.mark.privacy_audit
@pytest.mark.parametrize("attacked", [False, True], ids=["no attacker", "attacker answers"])
@pytest.mark.parametrize("k", [3, 5], ids=["k=3", "k=5"])
@hypothesis_settings(
    max_examples=125,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(data=st.data())
def test_nothing_published_pins_a_respondent(client, auditor, today, k, attacked, data):
    headcounts, respondents = data.draw(organisation(k, attacked), label="organisation")
    org = Organisation.objects.create(name=f"Generated {next(_names)}", min_group_size=k)
    HRMembership.objects.create(user=auditor, organisation=org)
    campaign = _store(org, headcounts, respondents, today)

    text = _export(client, campaign)

    knowledge = Knowledge(k, [*headcounts, NO_DEPARTMENT], respondents)
    assert audit(knowledge, text) == []
    # A team manager of some of its departments: every figure of theirs is the readers'.
    names = sorted(headcounts)
    managed = data.draw(st.sets(st.sampled_from(names)), label="managed") if names else set()
    if managed:
        assert new_to_readers(text, _manager_export(campaign, managed)) == []


def _manager_export(campaign, departments) -> str:
    """The CSV export as a team manager of `departments` (names) downloads it."""
    user = get_user_model().objects.create_user(f"manager {next(_names)}")
    organisation = campaign.organisation
    hr_role_grant(
        user=user,
        organisation=organisation,
        role=HRMembership.MANAGER,
        departments=list(organisation.departments.filter(name__in=departments)),
    )
    manager = Client()
    manager.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    manager.force_login(user)
    return _export(manager, campaign)


# --- the four attacks of the independent audit, replayed ------------------------------------


def _knowledge(campaign, k, known_pks=()) -> Knowledge:
    """The truth the audit checks against: every response's primary scales, and the ones
    the attacker knows."""
    names = list(campaign.organisation.departments.values_list("name", flat=True))
    respondents = [
        Respondent(
            cell=row.department.name if row.department else NO_DEPARTMENT,
            scores={scale: getattr(row, scale) for scale in PRIMARY},
            known=row.pk in known_pks,
        )
        for row in Response.objects.filter(campaign=campaign).select_related("department")
    ]
    return Knowledge(k, [*names, NO_DEPARTMENT], respondents)


def _varied(index: int, **overrides) -> dict[str, int | None]:
    """A questionnaire answered with some variety: person `index` answers the items in
    turn with two neighbouring values, so that groups are not all alike."""
    values = ANSWERS[index % 4], ANSWERS[index % 4 + 1]
    answers = {item.code: values[n % 2] for n, item in enumerate(STEP_ITEMS)}
    return answers | overrides


def _respond_through_the_link(campaign, department, answers) -> Response:
    """One questionnaire sent through the campaign's open link, as a browser does."""
    from django.test import Client

    browser = Client()
    browser.post(start_url(campaign), {"department": department.pk if department else ""})
    answer_every_step(browser, campaign, answers)
    assert submit(browser, campaign, answers).status_code == 302
    return Response.objects.order_by().get(submission_key_hash=_last_key_hash(browser, campaign))


def _last_key_hash(browser, campaign) -> str:
    return submission_key_hash(progress(browser, campaign)["submission_key"])


def _close(campaign, today):
    campaign.opens_on = today - timedelta(days=20)
    campaign.closes_on = today - timedelta(days=1)
    campaign.save()


@pytest.fixture
def audited_org(db, auditor):
    """Departments of 9, 6, 4 and 1 people and two who give no department (k = 5)."""
    org = Organisation.objects.create(name="Audited", min_group_size=5)
    HRMembership.objects.create(user=auditor, organisation=org)
    sizes = {"Care": 9, "Kitchen": 6, "Office": 4, "Reception": 1}
    departments = {
        name: Department.objects.create(organisation=org, name=name, headcount=size)
        for name, size in sizes.items()
    }
    departments["Care"].headcount += 2  # the two without a department work in Care
    departments["Care"].save()
    return org, departments, sizes


def _answer_all(campaign, departments, sizes, **overrides):
    index = itertools.count()
    for name, size in sizes.items():
        for _ in range(size):
            make_response(campaign, _varied(next(index), **overrides), department=departments[name])
    for _ in range(2):
        make_response(campaign, _varied(next(index), **overrides))


@pytest.mark.parametrize("target", ["Reception", None])
def test_answering_four_times_through_the_link_singles_out_nobody(
    client, audited_org, campaign_factory, today, target
):
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    _answer_all(campaign, departments, sizes)
    fakes = [
        _respond_through_the_link(campaign, departments.get(target), _varied(0)).pk
        for _ in range(4)
    ]
    _close(campaign, today)

    text = _export(client, campaign)
    page = client.get(reverse("hr:dashboard", kwargs={"pk": campaign.pk})).content.decode()

    knowledge = _knowledge(campaign, 5, fakes)
    assert left_out(knowledge, read_export(text)) == {target or NO_DEPARTMENT}
    assert "Anyone with the link can answer" in page
    assert audit(knowledge, text) == []


def test_scales_answered_by_fewer_people_are_not_linked_through_the_overall_score(
    client, audited_org, campaign_factory, today
):
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    _answer_all(campaign, departments, {"Care": 9, "Office": 4, "Reception": 1})
    no_supervisor = {item.code: None for item in STEP_ITEMS if item.code.startswith("sup_")}
    for index in range(6):
        answers = _varied(index, **(no_supervisor if index < 2 else {}))
        make_response(campaign, answers, department=departments["Kitchen"])
    _close(campaign, today)

    rows = read_export(_export(client, campaign))

    kitchen = {scale for group, scale, _value in rows.means if group == "Kitchen"}
    assert "colleagues" in kitchen and "supervisor" not in kitchen and "overall" not in kitchen
    assert audit(_knowledge(campaign, 5), _export(client, campaign)) == []


def _need_answered(campaign, values):
    """The emotional need answered with `values` (in the order of the responses)."""
    need = Answer.objects.filter(response__campaign=campaign, item="need_emo").order_by("pk")
    for answer, value in zip(need, values, strict=True):
        answer.value = value
        answer.save()
        Response.objects.filter(pk=answer.response_id).update(need_emotional=value)


def test_a_single_item_mean_cannot_undo_answer_groups(client, audited_org, campaign_factory, today):
    """One person answered "always": the five answers are hidden, the three groups shown,
    and the need's mean beside them leaves one to seven "always" possible."""
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    _answer_all(campaign, departments, sizes)
    _need_answered(campaign, [100] + [25] * 6 + [50] * 8 + [75] * 7)
    _close(campaign, today)

    text = _export(client, campaign)

    groups = {"Rarely or never": 6.0, "Sometimes": 8.0, "Often or always": 8.0}
    assert read_export(text).distributions["need_emo"] == groups
    assert audit(_knowledge(campaign, 5), text) == []


# Nobody answered "never" or "rarely", one person "always": the mean of the need then says
# how many answered "always" (the sum of the scores is 50 * 8 + 75 * 14 + 25 * always).
ONE_ALWAYS = [100] + [50] * 8 + [75] * 13


def test_answer_groups_the_mean_would_split_are_hidden(
    client, audited_org, campaign_factory, today
):
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    _answer_all(campaign, departments, sizes)
    _need_answered(campaign, ONE_ALWAYS)
    _close(campaign, today)

    text = _export(client, campaign)

    assert "need_emo" not in read_export(text).distributions
    assert audit(_knowledge(campaign, 5), text) == []


def test_the_audit_finds_the_one_answer_a_naive_rule_would_give_away(
    client, audited_org, campaign_factory, today, monkeypatch
):
    """The naive rule, three groups each of none or k + 1 people, would show "Sometimes 8,
    Often or always 14" beside the need's mean: the audit works out the one "always"."""
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    _answer_all(campaign, departments, sizes)
    _need_answered(campaign, ONE_ALWAYS)
    _close(campaign, today)
    monkeypatch.setattr(privacy, "pins_a_rare_answer", lambda counts, k: False)

    text = _export(client, campaign)

    assert read_export(text).distributions["need_emo"]["Often or always"] == 14
    findings = audit(_knowledge(campaign, 5), text)
    assert "need_emo: 1 to 1 people answered Always" in findings, findings


def test_a_few_not_applicable_answers_cannot_be_counted_back(
    client, audited_org, campaign_factory, today
):
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    _answer_all(campaign, departments, sizes)
    two = Answer.objects.filter(response__campaign=campaign, item="thp_mat_1")[:2]
    Answer.objects.filter(pk__in=[answer.pk for answer in two]).update(value=None)
    _close(campaign, today)

    text = _export(client, campaign)

    assert "thp_mat_1" not in read_export(text).distributions
    assert audit(_knowledge(campaign, 5), text) == []


# --- the audit itself can fail ---------------------------------------------------------------


def test_the_audit_finds_a_mean_of_a_department_of_one(
    client, audited_org, campaign_factory, today
):
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    _answer_all(campaign, departments, sizes)
    _close(campaign, today)
    text = _export(client, campaign)
    reception = Response.objects.get(campaign=campaign, department=departments["Reception"])

    row = f"departments,Scores,Reception,,pressure,Work pressure,1,{reception.pressure},,"
    leaked = text + row + "\n"

    findings = audit(_knowledge(campaign, 5), leaked)
    assert any(finding.startswith("Reception: one pressure value") for finding in findings)


def test_the_audit_reads_this_waves_column_of_the_departments_trends(
    client, audited_org, campaign_factory, today
):
    """The trends per department repeat each wave's figures; this wave's column is read
    like the departments table, so a hidden department's mean put there is found."""
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    _answer_all(campaign, departments, sizes)
    _close(campaign, today)
    text = _export(client, campaign)
    this_wave = next(csv.reader(io.StringIO(text.splitlines()[1])))[3]
    reception = Response.objects.get(campaign=campaign, department=departments["Reception"])

    row = f'department_trends,Trends,Reception,"{this_wave}",pressure,Work pressure,,'
    leaked = text + row + f"{reception.pressure},,\n"

    findings = audit(_knowledge(campaign, 5), leaked)
    assert any(finding.startswith("Reception: one pressure value") for finding in findings)


def test_the_audit_finds_a_difference_of_groups(client, audited_org, campaign_factory, today):
    """Kitchen (6) is combined with Reception (1) and the two without a department, so that
    the three cannot be worked out. Publishing Kitchen's own mean would undo that."""
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    _answer_all(campaign, departments, {"Care": 9, "Kitchen": 6, "Reception": 1})
    _close(campaign, today)
    text = _export(client, campaign)
    kitchen = Response.objects.filter(campaign=campaign, department=departments["Kitchen"])
    kitchen_mean = sum(r.climate for r in kitchen) / len(kitchen)
    assert audit(_knowledge(campaign, 5), text) == []

    leaked = text + f"departments,Scores,Kitchen,,climate,Team climate,6,{kitchen_mean:.1f},,\n"

    findings = audit(_knowledge(campaign, 5), leaked)
    assert any("the mean of 3 climate values" in finding for finding in findings), findings


def test_the_audit_reads_and_attacks_the_organisations_own_scale(
    client, audited_org, campaign_factory, today
):
    """Version 3's support from the organisation is a primary scale the attacker reads from
    the export like any other: the whole organisation's mean, each shown department's,
    and a department's mean leaked beside them is found."""
    org, departments, sizes = audited_org
    campaign = campaign_factory(org)
    assert campaign.instrument_version == 3
    _answer_all(campaign, departments, {"Care": 9, "Kitchen": 6, "Reception": 1})
    _close(campaign, today)
    text = _export(client, campaign)
    published = read_export(text)
    organisation = [(g, v) for g, scale, v in published.means if scale == "organisation"]
    everyone = Response.objects.filter(campaign=campaign)
    assert all(r.organisation is not None for r in everyone)
    whole = round(sum(r.organisation for r in everyone) / len(everyone), 1)
    assert ("Whole organisation", whole) in organisation
    assert {g for g, _v in organisation} >= {"Care", "Whole organisation"}
    assert audit(_knowledge(campaign, 5), text) == []

    kitchen = everyone.filter(department=departments["Kitchen"])
    kitchen_mean = sum(r.organisation for r in kitchen) / len(kitchen)
    row = (
        "departments,Scores,Kitchen,,organisation,Support from the organisation,6,"
        f"{kitchen_mean:.1f},,"
    )
    findings = audit(_knowledge(campaign, 5), text + row + "\n")
    assert any("organisation values" in finding for finding in findings), findings


# --- what a hidden value's reason says -------------------------------------------------------

CHARLIE_CLIMATE = [0, 0, 0, 0, 0, 25]


def _even_scores(index: int, **overrides: float) -> dict[str, float | None]:
    """Every primary scale with some variety, so that no group is too alike elsewhere."""
    values = CELL_VALUES[2:7]
    scores = {scale: float(values[(index + n) % len(values)]) for n, scale in enumerate(PRIMARY)}
    return scores | overrides


def _three_departments(auditor, today):
    """The independent audit's case: Alpha, Bravo and Charlie of 6 people each (k = 5),
    all answered; Charlie's team climate 0, 0, 0, 0, 0, 25, Bravo's 50, Alpha's 75 on
    average."""
    org = Organisation.objects.create(name="Three departments", min_group_size=5)
    HRMembership.objects.create(user=auditor, organisation=org)
    climates = {
        "Alpha": [50, 75, 100, 75, 50, 100],
        "Bravo": [25, 75, 50, 50, 25, 75],
        "Charlie": CHARLIE_CLIMATE,
    }
    respondents = [
        Respondent(cell=name, scores=_even_scores(index, climate=float(value)))
        for name, values in climates.items()
        for index, value in enumerate(values)
    ]
    return _store(org, {name: 6 for name in climates}, respondents, today), respondents


def test_a_reason_does_not_tell_which_end_a_hidden_group_sits_at(client, auditor, today):
    campaign, respondents = _three_departments(auditor, today)

    text = _export(client, campaign)

    published = read_export(text)
    assert ("Whole organisation", "climate", 43.1) in published.means
    assert ("Bravo", "climate") in published.hidden or ("Bravo", "climate", 50.0) in published.means
    assert ("Charlie", "climate") in published.hidden
    assert (
        audit(Knowledge(5, ["Alpha", "Bravo", "Charlie", NO_DEPARTMENT], respondents), text) == []
    )


def test_every_group_of_the_scale_is_hidden_alike(client, auditor, today):
    campaign, _respondents = _three_departments(auditor, today)

    published = read_export(_export(client, campaign))
    page = client.get(reverse("hr:dashboard", kwargs={"pk": campaign.pk})).content.decode()

    reasons = {published.hidden.get((name, "climate")) for name in ("Alpha", "Bravo", "Charlie")}
    assert len(reasons) == 1 and None not in reasons
    assert "hidden to protect small groups and individual answers" in reasons.pop()
    assert "answers too alike" not in page and "protects a small group" not in page


def test_the_audit_finds_the_end_a_reason_gives_away(client, auditor, today):
    """The old rule's export: Charlie "too alike", Alpha its complement, Bravo shown."""
    campaign, respondents = _three_departments(auditor, today)
    text = _export(client, campaign)
    kept = [
        line
        for line in text.splitlines()
        if not (line.startswith("departments,") and ",climate,Team climate," in line)
    ]
    old = [
        "departments,Scores,Alpha,,climate,Team climate,6,,,"
        "hidden so that a smaller hidden group cannot be worked out from the totals",
        "departments,Scores,Bravo,,climate,Team climate,6,50.0,sometimes,",
        "departments,Scores,Charlie,,climate,Team climate,6,,,"
        "hidden because the answers are so alike that they would tell what each person answered",
    ]
    knowledge = Knowledge(5, ["Alpha", "Bravo", "Charlie", NO_DEPARTMENT], respondents)

    findings = audit(knowledge, "\n".join([*kept, *old]) + "\n")

    assert findings == [
        "Charlie: climate sits at the low end: any 4 of its values lie within a step"
    ]


# --- a team manager's figures ------------------------------------------------------------


def test_a_team_manager_of_charlie_sees_only_what_the_readers_see(client, auditor, today):
    """The audit's three departments: Charlie's manager reads Charlie hidden with the
    readers' reason and the organisation's 43.1, and nothing of Alpha or Bravo."""
    campaign, respondents = _three_departments(auditor, today)
    readers = _export(client, campaign)

    text = _manager_export(campaign, {"Charlie"})

    assert new_to_readers(readers, text) == []
    published = read_export(text)
    assert ("Whole organisation", "climate", 43.1) in published.means
    assert ("Charlie", "climate") in published.hidden
    assert "Alpha" not in text and "Bravo" not in text
    knowledge = Knowledge(5, ["Alpha", "Bravo", "Charlie", NO_DEPARTMENT], respondents)
    assert audit(knowledge, text) == []


def test_the_subset_check_finds_a_figure_the_readers_do_not_see(client, auditor, today):
    """A manager's export with the combined group's mean, or a place whose gap is not
    the readers' pressure minus support, is caught."""
    campaign, _respondents = _three_departments(auditor, today)
    readers = _export(client, campaign)
    text = _manager_export(campaign, {"Alpha", "Charlie"})
    added = [
        "departments,Scores,Alpha and Charlie,,climate,Team climate,12,37.5,sometimes,",
        "pressure,Work pressure,Alpha,,place,Place by pressure minus support,6,1 (99.9),,",
    ]

    found = new_to_readers(readers, text + "\n".join(added) + "\n")

    assert len(found) == 2
    assert "Alpha and Charlie" in found[0] and "'1 (99.9)'" in found[1]
