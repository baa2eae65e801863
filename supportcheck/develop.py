"""`make run`: Django's development server and one task worker, started and stopped together.

    python -m supportcheck.develop 127.0.0.1:8000

The worker (`manage.py worker`) runs in its own session, so Ctrl+C in the terminal reaches
only this supervisor and runserver; the supervisor then stops the worker with one SIGTERM,
which lets it finish the task in hand. runserver stopping stops the worker; a worker
that stops is started again.
"""

from __future__ import annotations

import subprocess  # nosec B404 (starts our own manage.py commands, fixed arguments)
import sys

from supportcheck.serve import ROOT, run_children, worker_process


def main(address: str) -> int:
    children = [
        subprocess.Popen(  # noqa: S603  # nosec B603 (fixed command, no shell)
            [sys.executable, "manage.py", "runserver", address], cwd=ROOT
        ),
    ]
    return run_children(children, worker=worker_process)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
