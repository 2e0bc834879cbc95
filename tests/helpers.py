"""Small builders for test inputs written by us: HTML pages, WARC archives, feeds."""

from __future__ import annotations

import gzip
from io import BytesIO

PARAGRAPHS = [
    "Dockers at the port of Selmer walked out on Tuesday over pay, the union said.",
    "“We have waited two years for an offer,” said Ana Rieu, a crane driver at the north quay.",
    "The port authority said talks would resume on Friday and that ferries were running normally.",
]


def html_page(title: str = "Cranes idle in Selmer", paragraphs=PARAGRAPHS, site: str = "Selmer Herald",
              date: str = "2026-02-10", extra_body: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:site_name' content='{site}'>"
        f"<meta property='article:published_time' content='{date}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/port'>Port</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{body}<div class='share'>Share on Facebook</div></article>"
        "<aside><h3>Related Stories</h3><ul><li><a href='/x'>Nine recipes for a rainy weekend</a></li></ul></aside>"
        f"{extra_body}<footer>© 2026 {site}</footer></body></html>"
    )


def warc_archive(pages: list[tuple[str, str]], compress: bool = True) -> bytes:
    """A WARC file with one HTML response record per (url, html)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=BytesIO(html.encode()), http_headers=headers)
        record.rec_headers.replace_header("WARC-Date", "2026-02-11T09:00:00Z")
        writer.write_record(record)
    return out.getvalue()


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Port Watch</title><link>https://portwatch.example/</link><description>d</description>
<item><title>Strike enters second day</title><link>https://portwatch.example/strike-day-two</link>
<pubDate>Wed, 11 Feb 2026 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The strike at Selmer entered a second day on Wednesday, the union said.</p><p>Pickets stood at every gate.</p>]]></content:encoded></item>
<item><title>Ferries unaffected</title><link>https://portwatch.example/ferries</link>
<description>Ferry services from Selmer run to timetable despite the dock strike, the operator said.</description></item>
<item><title>Empty item</title><link>https://portwatch.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Quay Notes</title><id>urn:quay</id><updated>2026-02-12T00:00:00Z</updated>
<entry><title>Talks resume</title><id>urn:quay:1</id><link href="https://quaynotes.example/talks"/>
<updated>2026-02-12T10:00:00Z</updated>
<content type="html">&lt;p&gt;Talks between the union and the port resumed on Thursday, both sides said.&lt;/p&gt;</content></entry>
</feed>"""


def gz(data: bytes | str) -> bytes:
    return gzip.compress(data.encode() if isinstance(data, str) else data, mtime=0)
