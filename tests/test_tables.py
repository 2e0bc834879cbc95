"""The dossier as tables: SQLite for Datasette and SQL, CSV for spreadsheets (issue 28)."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile

import pytest
from click.testing import CliRunner

from newstrace.cli import cli
from newstrace.render import format_for_path, write_file
from newstrace.render.tables import TABLES


def _counts(dossier) -> dict[str, int]:
    data = dossier.data
    return {
        "documents": len(data["documents"]), "stories": len(data["stories"]), "claims": len(data["claims"]),
        "claim_mentions": sum(len(c["mentions"]) for c in data["claims"]),
        "conflicts": sum(len(c["conflicts"]) for c in data["claims"]), "quotes": len(data["quotes"]),
        "quote_clusters": len(data["quote_clusters"]),
        "quote_flags": sum(len(c["flags"]) for c in data["quote_clusters"]), "entities": len(data["entities"]),
        "entity_variants": sum(len(e["variants"]) for e in data["entities"]), "reuse": len(data["reuse"]),
        "flags": len(data["flags"]), "skipped": len(data["skipped"]), "families": len(data["families"]),
        "events": sum(c["kind"] == "event" or (c["kind"] == "quantity" and bool(c.get("category")))
                      for c in data["claims"]),
    }


@pytest.fixture(scope="module")
def database(example_dossier, tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "dossier.db"
    write_file(example_dossier, "sqlite", str(path))
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def test_every_record_of_the_dossier_is_a_row(database, example_dossier):
    for table, count in _counts(example_dossier).items():
        assert database.execute(f"select count(*) from {table}").fetchone()[0] == count, table


def test_keys_hold_and_are_declared(database):
    assert database.execute("pragma foreign_key_check").fetchall() == []
    pointing = {row[2] for row in database.execute("pragma foreign_key_list(claim_mentions)")}
    assert pointing == {"claims", "documents", "entities"}
    ids = database.execute("select id from claims").fetchall()
    assert all(str(i).startswith("c-") for (i,) in ids)


def test_full_text_search_finds_a_quote_and_a_claim(database):
    quotes = database.execute("select quotes.id, quotes.text from quotes join quotes_fts on quotes.rowid = "
                              "quotes_fts.rowid where quotes_fts match 'afraid'").fetchall()
    assert quotes and all("afraid" in text for _, text in quotes)
    claims = database.execute("select count(*) from claims_fts where claims_fts match 'detained OR held'").fetchone()
    assert claims[0] > 0


def test_views_a_reporter_opens_first(database, example_dossier):
    ranked = database.execute("select independent_sources from claims_by_sources").fetchall()
    assert [r[0] for r in ranked] == sorted((r[0] for r in ranked), reverse=True)
    assert database.execute("select count(*) from claim_conflicts").fetchone()[0] > 0
    assert database.execute("select count(*) from copy_families").fetchone()[0] >= 3
    misattributed = sum(f["kind"] == "misattribution" for c in example_dossier.data["quote_clusters"] for f in c["flags"])
    assert database.execute("select count(*) from misattributions").fetchone()[0] == misattributed > 0
    described = database.execute("select count(*) from _about where \"column\" is null").fetchone()[0]
    assert described == len(TABLES)


@pytest.mark.parametrize("target", ["tables", "tables.zip"])
def test_csv_tables_have_one_header_row_and_every_record(example_dossier, tmp_path, target):
    path = tmp_path / target
    write_file(example_dossier, "csv", str(path))
    if target.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            files = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    else:
        files = {p.name: p.read_text(encoding="utf-8") for p in path.iterdir()}
    assert "README.txt" in files
    for table, count in _counts(example_dossier).items():
        rows = list(csv.reader(io.StringIO(files[f"{table}.csv"])))
        assert rows[0] == list(TABLES[table].columns)
        assert len(rows) - 1 == count, table


def test_a_broken_write_keeps_the_old_file_and_leaves_nothing_beside_it(example_dossier, tmp_path, monkeypatch):
    path = tmp_path / "dossier.db"
    path.write_bytes(b"old")
    import newstrace.render.sqlite as writer

    def broken(dossier):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "dossier_tables", broken)
    with pytest.raises(RuntimeError):
        write_file(example_dossier, "sqlite", str(path))
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.db"]


def test_file_formats_come_from_the_name_and_need_a_path(tmp_path):
    assert format_for_path("dossier.db") == "sqlite"
    assert format_for_path("tables.zip") == "csv"
    dossier = tmp_path / "d.json"
    dossier.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(dossier), "--format", "sqlite"])
    assert result.exit_code == 2 and "give -o" in result.output


def test_the_events_table_alone_dates_counts_and_sources_each_event(example_dossier, tmp_path):
    path = tmp_path / "dossier.events.csv"
    write_file(example_dossier, format_for_path(str(path)), str(path))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == _counts(example_dossier)["events"]
    deaths = next(r for r in rows if r["category"] == "death")
    assert (deaths["count_low"], deaths["count_high"]) == ("2", "3")  # "two" against "at least three"
    assert deaths["independent_sources"] == "2" and "numeric" in deaths["notes"]
    assert deaths["event_date"] <= deaths["event_date_latest"]
    assert deaths["first_reported_document"].startswith("doc-") and deaths["first_reported_date"]


def test_datasette_serves_the_tables_and_a_view(example_dossier, tmp_path):
    """Start Datasette on 127.0.0.1 against the example's dossier.db, fetch a table and a view
    as JSON, and stop it."""
    import json
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    pytest.importorskip("datasette")
    path = tmp_path / "dossier.db"
    write_file(example_dossier, "sqlite", str(path))
    metadata = tmp_path / "dossier.metadata.json"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "datasette", str(path), "-m", str(metadata), "--host",
                               "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        def fetch(route: str) -> dict:
            for _ in range(150):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{route}", timeout=5) as response:
                        return json.load(response)
                except OSError:
                    time.sleep(0.2)
            raise AssertionError(f"Datasette did not answer {route}")

        claims = fetch("/dossier/claims.json?_shape=array")
        assert claims and {"id", "statement", "independent_sources"} <= set(claims[0])
        ranked = fetch("/dossier/claims_by_sources.json?_shape=array")
        assert len(ranked) == len(claims)
        described = fetch("/-/metadata.json")["databases"]["dossier"]["tables"]["claims"]
        assert described["columns"]["independent_sources"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_folder_is_an_output_only_for_csv(tmp_path):
    dossier = tmp_path / "d.json"
    dossier.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(dossier), "--format", "html", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "only --format csv" in result.output
