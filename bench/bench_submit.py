"""Benchmark of complete questionnaires against gunicorn + PostgreSQL, with a baseline.

    .venv/bin/python bench/bench_submit.py [--clients 8] [--seconds 20] [--rounds 2]

Starts gunicorn with the production settings (DEBUG=false, WhiteNoise, our config file)
plus one extra view, /minimal/<step>/, on PostgreSQL (DATABASE_URL, default the
supportcheck_bench database, created when missing). `--clients` processes then run, for
`--seconds` each round:

- app: the respondent's whole journey as a browser does it: the campaign's start page,
  its form, step 1, each step's Next (which posts to the next step and gets it back), the
  submission and the results page (9 requests);
- minimal: a bare Django page per step that renders the same step's fields (radios written
  by a template loop), stores one row per POST and redirects (GET and POST per step).

Both run in the same project, settings and middleware. What the app's pages do beyond the
bare page is part of the product and stays in the figures: every questionnaire page looks
its campaign up (whether it is open, its language, whether this browser's submission was
deleted), so even a GET asks the database, and with it the connection's health check
(CONN_HEALTH_CHECKS) runs once per request; the answers in progress travel in a signed
cookie; every page carries the site's frame (navigation, language switcher, footer),
which reads the user and messages; the pages are marked never to be cached; and the
submission stores a response with its answers and scores in a transaction, not one row.

The two alternate for `--rounds` rounds. Besides the wall-clock rates it reads the CPU
time gunicorn's processes spent in each round (/proc), and prints per target the CPU per
request and per completed questionnaire (medians over rounds) and the ratio app/minimal
per request. Targets: at most 9 requests and 70 ms of server CPU per questionnaire, and a
request costing at most 1.3 × the bare page's. It checks that the rows stored equal the
successful submissions.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import re
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import median, open_campaign, percentile, postgres_url  # noqa: E402

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHOICE_VALUES = ["0", "25", "50", "75", "100", "na"]


@dataclass
class Tally:
    """What one client process saw."""

    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    journeys: int = 0
    submissions: int = 0  # POSTs that stored (or should have stored) a row
    failures: int = 0
    cpu_seconds: float = 0.0  # gunicorn's processes, over the whole round (set by load)


class Browser:
    """Just enough of a browser: one host, cookies, a form's CSRF token, timing."""

    def __init__(self, port: int, tally: Tally):
        self.port = port
        self.tally = tally
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form=None, kind="") -> tuple[int, str, str]:
        headers = {"Host": "127.0.0.1", "Accept-Language": "nl"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, path, body=body, headers=headers)
        reply = connection.getresponse()
        text = reply.read().decode()
        elapsed = (time.perf_counter() - start) * 1000
        self.tally.latencies.append(elapsed)
        self.tally.by_kind.setdefault(kind or f"{method} {path}", []).append(elapsed)
        connection.close()
        for header in reply.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return reply.status, reply.headers.get("Location", ""), text

    def expect(self, status: int, method: str, path: str, form=None, kind="") -> tuple[str, str]:
        got, location, text = self.request(method, path, form, kind)
        if got != status:
            raise JourneyFailed(f"{method} {path}: {got}, expected {status}")
        return location, text


class JourneyFailed(Exception):
    pass


def _token(text: str) -> str:
    return CSRF_INPUT.search(text).group(1)


def _formaction(page: str, go: str) -> str:
    match = re.search(rf'<button[^>]*value="{go}"[^>]*formaction="([^"]+)"', page)
    if match is None:
        raise JourneyFailed(f"the step has no {go} button with a formaction")
    return match.group(1)


def app_journey(browser: Browser, public_id: str, steps: list[list[str]]) -> None:
    """Start page, its form, step 1, each step's Next (posted to the step it leads to,
    which comes back at once), the submission, the results."""
    browser.cookies.pop("supportcheck_survey", None)  # a new respondent on this device
    start = f"/s/{public_id}/"
    _, page = browser.expect(200, "GET", start, kind="GET start")
    location, _ = browser.expect(
        302, "POST", start, {"csrfmiddlewaretoken": _token(page), "department": ""}, "POST start"
    )
    path = urlparse(location).path
    _, page = browser.expect(200, "GET", path, kind="GET step")
    for number, codes in enumerate(steps, start=1):
        form = {code: random.choice(CHOICE_VALUES) for code in codes}
        form["csrfmiddlewaretoken"] = _token(page)
        form["answered"] = str(number)
        if number < len(steps):
            form["go"] = "next"
            _, page = browser.expect(200, "POST", _formaction(page, "next"), form, "POST step")
        else:
            form["go"] = "submit"
            last = f"/s/{public_id}/step/{number}/"
            location, _ = browser.expect(302, "POST", last, form, "POST submit")
    browser.tally.submissions += 1
    _, page = browser.expect(200, "GET", urlparse(location).path, kind="GET results")
    if "report.pdf" not in page:
        raise JourneyFailed("the results page has no link to the PDF report")


def minimal_journey(browser: Browser, steps: list[list[str]]) -> None:
    """Per step: the bare page with that step's fields, and its POST (stored, redirected)."""
    for number, codes in enumerate(steps, start=1):
        _, page = browser.expect(200, "GET", f"/minimal/{number}/", kind="GET minimal")
        form = {code: random.choice(CHOICE_VALUES) for code in codes}
        form["csrfmiddlewaretoken"] = _token(page)
        browser.expect(302, "POST", f"/minimal/{number}/", form, "POST minimal")
        browser.tally.submissions += 1  # one row per POST


def run_client(job: tuple[str, int, float, str, list[list[str]]]) -> Tally:
    target, port, seconds, public_id, steps = job
    tally = Tally()
    browser = Browser(port, tally)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            if target == "app":
                app_journey(browser, public_id, steps)
            else:
                minimal_journey(browser, steps)
            tally.journeys += 1
        except (JourneyFailed, OSError, http.client.HTTPException):
            tally.failures += 1
    return tally


def server_environment(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.minimal.settings",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def prepare(environment: dict[str, str]) -> tuple[str, list[list[str]]]:
    """Migrate, collect static files, and open a fresh campaign; its id and steps' items."""
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    from django.utils import timezone

    from questionnaire.core.instrument import instrument

    campaign = open_campaign(timezone.localdate(), days=30)
    steps = [[item.code for item in step.items] for step in instrument().steps]
    return campaign.public_id, steps


def start_gunicorn(environment: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    server_env = {**environment, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "-c",
        str(ROOT / "supportcheck/gunicorn.conf.py"),
        "supportcheck.wsgi",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=server_env)
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer /healthz within 20 s")


def gunicorn_cpu_seconds(master: int) -> float:
    """User and system CPU time of gunicorn: its master, its live workers, and the workers
    it has already reaped (the master's children's times), from /proc."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        pid = int(stat.parent.name)
        if pid == master:
            ticks += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        elif int(fields[1]) == master:  # a worker
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def load(target: str, arguments, public_id: str, steps, master: int = 0) -> Tally:
    jobs = [(target, arguments.port, arguments.seconds, public_id, steps)] * arguments.clients
    cpu_before = gunicorn_cpu_seconds(master) if master else 0.0
    with multiprocessing.Pool(arguments.clients) as pool:
        tallies = pool.map(run_client, jobs)
    total = Tally()
    total.cpu_seconds = gunicorn_cpu_seconds(master) - cpu_before if master else 0.0
    for tally in tallies:
        total.latencies += tally.latencies
        for kind, values in tally.by_kind.items():
            total.by_kind.setdefault(kind, []).extend(values)
        total.journeys += tally.journeys
        total.submissions += tally.submissions
        total.failures += tally.failures
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 4)))
    parser.add_argument("--port", type=int, default=8765)
    arguments = parser.parse_args()
    url = postgres_url()
    environment = server_environment(url)
    public_id, steps = prepare(environment)

    from bench.minimal.models import MinimalSubmission
    from questionnaire.models import Response

    server = start_gunicorn(environment, arguments.port, arguments.workers)
    results = {"app": [], "minimal": []}
    try:
        for target in ["minimal", "app"]:  # warm both up: imports, templates, connections
            load(target, argparse.Namespace(**{**vars(arguments), "seconds": 2}), public_id, steps)
        warm_app = Response.objects.filter(campaign__public_id=public_id).count()
        warm_minimal = MinimalSubmission.objects.count()
        for _round in range(arguments.rounds):
            for target in ["app", "minimal"]:
                results[target].append(load(target, arguments, public_id, steps, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)

    stored = {
        "app": Response.objects.filter(campaign__public_id=public_id).count() - warm_app,
        "minimal": MinimalSubmission.objects.count() - warm_minimal,
    }
    _report(arguments, results, stored)


def _report_cpu(results: dict[str, list[Tally]]) -> None:
    """gunicorn's CPU per request and per completed questionnaire (medians over rounds),
    and the ratio of a request's cost, app over the bare page of the same step."""
    per_request = {}
    for target, tallies in results.items():
        per_request[target] = median(
            [1000 * t.cpu_seconds / len(t.latencies) for t in tallies if t.latencies]
        )
        per_journey = median([1000 * t.cpu_seconds / t.journeys for t in tallies if t.journeys])
        requests = median([len(t.latencies) / t.journeys for t in tallies if t.journeys])
        print(
            f"{target:>8} gunicorn CPU: {per_request[target]:.2f} ms a request, "
            f"{requests:.1f} requests and {per_journey:.1f} ms a completed questionnaire"
        )
    ratio = per_request["app"] / per_request["minimal"]
    print(f"ratio app/minimal, gunicorn CPU a request: {ratio:.2f} (target <= 1.30)")
    print(
        "(the app's requests also look up their campaign, with the connection's health check, "
        "carry the answers cookie and the site's frame: see this file's docstring)"
    )


def _report(arguments, results: dict[str, list[Tally]], stored: dict[str, int]) -> None:
    print(
        f"{arguments.clients} clients, gunicorn {arguments.workers} workers, PostgreSQL, "
        f"{arguments.rounds} rounds of {arguments.seconds:g} s per target"
    )
    print(
        f"{'target':>8} {'req/s':>8} {'quest/s':>8} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'failed':>7} {'done':>6} {'stored':>7}"
    )
    rates = {}
    for target, tallies in results.items():
        requests_per_second = median([len(t.latencies) / arguments.seconds for t in tallies])
        journeys_per_second = median([t.journeys / arguments.seconds for t in tallies])
        latencies = [value for t in tallies for value in t.latencies]
        done = sum(t.journeys for t in tallies)
        failed = sum(t.failures for t in tallies)
        rates[target] = (requests_per_second, journeys_per_second)
        print(
            f"{target:>8} {requests_per_second:>8.1f} {journeys_per_second:>8.2f} "
            f"{percentile(latencies, 0.5):>7.1f} {percentile(latencies, 0.95):>7.1f} "
            f"{failed:>7} {done:>6} {stored[target]:>7}"
        )
    print(
        f"ratio app/minimal: requests per second {rates['app'][0] / rates['minimal'][0]:.2f}, "
        f"questionnaires per second {rates['app'][1] / rates['minimal'][1]:.3f}"
    )
    _report_cpu(results)
    print("p50 ms by request:", end="")
    for tallies in results.values():
        kinds = sorted({kind for t in tallies for kind in t.by_kind})
        for kind in kinds:
            values = [v for t in tallies for v in t.by_kind.get(kind, [])]
            print(f" {kind} {percentile(values, 0.5):.1f};", end="")
    print()
    for target, tallies in results.items():
        submitted = sum(t.submissions for t in tallies)
        verdict = "yes" if stored[target] == submitted else "NO"
        print(f"{target}: rows stored {stored[target]}, submissions {submitted}: equal {verdict}")


if __name__ == "__main__":
    main()
