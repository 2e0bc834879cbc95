"""Keeping the garbage collector off what lives for a whole run, and out of linking.

A run holds the language models, the documents and their extractions from start to end:
at 1,000 documents, each full collection walked all of them again, about 0.4 s for
nothing, and a run adding ten articles saw one or two. Frozen objects are never walked;
they are handed back when the run ends, so a library caller's heap is as it was.

Linking makes millions of objects that refcounting frees and almost no cycles, and the
collections it set off walked its growing results again and again: 4 of 18 s at 10,000
articles, 0.1 s at 1,000. So automatic collection pauses while it runs.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def long_lived_heap() -> Iterator[Callable[[], None]]:
    """Yields ``settle()``: every object alive when it is called is left out of collections
    until the block ends. Does nothing where the caller already freezes objects itself."""
    if gc.get_freeze_count():
        yield lambda: None
        return
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


@contextmanager
def collections_paused() -> Iterator[None]:
    """No automatic garbage collection in the block (as it was after: a caller that turned it
    off keeps it off). Cycles made in the block are collected by the next collection after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
