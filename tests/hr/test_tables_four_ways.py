"""Each table of the dashboard is defined once (hr/dashboard/tables.py) and rendered four ways: the
page, the CSV, the XLSX and the PDF show the same cells, hidden ones as their reason and
flagged as hidden; the trends over three waves too, each wave's mean with its 95% interval
and each gap with its reason."""

import csv
import io
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from openpyxl import load_workbook

from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.hr import exports
from questionnaire.hr.dashboard import MEASURE, TOTAL, dashboard_tables, tables_by_key
from questionnaire.models import Campaign
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.pdf_text import pdf_pages


class _PageTables(HTMLParser):
    """The page's tables by caption id: rows of cell texts (a line break read as a space);
    `flags` holds each cell's class and title by (caption id, row, column)."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self._rows, self._cell, self._id, self._svg = {}, None, None, None, 0
        self.flags, self._attrs = {}, {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows = []
        elif tag == "caption":
            self._id = dict(attrs).get("id")
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell, self._attrs = [], dict(attrs)
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")
        elif tag == "svg":
            self._svg += 1  # a bar's text is not the cell's

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg -= 1
        elif tag in ("td", "th") and self._cell is not None:
            where = (self._id, len(self._rows) - 1, len(self._rows[-1]))
            self.flags[where] = (self._attrs.get("class") or "", self._attrs.get("title"))
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
    """Care 7, Kitchen 6, Office 2 (hidden, and Kitchen with it); the previous wave
    "Autumn", and "Spring" before it, answered with the first questionnaire (six scales
    asked differently), where too few answered about work pressure to show it."""
    care, kitchen, office = departments_a
    spring = closed_campaign(org_a, today=today, name="Spring", closed_days_ago=400)
    Campaign.objects.filter(pk=spring.pk).update(instrument_version=1)
    add_responses(spring, care, 9, overall=45.0, informational=40.0, pressure=None)
    add_responses(spring, kitchen, 3, overall=65.0, informational=60.0, pressure=60.0)
    previous = closed_campaign(org_a, today=today, name="Autumn", closed_days_ago=90)
    add_responses(previous, care, 8, overall=40.0, pressure=30.0)
    add_responses(previous, kitchen, 8, overall=50.0, pressure=40.0)
    campaign = closed_campaign(org_a, today=today)
    add_responses(campaign, care, 7, overall=60.0, pressure=80.0, answers={"col_mat_1": 0})
    add_responses(campaign, kitchen, 6, overall=30.0, answers={"col_mat_1": 75})
    add_responses(campaign, office, 2, overall=20.0, answers={"col_mat_1": 75})
    return campaign


def _waves(org):
    """Each closed wave as the trends' headings and the tidy table's Wave column name it."""
    return [
        f"{wave.name} ({date_format(wave.closes_on, 'DATE_FORMAT')})"
        for wave in Campaign.objects.filter(organisation=org).order_by("closes_on")
    ]


def _line(*texts):
    """Texts as the page and the PDF show them one after the other, empty ones left out."""
    return " ".join(text for text in texts if text)


def _with_bounds(column, cell):
    """A cell and, in a column with an interval, its bounds: as the sheet and CSV have them."""
    return [cell, *cell.bounds] if column.interval else [cell]


def _pdf_text(pdf):
    return " ".join(" ".join(pdf_pages(pdf)).split())


def test_page_csv_xlsx_and_pdf_show_the_same_cells(client, hr_a, closed, org_a, today):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(hr_a)
    page = client.get(reverse("hr:dashboard", kwargs={"pk": closed.pk}))
    assert page.status_code == 200
    on_page = _PageTables(page.text)
    with translation.override("en"):
        dashboard = campaign_dashboard(closed, today=today)
        tables = dashboard_tables(dashboard)
        text = exports.dashboard_csv(dashboard).decode("utf-8-sig")
        book = load_workbook(io.BytesIO(exports.dashboard_workbook(dashboard)))
        pdf_text = _pdf_text(exports.dashboard_pdf(dashboard))
        waves = _waves(org_a)
        sheets = {table.key: exports.sheet_name(table.key) for table in tables}
    titles = {table.key: table.title for table in tables}
    # Each row's table by its code and by its title in the reader's language; the title
    # checked, the rest read as before the title had a column.
    full = list(csv.reader(io.StringIO(text)))[1:]
    assert all(r[1] == titles[r[0]] for r in full)
    tidy = {(r[0], r[2], r[3], r[4]): [r[0], *r[2:]] for r in full}

    keys = [table.key for table in tables]
    assert keys == [
        "participation", "matrix", "work", "needs", "departments", "pressure", "trends",
        "department_trends", "answers",
    ]  # fmt: skip
    hidden_seen, shown_seen = Counter(), Counter()
    for table in tables:
        caption = f"table-{table.key}-caption"
        page_rows = on_page.tables[caption]
        assert page_rows[0] == [table.header, *(_line(c.label, c.note) for c in table.columns)]
        sheet = book[sheets[table.key]]
        assert sheet["A1"].value == table.title
        sheet_rows = {
            r[0].value: r for r in sheet.iter_rows(min_row=3, max_row=2 + len(table.rows))
        }
        first = 2 if table.measures_as_rows else 1
        for number, (page_row, row) in enumerate(zip(page_rows[1:], table.rows, strict=True)):
            texts = [_line(cell.text, cell.interval) for cell in row.cells]
            assert page_row[0].startswith(row.label) and page_row[1:] == texts
            # The PDF shows the row's label and its texts in order (notes aside).
            if table.key != "answers":
                assert " ".join([row.label, *texts]) in pdf_text or row.note
            sheet_cells = iter(sheet_rows[row.label][first:])
            by_measure = row.kind in (MEASURE, TOTAL)
            group = dashboard.responses.label if by_measure else row.label
            for place, (column, cell) in enumerate(zip(table.columns, row.cells, strict=True)):
                classes, title = on_page.flags[(caption, number + 1, place + 1)]
                assert ("hidden-value" in classes) == (cell.hidden is not None)
                assert title == (str(cell.hidden) if cell.hidden is not None else None)
                wave = column.wave or waves[-1]
                code = cell.code or (f"{row.code}_{column.code}" if by_measure else column.code)
                codes = [code, *(bound.code for bound in cell.bounds or ())]
                for each, each_code in zip(_with_bounds(column, cell), codes, strict=False):
                    sheet_cell, written = (
                        next(sheet_cells),
                        tidy[(table.key, group, wave, each_code)],
                    )
                    if each.hidden is not None:
                        hidden_seen[table.key] += 1
                        assert sheet_cell.value == each.hidden.short
                        assert (written[6], written[8]) == ("", str(each.hidden))
                    elif each.number is not None:
                        shown_seen[table.key] += 1
                        assert sheet_cell.value == each.number
                        assert float(written[6]) == each.number
                    else:
                        assert sheet_cell.value in (each.text, None)
            assert next(sheet_cells, None) is None
    assert sum(hidden_seen.values()) > 10 and sum(shown_seen.values()) > 50
    # The trends: 15 scales x 3 waves (version 3 adds the organisation's), each a mean and
    # two bounds; Spring's pressure hidden for too few answers, four of its scales asked
    # differently (emotional support, colleagues, overall, team climate: version 1's
    # supervisor cells are version 3's again) and the organisation's not asked, the rest
    # shown; then each scale's change since Autumn with its two bounds, all shown.
    assert hidden_seen["trends"] == 3 * (1 + 5)
    assert shown_seen["trends"] == 3 * (15 * 3 - 6) + 15 * 3
    over_waves = ("trends", "department_trends")
    for key in over_waves:
        assert {row[2] for row in tidy if row[0] == key} == set(waves)
    assert {key[2] for key in tidy if key[0] not in over_waves} == {waves[-1]}


def test_the_trends_table_shows_each_wave_with_its_interval_or_its_reason(closed, today):
    # The hidden values' reasons are translated when read: all of it in English.
    with translation.override("en"):
        trends = tables_by_key(campaign_dashboard(closed, today=today))["trends"]
        assert trends.title == (
            "Score of the whole organisation per wave, and the change since the previous wave"
        )
        assert [column.label for column in trends.columns] == [
            "Spring",
            "Autumn",
            "Spring wave",
            "Change since the previous wave",
            "Conclusion",
        ]
        pressure = next(row for row in trends.rows if row.code == "pressure")
        spring, autumn, now, change, conclusion = pressure.cells
        assert (spring.text, spring.interval) == ("hidden for privacy", "")
        assert str(spring.hidden) == (
            "hidden to protect small groups and individual answers (every figure rests on at "
            "least 6 responses)"
        )
        # t intervals by hand: 16 scores of 30 and 40, 35.0 ± 2.131 x 5.164 / 4; then 7 of 80
        # and 8 of 50, 64.0 ± 2.145 x 15.49 / 3.873.
        assert (autumn.text, autumn.interval) == ("35.0", "32.2 … 37.8")
        assert (now.text, now.interval) == ("64.0", "55.4 … 72.6")
        # Welch by hand: standard error √(5.164²/16 + 15.49²/15) = 4.203 with 16.9 degrees of
        # freedom (t = 2.11): 29.0 ± 8.9.
        assert (change.text, change.interval) == ("+29.0", "+20.1 … +37.9")
        assert conclusion.text == "higher than last wave" and pressure.strong
        emotional = next(row for row in trends.rows if row.code == "emotional")
        assert emotional.cells[0].text == "asked differently"
        assert str(emotional.cells[0].hidden) == "asked differently in this wave's questionnaire"


@pytest.mark.parametrize(
    ("language", "delimiter", "decimal", "wave"),
    [("en", ",", ".", "Wave"), ("nl", ";", ",", "Bevraging"), ("fr", ";", ",", "Enquête")],
)
def test_the_csv_has_a_row_per_wave_and_measure_in_the_languages_format(
    closed, org_a, today, language, delimiter, decimal, wave
):
    with translation.override(language):
        dashboard = campaign_dashboard(closed, today=today)
        trends = tables_by_key(dashboard)["trends"]
        data = exports.dashboard_csv(dashboard).decode("utf-8-sig")
        waves = _waves(org_a)
        hidden = str(next(row for row in trends.rows if row.code == "pressure").cells[0].hidden)
    assert exports.csv_delimiter(language) == delimiter
    header, *body = csv.reader(io.StringIO(data), delimiter=delimiter)
    assert header[3] == wave and all(len(row) == len(header) == 10 for row in body)
    assert {r[1] for r in body if r[0] == "trends"} == {trends.title}
    body = [[r[0], *r[2:]] for r in body]  # the table's title aside: the rest as before
    rows = {(r[2], r[3]): r for r in body if r[0] == "trends"}
    # Per scale and wave its mean and the two bounds; per scale the change with its bounds
    # and the conclusion, in this wave's rows (15 scales on version 3).
    assert len(rows) == len([r for r in body if r[0] == "trends"]) == 15 * (3 * 3 + 3 + 1)
    organisation = dashboard.responses.label
    spring, autumn, now = waves
    for code in ("pressure", "pressure_low", "pressure_high"):
        assert rows[(spring, code)][1] == organisation
        assert rows[(spring, code)][6:] == ["", "", hidden]
    point = "." if decimal == "," else ","
    for code, value in (("pressure", "35.0"), ("pressure_low", "32.2"), ("pressure_high", "37.8")):
        assert rows[(autumn, code)][6] == value.replace(".", decimal)
    assert rows[(now, "pressure")][6] == "64.0".replace(".", decimal)
    assert rows[(now, "pressure")][4] == next(r.label for r in trends.rows if r.code == "pressure")
    for code, value in (
        ("pressure_difference", "29.0"),
        ("pressure_difference_low", "20.1"),
        ("pressure_difference_high", "37.9"),
    ):
        assert rows[(now, code)][6] == value.replace(".", decimal)
    values = [r[6] for r in rows.values() if r[6] and not r[3].endswith("_verdict")]
    assert values and all(decimal in v and point not in v for v in values)
    assert (
        rows[(now, "pressure_verdict")][6]
        == {
            "en": "higher than last wave",
            "nl": "hoger dan de vorige bevraging",
            "fr": "plus élevé que lors de l'enquête précédente",
        }[language]
    )


def test_the_trends_sheet_is_like_the_other_tables_sheets(closed, org_a, today):
    with translation.override("en"):
        dashboard = campaign_dashboard(closed, today=today)
        book = load_workbook(io.BytesIO(exports.dashboard_workbook(dashboard)))
        waves = _waves(org_a)
    assert book.sheetnames.index("Trends") == book.sheetnames.index("Pressure and support") + 1
    assert "comparison" not in book.sheetnames  # the trends' last columns are the comparison
    sheet = book["Trends"]
    assert sheet["A1"].value == (
        "Score of the whole organisation per wave, and the change since the previous wave"
    )
    interval = ["Interval from (95%)", "Interval to (95%)"]
    assert [c.value for c in sheet[2]] == [
        "Measure", "Code", waves[0], *interval, waves[1], *interval, waves[2], *interval,
        "Change since the previous wave", *interval, "Conclusion",
    ]  # fmt: skip
    assert sheet.freeze_panes == "C3"
    pressure = next(row for row in sheet.iter_rows(min_row=3) if row[1].value == "pressure")
    assert [c.value for c in pressure[2:5]] == ["hidden for privacy"] * 3
    assert [c.value for c in pressure[5:8]] == [35.0, 32.2, 37.8]
    assert [c.number_format for c in pressure[5:8]] == ["0.0"] * 3
    assert sheet.column_dimensions["C"].width >= len(waves[0])
    about = [[c.value for c in row] for row in book["About these figures"].iter_rows()]
    assert ["asked differently", "asked differently in this wave's questionnaire"] in about
    assert ["Trends", sheet["A1"].value] in about
    data = [[c.value for c in row] for row in book["All figures"].iter_rows(min_row=2)]
    data = [[row[0], *row[2:]] for row in data]  # the table's title aside
    organisation, pressure = "Whole organisation", "Work pressure"
    assert ["trends", organisation, waves[1], "pressure", pressure, None, 35.0] in [
        row[:7] for row in data
    ]
