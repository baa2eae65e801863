"""Frozen means frozen: after the first look at a closed wave, no write that HR or an
administrator can make moves any number of any of its outputs (docs/privacy.md, rule 7).

The outputs are read as their readers read them: the dashboard page's text, the CSV, the
XLSX (openpyxl), the PDF's text (PDFium), the count on HR's start page, the wave's points
in a later wave's trends and comparison, and the organisation's averages on a respondent's
results page. Department names are labels that may follow a rename, so every name used
here is free of digits and each output is compared by the numbers it holds.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
import time
import zipfile
from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, assume
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)
from openpyxl import load_workbook

from questionnaire.core.access_codes import code_batch_create
from questionnaire.core.aggregates import campaign_dashboard
from questionnaire.hr.selectors import start_page_for_hr
from questionnaire.models import Campaign, Department, HRMembership, Organisation
from questionnaire.ops.retention import responses_purge
from tests.support.pdf_text import pdf_pages
from tests.support.results_factory import make_response, uniform_answers

# The kept PDF is rendered and locked in transactions of its own (hr/export_cache.py).
pytestmark = pytest.mark.django_db(transaction=True)

NUMBER = re.compile(r"-?\d+(?:[.,]\d+)*")
# A campaign's dates are not figures: an administrator may move them (the figures stay).
DATE = re.compile(r"\d{4}-\d{2}-\d{2}|[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} \w+ \d{4}")
NAMES = ("Zulu", "Yankee", "Xray", "Whiskey", "Victor", "Tango", "Sierra", "Romeo")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class _Text(HTMLParser):
    """The text a reader sees: no attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def numbers(text: str) -> Counter[str]:
    return Counter(NUMBER.findall(DATE.sub(" ", text)))


def page_numbers(html: str) -> Counter[str]:
    parser = _Text()
    parser.feed(html)
    return numbers(" ".join(parser.parts))


# A workbook's parts as written, but for the times it was made and saved (they change with
# every download and hold no figure).
_SAVED_AT = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def _workbook_parts(content: bytes) -> tuple[tuple[str, bytes], ...]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return tuple(
            (name, _SAVED_AT.sub(b"", archive.read(name))) for name in sorted(archive.namelist())
        )


_xlsx_read: dict[tuple[tuple[str, bytes], ...], Counter[str]] = {}


def xlsx_numbers(content: bytes) -> Counter[str]:
    """The numbers in the workbook's cells. A workbook whose every part is one read before
    (the invariant downloads the same one after most steps) holds the same cells: it is
    read once (openpyxl takes a tenth of a second per workbook)."""
    parts = _workbook_parts(content)
    if parts not in _xlsx_read:
        _xlsx_read[parts] = _read_xlsx_numbers(content)
    return Counter(_xlsx_read[parts])


def _read_xlsx_numbers(content: bytes) -> Counter[str]:
    found: Counter[str] = Counter()
    for sheet in load_workbook(io.BytesIO(content), read_only=True).worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, bool) or value is None:
                    continue
                found += numbers(str(value))
    return found


def pdf_numbers(content: bytes) -> Counter[str]:
    return numbers(" ".join(pdf_pages(content)))


def hr_client(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


# --- the audit's organisation ------------------------------------------------------------

_serial = itertools.count()


def _letters(n: int) -> str:
    """A unique name without digits (every digit on a page is read as a figure)."""
    return LETTERS[n % 26] + (_letters(n // 26 - 1) if n >= 26 else "")


class Audit:
    """Three departments of 6 with 6 responses each, and one open-link response without a
    department (left out: 19 responses for 18 people), in a wave that closed long ago."""

    def __init__(self, today):
        n = next(_serial)
        self.today = today
        self.organisation = Organisation.objects.create(name=f"Audit {_letters(n)}")
        # HR's two roles: a reader of the figures, and the access custodian who runs the
        # departments, campaigns and codes.
        self.hr = get_user_model().objects.create_user(f"reader-{n}", password="x-x-x-x-x")
        HRMembership.objects.create(
            user=self.hr, organisation=self.organisation, role=HRMembership.READER
        )
        self.custodian = get_user_model().objects.create_user(f"custodian-{n}", password="x")
        HRMembership.objects.create(
            user=self.custodian, organisation=self.organisation, role=HRMembership.CUSTODIAN
        )
        self.admin = get_user_model().objects.create_superuser(f"admin-{n}", password="x")
        self.departments = {
            name: Department.objects.create(organisation=self.organisation, name=name, headcount=6)
            for name in ("Alpha", "Bravo", "Charlie")
        }
        self.frozen = Campaign.objects.create(
            organisation=self.organisation,
            name="First wave",
            opens_on=today - timedelta(days=120),
            closes_on=today - timedelta(days=100),
        )
        self.tokens: list[str] = []
        answers = {
            "Alpha": [75, 75, 50, 100, 75, 50],
            "Bravo": [25, 50, 25, 0, 50, 25],
            "Charlie": [100, 75, 50, 50, 75, 100],
        }
        for name, values in answers.items():
            for value in values:
                self._answer(self.frozen, value, self.departments[name])
        self._answer(self.frozen, 0, None)
        # A wave open now that started right after the frozen one: its respondent compares
        # with the frozen wave, whatever waves are added later.
        self.open = Campaign.objects.create(
            organisation=self.organisation,
            name="Open wave",
            opens_on=today - timedelta(days=99),
            closes_on=today + timedelta(days=30),
        )
        _response, self.respondent = make_response(self.open, uniform_answers(50))
        self.client = hr_client(self.hr)
        self.access = hr_client(self.custodian)

    def _answer(self, campaign, value, department):
        _response, token = make_response(campaign, uniform_answers(value), department=department)
        self.tokens.append(token)

    def end_the_open_wave(self):
        """The open wave closed yesterday: deleting a department is refused while a wave
        is open, whoever answered (hr/services.py, department_delete)."""
        Campaign.objects.filter(pk=self.open.pk).update(closes_on=self.today - timedelta(days=1))

    def url(self, name, campaign=None):
        return reverse(name, kwargs={"pk": (campaign or self.frozen).pk})

    # what each reader sees of the frozen wave

    def dashboard(self) -> Counter[str]:
        response = self.client.get(self.url("hr:dashboard"))
        assert response.status_code == 200
        return page_numbers(response.text)

    def csv(self) -> Counter[str]:
        return numbers(self.client.get(self.url("hr:export_csv")).content.decode("utf-8-sig"))

    def csv_rows(self) -> list[list[str]]:
        text = self.client.get(self.url("hr:export_csv")).content.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))

    def xlsx(self) -> Counter[str]:
        return xlsx_numbers(self.client.get(self.url("hr:export_xlsx")).content)

    def pdf(self) -> Counter[str]:
        # As the browser gets it: asking again while the page says it is being made.
        deadline = time.monotonic() + 60
        response = self.client.get(self.url("hr:export_pdf"))
        while response.status_code == 202 and time.monotonic() < deadline:
            time.sleep(0.2)  # the page's Refresh, sooner
            response = self.client.get(self.url("hr:export_pdf"))
        assert response.status_code == 200
        return pdf_numbers(response.content)

    def start_page_count(self) -> str:
        for entry in start_page_for_hr(self.hr, today=self.today):
            for row in entry.campaigns:
                if row.campaign.pk == self.frozen.pk:
                    return row.display_responses
        raise AssertionError("the frozen wave is not on the start page")

    def start_page(self) -> str:
        return self.client.get(reverse("hr:home")).text

    def reference(self) -> Counter[str]:
        response = Client().get(reverse("results:detail", kwargs={"token": self.respondent}))
        assert response.status_code == 200
        return page_numbers(response.text)

    def in_later_wave(self, later: Campaign) -> tuple:
        """The frozen wave's points in a later wave's trends, and its side of the
        comparison when it is that wave's previous one."""
        dashboard = campaign_dashboard(
            Campaign.objects.select_related("organisation", "aggregate_snapshot").get(pk=later.pk),
            today=self.today,
        )
        points = tuple(
            (trend.code, point.value, point.low, point.high, point.reason)
            for trend in dashboard.trends
            for point in trend.points
            if point.wave == self.frozen.name
        )
        compared = ()
        if dashboard.comparison and dashboard.comparison.previous.pk == self.frozen.pk:
            compared = tuple((c.code, str(c.previous)) for c in dashboard.comparison.changes)
        return points, compared


# --- the audit's attack, replayed through HTTP -------------------------------------------


def _organisation_row(rows: list[list[str]]) -> list[str]:
    (row,) = [r for r in rows if "Whole organisation" in r and "Responses" in r]
    return row


def test_adding_and_deleting_a_department_after_the_first_look_moves_no_figure(today):
    audit = Audit(today)
    page, rows = audit.client.get(audit.url("hr:dashboard")).text, audit.csv_rows()
    numbers_before = (audit.dashboard(), audit.csv(), audit.xlsx())
    pdf_before = audit.pdf()
    assert "18" in _organisation_row(rows)  # the response without a department is left out
    assert audit.start_page_count() == "18"

    audit.access.post(
        reverse("hr:department_create", kwargs={"organisation_pk": audit.organisation.pk}),
        {"name": "Zulu", "headcount": ""},
    )
    zulu = Department.objects.get(organisation=audit.organisation, name="Zulu")
    added = (audit.dashboard(), audit.csv(), audit.xlsx())
    assert "Zulu" not in audit.client.get(audit.url("hr:dashboard")).text
    assert _organisation_row(audit.csv_rows()) == _organisation_row(rows)
    assert audit.start_page_count() == "18"

    audit.end_the_open_wave()
    audit.access.post(reverse("hr:department_delete", kwargs={"pk": zulu.pk}))
    assert not Department.objects.filter(pk=zulu.pk).exists()
    deleted = (audit.dashboard(), audit.csv(), audit.xlsx())

    assert added == numbers_before and deleted == numbers_before
    assert audit.pdf() == pdf_before
    assert audit.client.get(audit.url("hr:dashboard")).text.count("Alpha") == page.count("Alpha")


def test_a_department_deleted_after_freezing_keeps_its_place_under_a_neutral_name(today):
    audit = Audit(today)
    before = (audit.dashboard(), audit.csv(), audit.start_page_count())
    # Bravo's respondents delete their responses; then HR may delete Bravo.
    for token in audit.tokens[6:12]:
        Client().post(reverse("results:delete", kwargs={"token": token}))
    bravo = audit.departments["Bravo"]
    audit.end_the_open_wave()
    audit.access.post(reverse("hr:department_delete", kwargs={"pk": bravo.pk}))
    assert not Department.objects.filter(pk=bravo.pk).exists()

    page = audit.client.get(audit.url("hr:dashboard")).text
    assert "Department no longer listed" in page and "Bravo" not in page
    assert (audit.dashboard(), audit.csv(), audit.start_page_count()) == before


def test_an_administrator_reopening_a_frozen_wave_moves_no_figure(client, today):
    audit = Audit(today)
    before = (audit.dashboard(), audit.start_page_count(), audit.reference())
    admin = hr_client(audit.admin)
    _admin_change(admin, audit.frozen, closes_on=(today + timedelta(days=5)).isoformat())
    audit.frozen.refresh_from_db()
    assert audit.frozen.status(today) == Campaign.OPEN
    make_response(audit.frozen, uniform_answers(100), department=audit.departments["Alpha"])

    assert (audit.dashboard(), audit.start_page_count(), audit.reference()) == before


# --- every write, in random order -----------------------------------------------------


class _Form(HTMLParser):
    """The fields of the first form with a CSRF token on a page, as a browser sends them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields.pop()
            self.fields.append((name, value + data))


def _admin_change(client: Client, obj, **changes: str) -> None:
    """Submit the object's admin change form as an administrator would, with `changes`."""
    url = reverse(f"admin:questionnaire_{obj._meta.model_name}_change", args=[obj.pk])
    form = _Form()
    form.feed(client.get(url).text)
    data: dict[str, list[str]] = {}
    for name, value in form.fields:
        data.setdefault(name, []).append(value)
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code in (200, 302)


class FrozenWave(RuleBasedStateMachine):
    departments = Bundle("departments")
    examples = itertools.count()

    def __init__(self) -> None:
        super().__init__()
        self.today = timezone.localdate()
        self.audit = Audit(self.today)
        self.admin = hr_client(self.audit.admin)
        self.waves = itertools.count()
        # The first look at the frozen wave, and at a later wave that shows it.
        self.expected = self._look()
        # The PDF takes seconds to render: it is read in the first example only, at its
        # first look and after its last step.
        self.pdf = self.audit.pdf() if next(FrozenWave.examples) == 0 else None
        self.later = [self._later_wave()]
        self.in_later_wave = self.audit.in_later_wave(self.later[0])[0]
        assert self.in_later_wave  # the later wave's trends show the frozen wave

    def _later_wave(self) -> Campaign:
        wave = Campaign.objects.create(
            organisation=self.organisation,
            name="Second wave",
            opens_on=self.today - timedelta(days=60),
            closes_on=self.today - timedelta(days=40),
        )
        for value in (25, 50, 75, 100, 50, 75, 25):
            make_response(wave, uniform_answers(value), department=self.audit.departments["Alpha"])
        return wave

    def _look(self) -> dict:
        return {
            "dashboard": self.audit.dashboard(),
            "csv": self.audit.csv(),
            "xlsx": self.audit.xlsx(),
            "start page": self.audit.start_page_count(),
            "reference": self.audit.reference(),
        }

    @property
    def custodian(self) -> Client:
        return self.audit.access

    def _send(self, url: str, data: dict[str, str] | None = None) -> None:
        """A write of the custodian's pages: done (a redirect) or refused with the form's
        message (400), never not found or an error."""
        response = self.custodian.post(url, data or {})
        assert response.status_code in (302, 400), response.status_code

    @property
    def organisation(self) -> Organisation:
        return self.audit.organisation

    # departments

    @rule(target=departments, name=st.sampled_from(NAMES), headcount=st.none() | st.integers(1, 12))
    def add_department(self, name, headcount):
        self._send(
            reverse("hr:department_create", kwargs={"organisation_pk": self.organisation.pk}),
            {"name": name, "headcount": "" if headcount is None else str(headcount)},
        )
        return Department.objects.filter(organisation=self.organisation, name=name).first()

    @rule(target=departments)
    def an_audited_department(self):
        return Department.objects.filter(organisation=self.organisation).order_by("?").first()

    @rule(
        department=departments,
        name=st.sampled_from(NAMES),
        headcount=st.none() | st.integers(0, 30),
    )
    def rename_or_change_headcount(self, department, name, headcount):
        assume(department is not None and Department.objects.filter(pk=department.pk).exists())
        self._send(
            reverse("hr:department_edit", kwargs={"pk": department.pk}),
            {"name": name, "headcount": "" if headcount is None else str(headcount)},
        )

    @rule(department=consumes(departments))
    def delete_department(self, department):
        assume(department is not None)
        self._send(reverse("hr:department_delete", kwargs={"pk": department.pk}))

    @rule(department=departments, headcount=st.integers(0, 30))
    def administrator_changes_headcount(self, department, headcount):
        assume(department is not None and Department.objects.filter(pk=department.pk).exists())
        _admin_change(
            self.admin, Department.objects.get(pk=department.pk), headcount=str(headcount)
        )

    # the organisation and the campaigns

    @rule(k=st.integers(3, 9))
    def administrator_changes_k(self, k):
        self.organisation.refresh_from_db()
        _admin_change(self.admin, self.organisation, min_group_size=str(k))

    @rule(opens=st.integers(-130, 20), days=st.integers(0, 40), reopen=st.booleans())
    def administrator_moves_the_frozen_waves_dates(self, opens, days, reopen):
        opens_on = self.today + timedelta(days=opens)
        closes_on = self.today + timedelta(days=10) if reopen else opens_on + timedelta(days=days)
        assume(closes_on >= opens_on)
        _admin_change(
            self.admin,
            Campaign.objects.get(pk=self.audit.frozen.pk),
            opens_on=opens_on.isoformat(),
            closes_on=closes_on.isoformat(),
        )

    @rule(days=st.integers(-30, 30))
    def hr_moves_the_frozen_waves_dates(self, days):
        frozen = self.audit.frozen
        self._send(
            reverse("hr:campaign_edit", kwargs={"pk": frozen.pk}),
            {
                "name": frozen.name,
                "opens_on": (frozen.opens_on + timedelta(days=days)).isoformat(),
                "closes_on": (self.today + timedelta(days=days)).isoformat(),
                "default_language": "en",
            },
        )

    @rule(
        start=st.sampled_from(["before", "after", "upcoming"]),
        answers=st.lists(st.tuples(st.sampled_from([0, 25, 50, 75, 100]), st.integers(0, 3))),
        access=st.sampled_from([Campaign.OPEN_LINK, Campaign.ACCESS_CODES]),
    )
    def new_wave(self, start, answers, access):
        """A wave created by HR, answered, and looked at once it has closed."""
        opens_on = {
            "before": self.today - timedelta(days=300),
            "after": self.today - timedelta(days=60),
            "upcoming": self.today + timedelta(days=5),
        }[start]
        name = f"Wave {_letters(next(self.waves))}"
        self._send(
            reverse("hr:campaign_create", kwargs={"organisation_pk": self.organisation.pk}),
            {
                "name": name,
                "opens_on": opens_on.isoformat(),
                "closes_on": (opens_on + timedelta(days=20)).isoformat(),
                "default_language": "en",
                "access": access,
            },
        )
        wave = Campaign.objects.get(organisation=self.organisation, name=name)
        if start == "upcoming":
            return
        departments = [None, *Department.objects.filter(organisation=self.organisation)]
        for value, index in answers:
            make_response(
                wave, uniform_answers(value), department=departments[index % len(departments)]
            )
        first_look = self.audit.client.get(reverse("hr:dashboard", kwargs={"pk": wave.pk}))
        assert first_look.status_code == 200
        if start == "after":
            self.later.append(wave)

    @rule(access=st.sampled_from([Campaign.OPEN_LINK, Campaign.ACCESS_CODES]))
    def change_access_of_an_upcoming_wave(self, access):
        wave = Campaign.objects.filter(
            organisation=self.organisation, opens_on__gt=self.today
        ).first()
        assume(wave is not None)
        self._send(
            reverse("hr:campaign_edit", kwargs={"pk": wave.pk}),
            {
                "name": wave.name,
                "opens_on": wave.opens_on.isoformat(),
                "closes_on": wave.closes_on.isoformat(),
                "default_language": "en",
                "access": access,
            },
        )

    @rule(department=departments, size=st.integers(1, 6))
    def issue_codes(self, department, size):
        assume(department is not None and Department.objects.filter(pk=department.pk).exists())
        # Over the headcount, or none given: refused, nothing issued.
        with contextlib.suppress(ValidationError):
            code_batch_create(
                campaign=self.audit.open,
                department=Department.objects.get(pk=department.pk),
                size=size,
                actor=self.audit.custodian,
                today=self.today,
            )

    # responses

    @rule(data=st.data())
    def a_respondent_deletes_their_response(self, data):
        assume(self.audit.tokens)
        token = data.draw(st.sampled_from(self.audit.tokens))
        self.audit.tokens.remove(token)
        response = Client().post(reverse("results:delete", kwargs={"token": token}))
        assert response.status_code in (302, 404)

    @rule(days=st.integers(0, 200))
    def purge(self, days):
        responses_purge(cutoff=self.today - timedelta(days=days), today=self.today, dry_run=False)

    # what must not move

    @invariant()
    def every_output_of_the_frozen_wave_is_unchanged(self):
        assert self._look() == self.expected

    @invariant()
    def later_waves_show_it_unchanged(self):
        for wave in self.later:
            assert self.audit.in_later_wave(wave)[0] == self.in_later_wave

    def teardown(self):
        if self.pdf is not None:
            assert self.audit.pdf() == self.pdf


FrozenWave.TestCase.settings = hypothesis_settings(
    max_examples=4,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def test_no_write_moves_a_number_of_a_frozen_wave():
    run_state_machine_as_test(FrozenWave, settings=FrozenWave.TestCase.settings)
