"""Invitations by e-mail through a real SMTP server (aiosmtpd, started here): each person
gets one message in the campaign's language whose link lets one response in; nothing the
server keeps or logs pairs an address with a code; one reminder reaches everyone; failed
messages are counted and sent again later, alone; the addresses go when the campaign
closes."""

import hashlib
import logging
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from questionnaire.core.access_codes import batch_codes, invited_codes_create, normalise
from questionnaire.core.invitations import (
    Tally,
    invitations_add,
    invitations_send,
    reminders_send,
)
from questionnaire.models import (
    AccessCode,
    AccessCodeBatch,
    AuditEvent,
    Campaign,
    Invitation,
    Response,
)
from tests.support.results_factory import uniform_answers
from tests.support.smtp import body
from tests.support.survey_helpers import answer_every_step, submit

CARE = [f"care.person{n}@example.org" for n in range(7)]
KITCHEN = [f"Kitchen.Person{n}@Example.org" for n in range(4)]
EVERYONE = CARE + [address.lower() for address in KITCHEN]
LINK = re.compile(r"https?://\S+\?code=([A-Z0-9-]+)")


@pytest.fixture
def invited(campaign_a, departments_a, custodian_a, today):
    """Organisation A's campaign on codes, in French, with 7 people of Care and 4 of the
    Kitchen invited."""
    campaign_a.access = Campaign.ACCESS_CODES
    campaign_a.default_language = "fr"
    campaign_a.save()
    care, kitchen, _office = departments_a
    for department, addresses in ((care, CARE), (kitchen, [a.lower() for a in KITCHEN])):
        invitations_add(
            campaign=campaign_a,
            department=department,
            addresses=addresses,
            actor=custodian_a,
            today=today,
        )
    return campaign_a


def _codes(messages) -> dict[str, str]:
    """Each recipient's code, from the link in their message."""
    found = {}
    for message in messages:
        match = LINK.search(body(message))
        assert match, body(message)
        found[message["To"]] = match[1]
    return found


def test_each_invitee_gets_one_message_in_the_campaigns_language_whose_link_admits_one_response(
    mailbox, invited, today
):
    assert invitations_send(invited.pk, today=today, batch_size=3) == Tally(sent=11, failed=0)

    assert sorted(message["To"] for message in mailbox.messages) == sorted(EVERYONE)
    assert {message["Content-Language"] for message in mailbox.messages} == {"fr"}
    assert all(body(message).startswith("Bonjour,") for message in mailbox.messages)
    assert all("Autumn wave" in message["Subject"] for message in mailbox.messages)
    codes = _codes(mailbox.messages)
    assert len(set(codes.values())) == 11
    assert AccessCode.objects.filter(batch__campaign=invited).count() == 11
    sizes = AccessCodeBatch.objects.filter(campaign=invited, invited=True)
    assert sorted(sizes.values_list("department__name", "size")) == [("Care", 7), ("Kitchen", 4)]

    link = LINK.search(body(mailbox.to(CARE[0])[0]))[0]
    path = urlsplit(link).path + "?" + urlsplit(link).query
    person = Client()
    start = person.get(path)
    assert start.status_code == 200 and codes[CARE[0]] in start.text
    assert person.post(urlsplit(link).path, {"code": codes[CARE[0]]}).status_code == 302
    answer_every_step(person, invited, uniform_answers(75))
    assert submit(person, invited, uniform_answers(75)).status_code == 302
    assert list(Response.objects.values_list("department__name", flat=True)) == ["Care"]

    again = Client().post(urlsplit(link).path, {"code": codes[CARE[0]]})
    assert again.status_code == 400
    assert Response.objects.count() == 1


def _rows_of_every_table() -> list[str]:
    return [
        repr(row) for model in apps.get_models() for row in model._default_manager.values_list()
    ]


def test_no_table_or_log_line_pairs_an_address_with_a_code(mailbox, invited, today, caplog):
    caplog.set_level(logging.DEBUG)
    invitations_send(invited.pk, today=today)
    codes = _codes(mailbox.messages)
    hashes = {
        address: hashlib.sha256(normalise(code).encode()).hexdigest()
        for address, code in codes.items()
    }
    rows = _rows_of_every_table()
    for address, code in codes.items():
        assert not any(code in row or normalise(code) in row for row in rows)
        with_address = [row for row in rows if address in row]
        assert len(with_address) == 1  # its Invitation row, which holds no code
        assert hashes[address] not in with_address[0]
    # The server's own log lines are the test SMTP server's (aiosmtpd's "mail.log").
    ours = [r.getMessage() for r in caplog.records if not r.name.startswith("mail.log")]
    assert any("11 sent, 0 failed" in line for line in ours)
    for line in ours:
        assert not any(address in line.lower() for address in EVERYONE)
        assert not any(code in line or normalise(code) in line for code in codes.values())


def test_the_codes_of_invitations_cannot_be_listed_again(mailbox, invited, today):
    invitations_send(invited.pk, today=today)
    batch = AccessCodeBatch.objects.filter(campaign=invited, invited=True).first()
    assert batch.seed == ""
    with pytest.raises(ValueError, match="only in their messages"):
        batch_codes(batch)


def test_one_reminder_reaches_everyone_invited_once(mailbox, invited, today):
    invitations_send(invited.pk, today=today, batch_size=4)
    mailbox.clear()

    assert reminders_send(invited.pk, today=today, batch_size=4) == Tally(sent=11, failed=0)
    assert reminders_send(invited.pk, today=today) == Tally(sent=0, failed=0)

    assert sorted(message["To"] for message in mailbox.messages) == sorted(EVERYONE)
    for message in mailbox.messages:
        assert "merci" in body(message)
        assert not LINK.search(body(message))  # no code: the invitation holds it
    assert Invitation.objects.filter(reminded=True).count() == 11


def test_refused_messages_are_counted_and_only_they_are_sent_again_later(
    mailbox, invited, today, caplog
):
    caplog.set_level(logging.INFO)
    mailbox.refused_recipients.update({CARE[1], CARE[5]})
    mailbox.failing_messages = 1

    assert invitations_send(invited.pk, today=today, batch_size=5) == Tally(sent=8, failed=3)
    assert Invitation.objects.filter(state=Invitation.FAILED).count() == 3
    # The codes of the failed messages were deleted: nobody holds them.
    assert AccessCode.objects.filter(batch__campaign=invited).count() == 8
    assert any("8 sent, 3 failed" in r.getMessage() for r in caplog.records)

    mailbox.refused_recipients.clear()
    assert invitations_send(invited.pk, today=today) == Tally(sent=3, failed=0)
    assert sorted(message["To"] for message in mailbox.messages) == sorted(EVERYONE)
    assert AccessCode.objects.filter(batch__campaign=invited).count() == 11
    assert sum(b.size for b in AccessCodeBatch.objects.filter(campaign=invited)) == 11


def test_while_the_mail_server_is_down_nothing_is_lost(smtp, mailbox, invited, today):
    smtp.stop()
    result = invitations_send(invited.pk, today=today, batch_size=4)
    assert result.sent == 0
    assert Invitation.objects.exclude(state=Invitation.SENT).count() == 11
    assert not AccessCode.objects.exists()

    smtp.start()
    assert invitations_send(invited.pk, today=today) == Tally(sent=11, failed=0)
    assert sorted(message["To"] for message in mailbox.messages) == sorted(EVERYONE)


def test_the_headcount_becomes_at_least_the_number_of_people_invited(
    invited, departments_a, custodian_a, today
):
    care, kitchen, office = departments_a
    invitations_add(
        campaign=invited,
        department=office,
        addresses=["a@example.org", "b@example.org"],
        actor=custodian_a,
        today=today,
    )
    invitations_add(
        campaign=invited,
        department=kitchen,
        addresses=[f"extra{n}@example.org" for n in range(6)],
        actor=custodian_a,
        today=today,
    )
    for department in departments_a:
        department.refresh_from_db()
    # Care keeps its 20 (7 invited); the Kitchen had 8 and now 10 invited; the Office 2.
    assert [d.headcount for d in departments_a] == [20, 10, 2]
    changes = AuditEvent.objects.filter(action="headcount_changed").values_list("detail", flat=True)
    assert sorted((c["department"], c["before"], c["after"]) for c in changes) == [
        ("Kitchen", 8, 10),
        ("Office", None, 2),
    ]


def test_the_addresses_are_deleted_once_the_campaign_has_closed(mailbox, invited, today):
    invitations_send(invited.pk, today=today)
    invited.opens_on = today - timedelta(days=20)
    invited.closes_on = today - timedelta(days=1)
    invited.save()

    call_command("purge_responses", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert not Invitation.objects.exists()
    rows = _rows_of_every_table()
    assert not any(address in row.lower() for address in EVERYONE for row in rows)
    # What stays: how many codes went to each department, as for printed codes.
    assert AccessCode.objects.filter(batch__campaign=invited).count() == 11


def test_an_open_campaigns_addresses_stay_for_the_reminder(mailbox, invited, today):
    call_command("purge_responses", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Invitation.objects.count() == 11


def test_a_codes_row_does_not_say_which_message_of_its_batch_carried_it(invited, departments_a):
    """The codes of a batch are stored in an order of their own, not the messages'."""
    made = invited_codes_create(campaign=invited, department=departments_a[0], count=50)
    in_message_order = [hashlib.sha256(normalise(code).encode()).hexdigest() for code in made]
    stored = AccessCode.objects.filter(code_hash__in=in_message_order).order_by("pk")
    assert sorted(in_message_order) == sorted(stored.values_list("code_hash", flat=True))
    assert list(stored.values_list("code_hash", flat=True)) != in_message_order
