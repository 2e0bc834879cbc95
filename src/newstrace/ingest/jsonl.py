"""JSON Lines: one article per line, ``{"text", "title"?, "url"?, "published"?, "outlet"?}``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newstrace.ingest.boilerplate import clean_text
from newstrace.ingest.decode import normalize
from newstrace.ingest.html import outlet_from_url
from newstrace.model import Document, Skipped

_OPTIONAL = ("title", "url", "published", "outlet")


def read_jsonl(text: str, source: str) -> Iterator[Document | Skipped]:
    """JSON Lines; a .json file holding one article object or a list of them is read too."""
    rows = _rows(text)
    if rows is None:
        yield Skipped(source, 'not JSON Lines: expected one {"text": ...} object per line')
        return
    for number, row in rows:
        name = f"{source}:{number}"
        if isinstance(row, json.JSONDecodeError):
            yield Skipped(name, f"not valid JSON: {row.msg}")
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
        outlet = meta.get("outlet") or outlet_from_url(url)
        yield Document(source=name, text=cleaned.text, title=meta.get("title") or cleaned.title,
                       outlet=outlet, url=url, published=meta.get("published"),
                       removed=cleaned.removed, format="jsonl")


def _rows(text: str) -> list[tuple[int, object]] | None:
    """(line number, parsed object or the error) per line; None when the file is not JSON Lines at all."""
    try:  # a .json file: one article object, or a list of them
        value = json.loads(text)
        items = value if isinstance(value, list) else [value]
        if not any(isinstance(item, dict) and "text" in item for item in items):
            return None  # JSON, but not articles (settings, a gold file, ...)
        return list(enumerate(items, start=1))
    except json.JSONDecodeError:
        pass
    rows: list[tuple[int, object]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            rows.append((number, exc))
    objects = sum(isinstance(row, dict) for _, row in rows)
    if objects < len(rows) / 2:  # mostly not objects: some other JSON or text, not a list of articles
        return None
    return rows

