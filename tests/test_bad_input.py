"""Bad input is skipped with a warning naming the file and why; the other documents are analysed."""

from __future__ import annotations

import gzip
import time

import pytest
from click.testing import CliRunner

from helpers import html_page, warc_archive
from newstrace.cli import cli

GOOD = "Cranes idle in Selmer\n\nDockers at the port of Selmer walked out on Tuesday over pay, the union said.\n"

BAD = {
    "binary": ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4, "binary"),
    "empty": ("empty.txt", b"", "empty"),
    "whitespace": ("blank.txt", b"   \n\n\t\n", "empty"),
    "undecodable": ("mojibake.txt", bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d]) * 400 + b"\x00", "binary"),
    "truncated_html": ("cut.html", b"<html><head><title>Cut</title></head><body><nav>Home</nav><p", "too short to be an article"),
    "truncated_warc": ("cut.warc.gz", None, "broken WARC"),
    "broken_gzip": ("cut.txt.gz", gzip.compress(GOOD.encode())[:25], "broken gzip"),
    "oversize": ("huge.txt", ("Dockers walked out. " * 400).encode(), "size limit"),
    "not_a_feed": ("feed.rss", b"<rss><channel><title>x</title>", "not a readable RSS"),
    "warc_without_html": ("meta.warc", None, "no HTML response"),
}


def _bad_bytes(case: str) -> bytes:
    name, raw, _ = BAD[case]
    if case == "truncated_warc":
        full = warc_archive([("https://a.example/1", html_page()), ("https://a.example/2", html_page("Second page"))])
        return full[: len(full) // 2 + 7]
    if case == "warc_without_html":
        from io import BytesIO

        from warcio.warcwriter import WARCWriter

        out = BytesIO()
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warcinfo_record("meta.warc", {"software": "test"}))
        return out.getvalue()
    return raw


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_file_is_skipped_with_its_name_and_reason(case, analyse):
    name, _, reason = BAD[case]
    result = analyse({"good.txt": GOOD, name: _bad_bytes(case)}, max_document_bytes=4000)
    assert [d["title"] for d in result.dossier.documents][-1] == "Cranes idle in Selmer"
    skipped = {s.source.rsplit("/", 1)[-1].split("#")[0]: s.reason for s in result.report.skipped}
    assert name in skipped, result.report.skipped
    assert reason in skipped[name]


def test_truncated_warc_keeps_the_records_before_the_break(analyse):
    full = warc_archive([("https://a.example/1", html_page()), ("https://a.example/2", html_page("Second page"))])
    result = analyse({"cut.warc.gz": full[: len(full) - 40]})
    assert len(result.dossier.documents) == 1


def test_cli_warns_names_the_file_and_exits_0_when_something_was_analysed(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "photo.jpg").write_bytes(BAD["binary"][1])
    out = tmp_path / "dossier.json"
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert f"warning: skipped {tmp_path / 'photo.jpg'}: binary data" in result.output
    assert out.exists()


def test_cli_exits_2_with_a_clear_message_and_writes_nothing_when_nothing_was_analysed(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(BAD["binary"][1])
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "dossier.json"
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 2
    assert "no document could be analysed" in result.output
    assert not out.exists()


def test_text_over_the_character_limit_is_skipped_not_crashed(analyse):
    result = analyse({"good.txt": GOOD, "long.txt": "Dockers walked out in Selmer. " * 200}, max_document_chars=2000)
    assert [d["title"] for d in result.dossier.documents] == ["Cranes idle in Selmer"]
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in result.report.skipped}
    assert "max_document_chars" in reasons["long.txt"]


def test_a_page_over_the_time_budget_is_skipped_and_the_rest_analysed(analyse, monkeypatch):
    import newstrace.ingest.sources as sources

    real = sources.text_to_document

    def slow(text, source, **meta):
        if "stalls" in text:
            time.sleep(5)
        return real(text, source, **meta)

    monkeypatch.setattr(sources, "text_to_document", slow)
    result = analyse({"good.txt": GOOD, "slow.txt": "This page stalls the reader for a long while, they said.\n"},
                     document_time_budget=0.5)
    assert [d["title"] for d in result.dossier.documents] == ["Cranes idle in Selmer"]
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in result.report.skipped}
    assert "time budget of 0.5 s" in reasons["slow.txt"]


def test_extraction_over_the_time_budget_keeps_the_document_with_a_notice(analyse, monkeypatch):
    import newstrace.nlp.extract as extract

    real = extract.extract_one

    def slow(document, doc):
        if "stalls" in document.text:
            time.sleep(5)
        return real(document, doc)

    monkeypatch.setattr(extract, "extract_one", slow)
    result = analyse({"good.txt": GOOD, "slow.txt": "Dockers say the strike stalls the port of Selmer, the union said.\n"},
                     document_time_budget=1.0)
    assert len(result.dossier.documents) == 2
    notices = [n["message"] for n in result.dossier["notices"]]
    assert any("time budget of 1 s" in n and "nothing was extracted" in n for n in notices)
