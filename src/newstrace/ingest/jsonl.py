"""JSON Lines: one article per line, ``{"text", "title"?, "url"?, "published"?, "outlet"?}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

from newstrace.ingest.boilerplate import clean_text
from newstrace.ingest.decode import normalize
from newstrace.model import Document, Skipped

_OPTIONAL = ("title", "url", "published", "outlet")


def read_jsonl(text: str, source: str) -> Iterator[Document | Skipped]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        name = f"{source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(name, f"not valid JSON: {exc.msg}")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
            yield Skipped(name, 'line has no "text" string')
            continue
        meta = {k: str(row[k]).strip() or None for k in _OPTIONAL if row.get(k) is not None}
        cleaned = clean_text(normalize(row["text"]), find_title="title" not in meta)
        if not cleaned.text:
            yield Skipped(name, "no article text left after removing page furniture")
            continue
        url = meta.get("url")
        outlet = meta.get("outlet") or ((urlsplit(url).hostname or "").removeprefix("www.") or None if url else None)
        yield Document(source=name, text=cleaned.text, title=meta.get("title") or cleaned.title,
                       outlet=outlet, url=url, published=meta.get("published"),
                       removed=cleaned.removed, format="jsonl")
