"""HR's PDF export in tests: a closed wave to export, HR's client, the export's address and
the PDF's text (tests/hr/test_report_pdf_cache.py, tests/ops/test_worker_processes.py)."""

from django.conf import settings
from django.test import Client

from tests.support.aggregates_factory import add_responses, closed_campaign
from tests.support.pdf_text import pdf_pages


def closed_wave(organisation, departments, today):
    """A wave that closed yesterday, six responses in each of the first two departments."""
    care, kitchen, _office = departments
    campaign = closed_campaign(organisation, today=today)
    add_responses(campaign, care, 6, overall=60.0)
    add_responses(campaign, kitchen, 6, overall=40.0)
    return campaign


def english_client(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def pdf_url(campaign) -> str:
    return f"/hr/campaigns/{campaign.pk}/export.pdf"


def pdf_text(pdf: bytes) -> str:
    return "".join(pdf_pages(pdf))
