"""What `make serve` (nginx + gunicorn at their default settings, PostgreSQL) sustains, and
how /healthz fares while the site has bad days (slow clients, parallel PDF exports: docs/deploy.md).

    .venv/bin/python bench/bench_serving.py [--clients 8] [--seconds 20] [--rounds 3]
        [--set NAME=VALUE ...] [--questionnaires-only]

Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/supportcheck_bench, created
when missing) and starts `python -m supportcheck.serve` on a free port with the production
settings and nothing else set: the default number of workers, CONN_MAX_AGE and worker
recycling. It prints:

1. questionnaires: `--clients` processes run the respondent's whole journey (13 requests,
   as bench_submit.py) for `--seconds`, `--rounds` times: completed questionnaires per
   second (median over rounds) and the request p50/p95 over all rounds, with the memory
   the gunicorn workers grew by per 1000 requests (what worker recycling is sized on);
2. /healthz under attack, `--rounds` times each: probed every 0.2 s while five slow
   clients send a header line a second and four HR PDF exports of a closed campaign of
   117 departments run in parallel, with the kept PDFs dropped first (so they are rendered):
   (a) four exports of the same campaign, (b) of four different campaigns; each export asks
   again, as the browser does, while it gets the "being prepared" page. Median, p95 and
   maximum of the probe times, and when each export got its PDF.

`--set CONN_MAX_AGE=0` (any variable, repeatable) measures a departure from the defaults.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_submit import load  # noqa: E402
from bench.common import median, open_campaign, percentile, postgres_url  # noqa: E402

DEPARTMENTS = 117
HR_USERNAME, HR_PASSWORD = "bench-hr", secrets.token_urlsafe(16)


def _environment(url: str, static_root: str) -> dict[str, str]:
    inherited = {"WEB_CONCURRENCY", "CONN_MAX_AGE", "GUNICORN_MAX_REQUESTS", "GUNICORN_THREADS"}
    return {k: v for k, v in os.environ.items() if k not in inherited} | {
        "DJANGO_SETTINGS_MODULE": "supportcheck.settings",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }


def prepare(environment: dict[str, str]):
    """Migrate, collect static files; an open campaign for the questionnaires and four
    closed ones of an organisation with DEPARTMENTS departments, and its HR user."""
    os.environ.update(environment)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from questionnaire.core.instrument import instrument
    from questionnaire.models import Campaign, Department, HRMembership, Organisation

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    today = timezone.localdate()
    survey = open_campaign(today, days=30)
    organisation = Organisation.objects.create(name=f"Bench large {time.time_ns()}")
    departments = Department.objects.bulk_create(
        Department(organisation=organisation, name=f"Department {n:03d}", headcount=12)
        for n in range(DEPARTMENTS)
    )
    closed = [
        Campaign.objects.create(
            organisation=organisation,
            name=f"Wave {n}",
            opens_on=today - timedelta(days=60 + 40 * n),
            closes_on=today - timedelta(days=31 + 40 * n),
        )
        for n in range(4)
    ]
    for campaign in closed:
        _responses(campaign, departments)
    user = get_user_model().objects.create_user(
        f"{HR_USERNAME}-{time.time_ns()}", password=HR_PASSWORD
    )
    HRMembership.objects.create(user=user, organisation=organisation)
    steps = [[item.code for item in step.items] for step in instrument().steps]
    return survey.public_id, steps, [c.pk for c in closed], user.username


def _responses(campaign, departments, per_department: int = 6) -> None:
    from questionnaire.core.instrument import instrument
    from questionnaire.models import SCORE_FIELDS, Answer, Response

    rows = Response.objects.bulk_create(
        Response(
            campaign=campaign,
            department=department,
            submitted_on=campaign.opens_on,
            language="nl",
            instrument_version=instrument().version,
            token_hash=secrets.token_hex(32),
            **{field: float(secrets.choice([25, 50, 75])) for field in SCORE_FIELDS},
        )
        for department in departments
        for _ in range(per_department)
    )
    Answer.objects.bulk_create(
        Answer(response=row, item=item.code, value=secrets.choice([0, 25, 50, 75, 100]))
        for row in rows
        for item in instrument().items
    )


# --- the server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(environment: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "supportcheck.serve"],
        cwd=ROOT,
        env=environment | {"PORT": str(port)},
    )
    for _ in range(150):
        try:
            if _get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    sys.exit("make serve's stack did not answer /healthz within 30 s")


def _get(port: int, path: str, cookie: str = "") -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": "127.0.0.1", "Cookie": cookie})
    reply = connection.getresponse()
    reply.read()
    connection.close()
    return reply.status, time.perf_counter() - started


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def worker_rss_mb(server: subprocess.Popen) -> dict[int, float]:
    """Resident memory of each gunicorn worker (the launcher's gunicorn child's children)."""
    rss = {}
    for child in _children(server.pid):
        for worker in _children(child):
            try:
                status = Path(f"/proc/{worker}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match and "gunicorn" in Path(f"/proc/{worker}/cmdline").read_bytes().decode():
                rss[worker] = int(match.group(1)) / 1024
    return rss


def log_in(port: int, username: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/accounts/login/", headers={"Host": "127.0.0.1"})
    page = connection.getresponse()
    csrf = re.search(r"csrftoken=(\w+)", page.getheader("Set-Cookie")).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="(\w+)"', page.read()).group(1)
    body = urlencode({"username": username, "password": HR_PASSWORD, "csrfmiddlewaretoken": token})
    headers = {
        "Host": "127.0.0.1",
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf}",
    }
    connection.request("POST", "/accounts/login/", body=body, headers=headers)
    answer = connection.getresponse()
    answer.read()
    if answer.status != 302:
        sys.exit(f"HR login failed: {answer.status}")
    return "sessionid=" + re.search(r"sessionid=(\w+)", answer.getheader("Set-Cookie")).group(1)


# --- the bad days ------------------------------------------------------------------------------


def slow_clients(port: int, stop: threading.Event, count: int = 5) -> list[threading.Thread]:
    def trickle():
        while not stop.is_set():  # reconnect when nginx drops it, as an attacker would
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
                    connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    line = 0
                    while not stop.wait(1):
                        connection.sendall(f"X-Slow-{line}: 1\r\n".encode())
                        line += 1
            except OSError:
                continue

    threads = [threading.Thread(target=trickle, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def under_attack(port: int, cookie: str, campaigns: list[int]) -> tuple[list[float], list]:
    """/healthz probe times while five slow clients and one export per campaign run."""
    from questionnaire.models import ExportCache

    ExportCache.objects.all().delete()  # a cold start: the first export renders
    stop = threading.Event()
    trickling = slow_clients(port, stop)
    time.sleep(1)
    exports = []

    def export(pk: int):
        # As a browser does: the "being prepared" page (202) asks again after its Refresh.
        started, tries = time.perf_counter(), 0
        while True:
            status, _seconds = _get(port, f"/hr/campaigns/{pk}/export.pdf", cookie)
            tries += 1
            if status != 202:
                break
            time.sleep(3)
        exports.append((status, time.perf_counter() - started, tries))

    threads = [threading.Thread(target=export, args=(pk,)) for pk in campaigns]
    for thread in threads:
        thread.start()
    probes = []
    while any(thread.is_alive() for thread in threads) or len(probes) < 10:
        probes.append(_get(port, "/healthz")[1])
        time.sleep(0.2)
    for thread in threads:
        thread.join()
    stop.set()
    for thread in trickling:
        thread.join(timeout=5)
    return probes, exports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--questionnaires-only", action="store_true")
    arguments = parser.parse_args()
    url = postgres_url()
    static_root = tempfile.mkdtemp(prefix="supportcheck-bench-static-")
    environment = _environment(url, static_root)
    environment |= dict(setting.split("=", 1) for setting in arguments.set)
    public_id, steps, closed, username = prepare(environment)
    port = _free_port()
    server = start(environment, port)
    try:
        _questionnaires(arguments, port, public_id, steps, server)
        if arguments.questionnaires_only:
            return
        cookie = log_in(port, username)
        for label, campaigns in [
            ("four exports of the same campaign", [closed[0]] * 4),
            ("four exports of four different campaigns", closed),
        ]:
            _attack(arguments, port, cookie, label, campaigns)
        rss = worker_rss_mb(server)
        print(
            f"gunicorn workers after the exports: resident memory {median(list(rss.values())):.0f} "
            f"MB median, {max(rss.values()):.0f} MB the largest (the PDF renderings run in them)"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def _questionnaires(arguments, port, public_id, steps, server) -> None:
    options = argparse.Namespace(clients=arguments.clients, seconds=2, port=port)
    load("app", options, public_id, steps)  # warm-up: imports, templates, connections
    before = worker_rss_mb(server)
    options.seconds = arguments.seconds
    tallies = [load("app", options, public_id, steps) for _ in range(arguments.rounds)]
    after = worker_rss_mb(server)
    latencies = [value for tally in tallies for value in tally.latencies]
    rate = median([tally.journeys / arguments.seconds for tally in tallies])
    requests = len(latencies)
    settings = ", ".join(arguments.set) or "defaults"
    print(
        f"make serve ({settings}), {arguments.clients} clients, {arguments.rounds} rounds of "
        f"{arguments.seconds:g} s: {rate:.2f} completed questionnaires/s (median), request "
        f"p50 {percentile(latencies, 0.5):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
        f"{sum(t.failures for t in tallies)} failed journeys, {requests} requests"
    )
    kept = [pid for pid in after if pid in before]
    if kept:
        growth = median([after[pid] - before[pid] for pid in kept])
        per_worker = requests / max(len(after), 1)
        print(
            f"gunicorn workers: {len(after)}, resident memory {median(list(after.values())):.0f} "
            f"MB each (median); grew by {growth:.1f} MB over ~{per_worker:.0f} requests each "
            f"({1000 * growth / max(per_worker, 1):.2f} MB per 1000 requests)"
        )


def _attack(arguments, port: int, cookie: str, label: str, campaigns: list[int]) -> None:
    medians, p95s, worst, answers = [], [], [], []
    for _round in range(arguments.rounds):
        probes, exports = under_attack(port, cookie, campaigns)
        medians.append(median(probes) * 1000)
        p95s.append(percentile(probes, 0.95) * 1000)
        worst.append(max(probes) * 1000)
        answers.append(
            sorted(
                f"{status} after {seconds:.1f} s ({tries} tries)"
                for status, seconds, tries in exports
            )
        )
    print(
        f"/healthz with five slow clients and {label} ({DEPARTMENTS} departments, cold): "
        f"median {median(medians):.1f} ms, p95 {median(p95s):.1f} ms, max {max(worst):.1f} ms "
        f"(medians over {arguments.rounds} rounds)"
    )
    for number, exports in enumerate(answers, start=1):
        print(f"  round {number}: the exports got {', '.join(exports)}")


if __name__ == "__main__":
    main()
