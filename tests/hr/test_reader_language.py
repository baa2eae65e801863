"""Every HR page and export names campaigns and departments in the reader's language.

An organisation names its campaigns and departments in Dutch, French and English, with a
different word in each language. A reader and an access custodian walk every HR page,
and the reader downloads every export (CSV, XLSX, PDF), in nl, fr and en: each must show
the names of its own language and none of another's, the spreadsheet's tabs and the CSV's
table column included, and the file names are the slug of the name the reader reads.
What is made for respondents (the poster, the code slips and the codes list) speaks the
language it is made in, the same way.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from questionnaire.core.access_codes import code_batch_create
from questionnaire.hr import exports
from questionnaire.models import Campaign, Department, HRMembership, Organisation
from tests.support.aggregates_factory import add_responses
from tests.support.downloads import fetched
from tests.support.pdf_text import pdf_pages

LANGUAGES = ("nl", "fr", "en")

# Each name in nl, fr, en: no word of one is part of another's.
DEPARTMENTS = [
    ("Jeugdhulp", "Aide à la jeunesse", "Youth care"),
    ("Keuken", "Cuisine", "Kitchen"),
    ("Onthaal", "Réception", "Front desk"),
]
CAMPAIGNS = [
    ("Eerste bevraging", "Première enquête", "First survey", 120),
    ("Tweede bevraging", "Deuxième enquête", "Second survey", 1),
    ("Derde bevraging", "Troisième enquête", "Third survey", None),  # open, on codes
]


def _names(triple) -> dict[str, str]:
    return dict(zip(LANGUAGES, triple, strict=True))


@pytest.fixture
def trilingual(db, today):
    """The organisation, its reader and custodian (never both: the open wave uses codes),
    two closed waves with every department shown, an open one with a batch of codes, and
    audit events naming a department and a campaign."""
    organisation = Organisation.objects.create(name="Zorggroep Zuid", min_group_size=5)
    departments = [
        Department.objects.create(
            organisation=organisation, name=nl, name_translations=_names((nl, fr, en)),
            headcount=12,
        )
        for nl, fr, en in DEPARTMENTS
    ]  # fmt: skip
    campaigns = []
    for nl, fr, en, closed_days_ago in CAMPAIGNS:
        if closed_days_ago is None:
            opens, closes = today - timedelta(days=3), today + timedelta(days=10)
        else:
            closes = today - timedelta(days=closed_days_ago)
            opens = closes - timedelta(days=14)
        campaign = Campaign.objects.create(
            organisation=organisation,
            name=nl,
            name_translations=_names((nl, fr, en)),
            opens_on=opens,
            closes_on=closes,
            access=Campaign.ACCESS_CODES if closed_days_ago is None else Campaign.OPEN_LINK,
        )
        if closed_days_ago is not None:
            for place, department in enumerate(departments):
                add_responses(campaign, department, 6, overall=40.0 + 10 * place)
        campaigns.append(campaign)
    reader = get_user_model().objects.create_user("rita")
    custodian = get_user_model().objects.create_user("cas")
    HRMembership.objects.create(user=reader, organisation=organisation, role=HRMembership.READER)
    HRMembership.objects.create(
        user=custodian, organisation=organisation, role=HRMembership.CUSTODIAN
    )
    batch = code_batch_create(
        campaign=campaigns[2], department=departments[0], size=3, actor=custodian, today=today
    )
    return organisation, departments, campaigns, reader, custodian, batch


def _foreign_names(language: str) -> list[str]:
    others = [index for index, code in enumerate(LANGUAGES) if code != language]
    return [triple[i] for triple in (*DEPARTMENTS, *CAMPAIGNS) for i in others]


def _own_names(language: str) -> list[str]:
    index = LANGUAGES.index(language)
    return [triple[index] for triple in (*DEPARTMENTS, *CAMPAIGNS)]


def _client(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(text.split()) for text in pdf_pages(content))


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    cells = [
        str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value
    ]
    return "\n".join([*book.sheetnames, *cells])


def _text(response) -> str:
    kind = response["Content-Type"]
    if kind.startswith("application/pdf"):
        return _pdf_text(response.content)
    if kind.startswith("application/vnd.openxmlformats"):
        return _xlsx_text(response.content)
    return response.content.decode("utf-8-sig")


def _reader_urls(organisation, campaigns) -> list[str]:
    urls = [reverse("hr:home"), reverse("hr:audit_log", args=[organisation.pk])]
    for campaign in campaigns:
        urls.append(reverse("hr:dashboard", args=[campaign.pk]))
    for campaign in campaigns[:2]:  # the closed waves: the open one offers no download
        for name in ("hr:export_csv", "hr:export_xlsx", "hr:export_pdf"):
            urls.append(reverse(name, args=[campaign.pk]))
    return urls


def _custodian_urls(organisation, departments, campaigns, language) -> list[str]:
    urls = [
        reverse("hr:home"),
        reverse("hr:departments", args=[organisation.pk]),
        reverse("hr:department_delete", args=[departments[0].pk]),
        reverse("hr:campaign_create", args=[organisation.pk]),
    ]
    for campaign in campaigns:
        urls.append(reverse("hr:campaign_access", args=[campaign.pk]))
        # The poster hangs for employees in the language chosen: here the reader's.
        urls.append(reverse("hr:poster", args=[campaign.pk]) + f"?lang={language}")
        urls.append(reverse("hr:poster_pdf", args=[campaign.pk]) + f"?lang={language}")
    urls.append(reverse("hr:codes", args=[campaigns[2].pk]))
    return urls


def _assert_in_language(text: str, language: str, url: str) -> None:
    foreign = [name for name in _foreign_names(language) if name in text]
    assert not foreign, f"{url} in {language} names {foreign}"


# The PDF of a closed wave is made by a thread with its own connection: it must see the rows.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_and_export_names_things_in_the_readers_language(client, trilingual, language):
    """Also the exports' file names: the slug of the name the reader reads (checked on the
    downloads of the walk, as the PDF takes seconds to make)."""
    organisation, departments, campaigns, reader, custodian, _batch = trilingual
    # Give the log a sentence that names a department and one that names a campaign.
    _client(client, custodian, language).post(
        reverse("hr:department_edit", args=[departments[1].pk]),
        {"name": "Keuken", "name_fr": "Cuisine", "name_en": "Kitchen", "headcount": "14"},
    )
    seen = ""
    downloads = {}
    for user, urls in (
        (reader, _reader_urls(organisation, campaigns)),
        (custodian, _custodian_urls(organisation, departments, campaigns, language)),
    ):
        _client(client, user, language)
        for url in urls:
            response = fetched(client, url)
            assert response.status_code == 200, url
            text = _text(response)
            _assert_in_language(text, language, url)
            seen += text
            downloads.setdefault(url, response)
    # Not vacuous: every name of this language was shown somewhere.
    assert all(name in seen for name in _own_names(language))
    slug = {"nl": "tweede-bevraging", "fr": "deuxieme-enquete", "en": "second-survey"}[language]
    for name in ("hr:export_csv", "hr:export_xlsx", "hr:export_pdf"):
        response = downloads[reverse(name, args=[campaigns[1].pk])]
        assert f'filename="supportcheck-{slug}-' in response["Content-Disposition"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_spreadsheet_tabs_and_the_csv_table_column_are_in_the_readers_language(
    client, trilingual, language
):
    _organisation, _departments, campaigns, reader, _custodian, _batch = trilingual
    _client(client, reader, language)
    book = load_workbook(
        io.BytesIO(client.get(reverse("hr:export_xlsx", args=[campaigns[1].pk])).content)
    )
    tabs = {
        "nl": ["Over deze cijfers", "Deelname", "Alle cijfers"],
        "fr": ["À propos de ces chiffres", "Participation", "Tous les chiffres"],
        "en": ["About these figures", "Participation", "All figures"],
    }[language]
    assert [book.sheetnames[0], book.sheetnames[1], book.sheetnames[-1]] == tabs
    text = client.get(reverse("hr:export_csv", args=[campaigns[1].pk])).content
    delimiter = exports.csv_delimiter(language)
    header, *rows = csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=delimiter)
    participation = {"nl": "Deelname per groep", "fr": "Participation par groupe"}
    # The code stays the same in every language, in its own column; the name beside it.
    assert {row[1] for row in rows if row[0] == "participation"} == {
        participation.get(language, "Participation by group")
    }
    assert header[0] != header[1]


@pytest.mark.parametrize(("language", "delimiter"), [("nl", ";"), ("fr", ";"), ("en", ",")])
def test_the_codes_list_opens_in_columns_in_the_campaigns_language(
    client, trilingual, language, delimiter
):
    """Belgian Excel (Dutch and French) splits a CSV on ";", English Excel on ","; the list
    is in the campaign's language, which its respondents read."""
    _organisation, _departments, campaigns, _reader, custodian, batch = trilingual
    Campaign.objects.filter(pk=campaigns[2].pk).update(default_language=language)
    _client(client, custodian, "nl")
    response = client.get(reverse("hr:code_list_csv", args=[campaigns[2].pk, batch.pk]))
    lines = response.content.decode("utf-8-sig").splitlines()
    header, *rows = csv.reader(lines, delimiter=delimiter)
    assert len(header) == 3 and len(rows) == 3 and all(len(row) == 3 for row in rows)
    assert {row[0] for row in rows} == {_names(DEPARTMENTS[0])[language]}
    other = ";" if delimiter == "," else ","
    assert other not in lines[0]
    slips = client.get(reverse("hr:code_slips_pdf", args=[campaigns[2].pk, batch.pk]))
    _assert_in_language(_pdf_text(slips.content), language, "code slips")
    # Its file name is the campaign and department as the custodian reads them (Dutch).
    assert "supportcheck-derde-bevraging-codes-jeugdhulp-" in response["Content-Disposition"]
