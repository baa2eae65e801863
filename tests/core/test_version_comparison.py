"""HR compares a wave on instrument version 2 with one on version 1 only on what both ask."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.core.instrument import instrument
from questionnaire.models import Campaign
from tests.support.aggregates_factory import add_responses, closed_campaign


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _waves(org_a, today, *, previous_version, version=2):
    previous = closed_campaign(org_a, today=today, name="Last year", closed_days_ago=200)
    Campaign.objects.filter(pk=previous.pk).update(instrument_version=previous_version)
    closed = closed_campaign(org_a, today=today)
    Campaign.objects.filter(pk=closed.pk).update(instrument_version=version)
    closed.refresh_from_db()
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

        campaign_a.instrument_version = 2
        campaign_a.save(update_fields=["instrument_version"])
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


# --- version 2 and version 3 -------------------------------------------------------------

# What version 3 changed: the supervisor's material and emotional cells lost the
# employer's two questions (so did everything built on them), and the organisation's
# scale is new.
CHANGED_IN_3 = ("overall", "material", "emotional", "supervisor")


def test_a_version_3_wave_after_a_version_2_one_compares_only_what_is_asked_alike(
    org_a, departments_a, today
):
    previous, closed = _waves(org_a, today, previous_version=2, version=3)
    add_responses(previous, departments_a[0], 10, supervisor=30.0, informational=40.0)
    add_responses(closed, departments_a[0], 10, supervisor=80.0, informational=60.0)
    dashboard = campaign_dashboard(closed, today=today)

    codes = [change.code for change in dashboard.comparison.changes]
    assert codes == [
        "informational", "respecting", "colleagues", "third_parties", "pressure", "climate",
        "need_material", "need_informational", "need_respecting", "need_emotional",
    ]  # fmt: skip
    # The organisation's own scale is shown for the version 3 wave, from its own column.
    assert dashboard.organisation is not None and dashboard.organisation.value == 50.0
    trends = {trend.code: trend for trend in dashboard.trends}
    for code in CHANGED_IN_3:
        earlier, now = trends[code].points
        assert earlier.value is None
        assert earlier.reason == "asked differently in this wave's questionnaire"
        assert now.value is not None
    earlier, now = trends["organisation"].points
    assert earlier.reason == "not asked in this wave's questionnaire" and now.value == 50.0
    assert trends["informational"].points[0].value == 40.0


def test_hr_reads_the_version_3_changes_in_the_csv_export(
    client, hr_a, org_a, departments_a, today
):
    previous, closed = _waves(org_a, today, previous_version=2, version=3)
    add_responses(previous, departments_a[0], 10, supervisor=30.0)
    add_responses(closed, departments_a[0], 10, supervisor=80.0, organisation=20.0)
    client.force_login(hr_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("hr:export_csv", kwargs={"pk": closed.pk}))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, rows = rows[0], rows[1:]
    table, group, code, value, hidden = (
        header.index(name)
        for name in ("Table code", "Group", "Measure code", "Value", "Why hidden")
    )

    def values(table_key, measure):
        return [
            (r[group], r[value], r[hidden])
            for r in rows
            if (r[table], r[code]) == (table_key, measure)
        ]

    assert values("work", "organisation") == [("Whole organisation", "20.0", "")]
    # The supervisor's score is the version 3 wave's own; its trend has no earlier value
    # and no change, and the organisation's says it was not asked before.
    supervisor_change = values("trends", "supervisor_difference")
    assert supervisor_change and all(v == "" for _g, v, _h in supervisor_change)
    assert all(
        h == "asked differently in this wave's questionnaire" for _g, _v, h in supervisor_change
    )
    organisation_change = values("trends", "organisation_difference")
    assert organisation_change
    assert all(h == "not asked in this wave's questionnaire" for _g, _v, h in organisation_change)


class TestRespondentReferenceVersion3:
    """A respondent on version 3 whose organisation's figures come from a version 2 wave."""

    def test_the_supervisor_and_organisation_are_not_compared_and_say_why(
        self, client, org_a, campaign_a
    ):
        from tests.support.results_factory import make_response, uniform_answers

        wave = Campaign.objects.create(
            organisation=org_a,
            name="Last year",
            opens_on=campaign_a.opens_on - timedelta(days=60),
            closes_on=campaign_a.opens_on - timedelta(days=10),
            instrument_version=2,
        )
        version_2 = {item.code for item in instrument(2).items}
        for value in (100, 50, 100, 50, 100, 50):
            answers = {code: v for code, v in uniform_answers(value).items() if code in version_2}
            make_response(wave, answers)
        assert campaign_a.instrument_version == 3
        _own, token = make_response(campaign_a, uniform_answers(75))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = client.get(f"/r/{token}/").content.decode()
        sources = _rows(page, "sources-heading")
        assert "Colleagues 75 – often or always 75 – often or always" in sources
        assert (
            "Supervisor 75 – often or always not compared: that survey asked other questions"
            in sources
        )
        work = _section_text(page, "work-heading")
        assert "Support from the organisation: often or always (75 out of 100)" in work
        assert (
            "Support from the organisation, average of your organisation: not compared: that "
            "survey did not ask this" in work
        )
        assert "Work pressure, average of your organisation: 75" in work
