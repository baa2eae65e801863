"""The campaign dashboard shows the Dashboard's numbers: checked against plain means
computed here from the scores the test gives, with the reasons where a figure is hidden."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from questionnaire.models import Department
from tests.support.aggregates_factory import add_responses, closed_campaign

# Responses per department with their overall support and work pressure.
GROUPS = {"Care": (6, 60.0, 70.0), "Kitchen": (7, 80.0, 30.0), "Office": (2, 40.0, 50.0)}
NO_DEPARTMENT = (4, 50.0, 50.0)


class _Tables(HTMLParser):
    """The tables of a page by caption id: a list of rows, each a list of cell texts."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._caption_id = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows = []
        elif tag == "caption" and self._rows is not None:
            self._caption_id = dict(attrs).get("id")
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption_id] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _rows_by_label(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in rows[1:]}


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def closed_with_responses(org_a, departments_a, today):
    campaign = closed_campaign(org_a, today=today, name="Spring wave")
    by_name = {department.name: department for department in departments_a}
    for name, (count, overall, pressure) in GROUPS.items():
        add_responses(campaign, by_name[name], count, overall=overall, pressure=pressure)
    count, overall, pressure = NO_DEPARTMENT
    add_responses(campaign, None, count, overall=overall, pressure=pressure)
    return campaign


def _mean(pairs) -> float:
    pairs = list(pairs)
    return sum(count * value for count, value in pairs) / sum(count for count, _v in pairs)


def _page_tables(client, campaign) -> dict[str, list[list[str]]]:
    response = client.get(reverse("hr:dashboard", kwargs={"pk": campaign.pk}))
    assert response.status_code == 200
    return _Tables(response.text).tables


def test_it_shows_the_organisation_means_computed_from_the_responses(
    english, hr_a, closed_with_responses
):
    english.force_login(hr_a)
    groups = [*GROUPS.values(), NO_DEPARTMENT]
    overall = _mean((count, value) for count, value, _p in groups)
    pressure = _mean((count, value) for count, _o, value in groups)
    work = _rows_by_label(_page_tables(english, closed_with_responses)["table-work-caption"])
    assert work["Overall support"] == [f"{overall:.1f}"]
    assert work["Work pressure"] == [f"{pressure:.1f}"]
    assert work["Team climate"] == ["50.0"]


def test_it_shows_each_department_large_enough_with_its_own_numbers(
    english, hr_a, closed_with_responses
):
    english.force_login(hr_a)
    tables = _page_tables(english, closed_with_responses)
    pressure_support = _rows_by_label(tables["table-pressure-caption"])
    assert pressure_support["Care"][:2] == ["70.0", "60.0"]
    assert pressure_support["Kitchen"][:2] == ["30.0", "80.0"]
    participation = _rows_by_label(tables["table-participation-caption"])
    assert participation["Care"] == ["6", "20", "30.0%"]
    assert participation["Kitchen"] == ["7", "8", "87.5%"]


def test_it_hides_departments_below_k_with_the_reason(english, hr_a, closed_with_responses):
    english.force_login(hr_a)
    tables = _page_tables(english, closed_with_responses)
    participation = _rows_by_label(tables["table-participation-caption"])
    # The cell says why in a few words; the legend under the table in full.
    assert participation["Office"][0] == "hidden for privacy"
    heatmap = _rows_by_label(tables["table-departments-caption"])
    # 4 types, 3 sources, pressure, climate and (version 3) support from the organisation
    assert heatmap["Office"] == ["hidden for privacy"] * 10
    response = english.get(reverse("hr:dashboard", kwargs={"pk": closed_with_responses.pk}))
    assert (
        "<dd>hidden to protect small groups and individual answers (every figure rests on at "
        "least 6 responses)</dd>" in response.text
    )
    # Office (2) and no department (4) together reach k + 1: shown combined, with their mean.
    assert any(label.startswith("Other departments combined") for label in heatmap)
    pressure_support = _rows_by_label(tables["table-pressure-caption"])
    assert pressure_support["Other departments combined"][:2] == [
        f"{_mean([(2, 50.0), (4, 50.0)]):.1f}",
        f"{_mean([(2, 40.0), (4, 50.0)]):.1f}",
    ]


def test_an_open_campaign_explains_why_scores_come_after_closing(
    english, hr_a, campaign_a, departments_a
):
    add_responses(campaign_a, departments_a[0], 7)
    english.force_login(hr_a)
    response = english.get(reverse("hr:dashboard", kwargs={"pk": campaign_a.pk}))
    assert "Scores appear after the campaign closes" in response.text
    assert "Responses: at least 5" in response.text
    assert "table-matrix-caption" not in response.text
    participation = _rows_by_label(_Tables(response.text).tables["table-participation-caption"])
    assert participation["Care"][0] == "at least 6"
    assert participation["Kitchen"][0] == "fewer than 6 so far"
    assert (
        "<dd>fewer than 6 responses so far: a group’s count is shown from 6 on, in steps of "
        "5, while the campaign is open</dd>"
    ) in response.text.replace("&#x27;", "’")


def test_the_dashboard_page_makes_a_fixed_number_of_queries(
    client, hr_a, closed_with_responses, django_assert_max_num_queries
):
    client.force_login(hr_a)
    url = reverse("hr:dashboard", kwargs={"pk": closed_with_responses.pk})
    client.get(url)  # the first view takes the snapshot
    # session, user, campaign, departments (named in the page's language), snapshot,
    # previous wave, earlier waves (trends), the organisation's roles (what the page
    # offers the user, and who holds both)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


# The PDF's count, once kept, is in hr/test_report_pdf_cache.py (its rendering runs in a thread,
# which needs a transactional test).
@pytest.mark.parametrize("name", ["hr:export_csv", "hr:export_xlsx"])
def test_an_export_makes_a_fixed_number_of_queries(
    client, hr_a, closed_with_responses, django_assert_max_num_queries, name
):
    client.force_login(hr_a)
    client.get(reverse("hr:dashboard", kwargs={"pk": closed_with_responses.pk}))
    with django_assert_max_num_queries(7):
        assert client.get(reverse(name, kwargs={"pk": closed_with_responses.pk})).status_code == 200


def test_the_start_page_makes_a_fixed_number_of_queries(
    client, hr_a, org_a, campaign_a, departments_a, today, django_assert_max_num_queries
):
    for number in range(4):
        wave = closed_campaign(
            org_a, today=today, name=f"Wave {number}", closed_days_ago=30 * number
        )
        add_responses(wave, departments_a[number % 3], 5 + number)
    add_responses(campaign_a, None, 6)
    client.force_login(hr_a)
    client.get(reverse("hr:home"))  # the first look freezes the closed campaigns' figures
    # session, user, organisations, their campaigns with snapshots, open campaigns' counts
    with django_assert_max_num_queries(5):
        response = client.get(reverse("hr:home"))
    assert response.text.count("Wave ") == 4


def test_the_export_is_an_attachment_named_after_the_campaign_and_day(
    client, hr_a, closed_with_responses, today
):
    client.force_login(hr_a)
    response = client.get(reverse("hr:export_csv", kwargs={"pk": closed_with_responses.pk}))
    assert response["Content-Disposition"] == (
        f'attachment; filename="supportcheck-spring-wave-{today.isoformat()}.csv"'
    )
    assert "private" in response["Cache-Control"]
    lines = response.content.decode("utf-8-sig").splitlines()
    with translation.override("nl"):
        wave = f"Spring wave ({date_format(closed_with_responses.closes_on, 'DATE_FORMAT')})"
    # Dutch: the wave's closing date as Dutch writes it ("29 november 2026").
    assert f"participation;Deelname per groep;Care;{wave};responses;Antwoorden;6;6;;" in lines


@pytest.mark.parametrize(
    ("name", "queries"),
    [("hr:poster", 3), ("hr:poster_pdf", 3), ("hr:campaign_edit", 4), ("hr:campaign_access", 5)],
)
def test_the_campaign_pages_make_a_fixed_number_of_queries(
    client, custodian_a, campaign_a, django_assert_max_num_queries, name, queries
):
    client.force_login(custodian_a)
    # session, user, campaign with its organisation; the form and the access page also
    # ask who holds both roles (codes offered or not), the access page the user's roles
    with django_assert_max_num_queries(queries):
        assert client.get(reverse(name, kwargs={"pk": campaign_a.pk})).status_code == 200


def test_the_page_title_names_the_campaign(english, hr_a, closed_with_responses):
    english.force_login(hr_a)
    response = english.get(reverse("hr:dashboard", kwargs={"pk": closed_with_responses.pk}))
    assert "<title>Spring wave – SupportCheck</title>" in response.text


def test_the_comparison_calls_a_change_clear_only_when_its_interval_excludes_zero(
    english, hr_a, org_a, today
):
    previous = closed_campaign(org_a, today=today, name="Last year", closed_days_ago=60)
    current = closed_campaign(org_a, today=today, name="This year")
    # Overall support: two spread groups whose means differ by 5, well within the noise.
    # Work pressure: 30 for everybody last time, 70 for everybody now.
    for campaign, low, high, pressure in (
        (previous, 40.0, 60.0, 30.0),
        (current, 45.0, 65.0, 70.0),
    ):
        add_responses(campaign, None, 5, overall=low, pressure=pressure)
        add_responses(campaign, None, 5, overall=high, pressure=pressure)
    english.force_login(hr_a)
    response = english.get(reverse("hr:dashboard", kwargs={"pk": current.pk}))
    table = _Tables(response.text).tables["table-trends-caption"]
    # A column per wave, named, then the change with its interval below, and the conclusion.
    header = table[0]
    assert header[1].startswith("Last year") and header[2].startswith("This year")
    assert [header[0], *header[3:]] == ["Measure", "Change since the previous wave", "Conclusion"]
    # Each cell: the value, then its interval "low … high" on a line below.
    rows = {
        label: [re.findall(r"[+-]?\d+\.\d", cell) for cell in cells[:3]] + cells[3:]
        for label, cells in _rows_by_label(table).items()
    }
    previous_mean, current_mean = _mean([(5, 40.0), (5, 60.0)]), _mean([(5, 45.0), (5, 65.0)])
    assert [cell[0] for cell in rows["Overall support"][:3]] == [
        f"{previous_mean:.1f}",
        f"{current_mean:.1f}",
        f"+{current_mean - previous_mean:.1f}",
    ]
    difference, low, high = map(float, rows["Overall support"][2])
    assert low < 0 < high and low < difference < high
    assert rows["Overall support"][-1] == "no clear change"
    assert [cell[0] for cell in rows["Work pressure"][:3]] == ["30.0", "70.0", "+40.0"]
    assert rows["Work pressure"][-1] == "higher than last wave"
    # Only clear changes are stressed; noise is plain text.
    assert '<td class="">no clear change</td>' in response.text
    assert "<strong>higher than last wave</strong>" in response.text


def test_a_measure_hidden_in_the_previous_wave_concludes_that_it_is_hidden(
    english, hr_a, org_a, today
):
    previous = closed_campaign(org_a, today=today, name="Last year", closed_days_ago=60)
    current = closed_campaign(org_a, today=today, name="This year")
    # Last year only three of ten answered the work pressure questions: fewer than k.
    add_responses(previous, None, 7, pressure=None)
    add_responses(previous, None, 3, pressure=40.0)
    add_responses(current, None, 10, pressure=60.0)
    english.force_login(hr_a)
    response = english.get(reverse("hr:dashboard", kwargs={"pk": current.pk}))
    table = _Tables(response.text).tables["table-trends-caption"]
    pressure = _rows_by_label(table)["Work pressure"]
    assert pressure[0] == "hidden for privacy"
    assert pressure[1].startswith("60.0")
    assert pressure[-1] == "hidden for privacy"


def test_the_dashboard_of_an_open_campaign_makes_a_fixed_number_of_queries(
    english, hr_a, campaign_a, departments_a, django_assert_max_num_queries
):
    for department in departments_a:
        add_responses(campaign_a, department, 4)
    english.force_login(hr_a)
    # session, user, campaign, departments (named in English), one count, the roles
    with django_assert_max_num_queries(6):
        response = english.get(reverse("hr:dashboard", kwargs={"pk": campaign_a.pk}))
    assert "at least 10" in response.text


def test_the_departments_page_makes_a_fixed_number_of_queries(
    client, custodian_a, org_a, departments_a, django_assert_max_num_queries
):
    client.force_login(custodian_a)
    # session, user, organisation, its departments
    with django_assert_max_num_queries(4):
        response = client.get(reverse("hr:departments", kwargs={"organisation_pk": org_a.pk}))
    assert all(department.name in response.text for department in departments_a)


def _participation_seen(client, user, organisation, today, board_answered):
    """The participation table and the CSV's participation rows of a closed wave where
    the custodian gave the board (one person) a headcount of 0."""
    wave = closed_campaign(organisation, today=today)
    for name, headcount, answered in (
        ("Care", 20, 10),
        ("Kitchen", 20, 10),
        ("Office", 10, 4),
        ("Desk", 10, 3),
        ("Board", 0, board_answered),
    ):
        department = Department.objects.create(
            organisation=organisation, name=name, headcount=headcount
        )
        add_responses(wave, department, answered)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("hr:dashboard", kwargs={"pk": wave.pk})).text
    table = page[page.index('id="participation-heading"') :]
    table = " ".join(re.sub(r"<[^>]+>", " ", table[: table.index("</table>")]).split())
    csv = client.get(reverse("hr:export_csv", kwargs={"pk": wave.pk})).content.decode()
    return table, [row for row in csv.splitlines() if row.startswith("participation,")]


def test_a_headcount_of_0_does_not_tell_whether_the_one_person_answered(
    client, org_a, org_b, hr_a, hr_b, today
):
    """The custodian sets headcounts. "More responses than people" beside a department
    of one set to 0 would say that its person answered; below k + 1 responses it reads
    "hidden for privacy" as any small group, is named among the departments combined as
    an empty one is, and is left out all the same."""
    none = _participation_seen(client, hr_a, org_a, today, board_answered=0)
    one = _participation_seen(client, hr_b, org_b, today, board_answered=1)
    assert none == one
    table, rows = one
    assert "Board hidden for privacy 0 hidden for privacy" in table
    assert "combines: Board, Desk, No department given, Office 7" in table
    assert "Whole organisation 27 60 45.0%" in table
    assert not any("more responses than people" in row for row in rows)
