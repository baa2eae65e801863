"""Fewer garbage collections while the app builds something large: HR's PDF report as
WeasyPrint lays it out (core/pdf.py), and HR's dashboard page with its tables and charts
(hr/views/figures.py).

Both allocate hundreds of thousands of small objects (boxes and styles; scores, cells and
rows) that live until the work ends. Python's default thresholds run a young-generation
collection every 700 allocations, and every tenth of those an older one, which walk those
objects again and again without freeing any. Inside `fewer_collections` the young
generation's threshold is raised; garbage with cycles is still collected, only later, and
most of the memory is freed by reference counting when the work ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The young generation's threshold inside (Python's default is 700). Raising the older
# generations' too gained little more (bench/bench_report_pdf.py).
RENDERING_GC_THRESHOLD = 50_000
_collections_lock = threading.Lock()
_renderings = 0
_thresholds: tuple[int, ...] = ()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's garbage collector runs less often inside: the process's thresholds are
    raised while any thread is inside, and restored when the last one leaves."""
    global _renderings, _thresholds
    with _collections_lock:
        if _renderings == 0:
            _thresholds = gc.get_threshold()
            young, *older = _thresholds
            gc.set_threshold(max(young, RENDERING_GC_THRESHOLD), *older)
        _renderings += 1
    try:
        yield
    finally:
        with _collections_lock:
            _renderings -= 1
            if _renderings == 0:
                gc.set_threshold(*_thresholds)
