"""The action plan in HR's exports: a sheet of the XLSX, rows of the CSV, a section of the
PDF report (page 1 unchanged); and the kept PDF is made again after an edit."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from questionnaire.hr.exports import kept_pdf
from questionnaire.models import ActionPlanItem, ExportCache
from tests.hr.test_actions import AREA, _add, reader, waves  # noqa: F401 (fixtures)
from tests.support.pdf_text import pdf_pages


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def planned(reader, waves, departments_a):  # noqa: F811
    spring, autumn = waves
    assert _add(reader, spring, department=departments_a[0]).status_code == 302
    assert _add(reader, autumn, department=departments_a[1], what="Kitchen rota").status_code == 302
    return spring, autumn


def _get(client, name, campaign):
    return client.get(reverse(name, kwargs={"pk": campaign.pk}))


def test_the_xlsx_has_a_sheet_per_plan_with_the_follow_up(reader, planned):  # noqa: F811
    _spring, autumn = planned
    workbook = load_workbook(io.BytesIO(_get(reader, "hr:export_xlsx", autumn).content))
    assert "Actions" in workbook.sheetnames
    assert "Actions of the previous wave" in workbook.sheetnames
    previous = [list(row) for row in workbook["Actions of the previous wave"].values]
    header, care = previous[1], previous[2]
    assert header[:4] == ["Group", "Area", "What will be done", "Owner"]
    assert care[0] == "Care"
    assert care[1] == "Informational support – Supervisor"
    assert care[header.index("Change")] == 25.0
    assert care[header.index("What became of the area")] == "clearly higher (better)"
    mine = [list(row) for row in workbook["Actions"].values]
    assert mine[2][:3] == ["Kitchen", "Informational support – Supervisor", "Kitchen rota"]


def test_the_csv_has_the_plans_rows(reader, planned):  # noqa: F811
    _spring, autumn = planned
    content = _get(reader, "hr:export_csv", autumn).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    change = next(row for row in rows if row[0] == "previous_actions" and row[4].endswith("change"))
    assert (change[2], change[4], change[7]) == ("Care", "action1_change", "25.0")
    owner = next(row for row in rows if row[0] == "actions" and row[4] == "action1_owner")
    assert (owner[2], owner[7]) == ("Kitchen", "Head of Home care")


def test_the_pdf_lists_the_plan_and_is_made_again_after_an_edit(reader, planned):  # noqa: F811
    _spring, autumn = planned
    pages = pdf_pages(_get(reader, "hr:export_pdf", autumn).content)
    text = " ".join(pages)
    assert "Action plan" not in pages[0]  # page 1 stays where to act
    assert "Actions of the previous wave, “Spring”, and what became of their areas" in text
    assert "from 37.5 to 62.5, +25.0" in text
    assert "Kitchen rota" in text
    before = kept_pdf.inputs_fingerprint(autumn, site_url="http://testserver/")
    action = ActionPlanItem.objects.get(what="Kitchen rota")
    url = reverse("hr:action_edit", kwargs={"pk": autumn.pk, "action_pk": action.pk})
    edit = {
        "group": str(action.department_id),
        "area": AREA,
        "what": "Kitchen rota agreed with the team",
        "owner": "Chef",
        "due_on": (autumn.closes_on + timedelta(days=30)).isoformat(),
        "status": "done",
        "note": "",
    }
    assert reader.post(url, edit).status_code == 302
    assert kept_pdf.inputs_fingerprint(autumn, site_url="http://testserver/") != before
    again = " ".join(pdf_pages(_get(reader, "hr:export_pdf", autumn).content))
    assert "Kitchen rota agreed with the team" in again
    assert ExportCache.objects.get().renderings == 2


def test_a_long_plan_is_short_in_the_pdf_and_whole_in_the_xlsx(reader, waves, today):  # noqa: F811
    _spring, autumn = waves
    ActionPlanItem.objects.bulk_create(
        ActionPlanItem(campaign=autumn, area="pressure", what=f"Step {n}", owner="HR", due_on=today)
        for n in range(15)
    )
    text = " ".join(pdf_pages(_get(reader, "hr:export_pdf", autumn).content))
    assert "Step 11" in text and "Step 12" not in text
    assert "And 3 more actions, in the spreadsheet export and on the dashboard." in text
    workbook = load_workbook(io.BytesIO(_get(reader, "hr:export_xlsx", autumn).content))
    assert len(list(workbook["Actions"].values)) == 2 + 15
