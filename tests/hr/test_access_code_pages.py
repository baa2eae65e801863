"""HR's access-code pages: issuing a batch of codes for a department, its slips (a PDF in
the campaign's language) and its list for a mail merge (CSV), and the overview."""

import csv
import io

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from questionnaire.core import access_codes as codes
from questionnaire.models import Campaign


@pytest.fixture
def coded(campaign_a):
    campaign_a.access = Campaign.ACCESS_CODES
    campaign_a.save()
    return campaign_a


@pytest.fixture
def care(departments_a):
    return departments_a[0]  # headcount 20


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_hr_issues_codes_and_downloads_slips_and_a_list(client, custodian_a, coded, care):
    client.force_login(custodian_a)
    _english(client)
    page = client.post(
        reverse("hr:codes", kwargs={"pk": coded.pk}), {"department": care.pk, "size": "4"}
    )
    assert page.status_code == 302
    batch = coded.code_batches.get()
    printed = codes.batch_codes(batch)

    slips = client.get(reverse("hr:code_slips_pdf", kwargs={"pk": coded.pk, "batch_pk": batch.pk}))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(slips.content)).pages)
    listed = client.get(reverse("hr:code_list_csv", kwargs={"pk": coded.pk, "batch_pk": batch.pk}))
    # The campaign's language is Dutch: fields apart by ";", as Belgian Excel reads them.
    rows = list(csv.reader(io.StringIO(listed.content.decode("utf-8-sig")), delimiter=";"))

    assert all(code in text for code in printed)
    assert "Hoeveel steun krijg je op het werk?" in text  # the campaign's language: Dutch
    assert [row[1] for row in rows[1:]] == printed
    assert rows[1][2].endswith(f"/s/{coded.public_id}/?code={printed[0]}")
    overview = client.get(reverse("hr:codes", kwargs={"pk": coded.pk})).text
    assert "4 codes for Care" in overview
