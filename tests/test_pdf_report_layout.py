"""The PDF export reads as a management report: the key findings on page 1, the figures
within six pages for a campaign of eight departments, the answers as an appendix with one
row per question, headers never hyphenated, and every department shown at any size."""

import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from questionnaire.aggregates import campaign_dashboard
from questionnaire.hr import report
from questionnaire.instrument import instrument
from questionnaire.models import Department

from .aggregates_factory import add_responses, closed_campaign


def _pages(pdf: bytes) -> list[str]:
    """Each page's text, French no-break spaces read as spaces."""
    return [_spaced(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _spaced(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _campaign(org, today, departments: int):
    previous = closed_campaign(org, today=today, name="Autumn", closed_days_ago=90)
    campaign = closed_campaign(org, today=today)
    items = [item.code for item in instrument(campaign.instrument_version).items]
    for number in range(departments):
        department = Department.objects.create(
            organisation=org, name=f"Department number {number}", headcount=30
        )
        for wave, shift in ((previous, 0.0), (campaign, 10.0)):
            for value, answer in ((30.0, 25), (70.0, 75)):
                add_responses(
                    wave,
                    department,
                    6,
                    overall=value + shift,
                    pressure=100 - value,
                    answers=dict.fromkeys(items, answer),
                )
    return campaign


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_a_typical_report_has_its_figures_within_six_pages(org_a, today, language):
    campaign = _campaign(org_a, today, 8)
    with translation.override(language):
        dashboard = campaign_dashboard(campaign, today=today)
        pages = _pages(report.dashboard_pdf(dashboard))
    numbers = {
        "en": "Appendix: the charts' numbers",
        "nl": "Bijlage: de cijfers van de grafieken",
        "fr": "Annexe : les chiffres des graphiques",
    }
    appendix = {
        "en": "Appendix: answers per question",
        "nl": "Bijlage: antwoorden per vraag",
        "fr": "Annexe : réponses par question",
    }
    first_of_numbers = next(n for n, text in enumerate(pages) if numbers[language] in text)
    first_of_appendix = next(n for n, text in enumerate(pages) if appendix[language] in text)
    # The report's figures end within six pages; then the charts' numbers, then the answers.
    assert first_of_numbers <= 6 < first_of_appendix
    findings = {
        "en": "Key findings",
        "nl": "Belangrijkste bevindingen",
        "fr": "Constats principaux",
    }
    assert findings[language] in pages[0]
    # One row per question: each question's text once in the appendix.
    questions = [_spaced(item.text) for item in dashboard.distributions]
    appendix_text = " ".join(" ".join(pages[first_of_appendix:]).split())
    assert len(questions) > 30
    assert all(appendix_text.count(text) == 1 for text in questions[:5])
    # No word of a header cut by a hyphen at a line's end.
    assert not re.search(r"[a-zé]-\n[a-zé]", "\n".join(pages[:first_of_appendix]))


def test_every_department_is_in_a_large_report(org_a, today):
    campaign = _campaign(org_a, today, 45)
    with translation.override("en"):
        dashboard = campaign_dashboard(campaign, today=today)
        text = " ".join(" ".join(_pages(report.dashboard_pdf(dashboard))).split())
    for number in range(45):
        # In the participation, department and pressure tables alike.
        assert text.count(f"Department number {number} ") >= 3
    assert "(part 2 of 2)" in text
