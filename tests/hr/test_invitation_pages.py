"""The custodian's invitations page: addresses pasted or uploaded per department (every
line checked, nothing kept from a list with a refused line), sending with its progress
through a real SMTP server, the one reminder, and never a code on the page."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from questionnaire.core.invitation_addresses import MAX_ADDRESSES, MAX_FILE_BYTES
from questionnaire.core.invitations import invitations_add
from questionnaire.models import AccessCodeBatch, Department, Invitation

LINK_CODE = re.compile(r"\?code=([A-Z0-9-]+)")


@pytest.fixture
def custodian(client, custodian_a):
    client.force_login(custodian_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _url(campaign) -> str:
    return reverse("hr:invitations", kwargs={"pk": campaign.pk})


def _add(client, campaign, department, text="", file=None):
    data = {"action": "add", "department": department.pk, "addresses": text}
    if file is not None:
        data["file"] = file
    return client.post(_url(campaign), data)


def _nothing_stored(departments):
    assert not Invitation.objects.exists()
    headcounts = Department.objects.order_by("name").values_list("headcount", flat=True)
    assert list(headcounts) == [d.headcount for d in departments]


def test_the_custodian_pastes_addresses_sends_and_follows_the_progress(
    custodian, coded_a, departments_a, mailbox
):
    kitchen = departments_a[1]
    pasted = "ann@example.org\n\n  Bert@Example.org \nchris@example.org\n"
    added = _add(custodian, coded_a, kitchen, pasted)
    assert added.status_code == 302
    page = custodian.get(_url(coded_a)).text
    assert "3 addresses were added for Kitchen" in page
    assert "0 of 3 sent" in page

    sent = custodian.post(_url(coded_a), {"action": "send"}, follow=True)
    assert "3 messages were sent." in sent.text
    assert "3 of 3 sent" in sent.text
    assert sorted(m["To"] for m in mailbox.messages) == [
        "ann@example.org",
        "bert@example.org",
        "chris@example.org",
    ]
    codes = [LINK_CODE.search(m.get_body(("plain",)).get_content())[1] for m in mailbox.messages]
    for code in codes:
        assert code not in sent.text
    codes_page = custodian.get(reverse("hr:codes", kwargs={"pk": coded_a.pk})).text
    assert not any(code in codes_page for code in codes)
    invited_batch = AccessCodeBatch.objects.get(invited=True)
    slips = reverse("hr:code_slips_pdf", kwargs={"pk": coded_a.pk, "batch_pk": invited_batch.pk})
    assert custodian.get(slips).status_code == 404

    reminded = custodian.post(_url(coded_a), {"action": "remind"}, follow=True)
    assert "3 messages were sent." in reminded.text
    assert "Reminder sent to 3 people." in reminded.text
    again = custodian.post(_url(coded_a), {"action": "remind"}, follow=True)
    assert "0 messages were sent." in again.text
    assert len(mailbox.messages) == 6


def test_a_list_with_bad_lines_is_refused_whole_with_each_line_and_why(
    custodian, coded_a, departments_a
):
    care = departments_a[0]
    text = "\n".join(
        [
            "ann@example.org",
            "not an address",
            "bert@example",
            "ANN@example.org",
            "cas@example.org; dirk@example.org",
        ]
    )
    page = _add(custodian, coded_a, care, text)
    assert page.status_code == 400
    assert "4 lines were refused: nothing was saved." in page.text
    for shown in (
        "Line 2 (“not an address”): no e-mail address on this line.",
        "Line 3 (“bert@example”): not a valid e-mail address.",
        "Line 4 (“ANN@example.org”): the same address as line 1.",
        "Line 5 (“cas@example.org; dirk@example.org”): more than one e-mail address",
    ):
        assert shown in page.text
    _nothing_stored(departments_a)


def test_an_address_given_before_in_the_campaign_is_refused(custodian, coded_a, departments_a):
    care, kitchen, _office = departments_a
    assert _add(custodian, coded_a, care, "ann@example.org").status_code == 302
    page = _add(custodian, coded_a, kitchen, "eve@example.org\nAnn@Example.org")
    assert page.status_code == 400
    assert "Line 2 (“Ann@Example.org”): this address was already given for this campaign" in (
        page.text
    )
    assert list(Invitation.objects.values_list("address", "department__name")) == [
        ("ann@example.org", "Care")
    ]


def test_a_spreadsheets_csv_file_is_read_with_its_headings_and_columns(
    custodian, coded_a, departments_a
):
    office = departments_a[2]
    content = "Naam;E-mail\nAnn Peeters;ann@example.org\nJosé Dubois;jose@example.org\n"
    upload = SimpleUploadedFile("people.csv", content.encode("cp1252"), "text/csv")
    assert _add(custodian, coded_a, office, file=upload).status_code == 302
    assert sorted(Invitation.objects.values_list("address", flat=True)) == [
        "ann@example.org",
        "jose@example.org",
    ]
    office.refresh_from_db()
    assert office.headcount == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "The file is not a text or CSV file."),
        (b"a@example.org\n" * (MAX_FILE_BYTES // 14 + 1), "The file is larger than 256 KB"),
        (
            "".join(f"p{n}@example.org\n" for n in range(MAX_ADDRESSES + 1)).encode(),
            "At most 2000 addresses at once (this list has 2001)",
        ),
        (b"", "Paste the addresses or choose a file."),
    ],
    ids=["binary", "too-large", "too-many", "empty"],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_kept(
    custodian, coded_a, departments_a, content, message
):
    upload = SimpleUploadedFile("people.csv", content, "text/csv") if content else None
    page = _add(custodian, coded_a, departments_a[0], file=upload)
    assert page.status_code == 400
    assert message in page.text
    _nothing_stored(departments_a)


def test_an_open_link_campaign_takes_no_addresses(custodian, campaign_a, departments_a):
    page = _add(custodian, campaign_a, departments_a[0], "ann@example.org")
    assert page.status_code == 400
    assert "invitations by e-mail carry access codes" in page.text
    assert "Add the addresses" not in page.text
    _nothing_stored(departments_a)


@pytest.mark.parametrize("persona", ["outsider", "hr_b", "hr_a"])
def test_others_cannot_add_or_send(client, request, persona, coded_a, departments_a):
    client.force_login(request.getfixturevalue(persona))
    added = _add(client, coded_a, departments_a[0], "ann@example.org")
    sent = client.post(_url(coded_a), {"action": "send"})
    assert (added.status_code, sent.status_code) == (404, 404)
    _nothing_stored(departments_a)


def test_an_unknown_action_is_a_bad_request(custodian, coded_a):
    assert custodian.post(_url(coded_a), {"action": "delete-everything"}).status_code == 400


def test_readers_see_in_the_audit_log_that_addresses_were_given(
    client, custodian, coded_a, departments_a, hr_a
):
    office = departments_a[2]
    _add(custodian, coded_a, office, "ann@example.org\nbert@example.org")
    client.force_login(hr_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    log = client.get(reverse("hr:audit_log", kwargs={"organisation_pk": coded_a.organisation_id}))
    assert "Gave 2 e-mail addresses of Office for invitations in Autumn wave." in log.text
    assert "Changed the headcount of Office from not given to 2." in log.text
    assert "ann@example.org" not in log.text


def test_the_progress_reads_as_the_custodian_writes_numbers(
    custodian, coded_a, departments_a, custodian_a, today
):
    addresses = [f"p{n}@example.org" for n in range(1200)]
    invitations_add(
        campaign=coded_a,
        department=departments_a[0],
        addresses=addresses,
        actor=custodian_a,
        today=today,
    )
    sent = Invitation.objects.order_by("pk").values_list("pk", flat=True)[:840]
    Invitation.objects.filter(pk__in=list(sent)).update(state=Invitation.SENT)
    assert "840 of 1,200 sent" in custodian.get(_url(coded_a)).text
    custodian.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert "840 sur 1\xa0200 envoyées" in custodian.get(_url(coded_a)).text
