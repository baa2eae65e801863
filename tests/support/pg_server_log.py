"""What PostgreSQL's server log gained while a test ran, for the test's own database.

The server writes one log for every database on it (other test runs too), so an entry
counts only when its prefix names this database (Debian's log_line_prefix
'%m [%p] %q%u@%d '); the lines that follow an entry without a prefix of their own belong
to it (a statement over several lines).
"""

from __future__ import annotations

import glob
import os
import re
import time
import uuid

from django.db import DatabaseError, connection, transaction

LOG_FILES = "/var/log/postgresql/*.log"
_ENTRY_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def _readable_logs() -> list[str]:
    found = glob.glob(LOG_FILES)
    with connection.cursor() as cursor:
        try:
            cursor.execute("SELECT pg_current_logfile()")
            current = cursor.fetchone()[0]
        except DatabaseError:
            current = None
    if current:
        if not os.path.isabs(current):
            with connection.cursor() as cursor:
                cursor.execute("SHOW data_directory")
                current = os.path.join(cursor.fetchone()[0], current)
        found.append(current)
    return sorted({path for path in found if os.access(path, os.R_OK)})


class ServerLog:
    """The server log's size now; `entries()` reads only what was appended since."""

    def __init__(self) -> None:
        self.database = connection.settings_dict["NAME"]
        self.paths = _readable_logs()
        self.sizes = {path: os.path.getsize(path) for path in self.paths}

    @property
    def readable(self) -> bool:
        return bool(self.paths)

    def entries(self) -> list[str]:
        """The appended entries of this test's database."""
        mine: list[str] = []
        for path, size in self.sizes.items():
            with open(path, "rb") as log:
                log.seek(size)
                text = log.read().decode("utf-8", "replace")
            current: list[str] | None = None
            for line in text.splitlines():
                if _ENTRY_START.match(line):
                    current = [line] if f"@{self.database} " in line else None
                    if current is not None:
                        mine.append("")
                if current is not None:
                    current.append(line)
                    mine[-1] = "\n".join(current)
        return mine

    def probe(self) -> str:
        """Make this database log an error now, and return its marker: a test that finds the
        marker among the entries knows it reads the right log, filtered the right way."""
        marker = f"log-probe-{uuid.uuid4().hex}"
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SELECT '{marker}'::integer")  # noqa: S608  # nosec B608
        except DatabaseError:
            pass
        return marker

    def wait_for(self, marker: str, timeout: float = 5.0) -> list[str]:
        """The appended entries, once the marker's error has reached the file."""
        deadline = time.monotonic() + timeout
        while True:
            entries = self.entries()
            if any(marker in entry for entry in entries) or time.monotonic() > deadline:
                return entries
            time.sleep(0.05)
