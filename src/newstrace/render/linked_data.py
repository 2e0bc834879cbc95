"""What the JSON-LD exports share: an IRI for each document and the metadata of the article."""

from __future__ import annotations

import json


def document_iri(document: dict) -> str:
    """The article's own URL when it has a web address; otherwise a stable URN from its text's key.

    The key is a hash of the document's text, so the same article gets the same IRI in every
    run, whatever else was analysed with it (``doc-3`` is only a position in one dossier).
    """
    url = document.get("url") or ""
    if url.startswith(("http://", "https://")):
        return url
    return f"urn:newstrace:document:{document['key']}"


def node_iri(document: dict, item_id: str) -> str:
    """An IRI for something found in one document (a quote, a mention): the document's IRI plus its id."""
    base = document_iri(document)
    return f"{base}#{item_id}" if base.startswith("http") else f"{base}:{item_id}"


def article(document: dict) -> dict:
    """schema.org metadata of one article, leaving out what is unknown."""
    node = {"@type": "NewsArticle", "@id": document_iri(document)}
    if document.get("url"):
        node["url"] = document["url"]
    if document.get("title"):
        node["headline"] = document["title"]
    if document.get("published"):
        node["datePublished"] = document["published"]
    if document.get("outlet"):
        node["publisher"] = {"@type": "Organization", "name": document["outlet"]}
    return node


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
