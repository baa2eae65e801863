"""Benchmark of sending invitations: 2,000 messages through a local SMTP server.

    .venv/bin/python bench/bench_invitations.py [--invitations 2000] [--batch 100]

Starts aiosmtpd in its own process (`python -m aiosmtpd`, accepting and discarding every
message), adds `--invitations` addresses to a campaign on codes, and times
core.invitations.invitations_send as a worker runs it: one random code per message, the
message in the campaign's language, one SMTP connection per batch, each invitation marked
sent as soon as the server took it. Prints the wall time, the process's CPU time (the SMTP
server's is not in it), messages per second and the database queries per message.

Without DATABASE_URL it works in a throwaway SQLite file; with it, in that database
(migrated first), deleting the organisation it created when done.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup() -> Path | None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "supportcheck.test_settings"
    throwaway = None
    if not os.environ.get("DATABASE_URL"):
        throwaway = Path(tempfile.mkstemp(prefix="bench-invitations-", suffix=".sqlite3")[1])
        os.environ["DATABASE_URL"] = f"sqlite:///{throwaway}"
    elif os.environ["DATABASE_URL"].startswith("postgres"):
        from supportcheck.ensure_database import ensure_database

        ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return throwaway


def _smtp_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"]
        + ["-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import socket

    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.05)
    server.kill()
    sys.exit("the SMTP server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--invitations", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100)
    options = parser.parse_args()
    throwaway = _setup()

    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.common import open_campaign
    from questionnaire.core.invitations import invitations_add, invitations_send
    from questionnaire.models import Campaign, Department, Invitation
    from tests.support.servers import free_port

    port = free_port()
    server = _smtp_server(port)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    today = date.today()
    campaign = open_campaign(today, days=7)
    Campaign.objects.filter(pk=campaign.pk).update(
        access=Campaign.ACCESS_CODES, default_language="fr"
    )
    campaign.refresh_from_db()
    try:
        department = Department.objects.create(organisation=campaign.organisation, name="All")
        addresses = [f"person{n}@example.org" for n in range(options.invitations)]
        invitations_add(
            campaign=campaign, department=department, addresses=addresses, actor=None, today=today
        )
        wall, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            tally = invitations_send(campaign.pk, today=today, batch_size=options.batch)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert tally.sent == options.invitations and tally.failed == 0, tally
        assert not Invitation.objects.filter(campaign=campaign).exclude(state="sent").exists()
        count = options.invitations
        print(f"invitations sent: {count} in batches of {options.batch} ({connection.vendor})")
        print(f"wall time: {wall:.2f} s ({count / wall:.0f} messages/s)")
        print(f"CPU time of the sending process: {cpu:.2f} s ({cpu / count * 1000:.2f} ms/message)")
        print(f"database queries: {len(queries)} ({len(queries) / count:.2f} per message)")
    finally:
        server.terminate()
        server.wait(timeout=10)
        campaign.delete()  # first: its batches protect the department
        campaign.organisation.delete()
        if throwaway:
            throwaway.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
