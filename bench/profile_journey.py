"""Where a questionnaire's server time goes, in one process and without a network.

    .venv/bin/python bench/profile_journey.py [--journeys 40] [--profile "GET results"] [--top 40]

The same two journeys as bench_submit.py (the respondent's nine requests, and the bare page
per step), and for scale a third, the same steps as Django's forms framework writes them,
through Django's WSGI handler with the benchmark's settings (production settings,
DEBUG=false, PostgreSQL from DATABASE_URL), each request timed in CPU time
(time.process_time), the targets taking turns so that they share the machine's load and
their ratios hold better than any one figure on a busy machine. It prints the CPU per
request kind, per questionnaire and the ratio app/bare per request, then each kind of the
app's requests against the bare page's requests it stands for; with --profile, cProfile's
view of that kind of request, sorted by cumulative time (--sort). Queries per request kind
are counted too.

With --earlier-departments N the questionnaire is the third wave of an organisation of N
departments whose two earlier waves have closed (bench/many_departments.py, 15 responses a
department): the results page then compares with the previous wave's frozen figures, as a
respondent of a returning organisation sees it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import secrets
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_submit import (  # noqa: E402
    CHOICE_VALUES,
    CSRF_INPUT,
    JourneyFailed,
    app_journey,
    minimal_journey,
    prepare,
    server_environment,
)
from bench.common import postgres_url  # noqa: E402


class Client:
    """A browser's requests straight into the WSGI handler: cookies, CSRF, CPU time."""

    def __init__(self, handler, cpu: dict[str, list[float]], queries: dict[str, list[int]]):
        self.handler = handler
        self.cpu = cpu
        self.queries = queries
        self.cookies: dict[str, str] = {}
        self.tally = SimpleNamespace(submissions=0)  # what bench_submit's journeys count
        self.profiler: cProfile.Profile | None = None
        self.profile_kind = ""

    def request(self, method: str, path: str, form=None, kind: str = ""):
        from django.db import connection

        body = urlencode(form).encode() if form is not None else b""
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT_LANGUAGE": "nl",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "CONTENT_LENGTH": str(len(body)),
        }
        if form is not None:
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        seen: list[tuple[str, list]] = []
        connection.queries_log.clear()
        profiler = self.profiler if kind == self.profile_kind else None
        if profiler is not None:
            profiler.enable()
        start = time.process_time()
        reply = self.handler(environ, lambda status, headers: seen.append((status, headers)))
        text = b"".join(reply).decode()
        if hasattr(reply, "close"):
            reply.close()
        elapsed = (time.process_time() - start) * 1000
        if profiler is not None:
            profiler.disable()
        self.cpu.setdefault(kind, []).append(elapsed)
        self.queries.setdefault(kind, []).append(len(connection.queries_log))
        if os.environ.get("SHOW_QUERIES") == kind:
            for query in connection.queries_log:
                print(kind, query["sql"][:150])
        status, headers = seen[0]
        location = ""
        for name, value in headers:
            if name.lower() == "set-cookie":
                for key, morsel in SimpleCookie(value).items():
                    if morsel.value:
                        self.cookies[key] = morsel.value
                    else:
                        self.cookies.pop(key, None)
            if name.lower() == "location":
                location = value
        return int(status.split()[0]), location, text

    def expect(self, status: int, method: str, path: str, form=None, kind="") -> tuple[str, str]:
        """As bench_submit's Browser.expect, so that both walk the same journeys."""
        got, location, text = self.request(method, path, form, kind)
        if got != status:
            raise JourneyFailed(f"{method} {path}: {got}, expected {status}")
        return location, text


def django_form_journey(client: Client, steps: list[list[str]]) -> None:
    """Per step: the step as a Django Form (bench/minimal/views.py, django_form), and its POST."""
    for number, codes in enumerate(steps, start=1):
        path = f"/minimal/django-form/{number}/"
        _, page = client.expect(200, "GET", path, kind="GET django form")
        form = {code: random.choice(CHOICE_VALUES) for code in codes}
        form["csrfmiddlewaretoken"] = CSRF_INPUT.search(page).group(1)
        client.expect(302, "POST", path, form, "POST django form")


def run(journeys: dict, count: int, profiler=None, kind: str = "") -> dict[str, tuple]:
    """Each target's journey `count` times, taking turns, so that both share the machine's
    load of the moment; per target the CPU and the queries by request kind."""
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    results: dict[str, tuple] = {}
    clients = {}
    for target in journeys:
        results[target] = ({}, {})
        clients[target] = Client(handler, *results[target])
        clients[target].profiler, clients[target].profile_kind = profiler, kind
    for _ in range(count):
        for target, journey in journeys.items():
            journey(clients[target])
    return results


def _third_wave(departments: int) -> str:
    """An open wave of an organisation of `departments` departments whose two earlier waves
    have closed and are frozen; its public id."""
    from datetime import timedelta

    from django.utils import timezone

    from bench.many_departments import many_departments
    from questionnaire.core.aggregates import campaign_dashboard
    from questionnaire.models import Campaign, Organisation

    today = timezone.localdate()
    # An earlier run's organisation of that name (names are unique) is kept, renamed.
    Organisation.objects.filter(name=f"Bench {departments} departments").update(
        name=f"Bench {departments} departments, {timezone.now().isoformat()}"
    )
    previous = many_departments(departments, 15, today=today)  # closed 20 days ago
    campaign_dashboard(previous, today=today)  # freezes both earlier waves' figures
    campaign = Campaign.objects.create(
        organisation=previous.organisation,
        name="Third wave",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=30),
    )
    return campaign.public_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--journeys", type=int, default=40)
    parser.add_argument("--profile", default="", help='a request kind, e.g. "GET results"')
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative", help="cumulative or tottime")
    parser.add_argument("--earlier-departments", type=int, default=0, metavar="N")
    arguments = parser.parse_args()
    environment = server_environment(postgres_url())
    environment["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ.update(environment)
    public_id, steps = prepare(environment)
    if arguments.earlier_departments:
        public_id = _third_wave(arguments.earlier_departments)
    from django.db import connection

    connection.force_debug_cursor = True  # counts queries (queries_log) with DEBUG off
    journeys = {
        "app": lambda client: app_journey(client, public_id, steps),
        "minimal": lambda client: minimal_journey(client, steps),
        "django form": lambda client: django_form_journey(client, steps),
    }
    run(journeys, 3)  # warm up: imports, templates, connection
    profiler = cProfile.Profile()
    results = run(journeys, arguments.journeys, profiler, arguments.profile)
    if arguments.profile:
        pstats.Stats(profiler).sort_stats(arguments.sort).print_stats(arguments.top)
    per_request = {}
    for target, (tally, queries) in results.items():
        count = sum(len(values) for values in tally.values())
        cpu = sum(sum(values) for values in tally.values())
        per_request[target] = cpu / count
        print(
            f"{target}: {count / arguments.journeys:.0f} requests, "
            f"{cpu / arguments.journeys:.1f} ms CPU a questionnaire, {cpu / count:.2f} ms a request"
        )
        for kind, values in tally.items():
            values.sort()
            print(
                f"  {kind:>13}: median {values[len(values) // 2]:.2f} ms, "
                f"lowest quarter {values[len(values) // 4]:.2f} ms, "
                f"{sum(queries[kind]) / len(queries[kind]):.1f} queries"
            )
    print(f"ratio app/minimal, CPU a request: {per_request['app'] / per_request['minimal']:.2f}")
    print(
        "for scale, ratio app/django form (Django's forms framework, same fields), CPU a "
        f"request: {per_request['app'] / per_request['django form']:.2f}"
    )
    _compare_kinds(results["app"][0], results["minimal"][0])
    print(
        "ratio app/minimal if the submission and the results page cost what the bare page's "
        f"POST and GET cost: {_ratio_without_the_end(results['app'][0], results['minimal'][0]):.2f}"
    )


def _compare_kinds(app: dict[str, list[float]], bare: dict[str, list[float]]) -> None:
    """Each of the app's requests against the bare page's work it stands for (medians): a
    step's Next keeps one step and shows the next, as the bare page's POST and GET do."""
    mid = {kind: sorted(values)[len(values) // 2] for kind, values in {**app, **bare}.items()}
    get, post = mid["GET minimal"], mid["POST minimal"]
    print("against the bare page's requests (medians):")
    for kind, baseline, what in [
        ("GET step", get, "its GET"),
        ("POST step", get + post, "its POST and GET"),
        ("GET start", get, "its GET"),
        ("POST start", post, "its POST"),
        ("POST submit", post, "its POST"),
        ("GET results", get, "its GET"),
    ]:
        print(f"  {kind:>13}: {mid[kind] / baseline:.2f} x {what}")


def _ratio_without_the_end(app: dict[str, list[float]], bare: dict[str, list[float]]) -> float:
    """The ratio per request with the submission and the results page, which the bare page
    has no counterpart of, each costing what a bare POST and GET cost (means): how far the
    questionnaire's other requests alone are from the bare page."""
    mean = {kind: sum(values) / len(values) for kind, values in {**app, **bare}.items()}
    app_cpu = sum(sum(values) for values in app.values())
    app_count = sum(len(values) for values in app.values())
    end = app_cpu - sum(app["POST submit"]) - sum(app["GET results"])
    end += (
        len(app["POST submit"]) * mean["POST minimal"]
        + len(app["GET results"]) * mean["GET minimal"]
    )
    bare_per_request = sum(sum(values) for values in bare.values()) / sum(map(len, bare.values()))
    return end / app_count / bare_per_request


if __name__ == "__main__":
    main()
