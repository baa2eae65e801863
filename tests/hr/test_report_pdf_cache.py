"""HR's PDF export: rendered by a task off the request, never twice at once, kept per
closed campaign and language, and rendered again only when what it shows changes.

The tests' task backend runs a task when it is enqueued; the tests that need it waiting
put it on the database queue (tests/support/task_queue.py). Several worker processes at
once, and one killed midway: tests/ops/test_worker_processes.py. Transactional: the
rendering's row lock is tried from another connection, as another worker would.
"""

import io
import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import translation
from pypdf import PdfReader

from questionnaire.hr.exports import kept_pdf
from questionnaire.models import ExportCache
from questionnaire.ops.retention import campaign_delete
from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.hr_pdf import closed_wave, english_client, pdf_text, pdf_url
from tests.support.task_queue import on_the_queue, run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=True)
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="rows are locked on PostgreSQL only"
)


@pytest.fixture
def closed(org_a, departments_a, today):
    return closed_wave(org_a, departments_a, today)


@pytest.fixture
def hr(hr_a):
    return english_client(hr_a)


_url = pdf_url


def _pdf(client, campaign) -> bytes:
    """The PDF as the browser gets it: asking again while the page says it is being made."""
    deadline = time.monotonic() + 60
    response = client.get(_url(campaign))
    while response.status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.2)  # the page's Refresh, sooner
        response = client.get(_url(campaign))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return response.content


_text = pdf_text


def test_a_closed_campaigns_pdf_is_kept_and_served_again(hr, closed):
    first = _pdf(hr, closed)
    (kept,) = ExportCache.objects.all()
    assert bytes(kept.pdf) == first
    assert (kept.snapshot.campaign, kept.taken_on, kept.language) == (
        closed,
        kept.snapshot.taken_on,
        "en",
    )
    # What is served now is what is kept, not a new rendering.
    ExportCache.objects.update(pdf=b"%PDF-1.7 kept")
    assert _pdf(hr, closed) == b"%PDF-1.7 kept"


def test_a_report_not_ready_in_time_gets_a_page_that_asks_again(hr, closed, monkeypatch):
    monkeypatch.setattr(kept_pdf, "WAIT_FOR_RENDERING", 0)
    with on_the_queue():
        waiting = hr.get(_url(closed))

    assert waiting.status_code == 202
    assert waiting["Refresh"] == "3" and waiting["Retry-After"] == "3"
    assert "no-store" in waiting["Cache-Control"]
    page = waiting.content.decode()
    assert "<h1>The PDF is being prepared</h1>" in page
    assert f'href="{_url(closed)}"' in page
    hr.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    with on_the_queue():
        assert "<h1>Le PDF est en préparation</h1>" in hr.get(_url(closed)).content.decode()
        hr.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert hr.get(_url(closed)).status_code == 202  # asked again: not enqueued again
        run_queued_tasks()  # a worker: one task per language asked for
    assert sorted(ExportCache.objects.values_list("language", "renderings")) == [
        ("en", 1),
        ("fr", 1),
    ]
    assert _text(_pdf(hr, closed)).startswith("SupportCheck")


def test_a_failed_rendering_is_never_served_as_the_pdf(hr, closed, monkeypatch):
    # On SQLite the request renders the report itself; a rendering that failed (logged,
    # nothing kept) used to be served as a 200 "PDF" of four bytes, b"None".
    def fail(html, *, site_url):
        raise RuntimeError("WeasyPrint failed")

    monkeypatch.setattr(kept_pdf.pdf_report, "pdf_from_html", fail)
    response = hr.get(_url(closed))

    assert response.status_code == 202
    assert "<h1>The PDF is being prepared</h1>" in response.content.decode()
    assert not ExportCache.objects.exclude(fingerprint="").exists()
    monkeypatch.undo()
    assert _text(_pdf(hr, closed)).startswith("SupportCheck")  # the next request renders it


def test_each_language_is_kept_apart(hr, closed):
    english = _pdf(hr, closed)
    hr.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = _pdf(hr, closed)
    assert sorted(ExportCache.objects.values_list("language", flat=True)) == ["en", "fr"]
    assert "Response rate" in _text(english)
    assert "Response rate" not in _text(french)


def test_a_change_the_report_shows_renders_it_again(hr, closed, departments_a):
    _pdf(hr, closed)
    ExportCache.objects.update(pdf=b"%PDF-1.7 stale")
    departments_a[0].name = "Intensive care"
    departments_a[0].save()

    fresh = _pdf(hr, closed)

    assert fresh != b"%PDF-1.7 stale"
    assert "Intensive care" in _text(fresh)
    assert ExportCache.objects.count() == 1


@pytest.fixture
def earlier(org_a, departments_a, today):
    """A wave that closed before `closed` opened: the report compares with it."""
    care, kitchen, _office = departments_a
    campaign = closed_campaign(org_a, today=today, name="Winter wave", closed_days_ago=40)
    add_responses(campaign, care, 6, overall=50.0)
    add_responses(campaign, kitchen, 6, overall=50.0)
    return campaign


def _rename_earlier_wave(earlier, **_):
    earlier.name = "Autumn wave"
    earlier.save()
    return "Autumn wave"


def _translate_department(departments_a, **_):
    departments_a[0].name_translations = {"en": "Ward care"}
    departments_a[0].save()
    return "Ward care"


def _rename_organisation(org_a, **_):
    org_a.name = "Hospice Zuid"
    org_a.save()
    return "Hospice Zuid"


def test_a_change_of_what_the_report_is_made_from_renders_it_again(
    hr, closed, earlier, departments_a, org_a
):
    """The kept PDF is found from the rows the report reads, without building it: each
    of those rows, changed, makes a new report. One change after the other, each against
    the report kept after the one before (a missed input would serve that one)."""
    text = _text(_pdf(hr, closed))
    for change in (_rename_earlier_wave, _translate_department, _rename_organisation):
        shown = change(earlier=earlier, departments_a=departments_a, org_a=org_a)
        assert shown not in text, change.__name__

        text = _text(_pdf(hr, closed))

        assert shown in text, change.__name__


def test_a_later_wave_leaves_the_kept_pdf_as_it_is(hr, closed, org_a, today):
    """A wave that opens after this one closed is not in this report: it keeps its PDF."""
    kept = _pdf(hr, closed)
    ExportCache.objects.update(pdf=b"%PDF-1.7 as kept")
    later = closed_campaign(org_a, today=today, name="Later wave", closed_days_ago=0)
    later.opens_on = closed.closes_on + timedelta(days=1)
    later.save()

    assert kept.startswith(b"%PDF-")
    assert _pdf(hr, closed) == b"%PDF-1.7 as kept"


def test_a_kept_pdf_is_served_with_a_fixed_number_of_queries(
    hr, closed, django_assert_max_num_queries
):
    _pdf(hr, closed)
    # session, user, campaign; the organisation, its departments, the campaigns the report
    # reads and their actions (the fingerprint); the kept PDF. The dashboard is not built.
    with django_assert_max_num_queries(8):
        _pdf(hr, closed)


def test_an_open_campaigns_pdf_is_not_kept(hr, campaign_a, departments_a):
    add_responses(campaign_a, departments_a[0], 6)
    _pdf(hr, campaign_a)
    assert ExportCache.objects.count() == 0


def test_deleting_the_campaign_deletes_its_kept_pdfs(hr, closed):
    _pdf(hr, closed)
    campaign_delete(campaign=closed)
    assert ExportCache.objects.count() == 0


def _waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else fixed for the transaction
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


@ON_POSTGRESQL
def test_the_same_export_is_never_rendered_twice_at_once(hr, closed):
    """A rendering task finds the export's row locked by another one (a worker rendering
    it, here another connection), waits for it, and finds the PDF kept: nothing is
    rendered twice."""
    _pdf(hr, closed)
    row = ExportCache.objects.get()
    ExportCache.objects.filter(pk=row.pk).update(fingerprint="", pdf=b"")  # to render again
    with translation.override("en"):
        fingerprint = kept_pdf.inputs_fingerprint(closed, site_url=settings.SITE_URL)
    outcomes, seen_meanwhile = [], []

    def second_rendering():
        outcomes.append(kept_pdf.render_kept_pdf.call(closed.pk, "en", settings.SITE_URL))
        connection.close()

    def first_rendering():  # holds the row until the second waits for it, then keeps a PDF
        with transaction.atomic():
            ExportCache.objects.select_for_update().get(pk=row.pk)
            second.start()
            deadline = time.monotonic() + 120
            while not (waited := _waiting_for_a_lock()) and time.monotonic() < deadline:
                time.sleep(0.05)
            seen_meanwhile.append((waited, bytes(ExportCache.objects.get().pdf)))
            ExportCache.objects.filter(pk=row.pk).update(fingerprint=fingerprint, pdf=b"%PDF-1")
        connection.close()

    second = threading.Thread(target=second_rendering)
    first = threading.Thread(target=first_rendering)
    first.start()
    first.join()
    second.join()

    assert seen_meanwhile == [(True, b"")]  # the second waited: nothing rendered meanwhile
    assert outcomes == [kept_pdf.KEPT_ALREADY]
    assert ExportCache.objects.get().renderings == 1  # the first download's only
    assert _pdf(hr, closed) == b"%PDF-1"


def test_alternating_host_headers_serve_the_kept_pdf_without_rendering_it_again(hr, closed):
    _pdf(hr, closed)
    (kept,) = ExportCache.objects.all()
    ExportCache.objects.update(pdf=b"%PDF-1.7 kept")  # a new rendering would replace it

    for host in ("localhost", "127.0.0.1", "[::1]", "localhost", "127.0.0.1"):
        assert hr.get(_url(closed), HTTP_HOST=host).content == b"%PDF-1.7 kept"

    assert ExportCache.objects.get().fingerprint == kept.fingerprint
    assert bytes(ExportCache.objects.get().pdf) == b"%PDF-1.7 kept"


def test_the_pdf_links_to_the_configured_site_address_whatever_the_host(hr, closed):
    pdf = PdfReader(io.BytesIO(_pdf(hr, closed)))
    targets = {
        annotation.get_object()["/A"].get("/URI")
        for page in pdf.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert f"{settings.SITE_URL}fiche/" in targets
    assert not any(str(target).startswith("http://testserver") for target in targets)
