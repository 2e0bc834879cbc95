"""Property tests: whatever bytes or text arrive, ingestion and quote reading neither crash
nor hang, and every span they return points into the text."""

from __future__ import annotations

import gzip

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newstrace.ingest.sources import read_bytes
from newstrace.model import Document, Skipped
from newstrace.nlp.quote_marks import find_quotations
from newstrace.settings import Settings

SETTINGS = Settings(max_document_bytes=200_000, max_container_bytes=1_000_000)
NAMES = st.sampled_from(["a.txt", "a.html", "a.htm", "a.warc", "a.warc.gz", "a.rss", "a.xml", "a.jsonl",
                         "a.json", "a.txt.gz", "noextension"])
FUZZ = hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(raw: bytes, name: str) -> list:
    items = list(read_bytes(raw, f"fuzz/{name}", name, SETTINGS))
    assert items, "every input gives a document or says why it gave none"
    for item in items:
        assert isinstance(item, (Document, Skipped))
        if isinstance(item, Skipped):
            assert item.reason
        else:
            assert item.text.strip()
    return items


@FUZZ
@given(raw=st.binary(max_size=4000), name=NAMES)
def test_random_bytes_never_crash_ingestion(raw, name):
    _read(raw, name)


@FUZZ
@given(text=st.text(max_size=3000), name=NAMES)
def test_random_unicode_never_crashes_ingestion(text, name):
    _read(text.encode("utf-8", "surrogatepass"), name)


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_gzip_of_anything_never_crashes(raw):
    _read(gzip.compress(raw), "a.txt.gz")


def test_a_gzip_bomb_is_refused_not_inflated():
    bomb = gzip.compress(b"\0" * 5_000_000)  # 5 MB of zeros in a few kilobytes
    items = _read(bomb, "bomb.txt.gz")
    assert isinstance(items[0], Skipped) and "decompresses to more than" in items[0].reason


def test_deeply_nested_html_and_very_long_lines_are_read():
    page = ("<html><body>" + "<div>" * 5000 + "<p>Dockers in Selmer walked out over pay on Tuesday, "
            "the union said, and the port stood idle.</p>" + "</div>" * 5000 + "</body></html>")
    _read(page.encode(), "nested.html")
    _read(("word " * 200_000).encode(), "oneline.txt")


def test_mixed_encodings_in_one_file_are_read():
    raw = "Dockers in Selmer walked out.\n\n".encode() + "Le café était fermé, dit le syndicat.\n".encode("latin-1")
    items = _read(raw, "mixed.txt")
    assert isinstance(items[0], Document)


MARKS = st.sampled_from(list("\"'“”‘’«»") + ["''", "``", " ", "\n\n", "\n", "said", "word", "don't", "the 90s'"])


@FUZZ
@given(pieces=st.lists(MARKS, max_size=200))
def test_unbalanced_and_nested_quote_marks_give_spans_inside_the_text(pieces):
    text = " ".join(pieces)
    quotations, warnings = find_quotations(text)
    for q in quotations:
        for start, end in q.parts:
            assert 0 <= start <= end <= len(text)
    assert all(isinstance(w, str) for w in warnings)


def test_a_10_mb_article_is_skipped_with_its_reason_under_the_default_limits():
    items = list(read_bytes(("Dockers walked out in Selmer. " * 350_000).encode(), "fuzz/huge.txt", "huge.txt",
                            Settings()))
    assert len(items) == 1 and isinstance(items[0], Skipped) and "max_document_bytes" in items[0].reason
