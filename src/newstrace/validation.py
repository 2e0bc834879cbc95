"""The offset rule every dossier keeps: documents[d][field][start:end] == span.text (the field
"text" unless a span says "title")."""

from __future__ import annotations

from collections.abc import Iterator

from newstrace.dossier import Dossier


def spans(dossier: Dossier) -> Iterator[tuple[str, dict]]:
    """Every object in the dossier that points into a document, with where it sits."""
    for e in dossier["entities"]:
        for m in e.get("mentions", []):
            yield f"entity {e['id']}", m
        for m in e.get("role_mentions", []):
            yield f"entity {e['id']} role", m
    for q in dossier["quotes"]:
        yield f"quote {q['id']}", q
        where = {"document": q["document"], "field": q.get("field", "text")}
        for n, part in enumerate(q.get("parts", [])):
            yield f"quote {q['id']} part {n}", {**where, **part}
        speaker = q.get("speaker") or {}
        if "start" in speaker:
            yield f"quote {q['id']} speaker", {**where, **speaker}
        if speaker.get("pronoun"):
            yield f"quote {q['id']} pronoun", {**where, **speaker["pronoun"]}
        if speaker.get("document_mention"):
            yield f"quote {q['id']} document", {**where, **speaker["document_mention"]}
    for n, r in enumerate(dossier["reuse"]):
        yield f"reuse {n} a", r["a"]
        yield f"reuse {n} b", r["b"]
    for c in dossier["claims"]:
        for m in c["mentions"]:
            yield f"claim {c['id']} mention {m['id']}", m
            for key in ("source", "source_document", "source_pronoun", "source_via"):
                if m.get(key):
                    yield (f"claim {c['id']} mention {m['id']} {key}",
                           {"document": m["document"], "field": m.get("field", "text"), **m[key]})
    for n, f in enumerate(dossier["flags"]):
        if "start" in f:
            yield f"flag {n}", f
        for k, span in enumerate(f.get("spans", [])):
            yield f"flag {n} span {k}", span


def offset_errors(dossier: Dossier) -> list[str]:
    texts = {(d["id"], "text"): d["text"] for d in dossier.documents}
    texts |= {(d["id"], "title"): d.get("title") or "" for d in dossier.documents}
    problems = []
    for where, span in spans(dossier):
        text = texts.get((span["document"], span.get("field", "text")))
        if text is None:
            problems.append(f"{where}: unknown document {span['document']}")
            continue
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= len(text):
            problems.append(f"{where}: offsets {start}:{end} outside the text")
        elif "text" in span and text[start:end] != span["text"]:
            problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {span['text']!r}")
    return problems
