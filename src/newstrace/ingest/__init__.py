"""Ingestion: files, folders, URLs, WARC, feeds and JSON Lines to Documents. No NLP here."""

from __future__ import annotations

from collections.abc import Iterable

from newstrace.ingest.sources import read_bytes, read_file, read_inputs
from newstrace.model import Document, IngestReport, Skipped
from newstrace.settings import Settings

__all__ = ["ingest", "read_inputs", "read_file", "read_bytes"]


def ingest(inputs: Iterable[str], settings: Settings | None = None) -> IngestReport:
    """Read every input; the same article twice (by content hash) is kept once."""
    settings = settings or Settings()
    kept: dict[str, Document] = {}
    skipped: list[Skipped] = []
    duplicates: list[tuple[str, str]] = []
    for item in read_inputs(inputs, settings):
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.key in kept:
            duplicates.append((item.source, kept[item.key].source))
        else:
            kept[item.key] = item
    return IngestReport(documents=tuple(kept.values()), skipped=tuple(skipped), duplicates=tuple(duplicates))
