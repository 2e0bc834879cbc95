"""Renderers: each reads a Dossier and returns text. None of them computes anything new."""

from __future__ import annotations

from newstrace.dossier import Dossier

FORMATS = ("json", "md", "html", "claimreview", "prov", "annotations", "sqlite", "csv", "events")
FILE_FORMATS = ("sqlite", "csv", "events")  # written to a path (a database, a folder, a zip, a CSV file)


def write_file(dossier: Dossier, fmt: str, path: str) -> None:
    """Write a ``FILE_FORMATS`` format to ``path``, whole or not at all."""
    from newstrace.render.sqlite import write_csv, write_events, write_sqlite

    {"sqlite": write_sqlite, "csv": write_csv, "events": write_events}[fmt](dossier, path)


def render(dossier: Dossier, fmt: str) -> str:
    if fmt in FILE_FORMATS:
        raise ValueError(f"{fmt} is written to a file: give -o")
    if fmt == "json":
        return dossier.to_json() + "\n"
    if fmt == "md":
        from newstrace.render.markdown import render_markdown

        return render_markdown(dossier)
    if fmt == "html":
        from newstrace.render.html import render_html

        return render_html(dossier)
    if fmt == "claimreview":
        from newstrace.render.claimreview import render_claimreview

        return render_claimreview(dossier)
    if fmt == "prov":
        from newstrace.render.prov import render_prov

        return render_prov(dossier)
    if fmt == "annotations":
        from newstrace.render.annotations import render_annotations

        return render_annotations(dossier)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def format_for_path(path: str) -> str:
    """The format a file name asks for: dossier.html -> html, notes.md -> md, x.claimreview.jsonld ->
    claimreview (likewise .prov.jsonld, .annotations.jsonld), dossier.db -> sqlite, tables.zip ->
    csv, x.events.csv -> events, anything else json."""
    lower = path.lower()
    for fmt in ("claimreview", "prov", "annotations"):
        if lower.endswith((f".{fmt}.jsonld", f".{fmt}.json")):
            return fmt
    if lower.endswith((".html", ".htm")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "md"
    if lower.endswith((".db", ".sqlite", ".sqlite3")):
        return "sqlite"
    if lower.endswith(".zip"):
        return "csv"
    if lower.endswith(".events.csv"):
        return "events"
    return "json"
