"""Where things came from, as W3C PROV-O JSON-LD: copy chains and the lineage of every quote.

- Each article is a ``prov:Entity`` attributed to its outlet (a ``prov:Organization``).
- A copy with a known direction: the later article ``wasDerivedFrom`` the earlier one. A
  copy family is a ``prov:Collection`` of its members; undirected copies only join it.
- Each quote is a ``prov:Entity`` inside its article, ``wasAttributedTo`` the speaker the
  article gives, and ``wasQuotedFrom`` the version that appeared first, when it is not
  that version itself.
"""

from __future__ import annotations

from urllib.parse import quote as url_quote

from newstrace.dossier import Dossier
from newstrace.render.linked_data import document_iri, dumps, node_iri

CONTEXT = {
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "Entity": "prov:Entity",
    "Agent": "prov:Agent",
    "Person": "prov:Person",
    "Organization": "prov:Organization",
    "Collection": "prov:Collection",
    "label": "rdfs:label",
    "text": "schema:text",
    "datePublished": "schema:datePublished",
    "url": {"@id": "schema:url", "@type": "@id"},
    "isPartOf": {"@id": "schema:isPartOf", "@type": "@id"},
    "hadMember": {"@id": "prov:hadMember", "@type": "@id"},
    "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "wasQuotedFrom": {"@id": "prov:wasQuotedFrom", "@type": "@id"},
    "wasAttributedTo": {"@id": "prov:wasAttributedTo", "@type": "@id"},
}
_AGENT_TYPES = {"PERSON": "Person", "ORG": "Organization", "NORP": "Organization"}


def render_prov(dossier: Dossier) -> str:
    documents = {d["id"]: d for d in dossier.documents}
    entities = {e["id"]: e for e in dossier["entities"]}
    agents: dict[str, dict] = {}
    nodes: dict[str, dict] = {}

    def agent(name: str, kind: str = "Agent") -> str:
        iri = f"urn:newstrace:agent:{url_quote(name.strip().lower().replace(' ', '-'), safe='')}"
        node = agents.setdefault(iri, {"@id": iri, "@type": ["Agent"], "label": name})
        if kind != "Agent" and kind not in node["@type"]:
            node["@type"].append(kind)
        return iri

    for doc in dossier.documents:
        node = {"@id": document_iri(doc), "@type": "Entity", "label": doc.get("title") or doc["source"]}
        if doc.get("url"):
            node["url"] = doc["url"]
        if doc.get("published"):
            node["datePublished"] = doc["published"]
        if doc.get("outlet"):
            node["wasAttributedTo"] = agent(doc["outlet"], "Organization")
        nodes[doc["id"]] = node

    for record in dossier["reuse"]:
        source, copy = _direction(record)
        if source is None or source == copy:
            continue
        derived = nodes[copy].setdefault("wasDerivedFrom", [])
        if document_iri(documents[source]) not in derived:
            derived.append(document_iri(documents[source]))

    families = [{"@id": f"urn:newstrace:family:{'+'.join(documents[d]['key'] for d in family['documents'])}",
                 "@type": ["Entity", "Collection"], "label": f"copy family {family['id']}",
                 "hadMember": [document_iri(documents[d]) for d in family["documents"]]}
                for family in dossier.data.get("families", [])]

    quotes = {q["id"]: q for q in dossier["quotes"]}
    first_of = {qid: c["first"]["quote"] for c in dossier["quote_clusters"] if c.get("first") for qid in c["quotes"]}
    quote_nodes = []
    for q in dossier["quotes"]:
        doc = documents[q["document"]]
        node = {"@id": node_iri(doc, q["id"]), "@type": "Entity", "text": q["text"], "isPartOf": document_iri(doc)}
        speaker = q.get("speaker")
        if speaker:
            entity = entities.get(speaker.get("entity") or "")
            node["wasAttributedTo"] = (agent(entity["name"], _AGENT_TYPES.get(entity["type"], "Agent")) if entity
                                       else agent(speaker["text"]))
        first = first_of.get(q["id"])
        if first and first != q["id"]:
            node["wasQuotedFrom"] = node_iri(documents[quotes[first]["document"]], first)
        quote_nodes.append(node)

    graph = list(nodes.values()) + families + quote_nodes + sorted(agents.values(), key=lambda a: a["@id"])
    return dumps({"@context": CONTEXT, "@graph": graph})


def _direction(record: dict) -> tuple[str | None, str]:
    """(source document, copying document) of a reuse record, or (None, …) when unknown."""
    a, b = record["a"]["document"], record["b"]["document"]
    if record["direction"] == "a_to_b":
        return a, b
    if record["direction"] == "b_to_a":
        return b, a
    return None, b
