"""The dossier as one SQLite file for Datasette and SQL, as CSV tables for spreadsheets, and its
events table alone as CSV.

The tables are ``render.tables``'s, written with sqlite-utils: the dossier's ids as primary
keys, foreign keys between them, full-text search over document text and titles, quotes and
claim statements, and the views a reporter opens first. Each table's and column's
description is in the ``_about`` table, and in Datasette's metadata file written beside
the database (``datasette dossier.db -m dossier.metadata.json``). Both writers write beside the target and rename
when done, so a broken run never leaves half a file.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from newstrace.dossier import Dossier, replaced_whole, write_atomic
from newstrace.render.tables import TABLES, dossier_tables, event_rows

SEARCHED = {"documents": ["title", "text"], "quotes": ["content"], "claims": ["statement"]}
VIEWS = {
    "claims_by_sources": """select id, statement, independent_sources, origins, documents, earliest, latest, places,
        conflicts from claims order by independent_sources desc, documents desc, id""",
    "claim_conflicts": """select conflicts.claim, claims.statement, conflicts.kind, conflicts.detail,
        conflicts.mentions from conflicts join claims on claims.id = conflicts.claim order by conflicts.id""",
    "misattributions": """select quote_flags.cluster, quote_clusters.canonical, quote_flags.quotes,
        quote_flags.detail from quote_flags join quote_clusters on quote_clusters.id = quote_flags.cluster
        where quote_flags.kind = 'misattribution' order by quote_flags.id""",
    "copy_families": """select families.id as family, families.origin, documents.id as document, documents.outlet,
        documents.title, documents.published from families join documents on documents.family = families.id
        order by families.id, documents.published, documents.id""",
}


def write_sqlite(dossier: Dossier, path: str | Path) -> None:
    """Write the dossier's tables to a new SQLite file at ``path`` (replacing it whole), and
    Datasette's metadata for it beside it (``metadata_path``): Datasette reads table and
    column descriptions from a file given with ``-m``, not from the database."""
    import sqlite_utils  # imported where used: only this format needs it

    path = Path(path)
    with replaced_whole(path) as temporary:
        db = sqlite_utils.Database(temporary)
        rows = dossier_tables(dossier)
        for name in _referenced_first():
            table = TABLES[name]
            columns = {c: _column_type(rows[name], c) for c in table.columns}
            db[name].create(columns, pk=table.key,
                            foreign_keys=[(c, other, TABLES[other].key) for c, other in table.references.items()])
            db[name].insert_all(rows[name])
        for name, columns in SEARCHED.items():
            db[name].enable_fts(columns, tokenize="porter")
        for name, sql in VIEWS.items():
            db.create_view(name, sql)
        db["_about"].insert_all(
            [{"table": name, "column": None, "description": t.description} for name, t in TABLES.items()]
            + [{"table": name, "column": c, "description": d} for name, t in TABLES.items() for c, d in t.columns.items()])
        db.conn.commit()
        db.close()
        write_atomic(metadata_path(path), json.dumps(datasette_metadata(dossier, path.stem), indent=1) + "\n")


def metadata_path(path: Path) -> Path:
    """Where Datasette's metadata for a database file goes: dossier.db -> dossier.metadata.json."""
    return path.with_name(f"{path.stem}.metadata.json")


def datasette_metadata(dossier: Dossier, database: str) -> dict:
    """Titles, descriptions and sources for ``datasette dossier.db -m dossier.metadata.json``."""
    outlets = sorted({d.get("outlet") or d["source"] for d in dossier.data["documents"]})
    return {
        "title": "newstrace dossier",
        "description": (f"{len(dossier.data['documents'])} articles analysed by newstrace "
                        f"({dossier.data.get('generated_at', '')}): claims with their independent sources, "
                        "quotes traced across outlets, copied passages and loaded language."),
        "source": "; ".join(outlets)[:500],
        "license": "each article remains its outlet's; see documents.source and documents.url",
        "databases": {database: {"tables": {
            name: {"description": table.description, "columns": dict(table.columns)}
            for name, table in TABLES.items()}}},
    }


def _referenced_first() -> list[str]:
    """The tables, each after those its foreign keys point into."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name not in order:
            for other in TABLES[name].references.values():
                if other != name:
                    visit(other)
            order.append(name)

    for name in TABLES:
        visit(name)
    return order


def _column_type(rows: list[dict], column: str) -> type:
    values = [r[column] for r in rows if r.get(column) is not None]
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return int
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return float
    return str


def write_csv(dossier: Dossier, path: str | Path) -> None:
    """Write each table as ``<table>.csv`` (UTF-8, one header row) into the folder ``path``,
    or into a zip file when ``path`` ends in .zip; with a README.txt of the columns."""
    path = Path(path)
    files = {f"{name}.csv": _csv_text(TABLES[name].columns, rows) for name, rows in dossier_tables(dossier).items()}
    files["README.txt"] = _readme()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".zip":
        with replaced_whole(path) as temporary, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text.encode("utf-8"))
        return
    temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        for name, text in files.items():
            (temporary / name).write_text(text, encoding="utf-8")
        if path.exists():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        temporary.rename(path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def write_events(dossier: Dossier, path: str | Path) -> None:
    """Write the events table alone as one CSV file."""
    write_atomic(path, _csv_text(TABLES["events"].columns, event_rows(dossier)))


def _csv_text(columns: dict[str, str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _readme() -> str:
    lines = ["newstrace dossier tables (CSV, UTF-8). Ids are the dossier's; lists are joined with '; '.", ""]
    for name, table in TABLES.items():
        lines += [f"{name}.csv: {table.description}"]
        lines += [f"  {column}: {description}" for column, description in table.columns.items()]
        lines.append("")
    return "\n".join(lines)
