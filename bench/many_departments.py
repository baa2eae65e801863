"""A closed campaign of an organisation with many departments, for the PDF benchmark.

Each department gets `per_department` synthetic responses (answers and scores as a
respondent's would be), its own profile of support and pressure, and a headcount that
fits; one department in ten is kept small so that the report shows hidden and combined
groups as a real one does. The previous wave has the same departments, so the report
compares the two.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from datetime import date, timedelta

from django.db import transaction

from questionnaire.instrument import CHOICE_VALUES, instrument
from questionnaire.models import SCORE_FIELDS, Answer, Campaign, Department, Organisation
from questionnaire.models import Response as SurveyResponse
from questionnaire.scoring import score_response


def many_departments(departments: int, per_department: int, *, today: date) -> Campaign:
    """A new organisation with `departments` departments and two closed waves."""
    rng = random.Random(departments)  # the same organisation for the same size
    organisation = Organisation.objects.create(name=f"Bench {departments} departments")
    units = [
        Department.objects.create(
            organisation=organisation,
            name=f"Department {number:03d} {rng.choice(WORDS)}",
            headcount=per_department * 2,
        )
        for number in range(1, departments + 1)
    ]
    previous = _wave(organisation, "Previous wave", today - timedelta(days=200))
    current = _wave(organisation, "This wave", today - timedelta(days=20))
    for campaign, shift in ((previous, -0.3), (current, 0.0)):
        with transaction.atomic():
            for index, department in enumerate(units):
                count = 3 if index % 10 == 9 else per_department
                _responses(campaign, department, count, rng, shift)
    return current


WORDS = ("Logistics", "Care", "Kitchen", "Finance", "Maintenance", "Reception", "Lab")


def _wave(organisation, name: str, closes_on: date) -> Campaign:
    return Campaign.objects.create(
        organisation=organisation,
        name=name,
        opens_on=closes_on - timedelta(days=14),
        closes_on=closes_on,
    )


def _responses(campaign, department, count, rng, shift) -> None:
    questions = instrument(campaign.instrument_version)
    level = rng.uniform(1.2, 3.2) + shift
    rows, answer_sets = [], []
    for _ in range(count):
        person = rng.gauss(0, 0.6)
        answers = {
            item.code: CHOICE_VALUES[round(min(4.0, max(0.0, rng.gauss(level + person, 0.9))))]
            for item in questions.items
        }
        scores = score_response(questions, answers)
        answer_sets.append(answers)
        rows.append(
            SurveyResponse(
                campaign=campaign,
                department=department,
                submitted_on=campaign.opens_on,
                language="nl",
                instrument_version=questions.version,
                token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                **{field: scores[field] for field in SCORE_FIELDS},
            )
        )
    SurveyResponse.objects.bulk_create(rows)
    Answer.objects.bulk_create(
        Answer(response=row, item=code, value=value)
        for row, answers in zip(rows, answer_sets, strict=True)
        for code, value in answers.items()
    )
