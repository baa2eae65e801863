"""Demo data: an organisation, its departments, three survey waves, an HR reader, an
access custodian, a team manager of Home care, responses, and action plans after the two
closed waves.

What a first look should show: a closed wave with figures (the one HR is pointed to), an
earlier closed wave to compare it with, and an open wave to answer. Synthetic answers
follow a per-department profile plus noise, so the dashboards show differences worth
looking at; departments' headcounts are raised to fit the responses (about 60 % answer),
so no response rate goes over 100 %. Everything is deterministic (seeded) and idempotent:
running it again tops the waves up to the asked numbers and changes nothing else.

The earliest wave was answered with instrument version 2, the two later ones with version 3
(docs/instrument-versions.md), as in an organisation that kept surveying across the
change: the closed wave HR is pointed to then shows the supervisor's changed scales and
the organisation's new one as not compared with the earlier wave, as they must be.
"""

from __future__ import annotations

import hashlib
import io
import math
import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse

from ..core.instrument import CHOICE_VALUES, Instrument, instrument
from ..core.roles import hr_role_grant
from ..core.scoring import score_response
from ..models import (
    SCORE_FIELDS,
    ActionPlanItem,
    Answer,
    Campaign,
    Department,
    HRMembership,
    Organisation,
)
from ..models import Response as SurveyResponse

ORGANISATION_NAME = "Zorgnetwerk De Linde vzw"
HR_USERNAME = "hr-demo"
HR_PASSWORD = "demo-hr-password"  # noqa: S105 (demo data, printed to the user on purpose)  # nosec B105
# Runs the waves' access (departments, campaigns, poster, codes) and sees no figures.
CUSTODIAN_USERNAME = "custodian-demo"
CUSTODIAN_PASSWORD = "demo-custodian-password"  # noqa: S105 (demo data, as above)  # nosec B105
# Sees the figures of Home care (Thuiszorg) and the organisation's, nothing else.
MANAGER_USERNAME = "manager-demo"
MANAGER_PASSWORD = "demo-manager-password"  # noqa: S105 (demo data, as above)  # nosec B105
MANAGER_DEPARTMENT = "Thuiszorg"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "demo-admin-password"  # noqa: S105 (demo data, as above)  # nosec B105
BATCH_SIZE = 2000

# Department name, smallest headcount, and how much support / pressure its people tend to
# report (0 = none, 4 = always) for colleagues, supervisor, third parties, and pressure.
DEPARTMENTS = {
    "Woonzorg": (60, (3.0, 2.0, 1.5, 3.2)),
    "Thuiszorg": (45, (2.2, 1.4, 2.2, 3.0)),
    "Jeugdhulp": (30, (3.2, 3.0, 2.8, 2.6)),
    "Administratie": (15, (2.8, 2.6, 1.2, 1.8)),
    "Keuken en onderhoud": (12, (2.4, 1.6, 0.8, 2.4)),
}


# The departments' and waves' names in French and English, as a Brussels organisation
# gives them (the main names are Dutch).
NAMES = {
    "Woonzorg": {"fr": "Soins résidentiels", "en": "Residential care"},
    "Thuiszorg": {"fr": "Soins à domicile", "en": "Home care"},
    "Jeugdhulp": {"fr": "Aide à la jeunesse", "en": "Youth care"},
    "Administratie": {"fr": "Administration", "en": "Administration"},
    "Keuken en onderhoud": {"fr": "Cuisine et entretien", "en": "Kitchen and maintenance"},
    "Eerste bevraging": {"fr": "Première enquête", "en": "First survey"},
    "Tweede bevraging": {"fr": "Deuxième enquête", "en": "Second survey"},
    "Derde bevraging": {"fr": "Troisième enquête", "en": "Third survey"},
}

# The share of a department that answers a wave, for the headcounts the demo gives.
RESPONSE_RATE = 0.6


@dataclass
class DemoSite:
    organisation: Organisation
    campaign: Campaign  # closed, with `responses` responses: the one HR looks at first
    previous_campaign: Campaign  # closed earlier, with half as many: to compare with
    open_campaign: Campaign  # open now, with a tenth as many: the questionnaire link


def seed_demo(*, responses: int, today: date | None = None) -> DemoSite:
    today = today or date.today()
    with transaction.atomic():
        organisation, _ = Organisation.objects.get_or_create(name=ORGANISATION_NAME)
        departments = _ensure_departments(organisation, largest_wave=responses)
        _ensure_users(organisation, departments)
        previous = _ensure_campaign(
            organisation,
            "Eerste bevraging",
            opens_on=today - timedelta(days=240),
            closes_on=today - timedelta(days=200),
            version=2,
        )
        closed = _ensure_campaign(
            organisation,
            "Tweede bevraging",
            opens_on=today - timedelta(days=60),
            closes_on=today - timedelta(days=30),
        )
        current = _ensure_campaign(
            organisation,
            "Derde bevraging",
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=30),
        )
    rng = random.Random(f"{ORGANISATION_NAME}-{responses}")  # noqa: S311 (not security)  # nosec B311
    _top_up(previous, departments, responses // 2, rng, shift=-0.3)
    _top_up(closed, departments, responses, rng, shift=0.0)
    _top_up(current, departments, responses // 10, rng, shift=0.1)
    _ensure_actions(previous, PREVIOUS_ACTIONS)
    _ensure_actions(closed, PLAN_ACTIONS)
    return DemoSite(organisation, closed, previous, current)


# The actions HR planned after the first wave, and the plan after the second: (department
# or None for the whole organisation, area, what, owner, days after the wave closed it is
# due, status), in Dutch as this organisation's HR writes them. The first is the loop
# `make run` shows: supervisor support in Home care, followed into the second wave; the
# second's area the second wave asks differently.
PREVIOUS_ACTIONS = (
    (
        "Thuiszorg",
        "informational_supervisor",
        "Maandelijks een gesprek onder vier ogen tussen de teamleider en elke zorgverlener, "
        "en een vast aanspreekpunt voor vragen over de ronde.",
        "Teamleider Thuiszorg",
        60,
        ActionPlanItem.DONE,
    ),
    (
        "Thuiszorg",
        "emotional_supervisor",
        "Na een moeilijk bezoek een kort nagesprek met de teamleider.",
        "Teamleider Thuiszorg",
        90,
        ActionPlanItem.UNDER_WAY,
    ),
    (
        None,
        "pressure",
        "De planning van de rondes herbekijken met de preventieadviseur (SOBANE).",
        "Preventieadviseur",
        120,
        ActionPlanItem.DONE,
    ),
)
PLAN_ACTIONS = (
    (
        "Thuiszorg",
        "respecting_supervisor",
        "Op het weekoverleg benoemen de teamleiders wat goed liep.",
        "Teamleider Thuiszorg",
        45,
        ActionPlanItem.PLANNED,
    ),
    (
        "Keuken en onderhoud",
        "material_third_parties",
        "Met de technische dienst afspreken wie helpt bij zwaar materiaal.",
        "Hoofd facilitaire dienst",
        60,
        ActionPlanItem.PLANNED,
    ),
)


def _ensure_actions(campaign: Campaign, actions) -> None:
    """The wave's demo actions, once: a wave that has actions keeps them as they are."""
    if campaign.actions.exists():
        return
    departments = {d.name: d for d in campaign.organisation.departments.all()}
    ActionPlanItem.objects.bulk_create(
        ActionPlanItem(
            campaign=campaign,
            department=departments[name] if name else None,
            area=area,
            what=what,
            owner=owner,
            due_on=campaign.closes_on + timedelta(days=days),
            status=status,
        )
        for name, area, what, owner, days, status in actions
    )


def _ensure_departments(organisation, *, largest_wave: int) -> list[Department]:
    """The departments, each with a headcount its share of the largest wave fits into at
    about RESPONSE_RATE (raised, never lowered, when a later run asks for more)."""
    smallest = {name: headcount for name, (headcount, _profile) in DEPARTMENTS.items()}
    # Responses go to departments in proportion to these headcounts, one in eleven to none.
    shares = {name: 10 / 11 * count / sum(smallest.values()) for name, count in smallest.items()}
    departments = []
    for name, headcount in smallest.items():
        fitting = max(headcount, math.ceil(largest_wave * shares[name] / RESPONSE_RATE))
        department, _ = Department.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={"headcount": fitting, "name_translations": NAMES[name]},
        )
        if (department.headcount or 0) < fitting:
            department.headcount = fitting
            department.save(update_fields=["headcount"])
        departments.append(department)
    return departments


def _ensure_users(organisation: Organisation, departments: list[Department]) -> None:
    """The reader (the HR login README gives) and, another person, the access custodian:
    whoever reads the figures holds no codes; and the team manager of Home care."""
    _ensure_hr_user(organisation, HR_USERNAME, HR_PASSWORD, HRMembership.READER)
    _ensure_hr_user(organisation, CUSTODIAN_USERNAME, CUSTODIAN_PASSWORD, HRMembership.CUSTODIAN)
    home_care = [department for department in departments if department.name == MANAGER_DEPARTMENT]
    _ensure_hr_user(
        organisation, MANAGER_USERNAME, MANAGER_PASSWORD, HRMembership.MANAGER, home_care
    )
    user_model = get_user_model()
    if not user_model.objects.filter(username=ADMIN_USERNAME).exists():
        user_model.objects.create_superuser(ADMIN_USERNAME, password=ADMIN_PASSWORD)


def _ensure_hr_user(
    organisation: Organisation,
    username: str,
    password: str,
    role: str,
    departments: list[Department] | None = None,
) -> None:
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_password(password)
        user.save()
    # Through the roles service, so the demo's audit log says who holds what.
    hr_role_grant(user=user, organisation=organisation, role=role, departments=departments or [])


def _ensure_campaign(organisation, name, *, opens_on, closes_on, version=None) -> Campaign:
    defaults = {"opens_on": opens_on, "closes_on": closes_on, "name_translations": NAMES[name]}
    if version is not None:  # otherwise the current version, as a new campaign takes
        defaults["instrument_version"] = version
    campaign, _ = Campaign.objects.get_or_create(
        organisation=organisation, name=name, defaults=defaults
    )
    return campaign


def _top_up(campaign, departments, wanted, rng, *, shift) -> None:
    """Add synthetic responses until the campaign has `wanted` of them."""
    missing = wanted - campaign.responses.count()
    questions = instrument(campaign.instrument_version)
    last_day = min(campaign.closes_on, date.today())
    days = max((last_day - campaign.opens_on).days, 0)
    while missing > 0:
        batch = min(missing, BATCH_SIZE)
        with transaction.atomic():
            _insert_batch(campaign, departments, questions, batch, rng, shift, days)
        missing -= batch


def _insert_batch(campaign, departments, questions, count, rng, shift, days) -> None:
    # Larger departments answer more often; about one in eleven leaves the department out.
    # The weights are the smallest headcounts, the shares _ensure_departments plans for.
    weights: list[float] = [DEPARTMENTS[department.name][0] for department in departments]
    weights.append(sum(weights) / 10)
    drawn = []
    for _ in range(count):
        department = rng.choices(departments + [None], weights=weights)[0]
        answers = _synthetic_answers(questions, department, rng, shift)
        submitted_on = campaign.opens_on + timedelta(days=rng.randint(0, days))
        drawn.append(
            (department, answers, submitted_on, rng.choice(["nl", "nl", "nl", "fr", "en"]))
        )
    store_synthetic_responses(campaign, questions, drawn)


def store_synthetic_responses(campaign, questions: Instrument, drawn) -> None:
    """Store synthetic responses, each given as (department, answers, submitted on,
    language), scored as a real submission is (the demo and the benchmarks)."""
    answer_sets, rows = [], []
    for department, answers, submitted_on, language in drawn:
        scores = score_response(questions, answers)
        answer_sets.append(answers)
        rows.append(
            SurveyResponse(
                campaign=campaign,
                department=department,
                submitted_on=submitted_on,
                language=language,
                instrument_version=questions.version,
                # A token nobody receives: synthetic responses have no report link.
                token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                **{field: scores[field] for field in SCORE_FIELDS},
            )
        )
    SurveyResponse.objects.bulk_create(rows)
    _insert_answers(
        (row.pk, code, value)
        for row, answers in zip(rows, answer_sets, strict=True)
        for code, value in answers.items()
    )


def _insert_answers(triples) -> None:
    """Insert (response id, item, value) rows without building model instances.

    Tens of millions of Answer objects would dominate the time of a large demo; PostgreSQL
    takes them through COPY, other databases through one executemany.
    """
    table = Answer._meta.db_table
    columns = "(response_id, item, value)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            for response_id, item, value in triples:
                text = r"\N" if value is None else value  # COPY's NULL
                buffer.write(f"{response_id}\t{item}\t{text}\n")
            buffer.seek(0)
            cursor.copy_expert(f"COPY {table} {columns} FROM STDIN", buffer)
        else:
            # The table and columns are the model's own names; the values go as parameters.
            cursor.executemany(f"INSERT INTO {table} {columns} VALUES (%s, %s, %s)", list(triples))  # noqa: S608  # nosec B608


def _synthetic_answers(questions: Instrument, department, rng, shift) -> dict:
    profile = DEPARTMENTS[department.name][1] if department else (2.4, 2.0, 1.8, 2.6)
    by_source: dict[str | None, float] = dict(
        zip(("colleagues", "supervisor", "third_parties"), profile, strict=False)
    )
    person = rng.gauss(0, 0.6)
    answers: dict[str, int | None] = {}
    for item in questions.items:
        if rng.random() < 0.04:
            continue  # skipped
        if item.source == "third_parties" and rng.random() < 0.08:
            answers[item.code] = None  # no outside contacts: not applicable
            continue
        if item.scale == "support":
            level = by_source[item.source] + shift + person + _after_action(department, item, shift)
        elif item.scale == "pressure":
            level = profile[3] - person / 2
        elif item.scale == "climate":
            level = profile[0] + person
            level = 4 - level if item.reverse else level
        elif item.scale == "organisation":
            # The same employer for every department, apart from a person's own view.
            level = 1.6 + shift + person / 2
        else:  # need
            level = 2.6 + rng.gauss(0, 0.5)
        index = round(min(4.0, max(0.0, rng.gauss(level, 0.8))))
        answers[item.code] = CHOICE_VALUES[index]
    return answers


# How much more often Home care's carers report their supervisor's support after the first
# wave's action there (PREVIOUS_ACTIONS), in answer steps: the loop the demo shows.
AFTER_ACTION = 0.6


def _after_action(department, item, shift: float) -> float:
    """The demo's later waves (shift >= 0) in Home care, for the supervisor's support."""
    if department is None or department.name != "Thuiszorg" or item.source != "supervisor":
        return 0.0
    return AFTER_ACTION if shift >= 0 else 0.0


def survey_path(campaign: Campaign) -> str:
    return reverse("survey:start", kwargs={"public_id": campaign.public_id})


def dashboard_path(campaign: Campaign) -> str:
    return reverse("hr:dashboard", kwargs={"pk": campaign.pk})
