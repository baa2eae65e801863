"""The results page behind a private report link: numbers, bands, advice, comparison."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings

from questionnaire.models import Campaign, Response

from .results_factory import make_response, uniform_answers


def _get(client, token, language="en"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/r/{token}/")
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    """Visible text: inline tags vanish, other tags separate words."""
    html = re.sub(r"</?(strong|a|span|em)\b[^>]*>", "", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _rows(page: str, label: str) -> list[str]:
    """The text of every table row headed by `label`."""
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
    return [_text(row) for row in rows if f'<th scope="row">{label}</th>' in row]


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    end = page.find('<section class="report-section"', start)
    return page[start : end if end != -1 else len(page)]


@pytest.fixture
def known(campaign_a):
    """The response of tests/results_factory.KNOWN_ANSWERS and its token."""
    return make_response(campaign_a)


def test_type_scores_match_the_hand_computed_ones(client, known):
    page = _get(client, known[1])
    # material 50, informational 54.17, respecting 33.33, emotional 66.67 (3 of 6 answered)
    assert _rows(page, "Material support")[1] == "Material support 50 sometimes"
    assert _rows(page, "Informational support")[1] == "Informational support 54 sometimes"
    assert _rows(page, "Respecting support")[1] == "Respecting support 33 rarely or never"
    assert _rows(page, "Emotional support")[1] == "Emotional support 67 often or always"


def test_source_scores_match_the_hand_computed_ones(client, known):
    page = _get(client, known[1])
    assert _rows(page, "Colleagues")[0] == "Colleagues 81 often or always"
    # 12.5 rounds half up to 13, as its band ("rarely or never": below 37.5) agrees
    assert _rows(page, "Supervisor")[0] == "Supervisor 13 rarely or never"
    assert _rows(page, "Third parties")[0] == "Third parties 43 sometimes"


def test_the_matrix_table_shows_every_cell_and_not_enough_answers(client, known):
    page = _get(client, known[1])
    assert _rows(page, "Material support")[0] == (
        "Material support 88 – often or always 13 – rarely or never 50 – sometimes"
    )
    assert _rows(page, "Emotional support")[0] == (
        "Emotional support 100 – often or always not enough answers 0 – rarely or never"
    )


def test_the_overall_score_pressure_and_climate_are_shown_in_words(client, known):
    page = _get(client, known[1])
    summary = _text(_section(page, "summary-heading"))
    assert "you get support at work sometimes: a score of 49 out of 100" in summary
    assert _rows(page, "Work pressure") == ["Work pressure 75 often or always"]
    assert _rows(page, "Team climate") == ["Team climate 75 often or always"]


def test_strongest_and_weakest_cells_are_named_with_ties(client, known):
    summary = _text(_section(_get(client, known[1]), "summary-heading"))
    assert (
        "Where you get the most support: Emotional support – Colleagues: 100 (often or always)"
        in summary
    )
    assert (
        "Where you get the least support: Respecting support – Supervisor: 0 (rarely or never)"
        " Emotional support – Third parties: 0 (rarely or never)" in summary
    )


def test_need_gaps_per_type(client, known):
    page = _get(client, known[1])
    assert _rows(page, "Material support")[2] == (
        "Material support 75 50 25 (you need more than you get)"
    )
    assert _rows(page, "Informational support")[2] == "Informational support 50 54 -4"
    assert _rows(page, "Respecting support")[2] == (
        "Respecting support 100 33 67 (you need more than you get)"
    )
    assert _rows(page, "Emotional support")[2] == "Emotional support 50 67 -17"


def test_advice_is_given_for_the_weak_areas_only(client, known):
    advice = _section(_get(client, known[1]), "advice-heading")
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", advice)
    # respecting: low band and a large gap; material: a large gap; supervisor: low band
    assert headings == ["Material support", "Respecting support", "Supervisor"]
    text = _text(advice)
    assert "You need this more often (75) than you get it (50)." in text
    assert "Your score is 13 out of 100: you get this rarely or never." in text
    assert "ask a colleague to take over a task" in text
    assert "intervision group" not in text  # informational advice: not a weak area


def test_advice_links_to_the_fiche_page_sections_and_the_original(client, known):
    advice = _section(_get(client, known[1]), "advice-heading")
    for anchor in ("material", "respecting", "supervisor"):
        assert f'href="http://testserver/fiche/#{anchor}"' in advice
    assert advice.count(f'href="{settings.FICHE_URL}"') == 3


def test_without_weak_areas_there_is_no_advice_list(client, campaign_a):
    _response, token = make_response(campaign_a, uniform_answers(100))
    advice = _section(_get(client, token), "advice-heading")
    assert "<h3" not in advice
    assert "None of your scores is in the lowest band" in _text(advice)


def test_a_third_party_source_in_the_low_band_gets_its_own_advice(client, campaign_a):
    # Each type then scores (4 * 75 + 2 * 0) / 6 = 50, just what is needed (need 50).
    answers = (
        uniform_answers(75)
        | {code: 0 for code in uniform_answers(0) if code.startswith("thp_")}
        | {code: 50 for code in uniform_answers(0) if code.startswith("need_")}
    )
    _response, token = make_response(campaign_a, answers)
    advice = _section(_get(client, token), "advice-heading")
    assert re.findall(r"<h3[^>]*>(.*?)</h3>", advice) == ["Third parties"]
    assert 'href="http://testserver/fiche/#third-parties"' in advice


def test_the_private_link_is_shown_with_its_warning(client, known):
    page = _get(client, known[1])
    assert f'value="http://testserver/r/{known[1]}/" readonly' in page
    assert "Anyone who has this link can see your report" in page
    assert "it cannot be recovered if you lose it" in page
    # The copy button needs JavaScript, so it starts hidden (copy.js shows it).
    assert re.search(r'<button[^>]*data-copy-target="report-link"[^>]*hidden>', page)
    assert "js/copy.js" in page


def test_the_page_links_to_the_pdf_in_its_language_and_to_deletion(client, known):
    page = _get(client, known[1], language="fr")
    assert f'href="/r/{known[1]}/report.pdf?lang=fr"' in page
    assert f'href="/r/{known[1]}/delete/"' in page


def test_a_wrong_token_is_a_plain_404(client, known):
    assert client.get("/r/not-the-token/").status_code == 404
    near_miss = known[1][:-1] + ("A" if known[1][-1] != "A" else "B")
    assert client.get(f"/r/{near_miss}/").status_code == 404
    assert client.get(f"/r/{near_miss}/report.pdf").status_code == 404
    assert client.get(f"/r/{near_miss}/delete/").status_code == 404


def test_report_pages_are_neither_cached_nor_indexed(client, known):
    for url in (f"/r/{known[1]}/", f"/r/{known[1]}/delete/"):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert client.get("/").get("Referrer-Policy") == "same-origin"


def test_the_page_follows_the_visitors_language(client, known):
    page = _get(client, known[1], language="fr")
    assert '<html lang="fr">' in page
    assert _rows(page, "Soutien matériel")[1].startswith("Soutien matériel 50")


def test_the_page_in_dutch_uses_dutch_band_words_and_advice(client, known):
    page = _get(client, known[1], language="nl")
    assert "<h1>Je resultaten</h1>" in page
    assert _rows(page, "Waarderende steun")[1] == "Waarderende steun 33 zelden of nooit"
    assert _rows(page, "Emotionele steun")[0] == (
        "Emotionele steun 100 – vaak of altijd niet genoeg antwoorden 0 – zelden of nooit"
    )
    assert "Iedereen die deze link heeft, kan je rapport zien" in page
    assert "vertrouwenspersoon" in page


def test_the_report_pages_have_no_inline_styles_or_scripts(client, known):
    page = _get(client, known[1])
    assert "style=" not in page
    assert "<style" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


def _varied_others(campaign, count, values=(100, 50)):
    """Others answering every item alike, taking `values` in turn: a group in which
    everyone gave the same answer would be hidden as too alike."""
    for index in range(count):
        make_response(campaign, uniform_answers(values[index % len(values)]))


class TestOrganisationAverage:
    """Shown only with at least k (5) responses besides the respondent's own."""

    @pytest.fixture
    def closed(self, org_a, today):
        return Campaign.objects.create(
            organisation=org_a,
            name="Spring wave",
            opens_on=today - timedelta(days=60),
            closes_on=today - timedelta(days=10),
        )

    def test_it_is_shown_next_to_the_own_score_with_k_others(self, client, closed):
        _own, token = make_response(closed)
        _varied_others(closed, 6)  # 100, 50, 100, 50, 100, 50: 450 in all
        page = _get(client, token)
        # The organisation's material support is the mean of its three cells, each over
        # the own answers and the six others': (87.5 + 450) / 7, (12.5 + 450) / 7 and
        # (50 + 450) / 7 give 76.8, 66.1 and 71.4, so 71.4.
        assert _rows(page, "Material support")[1] == (
            "Material support 50 sometimes 71 (often or always)"
        )
        # supervisor: 66.1, (25 + 450) / 7 = 67.9, 450 / 7 = 64.3 and 450 / 6 = 75 (no own
        # emotional-supervisor score): 68.3
        assert _rows(page, "Supervisor")[0] == "Supervisor 13 rarely or never 68 (often or always)"
        text = _text(_section(page, "reference-heading"))
        assert "the survey “Spring wave” of your organisation" in text
        assert "Your own answers are part of them." in text
        assert "at least 5 people besides you" in text

    def test_it_is_hidden_with_the_reason_below_k_others(self, client, closed):
        _own, token = make_response(closed)
        for _ in range(4):
            make_response(closed, uniform_answers(100))
        page = _get(client, token)
        assert "Average of your organisation" not in page
        assert _rows(page, "Material support")[1] == "Material support 50 sometimes"
        text = _text(_section(page, "reference-heading"))
        assert "No average of your organisation is shown" in text
        assert "at least 5 answers besides yours" in text

    def test_an_open_campaign_shows_the_previous_closed_wave(self, client, closed, campaign_a):
        _varied_others(closed, 6, values=(0, 50))
        _own, token = make_response(campaign_a)
        page = _get(client, token)
        assert _rows(page, "Material support")[1] == (
            "Material support 50 sometimes 25 (rarely or never)"
        )
        text = _text(_section(page, "reference-heading"))
        assert "Spring wave" in text
        assert "Your own answers are part of them." not in text

    def test_a_single_hidden_scale_says_why(self, client, closed):
        _own, token = make_response(closed)
        _varied_others(closed, 6)
        # Two of the others had no material-supervisor score: 4 others remain for that
        # cell, so the supervisor's figure (the mean of its cells) is hidden too.
        others = Response.objects.filter(campaign=closed).exclude(pk=_own.pk)[:2]
        Response.objects.filter(pk__in=[r.pk for r in others]).update(material_supervisor=None)
        page = _get(client, token)
        assert _rows(page, "Supervisor")[0] == (
            "Supervisor 13 rarely or never fewer than 6 responses (5 besides one a reader may know)"
        )


@pytest.mark.parametrize("persona", [None, "hr_a", "hr_b", "outsider"])
def test_the_token_alone_decides_for_every_persona(client, known, persona, request):
    """Logged in or not, HR of the organisation or not: the right token shows the report
    and any other token is a 404 (an HR account gives no access to a person's answers)."""
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/r/{known[1]}/").status_code == 200
    assert client.get(f"/r/{known[1][::-1]}/").status_code == 404


def test_the_results_page_needs_few_queries(client, known, django_assert_max_num_queries):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_assert_max_num_queries(3):
        assert client.get(f"/r/{known[1]}/").status_code == 200


def test_a_cached_pdf_download_needs_few_queries(client, known, django_assert_max_num_queries):
    client.get(f"/r/{known[1]}/report.pdf")
    with django_assert_max_num_queries(4):
        assert client.get(f"/r/{known[1]}/report.pdf").status_code == 200


def test_equal_scores_name_no_strongest_or_weakest(client, campaign_a):
    _response, token = make_response(campaign_a, uniform_answers(50))
    summary = _text(_section(_get(client, token), "summary-heading"))
    assert "do not differ enough to name a strongest and a weakest one" in summary
    assert "Where you get the most support" not in summary


def test_high_pressure_with_little_support_is_pointed_out(client, campaign_a):
    # Support "never" (0), pressure "always" (100): the situation the fiche warns about.
    answers = uniform_answers(0) | {f"pre_{n}": 100 for n in range(1, 5)}
    _response, token = make_response(campaign_a, answers)
    work = _text(_section(_get(client, token), "work-heading"))
    assert "You often work under high pressure while getting little support" in work
    known_page = _text(_section(_get(client, make_response(campaign_a)[1]), "work-heading"))
    assert "You often work under high pressure" not in known_page
