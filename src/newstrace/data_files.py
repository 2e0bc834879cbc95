"""Language data shipped as text files (reporting verbs, event verbs, titles …): one loader.

Each line holds whitespace-separated fields; blank lines and lines starting with # are
comments. Files are read once per process: they never change while running.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def data_rows(path: str) -> tuple[tuple[str, ...], ...]:
    """The fields of each line of a packaged data file, e.g. ``data_rows("nlp/data/event_verbs.txt")``."""
    raw = resources.files("newstrace").joinpath(path).read_text("utf-8")
    return tuple(tuple(line.split()) for line in raw.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def data_words(path: str) -> frozenset[str]:
    """A packaged word list, case-folded."""
    return frozenset(" ".join(fields).casefold() for fields in data_rows(path))
