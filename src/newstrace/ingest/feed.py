"""RSS and Atom files: each entry with content or a summary is one document."""

from __future__ import annotations

import time
from collections.abc import Iterator

from newstrace.ingest.boilerplate import clean_text
from newstrace.ingest.decode import InputError, normalize
from newstrace.ingest.html import html_to_document
from newstrace.model import Document, Skipped


def looks_like_feed(head: str) -> bool:
    head = head[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(raw: bytes, source: str) -> Iterator[Document | Skipped]:
    import feedparser

    parsed = feedparser.parse(raw, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        reason = f"not a readable RSS/Atom feed: {parsed.get('bozo_exception', 'no entries')}"
        yield Skipped(source, reason)
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        name = f"{source}#{entry.get('id') or entry.get('link') or f'entry-{number}'}"
        body, body_type = _entry_body(entry)
        if not body.strip():
            yield Skipped(name, "feed entry has neither content nor summary")
            continue
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        try:
            yield _entry_document(entry, body, body_type, name, outlet, published)
        except InputError as exc:
            yield Skipped(name, str(exc))


def _entry_body(entry) -> tuple[str, str]:
    for content in entry.get("content") or ():
        if content.get("value", "").strip():
            return content["value"], content.get("type", "text/html")
    summary = entry.get("summary_detail") or {}
    return entry.get("summary", ""), summary.get("type", "text/html")


def _entry_document(entry, body: str, body_type: str, name: str, outlet: str | None,
                    published: str | None) -> Document:
    link = entry.get("link")
    title = (entry.get("title") or "").strip() or None
    if "html" in body_type:
        page = f"<html><body><article>{body}</article></body></html>"
        doc = html_to_document(page, name, url=link, published=published, fmt="feed")
        text, removed = doc.text, doc.removed
    else:
        cleaned = clean_text(normalize(body), find_title=False)
        text, removed = cleaned.text, cleaned.removed
    if not text:
        raise InputError("feed entry has no article text")
    return Document(source=name, text=text, title=title, outlet=outlet, url=link,
                    published=published, removed=removed, format="feed")


def _iso(struct: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", struct) if struct else None
