"""`make run` and `make serve` supervise their processes (supportcheck/serve.py): a task
worker that stops is started again while the servers keep serving; a signal stops all."""

import os
import signal
import subprocess
import threading
import time

from supportcheck import serve


def test_a_stopped_worker_is_started_again_and_a_signal_stops_everything(monkeypatch):
    monkeypatch.setattr(serve, "WORKER_RESTART_DELAY", 0.1)
    server = subprocess.Popen(["/bin/sleep", "60"])
    workers: list[subprocess.Popen] = []

    def worker() -> subprocess.Popen:
        # Each worker stops at once, as one does when the database is unreachable.
        workers.append(subprocess.Popen(["/bin/true"]))
        return workers[-1]

    def stop_after_three_starts():
        deadline = time.monotonic() + 30
        while len(workers) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)

    handler_before = signal.getsignal(signal.SIGTERM)
    threading.Thread(target=stop_after_three_starts, daemon=True).start()
    assert serve.run_children([server], worker=worker) == 0
    assert len(workers) >= 3
    assert server.returncode == -signal.SIGTERM
    # Our own handlers are gone again: a later SIGTERM would not be swallowed.
    assert signal.getsignal(signal.SIGTERM) is handler_before


def test_a_server_that_stops_stops_the_worker_too():
    server = subprocess.Popen(["/bin/sh", "-c", "exit 3"])
    workers: list[subprocess.Popen] = []

    def worker() -> subprocess.Popen:
        workers.append(subprocess.Popen(["/bin/sleep", "60"]))
        return workers[-1]

    assert serve.run_children([server], worker=worker) == 3
    assert [w.returncode for w in workers] == [-signal.SIGTERM]
