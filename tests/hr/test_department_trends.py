"""Trends per department: each department's overall support, work pressure and team
climate in every closed wave, beside the organisation's, each wave's value exactly as that
wave's own dashboard showed it (hidden there, hidden here), a gap where the department was
not part of a wave; on the page and in the CSV and the XLSX (the PDF: test_tables_four_ways).
"""

import csv
import io

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from openpyxl import load_workbook

from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.hr import exports
from questionnaire.models import Department, HRMembership, Organisation
from tests.hr.test_dashboard import _rows_by_label, _Tables
from tests.support.aggregates_factory import add_responses, closed_campaign

HIDDEN = "hidden for privacy"


def _waves(organisation, today):
    """Spring: Care 9 (overall 40, pressure 60, climate 70), Kitchen 3 (hidden) shown
    with 3 who gave no department as the other departments combined. Then Office is added.
    Autumn: Care 7, Kitchen 6, Office 6."""
    care, kitchen = (
        Department.objects.create(organisation=organisation, name=name, headcount=headcount)
        for name, headcount in [("Care", 10), ("Kitchen", 8)]
    )
    spring = closed_campaign(organisation, today=today, name="Spring", closed_days_ago=200)
    add_responses(spring, care, 9, overall=40.0, pressure=60.0, climate=70.0)
    for department in (kitchen, None):
        add_responses(spring, department, 3, overall=80.0, pressure=30.0, climate=40.0)
    with translation.override("en"):
        spring_board = campaign_dashboard(spring, today=today)  # frozen without Office
    office = Department.objects.create(organisation=organisation, name="Office", headcount=6)
    autumn = closed_campaign(organisation, today=today, name="Autumn", closed_days_ago=1)
    add_responses(autumn, care, 7, overall=50.0, pressure=70.0, climate=60.0)
    add_responses(autumn, kitchen, 6, overall=60.0, pressure=40.0, climate=50.0)
    add_responses(autumn, office, 6, overall=70.0, pressure=30.0, climate=80.0)
    return spring_board, autumn


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """Both waves' dashboards and this wave's page, CSV and XLSX, made once; rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        from django.contrib.auth import get_user_model
        from django.test import Client

        organisation = Organisation.objects.create(name="Trends per team", min_group_size=5)
        today = timezone.localdate()
        spring_board, autumn = _waves(organisation, today)
        reader = get_user_model().objects.create_user("trend-reader", password="x-password-1")
        HRMembership.objects.create(user=reader, organisation=organisation)
        browser = Client()
        browser.force_login(reader)
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = browser.get(reverse("hr:dashboard", kwargs={"pk": autumn.pk})).text
        with translation.override("en"):
            board = campaign_dashboard(autumn, today=today)
            files = {
                "csv": exports.dashboard_csv(board).decode("utf-8-sig"),
                "xlsx": exports.dashboard_workbook(board),
                "sheet": exports.sheet_name("department_trends"),
                "spring": date_format(spring_board.campaign.closes_on, "DATE_FORMAT"),
            }
        transaction.set_rollback(True)
    return spring_board, board, page, files


def test_each_department_has_each_waves_value_beside_the_organisations(built):
    _spring, board, _page, _files = built
    rows = {row.label: row.values for row in board.group_trends.rows}
    # Columns: overall (Spring, Autumn), pressure (Spring, Autumn), climate (Spring, Autumn).
    assert rows["Care"][1::2] == (50.0, 70.0, 60.0)
    assert rows["Office"][1::2] == (70.0, 30.0, 80.0)
    assert rows["Whole organisation"][0::2] == (56.0, 48.0, 58.0)  # 9 at 40, 6 at 80...
    assert rows["Office"][0::2] == (None, None, None)  # not a department in Spring
    assert [value.short for value in rows["Kitchen"][0::2]] == [HIDDEN] * 3


def test_a_waves_value_is_the_one_that_wave_showed(built):
    spring, board, _page, _files = built
    spring_rows = {row.label: row.scores for row in spring.heatmap}
    now_rows = {row.label: row.scores for row in board.heatmap}
    columns = [column.code for column in board.heatmap_columns]
    for row in board.group_trends.rows:
        for index, code in enumerate(("overall", "pressure", "climate")):
            then, now = row.values[2 * index : 2 * index + 2]
            if row.label in spring_rows and code in columns:
                assert then == spring_rows[row.label][columns.index(code)].value
            if code in columns:
                assert now == now_rows[row.label][columns.index(code)].value
    overall = {row.label: row.support.value for row in board.pressure_support}
    assert {row.label: row.values[1] for row in board.group_trends.rows} == overall


def test_the_page_shows_the_table_in_a_disclosure(built):
    _spring, _board, page, _files = built
    assert '<details class="hr-department-trends" id="department-trends">' in page
    rows = _rows_by_label(_Tables(page).tables["table-department_trends-caption"])
    assert rows["Care"] == ["40.0", "50.0", "60.0", "70.0", "70.0", "60.0"]
    assert rows["Kitchen"][0::2] == [HIDDEN] * 3
    assert rows["Office"] == ["–", "70.0", "–", "30.0", "–", "80.0"]


def test_the_csv_and_the_xlsx_hold_the_same_numbers(built):
    _spring, _board, _page, files = built
    found = {
        (row[2], row[3], row[4]): (row[7], row[9])
        for row in csv.reader(io.StringIO(files["csv"]))
        if row[0] == "department_trends"
    }
    spring = f"Spring ({files['spring']})"
    assert found[("Care", spring, "overall")] == ("40.0", "")
    assert found[("Kitchen", spring, "pressure")][0] == ""
    assert found[("Kitchen", spring, "pressure")][1].startswith("hidden to protect")
    assert found[("Office", spring, "climate")] == ("", "")
    sheet = load_workbook(io.BytesIO(files["xlsx"]))[files["sheet"]]
    values = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert values["Care"][:6] == (40.0, 50.0, 60.0, 70.0, 70.0, 60.0)
    assert values["Whole organisation"][0] == 56.0
