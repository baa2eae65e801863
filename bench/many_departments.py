"""A closed campaign of an organisation with many departments, for the PDF benchmark.

Each department gets `per_department` synthetic responses (answers and scores as a
respondent's would be), its own profile of support and pressure, and a headcount that
fits; one department in ten is kept small so that the report shows hidden and combined
groups as a real one does. The previous wave has the same departments, so the report
compares the two.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from questionnaire.core.instrument import CHOICE_VALUES, instrument
from questionnaire.models import Campaign, Department, Organisation
from questionnaire.ops.demo import store_synthetic_responses


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
    drawn = []
    for _ in range(count):
        person = rng.gauss(0, 0.6)
        answers = {
            item.code: CHOICE_VALUES[round(min(4.0, max(0.0, rng.gauss(level + person, 0.9))))]
            for item in questions.items
        }
        drawn.append((department, answers, campaign.opens_on, "nl"))
    store_synthetic_responses(campaign, questions, drawn)
