"""The one WeasyPrint path: HTML laid out as tagged PDF/UA-1, styled by the app's
stylesheets (static files, found with django.contrib.staticfiles' finders).

`html_to_pdf` takes a document already rendered: the personal report
(respondent/reports.py) and HR's campaign report (hr/exports/pdf_report.py) render their
HTML first. `render_pdf` renders a template and passes it on: the poster and the code
slips (hr/poster.py). The templates are self-contained (inline SVG, the stylesheets passed
here): allowing only data: URLs means rendering never reaches out to the network or the
disk.

Two things around WeasyPrint make every PDF cheaper without changing a byte of what it
lays out (bench/bench_report_pdf.py measures HR's report; docs/architecture.md, "PDFs"):

- fewer garbage collections while it renders (gc_pace.fewer_collections): a rendering
  allocates hundreds of thousands of boxes, styles and PDF objects that live until it
  ends, and Python's default thresholds (a young-generation collection every 700
  allocations) walked them again and again;
- the HTML parser's cache of regular expressions (`_mend_tinyhtml5_cache`): tinyhtml5
  2.1.0 stores each compiled expression under the wrong key, so every run of text was
  compiled again, which about doubled the time HR's report took to parse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .gc_pace import fewer_collections


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

    _mend_tinyhtml5_cache()
    with fewer_collections():
        document = HTML(
            string=html, base_url=base_url, url_fetcher=URLFetcher(allowed_protocols=["data"])
        )
        return document.write_pdf(
            stylesheets=[_stylesheet(name) for name in stylesheets], pdf_variant="pdf/ua-1"
        )


class _UntilRegexes(dict):
    """tinyhtml5's cache of the expressions that find a run of characters, keyed as its
    lookup asks: (characters, opposite). Its own store rebinds `characters` to the
    compiled expression before making the key, so its lookups never hit; here a missing
    key is compiled as tinyhtml5 does (inputstream.chars_until) and kept under the key
    asked for."""

    def __missing__(self, key: tuple[Any, bool]) -> re.Pattern[str]:
        characters, opposite = key
        pattern = "".join(f"\\x{ord(character):02x}" for character in characters)
        if not opposite:
            pattern = f"^{pattern}"
        compiled = self[key] = re.compile(f"[{pattern}]+")
        return compiled


@cache
def _mend_tinyhtml5_cache() -> None:
    from tinyhtml5 import inputstream

    if type(getattr(inputstream, "characters_until_regex", None)) is dict:
        inputstream.characters_until_regex = _UntilRegexes(inputstream.characters_until_regex)


@cache
def _stylesheet(name: str) -> Any:
    """A static stylesheet (e.g. "css/pdf.css"), parsed once per process."""
    from weasyprint import CSS

    path = finders.find(name)
    if not isinstance(path, str):
        raise FileNotFoundError(f"no static file {name!r}")
    with open(path, encoding="utf-8") as css_file:
        return CSS(string=css_file.read())
