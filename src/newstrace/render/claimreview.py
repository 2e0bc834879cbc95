"""The claims as schema.org ClaimReview JSON-LD, for fact-checking tools and search engines.

Each claim becomes a ``ClaimReview`` whose ``itemReviewed`` is a schema.org ``Claim`` with
every article that carries it (``appearance``) and the earliest (``firstAppearance``).
newstrace does not rate claims true or false, so ``reviewRating`` is left out: a
fact-checker adds their verdict before publishing. What newstrace found (independent
sources, conflicts, denials) goes in ``reviewBody``.
"""

from __future__ import annotations

from newstrace.dossier import Dossier
from newstrace.render.linked_data import article, dumps


def render_claimreview(dossier: Dossier) -> str:
    documents = {d["id"]: d for d in dossier.documents}
    reviews = []
    for claim in dossier["claims"]:
        carriers = [documents[doc_id] for doc_id in claim["documents"]]
        item = {
            "@type": "Claim",
            "text": claim["statement"],
            "appearance": [article(d) for d in carriers],
        }
        first = _first_appearance(carriers)
        if first is not None:
            item["firstAppearance"] = article(first)
        if claim["origins"]:
            item["author"] = [{"@type": "Thing", "name": origin} for origin in claim["origins"]]
        review = {
            "@type": "ClaimReview",
            "@id": f"#{claim['id']}",
            "claimReviewed": claim["statement"],
            "itemReviewed": item,
            "reviewBody": _review_body(claim),
            "datePublished": (dossier.data.get("generated_at") or "")[:10] or None,
            "author": {"@type": "SoftwareApplication", "name": "newstrace"},
        }
        reviews.append({k: v for k, v in review.items() if v is not None})
    return dumps({"@context": "https://schema.org", "@graph": reviews})


def _first_appearance(carriers: list[dict]) -> dict | None:
    """The earliest dated article; with no dates there is no telling which came first."""
    dated = [d for d in carriers if d.get("published")]
    return min(dated, key=lambda d: (d["published"], d["id"])) if dated else None


def _review_body(claim: dict) -> str:
    count = claim["independent_sources"]
    body = f"{count} independent source{'' if count == 1 else 's'}"
    if claim["origins"]:
        body += f" ({', '.join(claim['origins'])})"
    body += f" across {len(claim['documents'])} document{'' if len(claim['documents']) == 1 else 's'}."
    for conflict in claim["conflicts"]:
        body += f" {conflict['kind'].capitalize()} conflict: {conflict['detail']}."
    return body
