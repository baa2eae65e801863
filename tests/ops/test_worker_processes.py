"""Real `manage.py worker` processes on one PostgreSQL database, as several machines run
them (docs/deploy.md): HR's PDF is rendered once however many requests and workers there
are, a worker killed in the middle of a rendering leaves it to another, which renders it
once, and the workers freeze closed waves by themselves.

PostgreSQL only: the worker processes share the test's database, and the point is their
concurrency (row locks, SKIP LOCKED); the SQLite test database lives in this process's
memory. The same code runs in this process on both databases in test_tasks.py.
"""

import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from questionnaire.hr.exports.kept_pdf import render_kept_pdf
from questionnaire.models import AggregateSnapshot, ExportCache, Response
from tests.support.holding_worker import RENDERING_STARTED
from tests.support.hr_pdf import closed_wave, english_client, pdf_text, pdf_url
from tests.support.servers import production_env, served_database_url
from tests.support.task_queue import on_the_queue, queue_drained, wait_for, workers

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="worker processes share the PostgreSQL test database; SQLite's is in memory",
    ),
]


@pytest.fixture
def environment(tmp_path):
    return production_env(Path(), served_database_url(tmp_path, {}))


@pytest.fixture
def closed(org_a, departments_a, today):
    return closed_wave(org_a, departments_a, today)


@pytest.fixture
def hr(hr_a):
    return english_client(hr_a)


_url = pdf_url


_text = pdf_text


def _renderings() -> int:
    return sum(ExportCache.objects.values_list("renderings", flat=True))


def test_two_workers_render_a_pdf_asked_for_many_times_once(environment, tmp_path, hr, closed):
    """Four HR downloads at once and four more tasks for the same report (as app servers
    that each enqueued one would leave), then two more once it is kept: two workers, one
    rendering."""
    with on_the_queue(), workers(environment, tmp_path, count=2):
        answers = []
        asking = [
            threading.Thread(target=lambda: answers.append(hr.get(_url(closed)))) for _ in range(4)
        ]
        for thread in asking:
            thread.start()
        for _ in range(4):
            render_kept_pdf.enqueue(closed.pk, "en", settings.SITE_URL)
        for thread in asking:
            thread.join()
        wait_for(queue_drained, what="the queue to be drained")
        for _ in range(2):  # late: as a server that asked before the PDF was kept
            render_kept_pdf.enqueue(closed.pk, "en", settings.SITE_URL)
        wait_for(queue_drained, what="the late tasks")

        served = hr.get(_url(closed))

    tasks = DBTaskResult.objects.filter(task_path__endswith="render_kept_pdf")
    outcomes = [(task.status, task.return_value, task.traceback[-300:]) for task in tasks]
    assert _renderings() == 1, outcomes
    assert {task.status for task in tasks} == {"SUCCESSFUL"}
    assert tasks.count() >= 7  # one from the downloads (at least), six enqueued here
    assert len({task.worker_ids[-1] for task in tasks}) == 2  # both workers took some
    assert sorted(task.return_value for task in tasks).count("rendered") == 1
    assert {answer.status_code for answer in answers} <= {200, 202}
    assert served.status_code == 200
    assert _text(served.content).startswith("SupportCheck")
    assert served.content == bytes(ExportCache.objects.get().pdf)


def test_a_worker_killed_in_the_middle_of_a_rendering_leaves_it_to_another(
    environment, tmp_path, hr, closed
):
    with on_the_queue():
        with workers(environment, tmp_path, module="tests.support.holding_worker") as (held,):
            assert hr.get(_url(closed)).status_code == 202  # enqueued; not ready in 2 s
            log = tmp_path / "worker-0.log"
            wait_for(lambda: RENDERING_STARTED in log.read_text(), what="the rendering")
            held.kill()  # SIGKILL: no clean-up of any kind
            held.wait(timeout=10)

        (task,) = DBTaskResult.objects.filter(task_path__endswith="render_kept_pdf")
        assert task.status == "RUNNING"  # as django-tasks-db leaves it
        assert _renderings() == 0  # the killed rendering kept nothing

        with workers(environment, tmp_path):
            wait_for(queue_drained, what="the task taken back and run")
            served = hr.get(_url(closed))

    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value == "rendered"
    assert len(task.worker_ids) >= 2  # the killed worker's attempt, then another's
    assert task.worker_ids[0] != task.worker_ids[-1]
    assert _renderings() == 1
    assert served.status_code == 200 and _text(served.content).startswith("SupportCheck")


def test_a_worker_freezes_the_waves_that_closed(environment, tmp_path, closed):
    """No HR look, no command: a worker's scheduler enqueues the freezing sweep when it
    first starts, and a worker runs it."""
    assert not AggregateSnapshot.objects.exists()
    with workers(environment, tmp_path):
        wait_for(AggregateSnapshot.objects.exists, what="the figures frozen")
        wait_for(queue_drained, what="the periodic tasks to finish")

    snapshot = AggregateSnapshot.objects.get()
    assert snapshot.campaign == closed
    counts = [stats["count"] for _cell, stats in snapshot.data["cells"]]
    assert sum(counts) == Response.objects.count() == 12
