"""Assemble the dossier from documents, extractions and links; read and write its JSON.

The dossier's JSON is the public contract (docs/dossier.md, schema/dossier.schema.json).
``Dossier`` wraps that JSON object: renderers, the CLI and users' notebooks all read
the same structure, whether it was just computed or loaded from a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newstrace import __version__
from newstrace.link.claims import Claim, ClaimRef, claim_refs, quantity_of
from newstrace.link.reuse import copy_families
from newstrace.link.stories import Stories, document_profiles, find_stories, story_names
from newstrace.link.entity_layer import EntityLayer, entity_layer
from newstrace.link.quotes import QuoteCluster, QuoteRef, quote_refs
from newstrace.link.roles import role_name
from newstrace.link.reuse import Passage
from newstrace.model import Document, Extraction, IngestReport, Quote
from newstrace.texts import TextViews, text_views

SCHEMA_ID = "newstrace.dossier/3"
SECTIONS = ("documents", "stories", "entities", "quotes", "quote_clusters", "reuse", "claims", "flags")


@dataclass(frozen=True)
class Dossier:
    data: dict

    def __getitem__(self, section: str):
        return self.data[section]

    @property
    def documents(self) -> list[dict]:
        return self.data["documents"]

    def document(self, doc_id: str) -> dict:
        return next(d for d in self.data["documents"] if d["id"] == doc_id)

    def counts(self) -> dict[str, int]:
        return {section: len(self.data[section]) for section in SECTIONS}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=indent)

    def validate(self) -> None:
        """Raise jsonschema.ValidationError if this dossier breaks the published schema."""
        import jsonschema

        jsonschema.validate(self.data, dossier_schema())


@lru_cache(maxsize=1)  # the packaged schema never changes while running
def dossier_schema() -> dict:
    raw = resources.files("newstrace").joinpath("schema/dossier.schema.json").read_text("utf-8")
    return json.loads(raw)


def load_dossier(path: str | Path) -> Dossier:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise ValueError(f"{path} is not a newstrace dossier (expected schema {SCHEMA_ID!r})")
    return Dossier(data)


@contextmanager
def replaced_whole(path: str | Path) -> Iterator[Path]:
    """An empty temporary file beside ``path`` to write: renamed onto ``path`` when the block
    ends, removed when it fails, so readers never see half a file and a failure keeps the old one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, content: str) -> None:
    """Write ``content`` to ``path`` whole or not at all (``replaced_whole``)."""
    with replaced_whole(path) as temporary, open(temporary, "w", encoding="utf-8") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())


def build_dossier(
    documents: Sequence[Document],
    extractions: dict[str, Extraction],
    report: IngestReport | None = None,
    generated_at: datetime | None = None,
    passages: Sequence[Passage] = (),
    quotes: Sequence[QuoteRef] | None = None,
    quote_clusters: Sequence[QuoteCluster] = (),
    notices: Sequence[str] = (),
    entities: EntityLayer | None = None,
    mentions: Sequence[ClaimRef] | None = None,
    claims: Sequence[Claim] = (),
    stories: Stories | None = None,
    views: TextViews | None = None,
) -> Dossier:
    """The dossier for ``documents`` (in order) given each one's extraction, keyed by content key,
    the reused passages between them (indices into ``documents``), the quotes the linker read
    and their clusters (indices into ``quotes``), run-level notices, the linked entities, and
    the claim mentions and claims (indices into ``mentions``), and the stories. Quotes, names
    and claim mentions index the texts of ``views`` (bodies and headlines, ``texts``). Quotes,
    entities, stories and mentions are read here when not given (with default settings)."""
    report = report or IngestReport()
    doc_ids = {doc.key: f"doc-{n}" for n, doc in enumerate(documents, start=1)}
    ids = [doc_ids[doc.key] for doc in documents]
    source_ids = {doc.source: doc_ids[doc.key] for doc in documents}
    stamp = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    views = views or text_views(documents, extractions)
    texts, text_ids, at = views.texts, views.of_documents(ids), views.field
    layer = entities or entity_layer(texts, views.extractions)
    entities = _entities_json(layer, text_ids, at)
    quote_list = quote_refs(texts, views.extractions) if quotes is None else quotes
    if stories is None:
        stories = find_stories(document_profiles(documents, extractions, layer, views.body))
    if mentions is None:
        mentions = claim_refs(texts, views.extractions, layer, None, views.of_documents(stories.story_of))
    story_ids = _story_ids(stories, documents)
    quotes, clusters = _quotes_json(texts, views.extractions, quote_list, text_ids, at, layer, quote_clusters)
    data = {
        "schema": SCHEMA_ID,
        "generated_at": stamp,
        "generator": {"name": "newstrace", "version": __version__},
        "documents": [_document_json(doc, doc_ids[doc.key]) for doc in documents],
        "entities": entities,
        "quotes": quotes,
        "quote_clusters": clusters,
        "reuse": [_reuse_json(p, ids) for p in passages],
        "families": _families_json(passages, documents, ids),
        "stories": _stories_json(stories, story_ids, documents, ids, layer, claims, views.owner),
        "claims": _claims_json(mentions, claims, text_ids, at, views.labels(ids),
                               {e["name"]: e["id"] for e in reversed(entities)}, texts, story_ids),
        "flags": (_loaded_language_flags(texts, views.extractions, text_ids, at)
                  + _internal_duplicate_flags(passages, documents, ids)
                  + _affiliation_flags(layer, entities, text_ids, at)),
        "skipped": [{"source": s.source, "reason": s.reason} for s in report.skipped],
        "duplicates": [
            {"source": dup, "same_as": source_ids.get(kept, kept)} for dup, kept in report.duplicates
        ],
        "notices": [
            {"document": text_ids[t], "message": message if field == "text" else f"in the headline: {message}"}
            for t, (text, field) in enumerate(zip(texts, views.field))
            for message in views.extractions[text.key].notices
        ] + [{"document": None, "message": message} for message in notices],
    }
    return Dossier(data)


def _document_json(doc: Document, doc_id: str) -> dict:
    return {
        "id": doc_id,
        "source": doc.source,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published,
        "format": doc.format,
        "key": doc.key,
        "text": doc.text,
        "removed": list(doc.removed),
    }


def _reuse_json(p: Passage, ids: list[str]) -> dict:
    return {
        "a": {"document": ids[p.a], "field": "text", "start": p.a_start, "end": p.a_end},
        "b": {"document": ids[p.b], "field": "text", "start": p.b_start, "end": p.b_end},
        "similarity": p.similarity,
        "kind": p.kind,
        "direction": p.direction,
        "evidence": p.evidence,
    }


def reuse_records(passages: Sequence[Passage], documents: Sequence[Document]) -> list[dict]:
    """Reuse as JSON records naming each side's source, for the ``reuse`` command."""
    records = []
    for p in passages:
        record = _reuse_json(p, [d.source for d in documents])
        for side, i in (("a", p.a), ("b", p.b)):
            record[side] = {"source": record[side].pop("document"), **record[side],
                            "text": documents[i].text[record[side]["start"]:record[side]["end"]]}
        records.append(record)
    return records


def _families_json(passages: Sequence[Passage], documents: Sequence[Document], ids: list[str]) -> list[dict]:
    """Documents linked by reuse; the origin is the earliest published member when dates tell."""
    families = []
    for n, members in enumerate(copy_families(passages, len(documents)), start=1):
        dated = sorted((documents[i].published[:10], i) for i in members if documents[i].published)
        unique_first = len(dated) > 1 and dated[0][0] < dated[1][0]
        families.append({"id": f"f-{n}", "documents": [ids[i] for i in members],
                         "origin": ids[dated[0][1]] if unique_first else None})
    return families


_LOADED_KINDS = {
    "label": "a pejorative label", "emotive": "an emotive word", "sensational": "a sensational word",
    "distancing": "a distancing word", "euphemism": "a euphemism",
    "identity_label": "names a place or group by religion or nationality and rule",
}


def _loaded_language_flags(texts: Sequence[Document], extractions: dict[str, Extraction],
                           ids: list[str], at: Sequence[str]) -> list[dict]:
    flags = []
    for n, (doc, doc_id) in enumerate(zip(texts, ids)):
        voice = "the article's own voice" if at[n] == "text" else "the headline"
        for t in extractions[doc.key].loaded:
            detail = f"{_LOADED_KINDS.get(t.kind, t.kind)} in {voice}"
            if t.neutral:
                detail += f"; plainer: “{t.neutral}”"
            flags.append({"kind": "loaded_language", "document": doc_id, "field": at[n], "start": t.start,
                          "end": t.end, "text": doc.text[t.start:t.end], "detail": detail, "category": t.kind})
    return flags


def _internal_duplicate_flags(passages: Sequence[Passage], documents: Sequence[Document], ids: list[str]) -> list[dict]:
    return [
        {"kind": "internal_duplicate", "document": ids[p.b], "field": "text", "start": p.b_start, "end": p.b_end,
         "text": documents[p.b].text[p.b_start:p.b_end],
         "detail": f"repeats characters {p.a_start}-{p.a_end} of the same article"}
        for p in passages if p.a == p.b
    ]


def _entities_json(layer: EntityLayer, ids: list[str], at: Sequence[str]) -> list[dict]:
    """``ids``: each of the layer's texts' document id; ``at``: its field."""
    roles_of: dict[int, list] = defaultdict(list)
    for ref in layer.roles:
        roles_of[ref.entity].append(ref)
    out = []
    for n, entity in enumerate(layer.entities):
        mentions = [layer.mentions[i] for i in entity.mentions]
        roles = roles_of[n]
        out.append({
            "id": f"e-{n + 1}",
            "name": entity.name,
            "type": entity.type,
            "roles": list(dict.fromkeys(role_name(r.role) for r in roles)),
            "role_mentions": [
                {"document": ids[r.document], "field": at[r.document], "start": r.role.start, "end": r.role.end,
                 "text": r.role.text, "affiliation": r.role.affiliation} for r in roles],
            "variants": [
                {"text": v.text, "count": v.count, "documents": _once(ids[d] for d in sorted(v.documents)),
                 "note": v.note} for v in entity.variants],
            "documents": _once(ids[d] for d in sorted({m.document for m in mentions})),
            "mentions": [{"document": ids[m.document], "field": at[m.document], "start": m.start, "end": m.end,
                          "text": m.text} for m in mentions],
        })
    return out


def _role_with_body(role) -> str:
    if role.affiliation and role.affiliation not in role.text:
        return f"{role.text} … {role.affiliation}"
    return role.text


def _affiliation_flags(layer: EntityLayer, entities: list[dict], ids: list[str], at: Sequence[str]) -> list[dict]:
    flags = []
    for c in layer.conflicts:
        entity = entities[c.entity]
        a, b = c.first, c.second
        flags.append({
            "kind": "affiliation_conflict", "entity": entity["id"],
            "documents": [ids[a.document], ids[b.document]],
            "detail": f"{entity['name']} is “{_role_with_body(a.role)}” in {ids[a.document]} "
                      f"but “{_role_with_body(b.role)}” in {ids[b.document]}",
            "spans": [{"document": ids[r.document], "field": at[r.document], "start": r.role.start, "end": r.role.end,
                       "text": r.role.text} for r in (a, b)],
        })
    return flags


def _quotes_json(documents: Sequence[Document], extractions: dict[str, Extraction], refs: Sequence[QuoteRef],
                 ids: list[str], at: Sequence[str], layer: EntityLayer,
                 clusters: Sequence[QuoteCluster]) -> tuple[list[dict], list[dict]]:
    quote_ids = [f"q-{n}" for n in range(1, len(refs) + 1)]
    cluster_of = {}
    for n, cluster in enumerate(clusters, start=1):
        for m in cluster.members:
            cluster_of[m] = f"qc-{n}"
    quotes = []
    for n, ref in enumerate(refs):
        doc = documents[ref.document]
        quote = extractions[doc.key].quotes[ref.index]
        entity = layer.entity_named(ref.document, quote.speaker.start, quote.speaker.end,
                                    quote.speaker.head) if quote.speaker else None
        quotes.append(_quote_json(quote, doc, ids[ref.document], at[ref.document], quote_ids[n],
                                  None if entity is None else f"e-{entity + 1}", cluster_of.get(n)))
    clusters_json = []
    for n, cluster in enumerate(clusters, start=1):
        first = cluster.first
        clusters_json.append({
            "id": f"qc-{n}",
            "quotes": [quote_ids[m] for m in cluster.members],
            "canonical": refs[cluster.canonical].content,
            "canonical_quote": quote_ids[cluster.canonical],
            "documents": _once(ids[refs[m].document] for m in cluster.members),
            "first": None if first is None else {
                "quote": quote_ids[first], "document": ids[refs[first].document],
                "published": refs[first].published},
            "flags": [{"kind": f.kind, "quotes": [quote_ids[cluster.members[k]] for k in f.quotes],
                       "detail": f.detail, "inserted": f.inserted, "deleted": f.deleted,
                       **({"speakers": f.speakers} if f.speakers else {})} for f in cluster.flags],
        })
    return quotes, clusters_json


def _quote_json(quote: Quote, doc: Document, doc_id: str, field: str, quote_id: str, entity: str | None,
                cluster: str | None) -> dict:
    speaker = None
    if quote.speaker is not None:
        sp = quote.speaker
        speaker = {
            "text": sp.text, "entity": entity,
            "start": sp.start, "end": sp.end, "head": sp.head, "basis": sp.basis,
            "pronoun": None if sp.pronoun is None else {
                "start": sp.pronoun[0], "end": sp.pronoun[1], "text": doc.text[sp.pronoun[0]:sp.pronoun[1]]},
            "document_mention": None if sp.document_mention is None else {
                "start": sp.document_mention[0], "end": sp.document_mention[1],
                "text": doc.text[sp.document_mention[0]:sp.document_mention[1]]},
        }
    return {
        "id": quote_id, "document": doc_id, "field": field, "start": quote.start, "end": quote.end,
        "text": doc.text[quote.start:quote.end], "content": quote.content(doc.text),
        "parts": [{"start": a, "end": b, "text": doc.text[a:b]} for a, b in quote.parts],
        "speaker": speaker, "cue": quote.cue, "via": quote.via, "cluster": cluster,
    }


def _story_ids(stories: Stories, documents: Sequence[Document]) -> list[str]:
    """Story index -> id, the stories with most documents first, then by first document."""
    order = sorted(range(len(stories.groups)), key=lambda k: (-len(stories.groups[k]), stories.groups[k][0]))
    ids = [""] * len(stories.groups)
    for n, k in enumerate(order, start=1):
        ids[k] = f"s-{n}"
    return ids


def _stories_json(stories: Stories, story_ids: list[str], documents: Sequence[Document], ids: list[str], layer,
                  claims: Sequence[Claim], owner: Sequence[int]) -> list[dict]:
    names = story_names(stories.groups, layer, len(documents), owner)
    claims_of: dict[int, list[str]] = defaultdict(list)
    for n, claim in enumerate(claims, start=1):
        claims_of[claim.story].append(f"c-{n}")
    out = []
    for k in sorted(range(len(stories.groups)), key=lambda k: int(story_ids[k][2:])):
        members = stories.groups[k]
        dated = sorted((documents[d].published or "9999", d) for d in members)
        first = dated[0][1]
        out.append({
            "id": story_ids[k], "documents": [ids[d] for d in members], "names": names[k],
            "title": documents[first].title, "first_published": documents[first].published,
            "claims": claims_of.get(k, []),
        })
    return out


def _claims_json(refs, claims: Sequence[Claim], ids: list[str], at: Sequence[str], labels: Sequence[str],
                 entity_ids: dict[str, str], texts: Sequence[Document], story_ids: list[str]) -> list[dict]:
    """``ids``, ``at`` and ``labels``: each text's document id, field, and name in details."""
    out = []
    mention_number = 0
    for n, claim in enumerate(claims, start=1):
        mention_ids = {}
        for m in claim.members:
            mention_number += 1
            mention_ids[m] = f"m-{mention_number}"
        origin_of = {m: origin for origin, members in claim.origins.items() for m in members}
        head = refs[claim.representative].mention
        out.append({
            "id": f"c-{n}",
            "story": story_ids[claim.story] if claim.story < len(story_ids) else None,
            "statement": claim.statement,
            "predicate": head.lemma,
            "kind": head.kind,
            "category": head.category,
            "when": None if claim.when is None else {"earliest": claim.when[0], "latest": claim.when[1]},
            "where": claim.where,
            "mentions": [_claim_mention_json(refs[m], mention_ids[m], ids, at, labels, origin_of.get(m),
                                             claim.not_counted.get(m), entity_ids, texts[refs[m].document].text)
                         for m in claim.members],
            "representative": mention_ids[claim.representative],
            "documents": _once(ids[refs[m].document] for m in claim.members),
            "origins": sorted(claim.origins),
            "independent_sources": len(claim.origins),
            "independence": [
                f"{origin}: " + ", ".join(_once(ids[refs[m].document] for m in members))
                for origin, members in sorted(claim.origins.items())
            ] + [f"not counted, {labels[refs[m].document]}: {why}" for m, why in claim.not_counted.items()],
            "figures": claim.figures,
            "conflicts": [{"kind": c.kind, "mentions": [mention_ids[m] for m in c.members], "detail": c.detail}
                          for c in claim.conflicts],
        })
    return out


def _span_json(span: tuple[int, int] | None, text: str) -> dict | None:
    if span is None:
        return None
    return {"start": span[0], "end": span[1], "text": text[span[0]:span[1]]}


def _source_path(where: str, m, text: str) -> str:
    """How the claim reached the document: "doc-3 → cites the Courier → cites two officials"."""
    steps = [where]
    if m.source_via:
        steps.append(f"cites {text[slice(*m.source_via)]}")
    if m.attributed_to:
        steps.append(f"cites {m.attributed_to}")
    elif m.source_kind == "unnamed":
        steps.append("cites someone unnamed")
    elif m.source_kind == "pronoun" and m.source_pronoun:
        steps.append(f"cites “{text[slice(*m.source_pronoun)]}”, no name found")
    else:
        steps.append("in its own voice")
    return " → ".join(steps)


def _claim_mention_json(ref, mention_id: str, ids: list[str], at: Sequence[str], labels: Sequence[str],
                        origin: str | None, not_counted: str | None, entity_ids: dict[str, str], text: str) -> dict:
    m = ref.mention
    quantity = quantity_of(m).to_dict(unit=m.quantity[5]) if m.quantity else None
    time = None
    if m.time:
        time = {**_span_json(m.time[:2], text), "earliest": m.time[2], "latest": m.time[3]}
    return {
        "id": mention_id, "document": ids[ref.document], "field": at[ref.document], "start": m.start, "end": m.end,
        "text": ref.text,
        "predicate": {**_span_json(m.predicate, text), "lemma": m.lemma},
        "kind": m.kind, "category": m.category, "tense": m.tense, "gist": m.gist,
        "clause": _span_json(m.clause, text),
        "arguments": {"agent": _span_json(m.agent, text), "patient": _span_json(m.patient, text),
                      "places": [_span_json(p, text) for p in m.places], "time": time,
                      "referents": [{"role": role, **_span_json((a, b), text)} for role, a, b in m.referents]},
        "stance": m.stance, "attributed_to": m.attributed_to, "source": _span_json(m.source, text),
        "source_document": _span_json(m.source_document, text),
        "source_pronoun": _span_json(m.source_pronoun, text), "source_kind": ref.source_kind,
        "source_via": _span_json(m.source_via, text),
        "source_path": _source_path(labels[ref.document], m, text),
        "source_entity": ref.source_name,
        "source_entity_id": entity_ids.get(ref.source_name) if ref.source_name else None,
        "quantity": quantity, "origin": origin, "not_counted": not_counted,
    }


def _once(ids) -> list[str]:
    """Document ids in order, each once: a headline and its body are one document."""
    return list(dict.fromkeys(ids))
