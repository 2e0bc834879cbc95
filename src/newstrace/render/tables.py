"""The dossier as flat tables, one row a record, for SQLite (Datasette) and CSV.

Every table has the dossier's ids as keys, so a row points at the same record as the JSON
and the report do; lists are joined with "; " (a spreadsheet cell), offsets stay exact.
``TABLES`` describes each table and its columns: the SQLite file carries the descriptions,
and the CSV folder a README of them. Nothing here computes anything new.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newstrace.dossier import Dossier

JOIN = "; "


@dataclass(frozen=True)
class Table:
    description: str
    key: str  # the primary key column
    columns: dict[str, str]  # column -> description, in order
    references: dict[str, str] = field(default_factory=dict)  # column -> table it points into (by its key)


FIELD = "text (the body) or title (the headline): what the offsets point into"  # a column of three tables
TABLES: dict[str, Table] = {
    "documents": Table("The articles analysed, each with its cleaned text (every offset points into it).", "id", {
        "id": "the dossier's document id", "source": "path, URL or WARC record id as given",
        "title": "headline", "outlet": "publisher", "url": "where it was read", "published": "publication date",
        "format": "input format", "story": "the story it belongs to", "family": "the copy family it belongs to",
        "text": "the cleaned article text", "removed": "page furniture taken out, a line each"},
        {"story": "stories", "family": "families"}),
    "stories": Table("Groups of documents about one real-world happening.", "id", {
        "id": "story id", "title": "the headline of its earliest document", "first_published": "earliest date",
        "names": "the names it is about", "documents": "how many documents", "claims": "how many claims"}),
    "families": Table("Copy families: documents that copy one another count as one source.", "id", {
        "id": "family id", "origin": "the earliest member's outlet or id", "documents": "how many documents"}),
    "claims": Table("Checkable facts, one per real-world fact, with how many independent sources carry them.", "id", {
        "id": "claim id", "story": "its story", "statement": "the claim in a line", "predicate": "what is predicated",
        "kind": "event, state or quantity", "category": "coarse kind of violence, where one applies",
        "earliest": "earliest day its reports allow", "latest": "latest day its reports allow",
        "places": "places its reports name", "independent_sources": "sources after collapsing copies and chains",
        "origins": "the independent sources", "documents": "how many documents carry it",
        "low": "lowest figure reported", "best": "median figure", "high": "highest figure",
        "conflicts": "how many conflicts"}, {"story": "stories"}),
    "claim_mentions": Table("Each report of a claim in a document, with its stance and source.", "id", {
        "id": "mention id", "claim": "the claim it reports", "document": "where", "field": FIELD,
        "start": "offset of its sentence",
        "end": "end offset", "text": "the sentence", "predicate": "the word that states it", "stance":
        "asserts, reports, denies or questions", "attributed_to": "who the text says it comes from",
        "source_kind": "named_person, named_organisation, unnamed, document, pronoun or outlet_own",
        "source_via": "who passed it on", "source_path": "how it reached the document",
        "source_entity": "the entity the source resolves to", "quantity": "the count as written",
        "value": "the count's value", "origin": "the independent source it counts toward",
        "not_counted": "why it adds no source"}, {"claim": "claims", "document": "documents",
                                                  "source_entity": "entities"}),
    "conflicts": Table("Where reports of one claim cannot all be true: figures, denials, contradictions.", "id", {
        "id": "claim id and number", "claim": "the claim", "kind": "numeric, denial, other or contradiction",
        "detail": "what clashes", "mentions": "the mentions involved"}, {"claim": "claims"}),
    "quotes": Table("Direct quotes, with who each is given to.", "id", {
        "id": "quote id", "document": "where", "field": FIELD, "start": "offset", "end": "end offset",
        "text": "the quote with its marks",
        "content": "its words", "speaker": "who the text gives it to", "speaker_entity": "the speaker's entity",
        "cue": "the reporting verb", "via": "the medium or audience", "cluster": "versions of the same quote"},
        {"document": "documents", "speaker_entity": "entities", "cluster": "quote_clusters"}),
    "quote_clusters": Table("Versions of one quote across outlets.", "id", {
        "id": "cluster id", "canonical": "the words most versions share", "quotes": "how many versions",
        "documents": "how many documents", "flags": "how many flags"}),
    "quote_flags": Table("What changed between versions of a quote: alterations, truncations, misattributions.", "id", {
        "id": "cluster id and number", "cluster": "the cluster", "kind": "alteration, truncation, misattribution …",
        "quotes": "the versions flagged", "detail": "what changed", "inserted": "words added",
        "deleted": "words left out"}, {"cluster": "quote_clusters"}),
    "entities": Table("People, organisations and places, with every spelling merged.", "id", {
        "id": "entity id", "name": "its name", "type": "spaCy label", "roles": "roles the coverage gives it",
        "documents": "how many documents name it", "mentions": "how many times it is named"}),
    "entity_variants": Table("The spellings and short forms of each entity.", "id", {
        "id": "entity id and number", "entity": "the entity", "text": "the spelling", "count": "how often",
        "note": "short form, probable misspelling …", "documents": "where"}, {"entity": "entities"}),
    "reuse": Table("Passages copied between documents (a and b the same document: a repeat inside one).", "id", {
        "id": "passage number", "a_document": "one document", "a_start": "offset", "a_end": "end offset",
        "b_document": "the other", "b_start": "offset", "b_end": "end offset", "similarity": "0 to 1",
        "kind": "verbatim or edited", "direction": "which copied which, where known"},
        {"a_document": "documents", "b_document": "documents"}),
    "flags": Table("Loaded language, repeats inside an article, conflicting affiliations.", "id", {
        "id": "flag number", "kind": "what is flagged", "document": "where, when it sits in one place", "field": FIELD,
        "start": "offset", "end": "end offset", "text": "the words", "category": "kind of loaded language",
        "detail": "why"}, {"document": "documents"}),
    "skipped": Table("Inputs that were not analysed, and why.", "id", {
        "id": "number", "source": "the input", "reason": "why it was skipped"}),
    "events": Table("One row per claim about an event, in the spirit of ACLED and UCDP GED event data (see the "
                    "README for how each column is derived and where it departs from their coding).", "id", {
        "id": "the claim's id", "event_date": "earliest day the reports allow (ISO)",
        "event_date_latest": "latest day the reports allow; differs from event_date when uncertain",
        "category": "coarse kind of violence, where one applies", "what": "the claim's statement",
        "actors": "who did it, as the reports write it", "targets": "whom or what it befell",
        "place": "the place most reports name", "places": "every place its reports name",
        "count_low": "lowest figure reported", "count_best": "median figure", "count_high": "highest figure",
        "sources": "the independent sources", "independent_sources": "how many",
        "first_reported_document": "the earliest document reporting it", "first_reported_date": "its date",
        "notes": "conflicts between the reports"}, {"id": "claims", "first_reported_document": "documents"}),
}


def dossier_tables(dossier: Dossier) -> dict[str, list[dict]]:
    """Each table of ``TABLES`` as rows (dicts with its columns, in order)."""
    data = dossier.data
    story_of = {d: s["id"] for s in data.get("stories", []) for d in s["documents"]}
    family_of = {d: f["id"] for f in data.get("families", []) for d in f["documents"]}
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for d in data["documents"]:
        rows["documents"].append({
            "id": d["id"], "source": d["source"], "title": d.get("title"), "outlet": d.get("outlet"),
            "url": d.get("url"), "published": d.get("published"), "format": d.get("format"),
            "story": story_of.get(d["id"]), "family": family_of.get(d["id"]), "text": d["text"],
            "removed": "\n".join(d.get("removed", []))})
    for s in data.get("stories", []):
        rows["stories"].append({"id": s["id"], "title": s.get("title"), "first_published": s.get("first_published"),
                                "names": JOIN.join(s.get("names", [])), "documents": len(s["documents"]),
                                "claims": len(s.get("claims", []))})
    for f in data.get("families", []):
        rows["families"].append({"id": f["id"], "origin": f.get("origin"), "documents": len(f["documents"])})
    for c in data["claims"]:
        figures, when = c.get("figures") or {}, c.get("when") or {}
        rows["claims"].append({
            "id": c["id"], "story": c.get("story"), "statement": c["statement"], "predicate": c["predicate"],
            "kind": c["kind"], "category": c.get("category"), "earliest": when.get("earliest"),
            "latest": when.get("latest"), "places": JOIN.join(c.get("where", [])),
            "independent_sources": c["independent_sources"], "origins": JOIN.join(c["origins"]),
            "documents": len(c["documents"]), "low": figures.get("low"), "best": figures.get("best"),
            "high": figures.get("high"), "conflicts": len(c["conflicts"])})
        for m in c["mentions"]:
            quantity = m.get("quantity") or {}
            rows["claim_mentions"].append({
                "id": m["id"], "claim": c["id"], "document": m["document"], "field": m.get("field", "text"),
                "start": m["start"], "end": m["end"],
                "text": m["text"], "predicate": m["predicate"]["text"], "stance": m["stance"],
                "attributed_to": m.get("attributed_to"), "source_kind": m.get("source_kind"),
                "source_via": (m.get("source_via") or {}).get("text"), "source_path": m.get("source_path"),
                "source_entity": m.get("source_entity_id"), "quantity": quantity.get("text"),
                "value": quantity.get("value"), "origin": m.get("origin"), "not_counted": m.get("not_counted")})
        for k, conflict in enumerate(c["conflicts"], start=1):
            rows["conflicts"].append({"id": f"{c['id']}:{k}", "claim": c["id"], "kind": conflict["kind"],
                                      "detail": conflict["detail"], "mentions": JOIN.join(conflict["mentions"])})
    for q in data["quotes"]:
        speaker = q.get("speaker") or {}
        rows["quotes"].append({
            "id": q["id"], "document": q["document"], "field": q.get("field", "text"), "start": q["start"],
            "end": q["end"], "text": q["text"],
            "content": q.get("content"), "speaker": speaker.get("text"), "speaker_entity": speaker.get("entity"),
            "cue": q.get("cue"), "via": q.get("via"), "cluster": q.get("cluster")})
    for cluster in data["quote_clusters"]:
        rows["quote_clusters"].append({
            "id": cluster["id"], "canonical": cluster["canonical"], "quotes": len(cluster["quotes"]),
            "documents": len(cluster.get("documents", [])), "flags": len(cluster["flags"])})
        for k, flag in enumerate(cluster["flags"], start=1):
            rows["quote_flags"].append({
                "id": f"{cluster['id']}:{k}", "cluster": cluster["id"], "kind": flag["kind"],
                "quotes": JOIN.join(flag["quotes"]), "detail": flag.get("detail"),
                "inserted": JOIN.join(flag.get("inserted", [])), "deleted": JOIN.join(flag.get("deleted", []))})
    for e in data["entities"]:
        rows["entities"].append({"id": e["id"], "name": e["name"], "type": e["type"],
                                 "roles": JOIN.join(e.get("roles", [])), "documents": len(e.get("documents", [])),
                                 "mentions": len(e.get("mentions", []))})
        for k, v in enumerate(e.get("variants", []), start=1):
            rows["entity_variants"].append({"id": f"{e['id']}:{k}", "entity": e["id"], "text": v["text"],
                                            "count": v.get("count"), "note": v.get("note"),
                                            "documents": JOIN.join(v.get("documents", []))})
    for k, r in enumerate(data["reuse"], start=1):
        rows["reuse"].append({
            "id": k, "a_document": r["a"]["document"], "a_start": r["a"]["start"], "a_end": r["a"]["end"],
            "b_document": r["b"]["document"], "b_start": r["b"]["start"], "b_end": r["b"]["end"],
            "similarity": r["similarity"], "kind": r["kind"], "direction": r.get("direction")})
    for k, f in enumerate(data["flags"], start=1):
        rows["flags"].append({"id": k, "kind": f["kind"], "document": f.get("document"),
                              "field": f.get("field") if f.get("start") is not None else None, "start": f.get("start"),
                              "end": f.get("end"), "text": f.get("text"), "category": f.get("category"),
                              "detail": f.get("detail")})
    for k, s in enumerate(data.get("skipped", []), start=1):
        rows["skipped"].append({"id": k, "source": s["source"], "reason": s["reason"]})
    rows["events"] = event_rows(dossier)
    return rows


def event_rows(dossier: Dossier) -> list[dict]:
    """One row per claim about an event: an event claim, or a count of one of the old kinds of
    violence ("at least 3 killed"); states and other quantities are no events."""
    data = dossier.data
    published = {d["id"]: d.get("published") for d in data["documents"]}
    rows = []
    for c in data["claims"]:
        if c["kind"] != "event" and not (c["kind"] == "quantity" and c.get("category")):
            continue
        support = [m for m in c["mentions"] if m["stance"] != "denies"] or c["mentions"]
        first = min(support, key=lambda m: (published.get(m["document"]) or "9999", m["id"]))
        figures, when = c.get("figures") or {}, c.get("when") or {}
        rows.append({
            "id": c["id"], "event_date": when.get("earliest"), "event_date_latest": when.get("latest"),
            "category": c.get("category"), "what": c["statement"],
            "actors": JOIN.join(_argument_texts(support, "agent")), "targets": JOIN.join(_argument_texts(support, "patient")),
            "place": (c.get("where") or [None])[0], "places": JOIN.join(c.get("where", [])),
            "count_low": figures.get("low"), "count_best": figures.get("best"), "count_high": figures.get("high"),
            "sources": JOIN.join(c["origins"]), "independent_sources": c["independent_sources"],
            "first_reported_document": first["document"], "first_reported_date": published.get(first["document"]),
            "notes": JOIN.join(f"{k['kind']}: {k['detail']}" for k in c["conflicts"])})
    return rows


def _argument_texts(mentions: list[dict], role: str) -> list[str]:
    """The distinct texts of one argument over a claim's reports, most written first."""
    written: dict[str, int] = {}
    for m in mentions:
        span = (m.get("arguments") or {}).get(role)
        if span and span["text"].lower() not in {"he", "she", "they", "it", "who", "which", "that"}:
            written[span["text"]] = written.get(span["text"], 0) + 1
    return sorted(written, key=lambda text: (-written[text], text))
