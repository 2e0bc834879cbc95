"""WARC and WARC.gz archives: every HTML response record is one document."""

from __future__ import annotations

import io
from collections.abc import Iterator

from newstrace.ingest.decode import InputError
from newstrace.ingest.html import html_to_document
from newstrace.model import Document, Skipped
from newstrace.settings import Settings
from newstrace.time_budget import OverBudget, time_budget


def read_warc(raw: bytes, source: str, settings: Settings) -> Iterator[Document | Skipped]:
    """Yield a document per HTML response record; a broken record or archive becomes a Skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    records = ArchiveIterator(io.BytesIO(raw))
    try:
        for record in records:
            if record.rec_type != "response":
                continue
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in content_type.lower():
                continue
            found += 1
            record_id = record.rec_headers.get_header("WARC-Record-ID") or f"record-{found}"
            name = f"{source}#{record_id.strip('<>')}"
            payload = record.content_stream().read(settings.max_document_bytes + 1)
            if len(payload) > settings.max_document_bytes:
                yield Skipped(name, f"record over the size limit of {settings.max_document_bytes:,} bytes")
                continue
            try:
                with time_budget(settings.document_time_budget, "reading this record"):
                    document = html_to_document(
                        payload, name,
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        published=record.rec_headers.get_header("WARC-Date"),
                        fmt="warc",
                    )
                yield document
            except (InputError, OverBudget) as exc:
                yield Skipped(name, str(exc))
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, TypeError, AttributeError, IndexError) as exc:
        # warcio raises whatever its parser hits on garbage; all of it means a broken archive
        yield Skipped(source, f"broken WARC archive after {found} HTML record(s): {type(exc).__name__}: {exc}")
        return
    try:
        end = (records.get_record_offset() or 0) + (records.get_record_length() or 0)
    except TypeError:  # warcio found no record at all
        end = 0
    if raw[end:].strip():  # warcio stops quietly at a cut-off gzip member; say so
        yield Skipped(source, f"broken WARC archive: {len(raw) - end:,} unreadable bytes after "
                              f"{found} HTML record(s) (truncated?)")
    elif not found:
        yield Skipped(source, "WARC archive holds no HTML response records")
