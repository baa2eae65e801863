"""Each table of the dashboard is defined once (hr/tables.py) and rendered four ways: the
page, the CSV, the XLSX and the PDF show the same cells, hidden ones as their reason."""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from questionnaire.aggregates import campaign_dashboard
from questionnaire.hr import exports, report, workbook
from questionnaire.hr.tables import MEASURE, TOTAL, dashboard_tables

from .aggregates_factory import add_responses, closed_campaign


class _PageTables(HTMLParser):
    """The page's tables by caption id: rows of cell texts."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self._rows, self._cell, self._id, self._svg = {}, None, None, None, 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows = []
        elif tag == "caption":
            self._id = dict(attrs).get("id")
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []
        elif tag == "svg":
            self._svg += 1  # a bar's text is not the cell's

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._id] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None and not self._svg:
            self._cell.append(data)


@pytest.fixture
def closed(org_a, departments_a, today):
    """Care 7, Kitchen 6, Office 2 (hidden, and Kitchen with it), a previous wave."""
    care, kitchen, office = departments_a
    previous = closed_campaign(org_a, today=today, name="Autumn", closed_days_ago=90)
    add_responses(previous, care, 8, overall=40.0, pressure=30.0)
    add_responses(previous, kitchen, 8, overall=50.0, pressure=40.0)
    campaign = closed_campaign(org_a, today=today)
    add_responses(campaign, care, 7, overall=60.0, pressure=80.0, answers={"col_mat_1": 0})
    add_responses(campaign, kitchen, 6, overall=30.0, answers={"col_mat_1": 75})
    add_responses(campaign, office, 2, overall=20.0, answers={"col_mat_1": 75})
    return campaign


def test_page_csv_xlsx_and_pdf_show_the_same_cells(client, hr_a, closed, today):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(hr_a)
    page = client.get(reverse("hr:dashboard", kwargs={"pk": closed.pk}))
    assert page.status_code == 200
    on_page = _PageTables(page.text).tables
    with translation.override("en"):
        dashboard = campaign_dashboard(closed, today=today)
        tables = dashboard_tables(dashboard)
        text = exports.dashboard_csv(dashboard).decode("utf-8-sig")
        book = load_workbook(io.BytesIO(workbook.dashboard_workbook(dashboard)))
        pdf = report.dashboard_pdf(dashboard)
    pdf_text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split()
    )
    tidy = {(r[0], r[1], r[2]): r for r in list(csv.reader(io.StringIO(text)))[1:]}

    keys = [table.key for table in tables]
    assert keys == [
        "participation", "matrix", "work", "needs", "departments", "pressure", "comparison",
        "answers",
    ]  # fmt: skip
    hidden_seen = shown_seen = 0
    for table in tables:
        page_rows = on_page[f"table-{table.key}-caption"]
        assert page_rows[0] == [table.header, *(c.label for c in table.columns)]
        sheet = book[table.key]
        assert sheet["A1"].value == table.title
        sheet_rows = {
            r[0].value: r for r in sheet.iter_rows(min_row=3, max_row=2 + len(table.rows))
        }
        first = 2 if table.measures_as_rows else 1
        for page_row, row in zip(page_rows[1:], table.rows, strict=True):
            texts = [cell.text for cell in row.cells]
            assert page_row[0].startswith(row.label) and page_row[1:] == texts
            # The PDF shows the row's label and its texts in order (notes aside).
            if table.key != "answers":
                assert " ".join([row.label, *texts]) in pdf_text or row.note
            sheet_cells = sheet_rows[row.label][first:]
            by_measure = row.kind in (MEASURE, TOTAL)
            for column, cell, sheet_cell in zip(table.columns, row.cells, sheet_cells, strict=True):
                code = cell.code or (f"{row.code}_{column.code}" if by_measure else column.code)
                group = dashboard.responses.label if by_measure else row.label
                written = tidy[(table.key, group, code)]
                if cell.hidden is not None:
                    hidden_seen += 1
                    assert sheet_cell.value == cell.hidden.short
                    assert (written[5], written[7]) == ("", str(cell.hidden))
                elif cell.number is not None:
                    shown_seen += 1
                    assert sheet_cell.value == cell.number
                    assert float(written[5]) == cell.number
    assert hidden_seen > 10 and shown_seen > 50
