"""HR compares a wave on instrument version 2 with one on version 1 only on what both ask."""

import pytest
from django.utils import translation

from questionnaire.aggregates import campaign_dashboard
from questionnaire.models import Campaign
from tests.aggregates_factory import add_responses, closed_campaign


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _waves(org_a, today, *, previous_version):
    previous = closed_campaign(org_a, today=today, name="Last year", closed_days_ago=200)
    Campaign.objects.filter(pk=previous.pk).update(instrument_version=previous_version)
    closed = closed_campaign(org_a, today=today)
    return previous, closed


def test_waves_on_different_versions_are_compared_on_the_common_scales_only(
    org_a, departments_a, today
):
    previous, closed = _waves(org_a, today, previous_version=1)
    add_responses(previous, departments_a[0], 10, informational=40.0, overall=40.0)
    add_responses(closed, departments_a[0], 10, informational=60.0, overall=60.0)

    comparison = campaign_dashboard(closed, today=today).comparison

    codes = [change.code for change in comparison.changes]
    # Version 2 added questions to emotional and material support, to the supervisor's and
    # colleagues' scales (hence the overall score) and to team climate.
    assert codes == [
        "informational",
        "respecting",
        "third_parties",
        "pressure",
        "need_material",
        "need_informational",
        "need_respecting",
        "need_emotional",
    ]
    informational = comparison.changes[0]
    assert (informational.current, informational.previous) == (60.0, 40.0)


def test_waves_on_the_same_version_are_compared_on_every_summary_scale(org_a, departments_a, today):
    previous, closed = _waves(org_a, today, previous_version=2)
    add_responses(previous, departments_a[0], 10)
    add_responses(closed, departments_a[0], 10)
    codes = [c.code for c in campaign_dashboard(closed, today=today).comparison.changes]
    assert codes[0] == "overall" and "emotional" in codes and "climate" in codes
    assert len(codes) == 14  # overall, 4 types, 3 sources, pressure, climate, 4 needs
