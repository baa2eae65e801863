"""The PDF export reads as a management report: the key findings on page 1, the figures
within six pages for a campaign of eight departments, the answers as an appendix with one
row per question, headers never hyphenated, every department shown while the group tables
fit a page each, and beyond that the groups that stand out."""

import re

import pytest
from django.db import transaction
from django.utils import timezone, translation

from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.core.charts import palette
from questionnaire.core.instrument import instrument
from questionnaire.hr.dashboard import dashboard_tables
from questionnaire.hr.exports import pdf_report
from questionnaire.models import Department, Organisation
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.pdf_text import pdf_pages


def _pages(pdf: bytes) -> list[str]:
    """Each page's text, French no-break spaces read as spaces."""
    return [_spaced(text) for text in pdf_pages(pdf)]


def _spaced(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _campaign(org, today, departments: int):
    previous = closed_campaign(org, today=today, name="Autumn", closed_days_ago=90)
    campaign = closed_campaign(org, today=today)
    items = [item.code for item in instrument(campaign.instrument_version).items]
    for number in range(departments):
        department = Department.objects.create(
            organisation=org, name=f"Department number {number}", headcount=30
        )
        for wave, shift in ((previous, 0.0), (campaign, 10.0)):
            for value, answer in ((30.0, 25), (70.0, 75)):
                add_responses(
                    wave,
                    department,
                    6,
                    overall=value + shift,
                    pressure=100 - value,
                    answers=dict.fromkeys(items, answer),
                )
    return campaign


@pytest.fixture(scope="module")
def typical_reports(django_db_setup, django_db_blocker):
    """A campaign of eight departments, its dashboard and report in each language: the
    rows made once for the three (and rolled back at once), each report rendered once."""
    reports = {}
    with django_db_blocker.unblock(), transaction.atomic():
        organisation = Organisation.objects.create(name="Organisation A", min_group_size=5)
        today = timezone.localdate()
        campaign = _campaign(organisation, today, 8)
        for language in ("en", "nl", "fr"):
            with translation.override(language):
                dashboard = campaign_dashboard(campaign, today=today)
                reports[language] = dashboard, _pages(pdf_report.dashboard_pdf(dashboard))
        transaction.set_rollback(True)
    return reports


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_a_typical_report_has_its_figures_within_six_pages(typical_reports, language):
    dashboard, pages = typical_reports[language]
    numbers = {
        "en": "Appendix: the charts' numbers",
        "nl": "Bijlage: de cijfers van de grafieken",
        "fr": "Annexe : les chiffres des graphiques",
    }
    appendix = {
        "en": "Appendix: answers per question",
        "nl": "Bijlage: antwoorden per vraag",
        "fr": "Annexe : réponses par question",
    }
    first_of_numbers = next(n for n, text in enumerate(pages) if numbers[language] in text)
    first_of_appendix = next(n for n, text in enumerate(pages) if appendix[language] in text)
    # The report's figures end within six pages; then the charts' numbers, then the answers.
    assert first_of_numbers <= 6 < first_of_appendix
    findings = {
        "en": "Where to act",
        "nl": "Waar actie nodig is",
        "fr": "Où agir",
    }
    assert findings[language] in pages[0]
    # One row per question: each question's text once in the appendix.
    questions = [_spaced(item.text) for item in dashboard.distributions]
    # A line may end at the hyphen of "expliquent-ils".
    appendix_text = " ".join(" ".join(pages[first_of_appendix:]).replace("-\n", "-").split())
    assert len(questions) > 30
    assert all(appendix_text.count(text) == 1 for text in questions[:5])
    # No word of a header cut by a hyphen at a line's end.
    assert not re.search(r"[a-zé]-\n[a-zé]", "\n".join(pages[:first_of_appendix]))


def test_every_department_is_in_a_report_that_fits_its_pages(org_a, today):
    # The rows a page holds, with the organisation's and that of "no department given".
    departments = pdf_report.ROWS_PER_PART - 2
    campaign = _campaign(org_a, today, departments)
    with translation.override("en"):
        dashboard = campaign_dashboard(campaign, today=today)
        text = " ".join(" ".join(_pages(pdf_report.dashboard_pdf(dashboard))).split())
    for number in range(departments):
        # In the participation, department and pressure tables alike.
        assert text.count(f"Department number {number} ") >= 3
    assert "groups that stand out, of" not in text


def _large_campaign(org, today, departments: int):
    """Departments that differ: the lower the number, the less support, climate and support
    from the organisation and the more pressure; 0 to 17 have high pressure with low
    support."""
    campaign = closed_campaign(org, today=today)
    for number in range(departments):
        department = Department.objects.create(
            organisation=org, name=f"Department number {number}", headcount=30
        )
        for spread in (-10.0, 10.0):
            add_responses(
                campaign,
                department,
                6,
                overall=20.0 + number + spread,
                climate=40.0 + number + spread,
                organisation=40.0 + number + spread,  # version 3's own scale
                pressure=80.0 - number / 2 + spread,
            )
    return campaign


def test_a_large_report_names_the_groups_that_stand_out(org_a, today):
    campaign = _large_campaign(org_a, today, 45)
    with translation.override("en"):
        dashboard = campaign_dashboard(campaign, today=today)
        pages = _pages(pdf_report.dashboard_pdf(dashboard))
    text = " ".join(" ".join(pages).split())

    flagged = {row.label for row in dashboard.pressure_support if row.flagged}
    assert flagged == {f"Department number {number}" for number in range(18)}
    for number in range(18):  # in a ranking or flagged: in every group table
        assert text.count(f"Department number {number} ") >= 3
    for number in range(18, 45):  # the others only in the spreadsheet and the dashboard
        assert f"Department number {number} " not in text
    # 45 departments and "no department given"
    title = "Average score by department and dimension (0–100): the 18 groups that stand out, of 46"
    assert title in text
    assert "Participation by group: the 18 groups that stand out, of 46" in text
    assert "The chart draws the whole organisation and the 18 groups that stand out, of 46." in text
    assert "Every group's figures are in the spreadsheet export" in text
    first_of_numbers = next(
        n for n, page in enumerate(pages) if "Appendix: the charts' numbers" in page
    )
    assert first_of_numbers <= 6


def test_with_every_group_hidden_the_report_says_that_none_stands_out(org_a, today):
    """Forty departments of two responses each: no group value is shown, so none is
    ranked or flagged; the report says so instead of naming "the 0 groups"."""
    campaign = closed_campaign(org_a, today=today)
    for number in range(40):
        department = Department.objects.create(
            organisation=org_a, name=f"Department number {number}", headcount=30
        )
        add_responses(campaign, department, 2, overall=20.0 + number, pressure=50.0)
    with translation.override("en"):
        dashboard = campaign_dashboard(campaign, today=today)
        text = " ".join(" ".join(_pages(pdf_report.dashboard_pdf(dashboard))).split())
    groups = len(dashboard.heatmap) - 1  # the rows besides the whole organisation
    assert groups > 36  # beyond a page of groups: the report names those that stand out
    assert f"Participation by group: none of the {groups} groups stands out" in text
    assert f"The chart draws the whole organisation only: none of the {groups} groups" in text
    assert "the 0 groups" not in text and "Department number" not in text


def test_the_colour_legend_says_what_each_heat_map_of_the_report_writes(org_a, today):
    """The heat maps of the report (the matrix and the departments) are tables of numbers:
    the legend does not claim that their cells write their band in words, as the page's
    charts do."""
    campaign = _large_campaign(org_a, today, 3)
    with translation.override("en"):
        text = " ".join(
            " ".join(
                _pages(pdf_report.dashboard_pdf(campaign_dashboard(campaign, today=today)))
            ).split()
        )
    assert "This report's heat maps are tables, the one above and the scores by department" in text
    assert "each cell writes its number, whose band the marks at 37.5 and 62.5 give" in text
    assert "each cell writes its number and its band in words" not in text


@pytest.mark.parametrize("key", ["matrix", "departments"])
def test_the_heat_map_tables_are_coloured_on_the_heat_maps_scale(org_a, today, key):
    campaign = _large_campaign(org_a, today, 3)
    with translation.override("en"):
        dashboard = campaign_dashboard(campaign, today=today)
        html = pdf_report.dashboard_pdf_html(dashboard, site_url="https://supportcheck.example/")
        table = next(t for t in dashboard_tables(dashboard) if t.key == key)
    assert 'id="chart-matrix"' not in html  # the matrix is its coloured table, not a chart
    for row in table.rows:
        for cell, column in zip(row.cells, table.columns, strict=True):
            if column.code == "pressure" or cell.number is None:  # not on the support scale
                assert cell.ramp_step is None
                continue
            step = round(cell.number)
            fill = palette.ramp_fill(step)
            assert f'<td class="score ramp-{step}">{cell.text}</td>' in html
            assert f"td.ramp-{step} {{ background: {fill};" in html
