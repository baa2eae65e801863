"""The daily purge_responses also deletes the records that only matter for a while: failed
logins (they hold the username typed and the client's address) once their cool-off is over,
wrong report links once their window has passed, and the keys of deleted responses once no
browser cookie can still hold them."""

from datetime import timedelta
from io import StringIO

from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from questionnaire.models import DeletedSubmission, ReportLinkMiss

ADDRESS = "198.51.100.10"


def _purge(*args) -> str:
    out = StringIO()
    call_command("purge_responses", *args, stdout=out)
    return out.getvalue()


def _fail_logins(username: str, times: int = 2) -> None:
    client = Client()
    for _ in range(times):
        client.post(
            "/accounts/login/", {"username": username, "password": "x"}, REMOTE_ADDR=ADDRESS
        )


def _age(queryset, field: str, age: timedelta) -> None:
    queryset.update(**{field: timezone.now() - age})


def test_failed_logins_go_once_their_cool_off_is_over_and_not_before(hr_a):
    _fail_logins("alice")
    _fail_logins("someone-typed-this")
    cool_off = settings.AXES_COOLOFF_TIME
    _age(
        AccessAttempt.objects.filter(username="alice"),
        "attempt_time",
        cool_off - timedelta(minutes=1),
    )
    _age(
        AccessAttempt.objects.filter(username="someone-typed-this"),
        "attempt_time",
        cool_off + timedelta(seconds=1),
    )

    output = _purge()

    assert "Deleted 1 failed-login records past their cool-off" in output
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [
        ("alice", ADDRESS)  # still cooling off: it still counts towards a lock
    ]


def test_wrong_report_links_and_deleted_keys_go_after_their_time(db):
    now = timezone.now()
    window = settings.REPORT_LINK_MISS_WINDOW
    ReportLinkMiss.objects.create(client="a" * 64, missed_at=now - window - timedelta(seconds=1))
    ReportLinkMiss.objects.create(client="b" * 64, missed_at=now - window + timedelta(minutes=1))
    cookie_age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    today = timezone.localdate()
    DeletedSubmission.objects.create(
        submission_key_hash="1" * 64, deleted_on=today - cookie_age - timedelta(days=2)
    )
    DeletedSubmission.objects.create(
        submission_key_hash="2" * 64, deleted_on=today - cookie_age + timedelta(days=1)
    )

    output = _purge()

    assert "1 wrong-report-link records past their window" in output
    assert "1 keys of deleted responses past the cookie age" in output
    assert list(ReportLinkMiss.objects.values_list("client", flat=True)) == ["b" * 64]
    assert list(DeletedSubmission.objects.values_list("submission_key_hash", flat=True)) == [
        "2" * 64
    ]


def test_a_dry_run_only_counts_them(db):
    _fail_logins("bob")
    _age(AccessAttempt.objects.all(), "attempt_time", timedelta(days=1))
    output = _purge("--dry-run")
    assert "Would delete 1 failed-login records past their cool-off" in output
    assert AccessAttempt.objects.count() == 1
