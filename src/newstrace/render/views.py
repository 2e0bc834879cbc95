"""What every human-readable report shows, computed once from the dossier for all renderers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.dossier import Dossier


@dataclass(frozen=True)
class Summary:
    documents: int
    outlets: list[str]
    skipped: list[dict]
    duplicates: list[dict]
    counts: dict[str, int]


def summary(dossier: Dossier) -> Summary:
    outlets = sorted({d["outlet"] for d in dossier.documents if d.get("outlet")})
    return Summary(
        documents=len(dossier.documents),
        outlets=outlets,
        skipped=dossier.data.get("skipped", []),
        duplicates=dossier.data.get("duplicates", []),
        counts=dossier.counts(),
    )


def people_and_groups(dossier: Dossier, limit: int = 40) -> list[dict]:
    """Entities most mentioned first, names of things (not nationalities) only."""
    wanted = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
    return [e for e in dossier["entities"] if e["type"] in wanted][:limit]


@dataclass(frozen=True)
class QuoteVersion:
    id: str
    document: str
    outlet: str | None
    published: str | None
    speaker: str | None
    cue: str | None
    via: str | None
    segments: list[tuple[str, bool]]  # the quoted words, split where a flag says words were added
    flags: list[str]  # kinds of the cluster's flags that name this version


@dataclass(frozen=True)
class QuoteTrace:
    id: str
    canonical: str
    versions: list[QuoteVersion]
    flags: list[dict]
    first: dict | None


def quote_traces(dossier: Dossier) -> list[QuoteTrace]:
    """Each utterance with every version of it, flagged or repeated ones first."""
    quotes = {q["id"]: q for q in dossier["quotes"]}
    docs = {d["id"]: d for d in dossier.documents}
    traces = []
    for cluster in dossier["quote_clusters"]:
        added: dict[str, list[str]] = {}
        for flag in cluster["flags"]:
            for qid in flag["quotes"]:
                added.setdefault(qid, []).extend(flag.get("inserted", []))
        versions = []
        for qid in cluster["quotes"]:
            q = quotes[qid]
            doc = docs[q["document"]]
            versions.append(QuoteVersion(
                id=qid, document=q["document"], outlet=doc.get("outlet"), published=doc.get("published"),
                speaker=q["speaker"]["text"] if q["speaker"] else None, cue=q["cue"], via=q["via"],
                segments=_segments(q["content"], added.get(qid, [])),
                flags=[f["kind"] for f in cluster["flags"] if qid in f["quotes"]],
            ))
        traces.append(QuoteTrace(cluster["id"], cluster["canonical"], versions, cluster["flags"],
                                 cluster.get("first")))
    traces.sort(key=lambda t: (not t.flags, len(t.versions) == 1))
    return traces


def _segments(text: str, inserted: list[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, was_added) so a report can mark the added words."""
    marks = [False] * len(text)
    lowered = text.lower()
    for phrase in inserted:
        words = phrase.split()
        if not words:
            continue
        pattern = r"\W+".join(re.escape(w.lower()) for w in words)
        for match in re.finditer(rf"(?<!\w){pattern}(?!\w)", lowered):
            for k in range(match.start(), match.end()):
                marks[k] = True
    segments: list[tuple[str, bool]] = []
    for char, flag in zip(text, marks):
        if segments and segments[-1][1] == flag:
            segments[-1] = (segments[-1][0] + char, flag)
        else:
            segments.append((char, flag))
    return segments


@dataclass(frozen=True)
class ClaimView:
    id: str
    statement: str
    event: str
    independent_sources: int
    origins: list[str]
    independence: list[str]
    figures: dict | None
    mentions: list[dict]  # each with its document's outlet added
    conflicts: list[dict]  # each with the texts of the mentions it sets side by side


def claim_views(dossier: Dossier) -> list[ClaimView]:
    """Claims reported by most documents first, each with its sources, counts and conflicts."""
    docs = {d["id"]: d for d in dossier.documents}
    views = []
    for claim in dossier["claims"]:
        mentions = {m["id"]: {**m, "outlet": docs[m["document"]].get("outlet")} for m in claim["mentions"]}
        conflicts = [{**c, "sides": [mentions[m] for m in c["mentions"]]} for c in claim["conflicts"]]
        views.append(ClaimView(claim["id"], claim["statement"], claim.get("event", ""), claim["independent_sources"],
                               claim["origins"], claim.get("independence", []), claim.get("figures"),
                               list(mentions.values()), conflicts))
    return views
