"""The one WeasyPrint path: HTML laid out as tagged PDF/UA-1, styled by the app's
stylesheets (static files, found with django.contrib.staticfiles' finders).

`html_to_pdf` takes a document already rendered: the personal report
(respondent/reports.py) and HR's campaign report (hr/exports/pdf_report.py) render their
HTML first. `render_pdf` renders a template and passes it on: the poster and the code
slips (hr/poster.py). The templates are self-contained (inline SVG, the stylesheets passed
here): allowing only data: URLs means rendering never reaches out to the network or the
disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def render_pdf(
    template: str, context: dict[str, Any], *, stylesheets: Sequence[str], base_url: str
) -> bytes:
    """`template` rendered with `context` (in the active language), as a PDF."""
    return html_to_pdf(
        render_to_string(template, context), stylesheets=stylesheets, base_url=base_url
    )


def html_to_pdf(html: str, *, stylesheets: Sequence[str], base_url: str) -> bytes:
    """An HTML document already rendered as a PDF (HR's report renders its HTML in the
    request, where the database is, and lays it out in a rendering thread; the personal
    report leaves out the results page's ids)."""
    from weasyprint import HTML  # a heavy import, only needed where PDFs are made
    from weasyprint.urls import URLFetcher

    document = HTML(
        string=html, base_url=base_url, url_fetcher=URLFetcher(allowed_protocols=["data"])
    )
    return document.write_pdf(
        stylesheets=[_stylesheet(name) for name in stylesheets], pdf_variant="pdf/ua-1"
    )


@cache
def _stylesheet(name: str) -> Any:
    """A static stylesheet (e.g. "css/pdf.css"), parsed once per process."""
    from weasyprint import CSS

    path = finders.find(name)
    if not isinstance(path, str):
        raise FileNotFoundError(f"no static file {name!r}")
    with open(path, encoding="utf-8") as css_file:
        return CSS(string=css_file.read())
