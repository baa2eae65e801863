"""HR's PDF export is rendered once per closed campaign and language, kept, rendered again
only when what it shows changes, and never rendered twice at the same time."""

import io
import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from pypdf import PdfReader

from questionnaire.models import ExportCache
from questionnaire.retention import campaign_delete

from .aggregates_factory import add_responses, closed_campaign


@pytest.fixture
def closed(org_a, departments_a, today):
    care, kitchen, _office = departments_a
    campaign = closed_campaign(org_a, today=today)
    add_responses(campaign, care, 6, overall=60.0)
    add_responses(campaign, kitchen, 6, overall=40.0)
    return campaign


@pytest.fixture
def hr(hr_a):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(hr_a)
    return client


def _pdf(client, campaign):
    response = client.get(f"/hr/campaigns/{campaign.pk}/export.pdf")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


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


def test_each_language_is_kept_apart(hr, closed):
    english = _pdf(hr, closed)
    hr.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = _pdf(hr, closed)
    assert sorted(ExportCache.objects.values_list("language", flat=True)) == ["en", "fr"]
    assert "Response rate (%)" in _text(english)
    assert "Response rate (%)" not in _text(french)


def test_a_change_the_report_shows_renders_it_again(hr, closed, departments_a):
    _pdf(hr, closed)
    ExportCache.objects.update(pdf=b"%PDF-1.7 stale")
    departments_a[0].name = "Intensive care"
    departments_a[0].save()

    fresh = _pdf(hr, closed)

    assert fresh != b"%PDF-1.7 stale"
    assert "Intensive care" in _text(fresh)
    assert ExportCache.objects.count() == 1


def test_an_open_campaigns_pdf_is_not_kept(hr, campaign_a, departments_a):
    add_responses(campaign_a, departments_a[0], 6)
    _pdf(hr, campaign_a)
    assert ExportCache.objects.count() == 0


def test_deleting_the_campaign_deletes_its_kept_pdfs(hr, closed):
    _pdf(hr, closed)
    campaign_delete(campaign=closed)
    assert ExportCache.objects.count() == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="rows are locked on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_while_one_request_renders_another_gets_a_page_that_asks_again(hr, closed):
    _pdf(hr, closed)
    rendering, release = threading.Event(), threading.Event()
    row = ExportCache.objects.get()
    ExportCache.objects.filter(pk=row.pk).update(fingerprint="")  # needs a new rendering

    def hold_the_lock():  # as a request rendering the PDF does
        with transaction.atomic():
            ExportCache.objects.select_for_update().get(pk=row.pk)
            rendering.set()
            release.wait(30)
        connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert rendering.wait(10)
        started = time.monotonic()
        waiting = hr.get(f"/hr/campaigns/{closed.pk}/export.pdf")
        elapsed = time.monotonic() - started
    finally:
        release.set()
        holder.join()

    assert waiting.status_code == 202
    assert elapsed < 2  # answered at once, not after the other rendering
    assert waiting["Refresh"] == "3"
    assert "no-store" in waiting["Cache-Control"]
    assert "<h1>The PDF is being prepared</h1>" in waiting.content.decode()
    # Once the other request is done, the page's next try gets the PDF.
    assert _pdf(hr, closed).startswith(b"%PDF-")
