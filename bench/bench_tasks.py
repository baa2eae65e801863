"""HR's PDFs through the task queue, and what an idle worker costs (docs/deploy.md, "Task
workers").

    .venv/bin/python bench/bench_tasks.py [--workers 1 2] [--idle-seconds 30]

Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/supportcheck_bench, created
when missing). Prepares an organisation of 117 departments with four closed waves (as
bench_serving.py), then for each number of `--workers`: starts that many `manage.py worker`
processes, drops the kept PDFs, enqueues the four reports at once and prints the time until
all four are kept, the CPU seconds the workers spent, and the renderings counted (4: none
twice). Then one worker idles for `--idle-seconds`: its CPU time per hour of idling, and
the database queries it makes per second (from pg_stat_database's transactions).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_serving import _environment, prepare  # noqa: E402
from bench.common import postgres_url  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process so far (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def start_workers(count: int, environment: dict[str, str]) -> list[subprocess.Popen]:
    from questionnaire.models import TaskWorker

    before = TaskWorker.objects.count()
    workers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "worker", "--no-startup-delay", "-v0"],
            cwd=ROOT,
            env=environment,
        )
        for _ in range(count)
    ]
    while TaskWorker.objects.count() < before + count:
        time.sleep(0.05)
    return workers


def stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        worker.wait(timeout=120)


def four_pdfs(count: int, campaigns: list[int], environment: dict[str, str]) -> None:
    from django.conf import settings
    from django.db.models import Sum

    from questionnaire.hr.exports.kept_pdf import render_kept_pdf
    from questionnaire.models import ExportCache

    ExportCache.objects.all().delete()
    workers = start_workers(count, environment)
    cpu_before = [cpu_seconds(worker.pid) for worker in workers]
    started = time.monotonic()
    for pk in campaigns:
        render_kept_pdf.enqueue(pk, "nl", settings.SITE_URL)
    while ExportCache.objects.exclude(fingerprint="").count() < len(campaigns):
        time.sleep(0.05)
    taken = time.monotonic() - started
    cpu = sum(cpu_seconds(w.pid) - b for w, b in zip(workers, cpu_before, strict=True))
    stop(workers)
    renderings = ExportCache.objects.aggregate(total=Sum("renderings"))["total"]
    print(
        f"{count} worker(s): 4 PDFs of 117 departments kept after {taken:.1f} s, "
        f"{cpu:.1f} CPU s in the workers, {renderings} renderings"
    )


def idle(seconds: float, environment: dict[str, str]) -> None:
    from django.db import connection

    (worker,) = start_workers(1, environment)
    time.sleep(3)  # past the start-up and the first periodic jobs
    with connection.cursor() as cursor:
        query = "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s"
        cursor.execute(query, [connection.settings_dict["NAME"]])
        transactions_before = cursor.fetchone()[0]
        cpu_before = cpu_seconds(worker.pid)
        time.sleep(seconds)
        cpu = cpu_seconds(worker.pid) - cpu_before
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(query, [connection.settings_dict["NAME"]])
        transactions = cursor.fetchone()[0] - transactions_before
    stop([worker])
    print(
        f"idle worker: {cpu / seconds * 3600:.0f} CPU s per hour "
        f"({cpu / seconds * 100:.2f} % of a core), {transactions / seconds:.1f} database "
        f"transactions per second (all clients of the database)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--idle-seconds", type=float, default=30)
    arguments = parser.parse_args()
    static_root = tempfile.mkdtemp(prefix="bench-tasks-static-")
    environment = _environment(postgres_url(), static_root)
    _survey, _steps, campaigns, _user = prepare(environment)
    for count in arguments.workers:
        four_pdfs(count, campaigns, environment)
    idle(arguments.idle_seconds, environment)


if __name__ == "__main__":
    main()
