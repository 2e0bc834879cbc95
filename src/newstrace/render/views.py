"""What every human-readable report shows, computed once from the dossier for all renderers."""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

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
    field: str  # "text", or "title" for a headline's
    outlet: str | None
    published: str | None
    speaker: str | None
    cue: str | None
    via: str | None
    words: str  # the quoted words as this version gives them
    diff: list[tuple[str, str]]  # against the canonical version: (words, "same" | "ins" | "del")
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
        versions = []
        for qid in cluster["quotes"]:
            q = quotes[qid]
            doc = docs[q["document"]]
            versions.append(QuoteVersion(
                id=qid, document=q["document"], field=q.get("field", "text"), outlet=doc.get("outlet"),
                published=doc.get("published"),
                speaker=q["speaker"]["text"] if q["speaker"] else None, cue=q["cue"], via=q["via"],
                words=q["content"], diff=word_diff(cluster["canonical"], q["content"]),
                flags=[f["kind"] for f in cluster["flags"] if qid in f["quotes"]],
            ))
        traces.append(QuoteTrace(cluster["id"], cluster["canonical"], versions, cluster["flags"],
                                 cluster.get("first")))
    traces.sort(key=lambda t: (not t.flags, len(t.versions) == 1))
    return traces


@dataclass(frozen=True)
class ClaimView:
    id: str
    statement: str
    label: str  # its coarse category where one applies, else what it predicates
    story: str | None
    when: dict | None
    where: list[str]
    independent_sources: int
    origins: list[str]
    independence: list[str]  # each origin with the paths by which its reports reached their documents
    figures: dict | None
    mentions: list[dict]  # each with its document's outlet and its sentence's marked pieces added
    conflicts: list[dict]  # each with the texts of the mentions it sets side by side


def claim_views(dossier: Dossier) -> list[ClaimView]:
    """Claims reported by most documents first, each with its sources, counts and conflicts."""
    docs = {d["id"]: d for d in dossier.documents}
    views = []
    for claim in dossier["claims"]:
        mentions = {m["id"]: {**m, "outlet": docs[m["document"]].get("outlet"), "evidence": _evidence(m),
                              "source_label": source_label(m)}
                    for m in claim["mentions"]}
        conflicts = [{**c, "sides": [mentions[m] for m in c["mentions"]]} for c in claim["conflicts"]]
        views.append(ClaimView(claim["id"], claim["statement"], claim.get("category") or claim.get("predicate", ""),
                               claim.get("story"), claim.get("when"), claim.get("where", []),
                               claim["independent_sources"], claim["origins"], counted_paths(claim),
                               claim.get("figures"), list(mentions.values()), conflicts))
    views.sort(key=lambda v: -v.independent_sources)  # stable: ties keep the dossier's order
    return views


def counted_paths(claim: dict) -> list[str]:
    """How the sources were counted, a line an origin with the paths its reports took
    ("Kessel Courier: doc-5 → cites The Courier → cites two former prisoners; doc-7 → …"),
    then each report that adds no source, with why. Dossiers without paths keep their lines."""
    if not all(m.get("source_path") for m in claim["mentions"]):
        return claim.get("independence", [])
    paths: dict[str, list[str]] = {}
    for m in claim["mentions"]:
        if m.get("origin"):
            paths.setdefault(m["origin"], [])
            if m["source_path"] not in paths[m["origin"]]:
                paths[m["origin"]].append(m["source_path"])
    lines = [f"{origin}: " + "; ".join(paths[origin]) for origin in sorted(paths)]
    left_out = Counter(f"not counted, {m['source_path']}: {m['not_counted']}" for m in claim["mentions"]
                       if m.get("not_counted"))  # in order of first report: a Counter keeps it
    return lines + [line if n == 1 else f"{line} ({n} reports)" for line, n in left_out.items()]


@dataclass(frozen=True)
class StoryView:
    id: str
    names: list[str]
    title: str | None
    documents: list[str]
    first_published: str | None
    claims: list[ClaimView]


@dataclass(frozen=True)
class TimelineEntry:
    claim: str
    statement: str
    start: str  # ISO day
    end: str  # the last day its reports allow: after start where they disagree or are vague
    dated: bool  # False: no report dates it, so it stands at its first report
    left: float  # where its bar starts and how wide it is, in percent of the axis
    width: float
    sources: int


TIMELINE_MOST = 300  # claims a timeline shows at most: the best-sourced


def timeline(dossier: Dossier, claims: list[ClaimView]) -> list[TimelineEntry]:
    """Claims placed by the days their reports give (or, with none, their first report's day),
    those carried by two documents or more, or dated by their text; earliest first."""
    published = {d["id"]: _day(d.get("published")) for d in dossier.documents}
    placed = []
    for c in claims:
        when = c.when or {}
        first_day, last_day = _day(when.get("earliest")), _day(when.get("latest") or when.get("earliest"))
        documents = {m["document"] for m in c.mentions}
        if first_day and last_day and first_day <= last_day:
            placed.append((c, first_day, last_day, True))
        elif len(documents) > 1 and (days := sorted(published[d] for d in documents if published.get(d))):
            placed.append((c, days[0], days[0], False))
    placed = sorted(placed, key=lambda p: (-p[0].independent_sources, p[0].id))[:TIMELINE_MOST]
    if not placed:
        return []
    first, last = min(p[1] for p in placed), max(p[2] for p in placed)
    length = last - first + 1
    entries = [TimelineEntry(c.id, c.statement, date.fromordinal(a).isoformat(), date.fromordinal(b).isoformat(),
                             dated, round(100 * (a - first) / length, 2), round(max(100 * (b - a + 1) / length, 0.8), 2),
                             c.independent_sources) for c, a, b, dated in placed]
    return sorted(entries, key=lambda e: (e.start, e.end, e.claim))


def _day(value: str | None) -> int | None:
    """An ISO day (or the day of an ISO time) as an ordinal; None for anything else ("--03-14",
    a year alone)."""
    try:
        return date.fromisoformat((value or "")[:10]).toordinal()
    except ValueError:
        return None


def story_views(dossier: Dossier, claims: list[ClaimView]) -> list[StoryView]:
    """The stories, most documents first, each with its claims by independent sources."""
    by_story: dict[str | None, list[ClaimView]] = defaultdict(list)
    for claim in claims:
        by_story[claim.story].append(claim)
    return [StoryView(s["id"], s.get("names", []), s.get("title"), s["documents"], s.get("first_published"),
                      by_story.get(s["id"], [])) for s in dossier.data.get("stories", [])]


_SOURCE_KINDS = {"named_person": "named person", "named_organisation": "named organisation", "unnamed": "unnamed",
                 "document": "document", "pronoun": "pronoun, no name found", "outlet_own": "the outlet's own voice"}


def source_label(mention: dict) -> str:
    """Who a claim mention comes from, and what kind of source that is: "Anna Holt (named
    person, as "she")", "two officials (unnamed, via the Courier)", "the outlet's own voice"."""
    kind = _SOURCE_KINDS.get(mention.get("source_kind") or "", "")
    if not mention.get("attributed_to"):
        if mention.get("source_kind") == "pronoun" and mention.get("source_pronoun"):
            return f'"{mention["source_pronoun"]["text"]}" ({kind})'  # "they" (pronoun, no name found)
        return kind if mention.get("source_kind") in ("outlet_own", "unnamed") else ""
    notes = [kind] if kind else []
    if mention.get("source_pronoun"):
        notes.append(f'as "{mention["source_pronoun"]["text"]}"')
    if mention.get("source_via"):
        notes.append(f'via {mention["source_via"]["text"]}')
    return f"{mention['attributed_to']} ({', '.join(notes)})" if notes else mention["attributed_to"]


def _evidence(mention: dict) -> list[Segment]:
    """The mention's sentence with its predicate, its count and its source marked (the
    pronoun, where the text names the source by one)."""
    spans = []
    for key, kind in (("predicate", "predicate"), ("source_pronoun", "source"), ("source", "source")):
        span = mention.get(key)
        if span and mention["start"] <= span["start"] and span["end"] <= mention["end"]:
            if kind == "source" and any(k == "source" for *_, k in spans):
                continue  # the pronoun is marked: the name is in another sentence
            at = span["start"] - mention["start"]
            spans.append((at, at + len(span["text"]), kind, kind))
    if mention.get("quantity"):
        phrase = mention["quantity"]["text"]
        found = mention["text"].lower().find(phrase.lower()) if phrase else -1
        if found >= 0:
            spans.append((found, found + len(phrase), "count", "count"))
    return highlighted(mention["text"], spans)


# --- Highlighting and differences, shared by the HTML and Markdown reports ---------------------

_TOKEN = re.compile(r"\S+")


def word_diff(base: str, version: str) -> list[tuple[str, str]]:
    """``version`` against ``base`` word by word: (words, "same" | "ins" | "del") pieces, in reading order.

    Words compare without case and surrounding punctuation, so "beaten." matches "beaten"."""
    a, b = _TOKEN.findall(base), _TOKEN.findall(version)
    matcher = difflib.SequenceMatcher(a=[_bare(w) for w in a], b=[_bare(w) for w in b], autojunk=False)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append((" ".join(b[j1:j2]), "same"))
            continue
        if i2 > i1:
            pieces.append((" ".join(a[i1:i2]), "del"))
        if j2 > j1:
            pieces.append((" ".join(b[j1:j2]), "ins"))
    return pieces


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"'“”‘’()[]…").lower()


@dataclass(frozen=True)
class Segment:
    text: str
    kinds: tuple[str, ...]  # what covers this piece: quote, claim, entity, reuse, flag
    notes: tuple[str, ...]  # the ids or labels of what covers it, for a tooltip


def highlighted(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """``text`` cut at every span boundary, each piece with the kinds of span covering it.

    ``spans`` are (start, end, kind, note); overlapping spans simply add their kinds."""
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    starting: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for start, end, kind, note in spans:
        starting[start].append((end, kind, note))
    open_spans: list[tuple[int, str, str]] = []
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        open_spans = [s for s in open_spans if s[0] > a] + starting.get(a, [])
        kinds = tuple(sorted({k for _, k, _ in open_spans}))
        notes = tuple(sorted({n for _, _, n in open_spans}))
        segments.append(Segment(text[a:b], kinds, notes))
    return segments


def document_spans(dossier: Dossier) -> dict[tuple[str, str], list[tuple[int, int, str, str]]]:
    """Every span the dossier found, per document and field (its "text" or its "title"):
    quotes, claim mentions, names, copies and flags."""
    spans: dict[tuple[str, str], list[tuple[int, int, str, str]]] = defaultdict(list)

    def add(record: dict, start: int, end: int, kind: str, note: str) -> None:
        spans[(record["document"], record.get("field", "text"))].append((start, end, kind, note))

    for q in dossier["quotes"]:
        who = q["speaker"]["text"] if q.get("speaker") else "unknown speaker"
        add(q, q["start"], q["end"], "quote", f"{q['id']}: quote, {who}")
    for claim in dossier["claims"]:
        for m in claim["mentions"]:
            add(m, m["start"], m["end"], "claim", f"{m['id']}: {m['stance']} {claim['id']}")
    for entity in dossier["entities"]:
        for m in entity.get("mentions", []):
            add(m, m["start"], m["end"], "entity", f"{entity['id']}: {entity['name']}")
    for record in dossier["reuse"]:
        for side, other in (("a", "b"), ("b", "a")):
            span = record[side]
            add(span, span["start"], span["end"], "reuse", f"copied: also in {record[other]['document']}")
    for flag in dossier["flags"]:
        for span in [flag] if flag.get("start") is not None else flag.get("spans", []):
            add(span, span["start"], span["end"], "flag", flag["kind"].replace("_", " "))
    return spans


# --- The copy graph and the passages set side by side -----------------------------------------


@dataclass(frozen=True)
class GraphNode:
    id: str
    label: str
    x: float
    y: float


@dataclass(frozen=True)
class GraphEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    directed: bool
    kind: str


def copy_graph(dossier: Dossier, size: float = 360.0, radius: float = 16.0) -> tuple[list[GraphNode], list[GraphEdge]]:
    """Documents that share passages, on a circle, with an arrow from source to copy where known."""
    records = [r for r in dossier["reuse"] if r["a"]["document"] != r["b"]["document"]]
    order = {d["id"]: n for n, d in enumerate(dossier.documents)}
    involved = sorted({r[s]["document"] for r in records for s in ("a", "b")}, key=order.get)
    if not involved:
        return [], []
    outlets = {d["id"]: d.get("outlet") or "" for d in dossier.documents}
    centre, ring = size / 2, size / 2 - 3 * radius
    position = {}
    for k, doc_id in enumerate(involved):
        angle = 2 * math.pi * k / len(involved) - math.pi / 2
        position[doc_id] = (round(centre + ring * math.cos(angle), 1), round(centre + ring * math.sin(angle), 1))
    nodes = [GraphNode(d, f"{d} {outlets[d]}".strip(), *position[d]) for d in involved]
    edges, seen = [], set()
    for r in records:
        a, b = r["a"]["document"], r["b"]["document"]
        source, copy = (b, a) if r["direction"] == "b_to_a" else (a, b)
        key = (source, copy) if r["direction"] in ("a_to_b", "b_to_a") else tuple(sorted((a, b)))
        if key in seen:
            continue
        seen.add(key)
        (x1, y1), (x2, y2) = position[source], position[copy]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        dx, dy = (x2 - x1) / length * (radius + 2), (y2 - y1) / length * (radius + 2)
        edges.append(GraphEdge(round(x1 + dx, 1), round(y1 + dy, 1), round(x2 - dx, 1), round(y2 - dy, 1),
                               r["direction"] in ("a_to_b", "b_to_a"), r["kind"]))
    return nodes, edges


@dataclass(frozen=True)
class AlignedPassage:
    a: dict
    b: dict
    kind: str
    similarity: float
    direction: str
    evidence: str
    pieces: list[tuple[str, str]]  # b against a, word by word: "same", "del" (only in a), "ins" (only in b)

    @property
    def a_pieces(self) -> list[tuple[str, str]]:
        return [p for p in self.pieces if p[1] != "ins"]

    @property
    def b_pieces(self) -> list[tuple[str, str]]:
        return [p for p in self.pieces if p[1] != "del"]


def aligned_passages(dossier: Dossier) -> list[AlignedPassage]:
    """Each copied passage with both sides' words, the differences marked on each side."""
    texts = {d["id"]: d["text"] for d in dossier.documents}
    out = []
    for r in dossier["reuse"]:
        a_text = texts[r["a"]["document"]][r["a"]["start"]:r["a"]["end"]]
        b_text = texts[r["b"]["document"]][r["b"]["start"]:r["b"]["end"]]
        out.append(AlignedPassage(r["a"], r["b"], r["kind"], r["similarity"], r["direction"], r.get("evidence") or "",
                                  word_diff(a_text, b_text)))
    return out


def sharpest_conflicts(claims: list[ClaimView], limit: int = 5) -> list[tuple[ClaimView, dict]]:
    """Conflicts for the summary: one of each kind per claim, best-sourced claims first, counts before denials."""
    firsts = {}
    for claim in claims:
        for conflict in claim.conflicts:
            firsts.setdefault((claim.id, conflict["kind"]), (claim, conflict))
    ranked = sorted(firsts.values(), key=lambda ck: (-ck[0].independent_sources, ck[1]["kind"] != "numeric"))
    return ranked[:limit]
