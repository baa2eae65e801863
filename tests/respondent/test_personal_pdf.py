"""The personal PDF report: content in the respondent's language, links, tagging, cache."""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import timezone, translation
from pypdf import PdfReader

from questionnaire.models import Campaign, Organisation, PersonalReport
from questionnaire.respondent.reports import personal_report_pdf, render_personal_report
from questionnaire.respondent.results import personal_results
from tests.support.results_factory import make_response, uniform_answers


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _struct_types(pdf: bytes) -> list[str]:
    """The structure types of the PDF's tag tree (/H1, /P, /Table, /TH ...), in order."""
    found: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get") and node.get("/Type") in (None, "/StructElem"):
            if "/S" in node:
                found.append(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    walk(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"]["/K"])
    return found


def _link_targets(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link"
    }


@pytest.fixture
def french(campaign_a):
    return make_response(campaign_a, language="fr")


@pytest.fixture(scope="module")
def french_download(django_db_setup, django_db_blocker):
    """The French response's PDF as the browser downloads it, rendered once for the tests
    that only read it (with the day it was answered); its rows are rolled back at once."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisation = Organisation.objects.create(name="Organisation A", min_group_size=5)
        today = timezone.localdate()
        campaign = Campaign.objects.create(
            organisation=organisation,
            name="Autumn wave",
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=7),
        )
        response, token = make_response(campaign, language="fr")
        download = Client().get(f"/r/{token}/report.pdf")
        transaction.set_rollback(True)
    return download, response.submitted_on


@pytest.fixture(scope="module")
def french_pdf(french_download) -> bytes:
    return french_download[0].content


def test_the_pdf_is_a_download_named_after_the_day(french_download):
    download, answered_on = french_download
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="supportcheck-report-{answered_on.isoformat()}.pdf"'
    )
    assert "no-store" in download["Cache-Control"] and "private" in download["Cache-Control"]
    assert download.content.startswith(b"%PDF-1.7")


def test_a_french_response_gets_a_french_report_with_its_scores(french_pdf):
    text = _text(french_pdf)
    assert "SupportCheck : votre rapport personnel" in text
    assert "Soutien par type et par source" in text
    assert "Pistes à essayer" in text
    # (the non-breaking space before ":" reads as a space once whitespace is collapsed)
    # (the sources' scores are the key message's first lines: the PDF has no table of them)
    assert "De votre responsable : rarement ou jamais (13 sur 100)" in text
    # the 4 x 3 table, one row per type and a cell per source
    assert "Soutien d'estime 63 – souvent ou toujours 0 – rarement ou jamais 38 – parfois" in text
    # the scores by type, each with how often it is needed
    assert "Soutien matériel et financier : parfois (50 sur 100) ; besoin : 75 sur 100" in text
    assert "Soutien d'estime : rarement ou jamais (33 sur 100) ; besoin : 100 sur 100" in text
    assert "personne de confiance" in text
    assert "pas un diagnostic" in text


def test_the_page_language_chooses_the_pdf_language(client, french):
    text = _text(client.get(f"/r/{french[1]}/report.pdf?lang=nl").content)
    assert "SupportCheck: je persoonlijk rapport" in text
    assert "Materiële en financiële steun: soms (50 op 100); behoefte: 75 op 100" in text


def test_an_unknown_language_falls_back_to_the_answering_language(client, french):
    text = _text(client.get(f"/r/{french[1]}/report.pdf?lang=de").content)
    assert "SupportCheck : votre rapport personnel" in text


def test_the_pdf_links_to_the_original_fiche_and_the_fiche_page(french_pdf):
    targets = _link_targets(french_pdf)
    assert settings.FICHE_URL in targets
    assert "http://testserver/fiche/" in targets
    assert {"http://testserver/fiche/#material", "http://testserver/fiche/#supervisor"} <= targets


def test_the_pdf_is_tagged_with_title_and_language(french_pdf):
    reader = PdfReader(io.BytesIO(french_pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean object)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "fr"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == "SupportCheck\u00a0: votre rapport personnel"
    # PDF/UA-1 identification in the XMP metadata
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()


def test_the_results_page_ids_stay_out_of_the_pdf(french_pdf):
    """They label the page's sections; nothing in the PDF links to them, and WeasyPrint
    would make each one a named destination. The headings still make the bookmarks."""
    reader = PdfReader(io.BytesIO(french_pdf))
    catalog = reader.trailer["/Root"]
    assert "/Dests" not in catalog
    assert "/Dests" not in catalog.get("/Names", {})
    assert "/Outlines" in catalog


def test_every_font_is_embedded(french_pdf):
    reader = PdfReader(io.BytesIO(french_pdf))
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        descriptors = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
        assert any(
            "/FontFile2" in d.get("/FontDescriptor", {})
            or "/FontFile3" in d.get("/FontDescriptor", {})
            for d in descriptors
        ), font.get("/BaseFont")


def test_the_pdf_dates_are_days_not_times(french_pdf):
    reader = PdfReader(io.BytesIO(french_pdf))
    assert re.fullmatch(r"D:\d{8}", reader.metadata["/CreationDate"])


def test_the_second_download_is_served_from_the_cache(client, french):
    response, token = french
    first = client.get(f"/r/{token}/report.pdf").content
    cached = PersonalReport.objects.get(response=response)
    assert bytes(cached.pdf) == first and cached.language == "fr"
    # Replace the stored bytes: a second rendering would not return them.
    PersonalReport.objects.filter(pk=cached.pk).update(pdf=b"%PDF-1.7 stored copy")

    second = client.get(f"/r/{token}/report.pdf").content

    assert second == b"%PDF-1.7 stored copy"
    assert PersonalReport.objects.count() == 1


def test_another_language_renders_again_and_replaces_the_copy(client, french):
    response, token = french
    client.get(f"/r/{token}/report.pdf")
    english = client.get(f"/r/{token}/report.pdf?lang=en").content
    assert "SupportCheck: your personal report" in _text(english)
    report = PersonalReport.objects.get(response=response)
    assert report.language == "en" and bytes(report.pdf) == english


def test_a_report_is_rendered_again_once_the_organisation_average_appears(client, org_a, today):
    wave = Campaign.objects.create(
        organisation=org_a, name="Wave", opens_on=today - timedelta(days=20), closes_on=today
    )
    own, token = make_response(wave, language="en")
    for value in (100, 50, 100, 50, 100, 50):
        make_response(wave, uniform_answers(value))
    before = _text(client.get(f"/r/{token}/report.pdf").content)
    assert "No average of your organisation is shown" in before

    Campaign.objects.filter(pk=wave.pk).update(closes_on=today - timedelta(days=1))

    after = _text(client.get(f"/r/{token}/report.pdf").content)
    assert "Average of your organisation" in after
    # one table sets every average beside the score: sources, types, work scales
    assert "The averages in the table below come from the survey “Wave”" in after
    assert "Supervisor 13 – rarely or never 68 – often or always" in after
    assert "Material and financial support 50 – sometimes 71 – often or always" in after
    assert "Team climate 75 – mostly good 49 – mixed" in after
    # ... and nowhere else
    assert "average of your organisation:" not in after
    assert _struct_types(client.get(f"/r/{token}/report.pdf").content).count("/Table") == 2


def test_the_renderer_works_without_a_view(campaign_a, today):
    response, _token = make_response(campaign_a, language="nl")
    with translation.override("nl"):
        results = personal_results(response, language="nl", today=today)
        pdf = render_personal_report(results, site_url="https://supportcheck.example.org/")
    assert "SupportCheck: je persoonlijk rapport" in _text(pdf)
    assert "https://supportcheck.example.org/fiche/#respecting" in _link_targets(pdf)


def test_the_key_message_points_to_the_coloured_table_of_the_pdf(campaign_a, today):
    """All twelve cells "rarely or never": three named, the nine others counted, pointing
    to what the PDF has below (a coloured table, not the page's picture)."""
    response, _token = make_response(campaign_a, uniform_answers(0), language="en")
    site = "https://supportcheck.example.org/"
    text = _text(personal_report_pdf(response=response, language="en", site_url=site, today=today))
    assert "and 9 more: see the coloured table below" in text
    assert "picture" not in text


def test_the_cache_is_kept_per_response(campaign_a, today):
    first, _ = make_response(campaign_a, language="en")
    second, _ = make_response(campaign_a, uniform_answers(100), language="en")
    site = "https://supportcheck.example.org/"
    one = personal_report_pdf(response=first, language="en", site_url=site, today=today)
    two = personal_report_pdf(response=second, language="en", site_url=site, today=today)
    assert one != two
    assert PersonalReport.objects.count() == 2


class TestPickedFirstSteps:
    """The first steps ticked on the results page go into that PDF, and nowhere else."""

    def _post(self, client, token, steps, language="en"):
        download = client.post(f"/r/{token}/report.pdf", {"step": steps, "lang": language})
        assert download.status_code == 200
        return _text(download.content)

    def test_the_picked_steps_of_weak_areas_are_listed_in_the_pdf(self, client, campaign_a):
        _response, token = make_response(campaign_a)
        text = self._post(
            client,
            token,
            # supervisor: a weak area; informational: not one (ignored); then a made-up code
            ["supervisor-lean-on-colleagues", "informational-intervision", "no-such-step"],
        )
        chosen = text[text.index("The first steps you chose") :]
        chosen = chosen[: chosen.index("Support by type and source")]
        assert chosen == (
            "The first steps you chose Build on the support you get from your colleagues: "
            "agree with one or two of them whom you can turn to for advice or a hand when you "
            "are stuck. "
        )

    def test_a_pdf_with_picks_is_never_stored_nor_shown_again(self, client, campaign_a):
        response, token = make_response(campaign_a)
        plain = client.get(f"/r/{token}/report.pdf?lang=en").content  # stored, without picks
        self._post(client, token, ["confidential-talk"])
        stored = PersonalReport.objects.get(response=response)
        assert bytes(stored.pdf) == plain
        again = _text(client.get(f"/r/{token}/report.pdf?lang=en").content)
        assert "The first steps you chose" not in again
        assert "Talk it over in confidence" in again  # the advice itself is there

    def test_picks_need_the_csrf_token_like_any_form(self, campaign_a):
        from django.test import Client

        _response, token = make_response(campaign_a)
        strict = Client(enforce_csrf_checks=True)
        assert strict.post(f"/r/{token}/report.pdf", {"step": ["x"]}).status_code == 403


def test_the_pdf_links_the_original_fiche_in_its_language(client, settings, french):
    settings.FICHE_URLS = {code: f"https://fiche.example/{code}" for code in ("nl", "fr", "en")}
    french_links = _link_targets(client.get(f"/r/{french[1]}/report.pdf").content)
    dutch_links = _link_targets(client.get(f"/r/{french[1]}/report.pdf?lang=nl").content)
    assert "https://fiche.example/fr" in french_links
    assert "https://fiche.example/nl" not in french_links
    assert "https://fiche.example/nl" in dutch_links


def test_the_4_by_3_table_follows_the_key_message_on_the_first_page(client, campaign_a):
    """The 4 x 3 picture, a table coloured by band, fits under the key message."""
    _response, token = make_response(campaign_a, language="en")
    reader = PdfReader(io.BytesIO(client.get(f"/r/{token}/report.pdf").content))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "In short Where your support comes from" in first
    assert "Where support is missing" in first
    # the table's last row: emotional support from the three sources
    assert "Emotional support 100 – often or always not enough answers 0 – rarely or never" in first
    assert len(reader.pages) <= 4


def test_the_4_by_3_picture_is_a_tagged_table_not_a_chart(client, campaign_a):
    """On paper every figure is text: the 4 x 3 picture is a table whose cells are tagged
    with their headers, read cell by cell; there is no chart, whose SVG text would cost
    WeasyPrint milliseconds each and reach a screen reader only as its title."""
    _response, token = make_response(campaign_a, language="en")
    types = _struct_types(client.get(f"/r/{token}/report.pdf").content)
    assert "/Figure" not in types
    assert types.count("/Table") == 1  # without the organisation's averages
    assert types.count("/TH") == 8 and types.count("/TD") == 12  # 3 + 1 column, 4 row headers
    assert {"/H1", "/H2", "/H3", "/L", "/LI", "/Caption"} <= set(types)


def test_the_cells_of_the_4_by_3_table_take_their_band_colour(campaign_a, today):
    from django.contrib.staticfiles import finders
    from django.template.loader import render_to_string

    from questionnaire.core.charts import BAND_FILLS, LIGHT_INK, MIN_CONTRAST, contrast_ratio

    response, _token = make_response(campaign_a, language="en")
    with translation.override("en"):
        results = personal_results(response, language="en", today=today)
        html = render_to_string("pdf/_personal_matrix.html", {"results": results})
    assert '<td class="band-low">0 – rarely or never</td>' in html
    assert '<td class="band-partial">38 – sometimes</td>' in html
    assert '<td class="band-good">100 – often or always</td>' in html
    assert '<td class="band-missing">not enough answers</td>' in html
    with open(finders.find("css/pdf_personal.css"), encoding="utf-8") as css_file:
        css = re.sub(r"\s+", " ", css_file.read())
    for band, fill in BAND_FILLS.items():
        rule = re.search(rf"\.band-{band} {{ ([^}}]*)}}", css)
        assert rule and f"background: {fill};" in rule.group(1), band
        ink = LIGHT_INK if "color: #ffffff" in rule.group(1) else "#1f2937"
        assert contrast_ratio(ink, fill) >= MIN_CONTRAST, band


def test_a_type_without_an_answered_need_says_so(client, campaign_a):
    from tests.support.results_factory import KNOWN_ANSWERS

    answers = {code: value for code, value in KNOWN_ANSWERS.items() if code != "need_mat"}
    _response, token = make_response(campaign_a, answers, language="en")
    text = _text(client.get(f"/r/{token}/report.pdf").content)
    material = "Material and financial support: sometimes (50 out of 100); need: not enough answers"
    assert material in text
    assert "Emotional support: not enough answers; need: 50 out of 100" in text
