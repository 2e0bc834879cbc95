"""HTML, WARC, RSS/Atom, JSON Lines, gzip and URLs: each becomes documents with its metadata."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from helpers import ATOM, RSS, gz, html_page, warc_archive
from newstrace.ingest import ingest
from newstrace.ingest.sources import read_bytes
from newstrace.ingest.url import check_url
from newstrace.ingest.decode import InputError
from newstrace.model import Document, Skipped
from newstrace.settings import Settings


def _read(raw, name, **settings):
    return list(read_bytes(raw if isinstance(raw, bytes) else raw.encode(), name, name.lower(), Settings(**settings)))


def test_html_main_text_title_date_site_and_removed_furniture():
    [doc] = _read(html_page(), "selmer.html")
    assert doc.title == "Cranes idle in Selmer"
    assert doc.outlet == "Selmer Herald"
    assert doc.published == "2026-02-10"
    assert doc.text.startswith("Dockers at the port of Selmer")
    assert "ferries were running normally" in doc.text
    for furniture in ("Home Port Sport", "Share on Facebook", "Related Stories", "© 2026 Selmer Herald"):
        assert furniture not in doc.text
        assert furniture in doc.removed


LEGACY_PARAGRAPHS = (
    "Dockers at the port of Selmer walked out on Tuesday over pay, the union’s chair Zoë Brühl said.",
    "“We will not go back until the café owners on the quay are paid too,” she told the Selmer Herald.",
    "The port authority said ferries were running normally and that talks would resume on Friday.",
)


@pytest.mark.parametrize("declared", ["windows-1252", "utf-8", None])
def test_a_page_in_a_legacy_encoding_is_read_in_its_own_characters_whatever_it_declares(declared):
    # windows-1252 bytes that say so, that claim UTF-8, that say nothing
    page = html_page(paragraphs=LEGACY_PARAGRAPHS, extra_body="<p class='nav'>Zurück · Über uns</p>")
    page = page.replace("<meta charset='utf-8'>", f"<meta charset='{declared}'>" if declared else "")
    [doc] = _read(page.encode("cp1252"), "selmer.html")
    assert "Zoë Brühl" in doc.text and "“We will not go back until the café owners" in doc.text
    assert "Zurück · Über uns" in doc.removed and "© 2026 Selmer Herald" in doc.removed
    assert not any("Ã" in line or "Â" in line for line in doc.removed)
    text_lines = {line.strip() for line in doc.text.split("\n") if line.strip()}
    assert not text_lines & set(doc.removed)  # what is listed as left out was left out


def test_html_outlet_falls_back_to_the_url_host():
    page = html_page(site="").replace("<meta property='og:site_name' content=''>", "")
    [doc] = list(read_bytes(page.encode(), "p.html", "p.html", Settings()))
    assert doc.outlet in (None, "Selmer Herald")  # no site name anywhere: no invention
    from newstrace.ingest.html import html_to_document

    doc = html_to_document(page, "p.html", url="https://www.selmerherald.example/a")
    assert doc.outlet == "selmerherald.example"


def test_warc_gz_each_html_response_is_a_document_with_uri_and_date():
    raw = warc_archive([("https://selmerherald.example/a", html_page()),
                        ("https://portwatch.example/b", html_page("Ferries run on time", site="Port Watch"))])
    docs = _read(raw, "crawl.warc.gz")
    assert [d.url for d in docs] == ["https://selmerherald.example/a", "https://portwatch.example/b"]
    assert all(isinstance(d, Document) and d.format == "warc" for d in docs)
    assert docs[0].source.startswith("crawl.warc.gz#urn:uuid:")


def test_uncompressed_warc_is_read_too():
    docs = _read(warc_archive([("https://selmerherald.example/a", html_page())], compress=False), "crawl.warc")
    assert len(docs) == 1 and isinstance(docs[0], Document)


def test_rss_entries_with_content_or_summary_are_documents():
    items = _read(RSS, "port.rss")
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.title for d in docs] == ["Strike enters second day", "Ferries unaffected"]
    assert docs[0].url == "https://portwatch.example/strike-day-two"
    assert docs[0].outlet == "Port Watch"
    assert docs[0].published == "2026-02-11T08:00:00Z"
    assert docs[0].text == "The strike at Selmer entered a second day on Wednesday, the union said.\n\nPickets stood at every gate."
    [skipped] = [i for i in items if isinstance(i, Skipped)]
    assert "neither content nor summary" in skipped.reason


def test_atom_feed_sniffed_from_xml_extension():
    [doc] = _read(ATOM, "quay.xml")
    assert doc.title == "Talks resume" and doc.url == "https://quaynotes.example/talks"
    assert doc.text.startswith("Talks between the union")


def test_json_lines_rows_and_bad_rows():
    rows = [
        {"text": "Dockers walked out on Tuesday, the union said.", "title": "Strike", "url": "https://www.selmerherald.example/s",
         "published": "2026-02-10"},
        {"text": "Ferries ran normally, the operator said.", "outlet": "Port Watch"},
    ]
    raw = "\n".join(json.dumps(r) for r in rows) + "\nnot json\n" + json.dumps({"title": "no text"}) + "\n"
    items = _read(raw, "feed.jsonl")
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.outlet for d in docs] == ["selmerherald.example", "Port Watch"]
    assert docs[0].title == "Strike" and docs[0].published == "2026-02-10"
    assert [i.source for i in items if isinstance(i, Skipped)] == ["feed.jsonl:3", "feed.jsonl:4"]


def test_gzip_of_any_format_is_opened():
    [doc] = _read(gz(html_page()), "page.html.gz")
    assert doc.title == "Cranes idle in Selmer"


def test_the_same_article_twice_is_one_document(tmp_path):
    (tmp_path / "a.txt").write_text("Cranes idle\n\nDockers walked out, the union said.")
    (tmp_path / "b.txt").write_text("Cranes idle\n\nDockers  walked out,\nthe union said.\n")
    report = ingest([str(tmp_path)])
    assert len(report.documents) == 1
    assert report.duplicates == ((str(tmp_path / "b.txt"), str(tmp_path / "a.txt")),)


def test_folders_are_read_recursively_in_a_stable_order_without_hidden_files(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "z" / "b.txt").write_text("Second story\n\nFerries ran, the operator said.")
    (tmp_path / "a.txt").write_text("First story\n\nDockers walked out, the union said.")
    (tmp_path / ".git" / "c.txt").write_text("Hidden\n\nNot an article at all, really.")
    report = ingest([str(tmp_path)])
    assert [d.title for d in report.documents] == ["First story", "Second story"]


# URLs -------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path.startswith("/hop/"):
            n = int(self.path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", f"/hop/{n - 1}" if n > 1 else "/article")
            self.end_headers()
            return
        if self.path == "/to-file":  # a redirect out of http must be checked like the first URL
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/big":
            body = b"x" * 50_000
        else:
            body = html_page().encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_is_fetched_when_private_addresses_are_allowed(server):
    report = ingest([f"{server}/article"], Settings(allow_private=True))
    [doc] = report.documents
    assert doc.title == "Cranes idle in Selmer" and doc.source == f"{server}/article"


def test_loopback_url_is_refused_by_default(server):
    report = ingest([f"{server}/article"], Settings())
    [skipped] = report.skipped
    assert "non-public address" in skipped.reason and "--allow-private" in skipped.reason


def test_redirects_are_followed_up_to_the_limit(server):
    settings = Settings(allow_private=True, max_redirects=5)
    assert len(ingest([f"{server}/hop/5"], settings).documents) == 1
    [skipped] = ingest([f"{server}/hop/6"], settings).skipped
    assert "redirects" in skipped.reason


def test_every_redirect_is_checked_again(server):
    [skipped] = ingest([f"{server}/to-file"], Settings(allow_private=True)).skipped
    assert "only http and https" in skipped.reason


def test_oversize_response_is_refused(server):
    [skipped] = ingest([f"{server}/big"], Settings(allow_private=True, max_document_bytes=10_000)).skipped
    assert "size limit" in skipped.reason


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/"])
def test_non_http_schemes_are_refused(url):
    with pytest.raises(InputError, match="only http and https"):
        check_url(url, allow_private=True)


@pytest.mark.parametrize("url", ["http://10.0.0.8/", "http://169.254.169.254/latest", "http://[::1]/", "http://192.168.1.1/"])
def test_private_and_link_local_hosts_are_refused(url):
    with pytest.raises(InputError, match="non-public"):
        check_url(url, allow_private=False)


def test_a_json_file_that_is_not_json_lines_is_one_clear_skip():
    items = _read('{\n  "name": "settings",\n  "count": 3\n}\n', "notes.json")
    assert [(i.source, i.reason) for i in items] == [("notes.json", 'not JSON Lines: expected one {"text": ...} object per line')]
