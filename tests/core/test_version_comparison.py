"""HR compares a wave on instrument version 2 with one on version 1 only on what both ask."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import translation

from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.core.instrument import instrument
from questionnaire.models import Campaign
from tests.support.aggregates_factory import add_responses, closed_campaign


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


class TestRespondentReference:
    """A respondent on version 2 compared with a previous wave answered on version 1 sees
    the organisation's averages only for the scales both versions ask the same way."""

    @pytest.fixture
    def v1_wave(self, org_a, today):
        from tests.support.results_factory import make_response, uniform_answers

        wave = Campaign.objects.create(
            organisation=org_a,
            name="Last year",
            opens_on=today - timedelta(days=60),
            closes_on=today - timedelta(days=10),
            instrument_version=1,
        )
        version_1 = {item.code for item in instrument(1).items}
        for value in (100, 50, 100, 50, 100, 50):
            answers = {code: v for code, v in uniform_answers(value).items() if code in version_1}
            make_response(wave, answers)
        return wave

    def _page(self, client, v1_wave, campaign_a):
        from tests.support.results_factory import make_response

        assert campaign_a.instrument_version == 2
        _own, token = make_response(campaign_a)  # KNOWN_ANSWERS, on version 2
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client.get(f"/r/{token}/").content.decode()

    def test_changed_scales_show_no_average_and_say_why(self, client, v1_wave, campaign_a):
        page = self._page(client, v1_wave, campaign_a)
        types = _rows(page, "types-heading")
        # informational: both versions ask it alike; the six others average 75 on it
        assert "Informational support 54 – sometimes 75 – often or always" in types
        # material: version 2 added a question (sup_mat_3)
        assert (
            "Material and financial support 50 – sometimes "
            "not compared: that survey asked other questions" in types
        )
        sources = _rows(page, "sources-heading")
        assert "Outside the team 43 – sometimes 75 – often or always" in sources
        assert (
            "Supervisor 13 – rarely or never not compared: that survey asked other questions"
            in sources
        )
        work = _section_text(page, "work-heading")
        assert "Work pressure, average of your organisation: 75" in work
        assert "Team climate, average of your organisation: not compared" in work
        assert "That survey asked some questions differently" in _section_text(
            page, "reference-heading"
        )

    def test_a_wave_on_the_same_version_compares_every_scale(self, client, v1_wave, campaign_a):
        Campaign.objects.filter(pk=v1_wave.pk).update(instrument_version=2)
        page = self._page(client, v1_wave, campaign_a)
        assert "not compared" not in page
        assert "Material and financial support 50 – sometimes 75 – often or always" in _rows(
            page, "types-heading"
        )
        assert "asked some questions differently" not in page


def _section_text(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find('<section class="report-section"', start)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[start:end])).strip()


def _rows(page: str, heading_id: str) -> list[str]:
    section = page[page.index(f'id="{heading_id}"') :]
    section = section[: section.index("</table>")]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in re.findall(r"<tr>(.*?)</tr>", section, re.S)
    ]
