"""Questionnaires while the task workers are busy: request p95 on gunicorn + PostgreSQL,
quiet, while a worker sends 2,000 invitations, and while a worker renders four HR PDFs.

    .venv/bin/python bench/bench_busy.py [--clients 4] [--seconds 15] [--invitations 2000]

Uses DATABASE_URL (default the supportcheck_bench database, created when missing) and
bench_serving.py's data (an open campaign, four closed waves of 117 departments). Starts
gunicorn alone (bench_submit.start_gunicorn, production settings) and, per phase, one
`manage.py worker` (bench_tasks.start_workers) on the same machine; `--clients` processes
run the respondent's whole journey (bench_submit.app_journey) for `--seconds`, and in a
phase with work, again for `--seconds` until the worker has done it all:

- quiet: no task;
- invitations: the worker sends `--invitations` messages to a local aiosmtpd that accepts
  and discards them (bench_invitations._smtp_server);
- PDFs: the worker renders the four closed waves' PDFs (bench_tasks.four_pdfs' tasks).

Prints each phase's length, p50 and p95 and the ratio of its p95 to the quiet one, and
what the worker did (messages sent, PDFs kept). Figures from one run on a shared
machine are noisy: the ratios, from the same run, are what to read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_invitations import _smtp_server  # noqa: E402
from bench.bench_serving import _environment, _free_port, prepare  # noqa: E402
from bench.bench_submit import load, start_gunicorn  # noqa: E402
from bench.bench_tasks import start_workers, stop  # noqa: E402
from bench.common import open_campaign, percentile, postgres_url  # noqa: E402

# A phase with work ends when the work is done, or after this long.
MAX_PHASE_SECONDS = 300


def _phase(label: str, arguments, public_id: str, steps, quiet_p95: float | None, done=None):
    """Questionnaires for `--seconds`, or (given `done`) in rounds of `--seconds` until
    the worker's work is done; prints p50, p95 and the p95's ratio to the quiet one."""
    started, latencies, journeys, failures = time.monotonic(), [], 0, 0
    while True:
        tally = load("app", arguments, public_id, steps)
        latencies += tally.latencies
        journeys, failures = journeys + tally.journeys, failures + tally.failures
        if done is None or done() or time.monotonic() - started > MAX_PHASE_SECONDS:
            break
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    ratio = f", {p95 / quiet_p95:.2f} × quiet" if quiet_p95 else ""
    print(
        f"{label}: {time.monotonic() - started:.0f} s, {len(latencies)} requests, "
        f"{journeys} questionnaires, {failures} failed; p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        f"{ratio}"
    )
    return p95


def _invitation_campaign(count: int) -> int:
    """An open campaign on codes with `count` addresses given, none sent."""
    from django.utils import timezone

    from questionnaire.core.invitations import invitations_add
    from questionnaire.models import Campaign, Department

    today = timezone.localdate()
    campaign = open_campaign(today, days=7)
    Campaign.objects.filter(pk=campaign.pk).update(access=Campaign.ACCESS_CODES)
    campaign.refresh_from_db()
    department = Department.objects.create(organisation=campaign.organisation, name="All")
    addresses = [f"person{n}@example.org" for n in range(count)]
    invitations_add(
        campaign=campaign, department=department, addresses=addresses, actor=None, today=today
    )
    return campaign.pk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--invitations", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    arguments = parser.parse_args()
    arguments.port = _free_port()
    environment = _environment(postgres_url(), tempfile.mkdtemp(prefix="bench-busy-static-"))
    smtp_port = _free_port()
    environment |= {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
    }
    public_id, steps, closed, _user = prepare(environment)

    from django.conf import settings

    from questionnaire.core.invitation_tasks import send_invitations
    from questionnaire.hr.exports.kept_pdf import render_kept_pdf
    from questionnaire.models import ExportCache, Invitation

    invited = _invitation_campaign(arguments.invitations)
    smtp = _smtp_server(smtp_port)
    server = start_gunicorn(environment, arguments.port, arguments.workers)
    try:
        warm = argparse.Namespace(**{**vars(arguments), "seconds": 2})
        load("app", warm, public_id, steps)  # imports, templates, connections
        quiet = _phase("quiet", arguments, public_id, steps, None)

        workers = start_workers(1, environment)
        send_invitations.enqueue(invited)
        sending = Invitation.objects.filter(campaign_id=invited).exclude(state=Invitation.SENT)
        label = "while a worker sends invitations"
        _phase(label, arguments, public_id, steps, quiet, done=lambda: not sending.exists())
        sent = Invitation.objects.filter(campaign_id=invited, state=Invitation.SENT).count()
        print(f"  messages sent by the end of the phase: {sent} of {arguments.invitations}")
        stop(workers)

        ExportCache.objects.all().delete()
        workers = start_workers(1, environment)
        for pk in closed:
            render_kept_pdf.enqueue(pk, "nl", settings.SITE_URL)
        kept_pdfs = ExportCache.objects.exclude(fingerprint="")
        label = "while a worker renders four HR PDFs"
        _phase(label, arguments, public_id, steps, quiet, done=lambda: kept_pdfs.count() == 4)
        kept = ExportCache.objects.exclude(fingerprint="").count()
        print(f"  PDFs kept by the end of the phase: {kept} of {len(closed)}")
        stop(workers)
    finally:
        server.terminate()
        server.wait(timeout=30)
        smtp.terminate()
        smtp.wait(timeout=10)


if __name__ == "__main__":
    main()
