"""Every evidence span as a W3C Web Annotation, for annotation tools (Hypothesis and the like).

Each annotation targets its article with two selectors: a ``TextQuoteSelector`` (the exact
words with some context before and after, which re-anchors on the original page) and a
``TextPositionSelector`` (character offsets into the dossier's cleaned text, the same
offsets as in the dossier; a headline's span has the quote selector only). Spans: quotes,
claim mentions, copied passages and flags.
"""

from __future__ import annotations

from newstrace.dossier import Dossier
from newstrace.render.linked_data import document_iri, dumps

CONTEXT_CHARS = 32  # prefix and suffix length: enough to tell repeated words apart


def render_annotations(dossier: Dossier) -> str:
    documents = {d["id"]: d for d in dossier.documents}
    items: list[dict] = []

    def annotate(span: dict, tag: str, comment: str, item_id: str) -> None:
        doc, start, end = documents[span["document"]], span["start"], span["end"]
        headline = span.get("field") == "title"
        text = doc["title"] if headline else doc["text"]
        # A headline's words re-anchor on the page by the quote selector alone: the offsets
        # of a position selector count in the cleaned text, which the title is not part of.
        position = [] if headline else [{"type": "TextPositionSelector", "start": start, "end": end}]
        items.append({
            "id": f"urn:newstrace:annotation:{doc['key']}:{item_id}",
            "type": "Annotation",
            "motivation": "describing",
            "body": [
                {"type": "TextualBody", "purpose": "tagging", "value": tag},
                {"type": "TextualBody", "purpose": "describing", "value": comment, "format": "text/plain"},
            ],
            "target": {
                "source": document_iri(doc),
                "selector": [
                    {"type": "TextQuoteSelector", "exact": text[start:end],
                     "prefix": text[max(0, start - CONTEXT_CHARS):start], "suffix": text[end:end + CONTEXT_CHARS]},
                    *position,
                ],
            },
        })

    cluster_flags = {c["id"]: c["flags"] for c in dossier["quote_clusters"]}
    for q in dossier["quotes"]:
        speaker = q["speaker"]["text"] if q.get("speaker") else "an unknown speaker"
        notes = [f["detail"] for f in cluster_flags.get(q.get("cluster"), []) if q["id"] in f["quotes"]]
        annotate(q, "quote",
                 " ".join([f"Quote attributed to {speaker}."] + notes), q["id"])
    for claim in dossier["claims"]:
        for m in claim["mentions"]:
            source = f", attributed to {m['attributed_to']}" if m.get("attributed_to") else ""
            annotate(m, f"claim {m['stance']}",
                     f"{m['stance'].capitalize()}{source}: {claim['statement']} "
                     f"({claim['independent_sources']} independent sources in all)", m["id"])
    for n, record in enumerate(dossier["reuse"], start=1):
        for side, other in (("a", "b"), ("b", "a")):
            span, there = record[side], record[other]
            annotate(span, f"reuse {record['kind']}",
                     f"Also in {there['document']}, characters {there['start']}-{there['end']} "
                     f"(similarity {record['similarity']:.2f}, direction {record['direction']}).", f"r-{n}{side}")
    for n, flag in enumerate(dossier["flags"], start=1):
        # A flag sits on one span, or (an affiliation conflict) cites several.
        spans = [flag] if flag.get("start") is not None else flag.get("spans", [])
        for k, span in enumerate(spans, start=1):
            annotate(span, flag["kind"].replace("_", " "),
                     flag.get("detail") or flag["kind"], f"f-{n}-{k}")

    return dumps({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:newstrace:annotations",
        "type": "AnnotationCollection",
        "label": "newstrace evidence spans",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    })
