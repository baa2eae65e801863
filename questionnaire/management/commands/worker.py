"""`manage.py worker`: runs the app's background tasks (docs/deploy.md).

django-tasks-db's `db_worker` with every one of its options (`--help`), plus a heartbeat
that lets the other workers take back its task if it dies, and the periodic tasks
(ops/worker.py). Start one or more per machine, next to the app servers, on the same
database.
"""

import os
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from questionnaire.ops.worker import Worker, worker_options


class Command(DatabaseWorkerCommand):
    help = (
        "Run the app's background tasks (HR's PDFs, freezing closed waves, the retention "
        "purge) and enqueue the periodic ones."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)  # a reload stops a task midway
        worker_options(parser.add_argument)

    def handle(self, *, verbosity: int, **options: Any) -> None:
        self.configure_logging(verbosity)
        if options["batch"]:
            options["periodic"] = False  # a batch run drains the queue, then stops
        worker = Worker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=[q for q in options["exclude_queues"].split(",") if q],
            heartbeat=options["heartbeat"],
            lease=options["lease"],
            periodic=options["periodic"],
        )
        if not options["reload"]:
            worker.configure_signals()
            worker.run()
        else:  # development only: the reloader's child handles the signals
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
