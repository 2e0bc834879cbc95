"""HTML pages to documents, with trafilatura doing the main-text extraction."""

from __future__ import annotations

import re
import warnings
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from newstrace.ingest.boilerplate import clean_text
from newstrace.ingest.decode import InputError, normalize
from newstrace.model import Document

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td",
    "th", "tr", "ul", "title",
}
_INVISIBLE_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe"}
_SPACES = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def html_to_document(html: str | bytes, source: str, *, url: str | None = None,
                     published: str | None = None, fmt: str = "html") -> Document:
    """Extract an article from an HTML page; everything visible that was left out goes to ``removed``."""
    import trafilatura  # heavy: imported where used
    from trafilatura.utils import decode_file

    # Decoded once, the way trafilatura decodes, for every parse of the page: lxml given the
    # bytes guessed its own encoding, and ``removed`` and the block quotes came out in mojibake
    # ("ZurÃ¼ck") beside a text that was right.
    html = decode_file(html)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False,
                include_tables=True, include_images=False, deduplicate=False,
            )
        except (ValueError, TypeError, etree.LxmlError) as exc:
            raise InputError(f"unparseable HTML: {exc}") from exc
    if result is None or not (result.text or "").strip():
        raise InputError("no article text found in the HTML page")

    title = _clean_field(result.title)
    lines = [ln.strip() for ln in normalize(result.text).split("\n") if ln.strip()]
    if title and lines and _SPACES.sub(" ", lines[0]) == title:
        lines = lines[1:]  # the page's <h1> repeats the title
    cleaned = clean_text("\n\n".join(lines), find_title=False)
    if not cleaned.text:
        raise InputError("no article text left after removing page furniture")

    root = _parse(html)
    page_lines = [normalize(ln) for ln in _visible_lines(root)] if root is not None else []
    body = _SPACES.sub(" ", cleaned.text)
    left_out = [ln for ln in page_lines if ln not in body and ln != title]
    removed = tuple(dict.fromkeys(left_out + list(cleaned.removed)))

    page_url = url or _clean_field(result.url)
    outlet = _clean_field(result.sitename) or outlet_from_url(page_url)
    return Document(
        source=source,
        text=cleaned.text,
        title=title,
        outlet=outlet,
        url=page_url,
        published=_clean_field(result.date) or published,
        removed=removed,
        format=fmt,
        blockquotes=_blockquote_spans(root, cleaned.text) if root is not None else (),
    )


def _clean_field(value: str | None) -> str | None:
    if not value:
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL names when nothing else does: its host without "www."."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _parse(html: str):
    try:  # lxml refuses a str that declares its encoding; it is decoded already
        return lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return None


def _blockquote_spans(root, text: str) -> tuple[tuple[int, int], ...]:
    """Where the page's <blockquote> blocks sit in the article text: quotes set off without marks."""
    spans = []
    cursor = 0
    for block in root.iter("blockquote"):
        if any(a.tag == "blockquote" for a in block.iterancestors()):
            continue  # the outer block holds it already
        start = end = None
        for line in map(normalize, _visible_lines(block)):
            found = text.find(line, cursor)
            if found < 0:
                continue
            start = found if start is None else start
            end = cursor = found + len(line)
        if start is not None:
            spans.append((start, end))
    return tuple(spans)


def _visible_lines(root) -> list[str]:
    """The visible text under ``root``, one entry per block element (nav items, captions, footers...)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _SPACES.sub(" ", "".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    # iterwalk, not recursion: deeply nested pages must not exhaust the stack
    body = root.find("body") if root.tag == "html" else None
    top = body if body is not None else root
    skip_depth = 0
    for event, element in etree.iterwalk(top, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if skip_depth or tag in _INVISIBLE_TAGS or not tag:
                skip_depth += 1
                continue
            if tag in _BLOCK_TAGS:
                flush()
            if element.text:
                current.append(element.text)
        else:
            if skip_depth:
                skip_depth -= 1
            elif tag in _BLOCK_TAGS:
                flush()
            if not skip_depth and element.tail and element is not top:
                current.append(element.tail)
    flush()
    return lines
