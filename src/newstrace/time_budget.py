"""A time budget per document, so one pathological page cannot hang a run.

``time_budget`` raises ``OverBudget`` inside the block when it runs past its seconds, by a
SIGALRM timer. It can stop Python code (our readers and extractors, trafilatura's
Python parts), not one long call into C; spaCy's parse is linear in the text and is
bounded by ``max_document_chars`` instead. Where there is no SIGALRM (Windows) or off the
main thread, the block runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class OverBudget(BaseException):
    """A block ran past its time budget. A BaseException, so that libraries' own
    ``except Exception`` cannot swallow it."""


@contextmanager
def time_budget(seconds: float, what: str):
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise OverBudget(f"{what} took longer than the time budget of {seconds:g} s (document_time_budget)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
