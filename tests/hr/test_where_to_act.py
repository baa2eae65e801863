"""Where to act, on the demo's pattern: two departments under high work pressure (one of
them with little support from its supervisor), one with little support from outside the
team and few people answering. The findings name those groups and areas, the heat map
colours them against the organisation, nothing is called strongest or weakest within the
rounding, and page 1 of the PDF opens with where to act."""

import io
import re

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.core.charts import contrast_ratio, luminance
from questionnaire.hr.dashboard import against_organisation, key_findings
from questionnaire.hr.dashboard.versus_map import FILLS, HIDDEN, INK, WORSE_STRONG
from questionnaire.hr.exports import pdf_report
from questionnaire.models import Department, Organisation
from tests.support.aggregates_factory import add_responses, closed_campaign

# Department: (people who answered, headcount, scores around which they answer).
PATTERN = {
    "Residential care": (12, 16, {"pressure": 80.0}),
    "Home care": (12, 16, {"pressure": 73.0, "supervisor": 35.0}),
    "Kitchen and maintenance": (8, 18, {"third_parties": 22.0}),
    "Administration": (12, 16, {}),
    "Therapy": (12, 16, {}),
}


def _demo_pattern(org, today):
    campaign = closed_campaign(org, today=today)
    for name, (answered, headcount, scores) in PATTERN.items():
        department = Department.objects.create(organisation=org, name=name, headcount=headcount)
        # Half a little above, half a little below: a spread, as real answers have.
        for shift in (-6.0, 6.0):
            shifted = {code: value + shift for code, value in scores.items()}
            add_responses(campaign, department, answered // 2, **shifted)
    return campaign


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The pattern's dashboard in English, its findings, and its PDF's pages (rendered
    once for the module, the rows rolled back at once)."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisation = Organisation.objects.create(name="Demo care home", min_group_size=5)
        today = timezone.localdate()
        campaign = _demo_pattern(organisation, today)
        with translation.override("en"):
            dashboard = campaign_dashboard(campaign, today=today)
            found = key_findings(dashboard)
            pdf = pdf_report.dashboard_pdf(dashboard)
            heat = against_organisation(dashboard)
        transaction.set_rollback(True)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return dashboard, found, pages, heat


def _of_kind(found, kind):
    return [finding for finding in found if finding.kind == kind]


def test_the_findings_name_the_groups_and_areas_where_to_act(demo):
    _dashboard, found, _pages, _heat = demo
    (pressure,) = _of_kind(found, "pressure_high")
    assert set(pressure.subjects) == {"Residential care", "Home care"}
    assert "Residential care (80.0)" in pressure.text and "Home care (73.0)" in pressure.text
    groups = {finding.subjects[0]: finding for finding in _of_kind(found, "group")}
    assert "third_parties" in groups["Kitchen and maintenance"].subjects
    assert "Outside the team 22.0 against" in groups["Kitchen and maintenance"].text
    assert "supervisor" in groups["Home care"].subjects
    assert "pressure" in groups["Residential care"].subjects
    # The departments at the organisation's level are not named.
    assert not {"Administration", "Therapy"} & set(groups)
    (participation,) = _of_kind(found, "participation_low")
    assert participation.subjects == ("Kitchen and maintenance",)
    assert "44.4%" in participation.text
    # Most important first: high pressure, then the groups worse off.
    assert [finding.kind for finding in found][:2] == ["pressure_high", "group"]
    # Each names a next step for HR.
    assert all(finding.step for finding in found)


def test_nothing_is_called_strongest_or_weakest_within_the_rounding(demo):
    _dashboard, found, _pages, _heat = demo
    # Every type and source scores 50 but the three the pattern moves: no cell stands out
    # from all the others, so no cell is named.
    kinds = {finding.kind for finding in found}
    assert not {"strongest", "weakest"} & kinds
    assert "matrix_even" in kinds
    assert not any(re.search("strongest|weakest support", f.text, re.I) for f in found)


def test_a_cell_clearly_apart_from_every_other_is_named_with_a_step(org_a, today):
    # One department: its supervisor's material support far below the rest, its colleagues'
    # emotional support far above, and the organisation's own support low.
    campaign = closed_campaign(org_a, today=today)
    care = Department.objects.create(organisation=org_a, name="Care team", headcount=16)
    for shift in (-5.0, 5.0):
        add_responses(
            campaign,
            care,
            6,
            material_supervisor=20.0 + shift,
            emotional_colleagues=85.0 + shift,
            organisation=15.0 + shift,
        )

    with translation.override("en"):
        found = key_findings(campaign_dashboard(campaign, today=today))

    (weakest,) = _of_kind(found, "weakest")
    assert weakest.text == (
        "Weakest support: Material and financial support – Supervisor (20.0), "
        "clearly below every other."
    )
    assert weakest.subjects == ("material_supervisor",)
    (strongest,) = _of_kind(found, "strongest")
    assert strongest.text == (
        "Strongest support: Emotional support – Colleagues (85.0), clearly above every other."
    )
    assert strongest.step == "Ask the teams what makes it work, so that it is kept."
    (low,) = _of_kind(found, "low_band")
    assert low.subjects == ("organisation", "material_supervisor")
    assert low.step.startswith("Check whether what the organisation offers reaches the team")


def test_the_heat_map_colours_only_clear_differences(demo):
    dashboard, _found, _pages, heat = demo
    columns = [column.code for column in dashboard.heatmap_columns]
    rows = {row.label: row for row in heat.rows}
    kitchen = rows["Kitchen and maintenance"].cells
    assert kitchen[columns.index("third_parties")].css == "vs-worse-2"
    assert "clearly below the organisation" in kitchen[columns.index("third_parties")].words
    assert rows["Residential care"].cells[columns.index("pressure")].css == "vs-worse-2"
    # Administration answered like the organisation, bar the spread: neutral everywhere
    # it is not clearly better (where the others pull the organisation down).
    for cell in rows["Administration"].cells:
        assert cell.css in {"vs-same", "vs-better-1", "vs-better-2"}
        assert not cell.worse
    assert rows["Whole organisation"].cells[0].css == "vs-reference"


def test_page_1_of_the_pdf_starts_with_where_to_act(demo):
    _dashboard, found, pages, _heat = demo
    first = " ".join(pages[0].split())
    assert first.index("Where to act") < first.index("Work pressure is high")
    assert "Kitchen and maintenance is clearly worse off" in first
    assert "Why some values are hidden" not in first
    assert "Key findings" not in first


def test_the_page_shows_where_to_act_and_both_heat_maps(client, hr_a, org_a, today):
    campaign = _demo_pattern(org_a, today)
    client.force_login(hr_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("hr:dashboard", kwargs={"pk": campaign.pk})
    text = client.get(url).text
    assert text.index("Where to act") < text.index('id="participation-heading"')
    assert text.index('id="downloads-heading"') < text.index('id="findings-heading"')
    assert 'class="vs-worse-2"' in text and 'id="chart-heatmap"' not in text
    absolute = client.get(url, {"heatmap": "absolute"}).text
    assert 'id="chart-heatmap"' in absolute and 'class="versus-map"' not in absolute
    # Anything else in the query is the default view, not an error.
    assert 'class="versus-map"' in client.get(url, {"heatmap": "<x>"}).text


def test_the_heat_maps_colours_give_black_numbers_aa_contrast_as_the_stylesheet_has_them():
    stylesheet = (settings.BASE_DIR / "static" / "css" / "hr.css").read_text()
    for css, fill in FILLS.items():
        if css == HIDDEN:  # hatched grey, its text italic: checked on its lighter stripe
            continue
        assert f".{css} {{ background: {fill}; }}" in stylesheet
        assert contrast_ratio(INK, fill) >= 4.5, css
    # The weakest cells draw the eye: the strong orange is the darkest fill of all.
    assert min(FILLS.values(), key=luminance) == FILLS[WORSE_STRONG]


def test_a_verdict_does_not_say_how_alike_a_small_group_answered(client, hr_a, org_a, today):
    """Six people of Care all said "sometimes" (50) about work pressure; the organisation
    is at 53.8. Compared with Care's own spread (none), the 3.8 points were called clearly
    below the organisation, which bounds that spread: 3.7 > 1.96 × s / √6 puts s below 4.6
    and every one of the six within 50 ± 9.4, narrower than one answer step. Compared
    with the organisation's spread, as the page does now, there is no clear difference."""
    care, kitchen = (
        Department.objects.create(organisation=org_a, name=name, headcount=headcount)
        for name, headcount in (("Care", 6), ("Kitchen", 80))
    )
    campaign = closed_campaign(org_a, today=today)
    add_responses(campaign, care, 6, pressure=50.0)
    add_responses(campaign, kitchen, 40, pressure=50.0)
    add_responses(campaign, kitchen, 20, pressure=62.5)
    client.force_login(hr_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("hr:dashboard", kwargs={"pk": campaign.pk})).text

    heat_map = text[text.index('class="versus-map"') :]
    care = heat_map[heat_map.index('<th scope="row">Care') :]
    care = care[: care.index("</tr>")]
    assert "50.0" in care and "vs-better" not in care and "▼" not in care
    assert "sometimes; clearly below the organisation" not in care
    assert care.count("sometimes; no clear difference from the organisation") == care.count("<td")
