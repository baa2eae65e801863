"""`manage.py worker`: runs the app's background tasks (docs/deploy.md).

django-tasks-db's `db_worker`, with every one of its options (`--help`), run over all the
app's queues. Start one or more per machine, next to the app servers, on the same database.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = "Run the app's background tasks (HR's PDFs, freezing closed waves, the purge)."
