"""The invitation poster of a campaign (QR code, link, dates, a short invitation), and the
slips and list of its access codes.

The poster is written in the campaign's default language whatever the HR user's language,
because it hangs on a wall for the employees; HR can also print it in the other languages
(a bilingual workplace hangs two), each with the campaign's name in that language. The
page and the PDF render the same template fragment.
"""

import csv
import io
from io import BytesIO
from urllib.parse import urlencode

import segno
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..core.access_codes import batch_codes
from ..core.instrument import LANGUAGES
from ..core.pdf import render_pdf
from ..models import AccessCodeBatch, Campaign
from .exports import csv_delimiter, spreadsheet_cell

POSTER_STYLESHEETS = ("css/poster_pdf.css",)
SLIPS_STYLESHEETS = ("css/code_slips_pdf.css",)


def public_path(campaign: Campaign) -> str:
    """The path of the campaign's questionnaire, as printed on the poster."""
    return f"/s/{campaign.public_id}/"


def qr_svg(url: str) -> SafeString:
    """The QR code of `url` as an SVG element without size, so CSS can make it large.

    Error correction level M survives a poster's creases and smudges.
    """
    buffer = BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=10, xmldecl=False, svgns=True, omitsize=True, nl=False
    )
    return mark_safe(buffer.getvalue().decode("utf-8"))  # noqa: S308 (segno's own markup)  # nosec B308 B703


def poster_language(campaign: Campaign, asked: str | None) -> str:
    """The asked language when it is one of ours, else the campaign's default language."""
    return asked if asked in LANGUAGES else campaign.default_language


def poster_fragment(campaign: Campaign, *, url: str, language: str) -> SafeString:
    """The poster's content in `language`."""
    with translation.override(language):
        return render_to_string(
            "hr/_poster.html",
            {"campaign": campaign, "url": url, "qr": qr_svg(url), "poster_language": language},
        )


def poster_pdf(campaign: Campaign, *, url: str, language: str) -> bytes:
    """The poster in `language` as a tagged PDF/UA-1 on one A4 page."""
    with translation.override(language):
        return render_pdf(
            "hr/poster_pdf.html",
            {"campaign": campaign, "poster": poster_fragment(campaign, url=url, language=language)},
            stylesheets=POSTER_STYLESHEETS,
            base_url=url,
        )


# --- access code slips ---------------------------------------------------------------------


def code_url(url: str, code: str) -> str:
    """The questionnaire's address with the code filled in (the respondent still sends it)."""
    return f"{url}?{urlencode({'code': code})}"


def code_slips_pdf(batch: AccessCodeBatch, *, url: str) -> bytes:
    """A tagged PDF with one slip per code (eight to an A4 page, to cut apart), in the
    campaign's default language: the code, its QR code and the questionnaire's address."""
    campaign = batch.campaign
    slips = [(code, qr_svg(code_url(url, code))) for code in batch_codes(batch)]
    with translation.override(campaign.default_language):
        return render_pdf(
            "hr/code_slips_pdf.html",
            {"campaign": campaign, "batch": batch, "slips": slips, "url": url},
            stylesheets=SLIPS_STYLESHEETS,
            base_url=url,
        )


def code_list_csv(batch: AccessCodeBatch, *, url: str) -> bytes:
    """The batch's codes for a mail merge: department, code, and the link with the code.

    Written in the campaign's default language, the respondents' (the headings and the
    department's name go into their messages), with that language's field separator:
    ";" in Dutch and French, which Belgian Excel reads as columns, "," in English."""
    language = batch.campaign.default_language
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter(language))
    with translation.override(language):
        writer.writerow([_("Department"), _("Access code"), _("Link")])
    department = spreadsheet_cell(batch.department.name_in(language))
    for code in batch_codes(batch):
        writer.writerow([department, code, code_url(url, code)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
