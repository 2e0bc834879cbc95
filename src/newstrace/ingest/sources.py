"""Route each input (file, folder, URL) to the reader for its format."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newstrace.ingest.boilerplate import clean_text
from newstrace.ingest.dateline import find_date
from newstrace.ingest.decode import GZIP_MAGIC, InputError, decode, gunzip_capped, looks_binary
from newstrace.ingest.feed import looks_like_feed, read_feed
from newstrace.ingest.html import html_to_document
from newstrace.ingest.jsonl import read_jsonl
from newstrace.ingest.url import fetch, is_url
from newstrace.ingest.warc import read_warc
from newstrace.model import Document, Skipped
from newstrace.settings import Settings
from newstrace.time_budget import OverBudget, time_budget

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
}
_CONTAINERS = {"warc", "feed", "jsonl"}


def read_inputs(inputs: Iterable[str], settings: Settings) -> Iterator[Document | Skipped]:
    """Yield a Document for each article found, and a Skipped for each input that gave none."""
    for unit in input_units(inputs):
        if isinstance(unit, Skipped):
            yield unit
        else:
            yield from read_unit(unit, settings)


def input_units(inputs: Iterable[str]) -> Iterator[str | Skipped]:
    """The files and URLs ``inputs`` stand for, folders walked, in a stable order: each is read
    on its own by ``read_unit`` (on one machine in turn, or on a Spark executor)."""
    for item in inputs:
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            yield from (str(file) for file in _walk(path))
        elif path.exists():
            yield str(path)
        else:
            yield Skipped(item, "no such file or folder")


def read_unit(unit: str, settings: Settings) -> Iterator[Document | Skipped]:
    """The documents of one file or URL, too short or too long ones turned into Skipped."""
    items = _read_url(unit, settings) if is_url(unit) else read_file(Path(unit), settings)
    for item in items:
        if isinstance(item, Document) and len(item.text.split()) < settings.min_document_words:
            words = len(item.text.split())
            yield Skipped(item.source, f"too short to be an article ({words} word{'s' * (words != 1)}; "
                                       f"min_document_words is {settings.min_document_words})")
        elif isinstance(item, Document) and len(item.text) > settings.max_document_chars:
            yield Skipped(item.source, f"text of {len(item.text):,} characters is over the limit of "
                                       f"{settings.max_document_chars:,} (max_document_chars)")
        else:
            yield item


def _walk(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` in a stable order, hidden files and folders left out."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_file(path: Path, settings: Settings) -> Iterator[Document | Skipped]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_container_bytes:
            raise InputError(f"file over the size limit of {settings.max_container_bytes:,} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        yield Skipped(source, f"cannot read file: {exc.strerror or exc}")
        return
    except InputError as exc:
        yield Skipped(source, str(exc))
        return
    yield from read_bytes(raw, source, path.name.lower(), settings)


def read_bytes(raw: bytes, source: str, name: str, settings: Settings) -> Iterator[Document | Skipped]:
    """Read one file's bytes; ``name`` (lower case) gives the format by extension when it has one."""
    try:
        fmt = _format_of(name)
        if raw.startswith(GZIP_MAGIC) and fmt != "warc":
            raw = gunzip_capped(raw, settings.max_container_bytes)
            name = name.removesuffix(".gz").removesuffix(".tgz")
            fmt = _format_of(name)
        if not raw.strip():
            raise InputError("empty file")
        fmt = fmt or _sniff(raw)
        if fmt == "warc":
            yield from _or_why(read_warc(raw, source, settings), source, "WARC archive")
            return
        if fmt not in _CONTAINERS and len(raw) > settings.max_document_bytes:
            raise InputError(f"over the size limit of {settings.max_document_bytes:,} bytes (max_document_bytes)")
        if looks_binary(raw):
            raise InputError("binary data, not text")
        if fmt == "feed":
            yield from _or_why(read_feed(raw, source), source, "feed")
        elif fmt == "jsonl":
            yield from _or_why(read_jsonl(decode(raw), source), source, "JSON Lines file")
        else:
            with time_budget(settings.document_time_budget, "reading this page"):
                document = html_to_document(raw, source) if fmt == "html" else text_to_document(decode(raw), source)
            yield document
    except InputError as exc:
        yield Skipped(source, str(exc))
    except OverBudget as exc:
        yield Skipped(source, str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser's failure on one hostile file must not stop the run
        yield Skipped(source, f"could not be read: {type(exc).__name__}: {exc}")


def _or_why(items: Iterator[Document | Skipped], source: str, what: str) -> Iterator[Document | Skipped]:
    """A container's items; when it held none at all, one Skipped that says so."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield Skipped(source, f"no article found in this {what}")


def text_to_document(text: str, source: str, **meta) -> Document:
    cleaned = clean_text(text)
    if not cleaned.text:
        raise InputError("no article text left after removing page furniture")
    meta.setdefault("published", find_date(cleaned.text))
    return Document(source=source, text=cleaned.text, title=cleaned.title,
                    removed=cleaned.removed, format="text", **meta)


def _format_of(name: str) -> str | None:
    if name.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    if name.endswith(".xml"):
        return None  # sniffed: a feed, or an XHTML page
    return _EXTENSIONS.get(os.path.splitext(name)[1])


def _sniff(raw: bytes) -> str:
    head = raw[:4096].lstrip().decode("utf-8", "ignore")
    lower = head.lower()
    if head.startswith("WARC/"):
        return "warc"
    if looks_like_feed(head):
        return "feed"
    if lower.startswith(("<!doctype html", "<html")) or "<body" in lower or "<p>" in lower:
        return "html"
    if head.startswith("{") and '"text"' in head:
        return "jsonl"
    return "text"


def _read_url(url: str, settings: Settings) -> Iterator[Document | Skipped]:
    try:
        fetched = fetch(url, settings)
    except InputError as exc:
        yield Skipped(url, str(exc))
        return
    kind = fetched.content_type.lower()
    if "html" in kind or _sniff(fetched.body) == "html":
        try:
            yield html_to_document(fetched.body, url, url=fetched.url)
        except InputError as exc:
            yield Skipped(url, str(exc))
    else:
        name = os.path.basename(fetched.url.split("?")[0]).lower() or "page.txt"
        yield from read_bytes(fetched.body, url, name, settings)
