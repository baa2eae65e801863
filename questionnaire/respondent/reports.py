"""Personal PDF reports, rendered with WeasyPrint as tagged PDF/UA-1.

`personal_report_pdf` takes a saved response and returns the PDF bytes in the asked
language. The first download renders it and keeps it in the database (PersonalReport), so
later downloads, on any app server, only read it back; it is rendered again only when
something it shows has changed (another language, the organisation's averages, the links).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from ..core.context_processors import fiche_page_url, fiche_url
from ..core.pdf import html_to_pdf
from ..core.privacy import Hidden
from ..models import SCORE_FIELDS, PersonalReport, Response
from .results import PersonalResults, personal_results

# Bump when the template or the stylesheet changes, so cached reports are rendered again.
LAYOUT_VERSION = 7
STYLESHEETS = ("css/pdf.css", "css/pdf_personal.css")

# The ids the shared templates give their headings (and the aria-labelledby that name
# them) serve the results page. In the PDF the tags give the structure and nothing links to
# an id, yet WeasyPrint makes each one a named destination, which cost as much layout time
# as a table.
PAGE_ONLY_ATTRIBUTES = re.compile(r' (?:id|aria-labelledby)="[^"]*"')


def personal_report_pdf(
    *, response: Response, language: str, site_url: str, today: date, picks: Sequence[str] = ()
) -> bytes:
    """The response's PDF report in `language`, from the cache when it is still current.

    `site_url` is the site's absolute root (for example "https://example.org/"): the PDF
    links to the app's fiche page there. `picks` are codes of first steps the respondent
    ticked: a report with picks is rendered for this download and never stored, since the
    picks belong to the respondent alone.
    """
    with translation.override(language):
        results = personal_results(response, language=language, today=today)
        if picks:
            results = results.with_picks(picks)
        if results.picked_steps:
            return render_personal_report(results, site_url=site_url)
        fingerprint = _fingerprint(results, site_url)
        cached = (
            PersonalReport.objects.filter(
                response=response, language=language, fingerprint=fingerprint
            )
            .values_list("pdf", flat=True)
            .first()
        )
        if cached is not None:
            return bytes(cached)
        pdf = render_personal_report(results, site_url=site_url)
    PersonalReport.objects.update_or_create(
        response=response,
        defaults={
            "language": language,
            "fingerprint": fingerprint,
            "pdf": pdf,
            "created_on": today,
        },
    )
    return pdf


def render_personal_report(results: PersonalResults, *, site_url: str) -> bytes:
    """Render the report of `results` (call under translation.override of its language)."""
    html = render_to_string(
        "pdf/personal_report.html",
        {
            "results": results,
            "fiche_page_url": fiche_page_url(site_url),
            "FICHE_URL": fiche_url(results.language),
            "LANGUAGE_CODE": results.language,
            "text_only": True,
        },
    )
    return html_to_pdf(
        PAGE_ONLY_ATTRIBUTES.sub("", html), stylesheets=STYLESHEETS, base_url=site_url
    )


def _fingerprint(results: PersonalResults, site_url: str) -> str:
    """A digest of everything the PDF shows, to tell whether a cached copy is current."""
    reference = results.reference
    content = {
        "layout": LAYOUT_VERSION,
        "language": results.language,
        "site": site_url,
        "fiche": fiche_url(results.language),
        "submitted_on": results.response.submitted_on.isoformat(),
        "campaign": [
            results.response.campaign.name_in(results.language),
            results.response.campaign.organisation.name,
        ],
        "scores": [getattr(results.response, field) for field in SCORE_FIELDS],
        "reference": None
        if reference is None
        else {
            "campaign": [reference.campaign.pk, reference.campaign.name],
            "own": reference.includes_own_response,
            "means": {
                field: f"hidden:{value.reason}:{value.k}" if isinstance(value, Hidden) else value
                for field, value in reference.means.items()
            },
        },
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
