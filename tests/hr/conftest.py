"""HR's fixtures shared by its test modules."""

import pytest

from tests.support.aggregates_factory import add_responses, closed_campaign


@pytest.fixture
def shown_wave(org_a, departments_a, today):
    """Care 7 at 60, Kitchen 8 at 80, Office 6 at 40 (overall support): all shown; the
    organisation's overall support is 1300 / 21 = 61.9."""
    care, kitchen, office = departments_a
    campaign = closed_campaign(org_a, today=today)
    add_responses(campaign, care, 7, overall=60.0)
    add_responses(campaign, kitchen, 8, overall=80.0)
    add_responses(campaign, office, 6, overall=40.0)
    return campaign
