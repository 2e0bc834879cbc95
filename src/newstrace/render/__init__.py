"""Renderers: each reads a Dossier and returns text. None of them computes anything new."""

from __future__ import annotations

from newstrace.dossier import Dossier

FORMATS = ("json", "md", "html", "claimreview", "prov", "annotations")


def render(dossier: Dossier, fmt: str) -> str:
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
    claimreview (likewise .prov.jsonld, .annotations.jsonld), anything else json."""
    lower = path.lower()
    for fmt in ("claimreview", "prov", "annotations"):
        if lower.endswith((f".{fmt}.jsonld", f".{fmt}.json")):
            return fmt
    if lower.endswith((".html", ".htm")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "md"
    return "json"
