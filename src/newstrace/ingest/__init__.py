"""Ingestion: files, folders, URLs, WARC, feeds and JSON Lines to Documents. No NLP here."""

from __future__ import annotations

from collections.abc import Iterable

from newstrace.ingest.sources import input_units, read_bytes, read_file, read_inputs, read_unit
from newstrace.model import Document, IngestReport, Skipped
from newstrace.settings import Settings

__all__ = ["ingest", "report_of", "read_inputs", "input_units", "read_unit", "read_file", "read_bytes"]


def ingest(inputs: Iterable[str], settings: Settings | None = None) -> IngestReport:
    """Read every input; the same article twice (by content hash) is kept once."""
    return report_of(read_inputs(inputs, settings or Settings()))


def report_of(items: Iterable[Document | Skipped]) -> IngestReport:
    """The documents (the first of each text kept), skips and duplicates of ``items``, in order."""
    kept: dict[str, Document] = {}
    skipped: list[Skipped] = []
    duplicates: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.key in kept:
            duplicates.append((item.source, kept[item.key].source))
        else:
            kept[item.key] = item
    return IngestReport(documents=tuple(kept.values()), skipped=tuple(skipped), duplicates=tuple(duplicates))
