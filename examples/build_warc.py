"""Rebuild kessel-valley/coverage/coastline-radio.warc.gz from sources/coastline-radio.html.

The example coverage needs one web archive; this keeps its content readable and
reviewable as HTML. Deterministic: fixed record ids and dates.

    .venv/bin/python examples/build_warc.py
"""

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).parent / "kessel-valley"
URL = "https://coastlineradio.example/news/kessel-governor-address"
DATE = "2026-03-07T08:15:00Z"


def main() -> None:
    html = (HERE / "sources" / "coastline-radio.html").read_bytes()
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    info = writer.create_warcinfo_record("coastline-radio.warc.gz", {"software": "newstrace example builder"})
    _fix(info, "urn:uuid:00000000-0000-4000-8000-000000000001")
    writer.write_record(info)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(URL, "response", payload=BytesIO(html), http_headers=http)
    _fix(record, "urn:uuid:00000000-0000-4000-8000-000000000002")
    writer.write_record(record)
    (HERE / "coverage" / "coastline-radio.warc.gz").write_bytes(out.getvalue())


def _fix(record, record_id: str) -> None:
    record.rec_headers.replace_header("WARC-Record-ID", f"<{record_id}>")
    record.rec_headers.replace_header("WARC-Date", DATE)


if __name__ == "__main__":
    main()
