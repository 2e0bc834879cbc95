"""Standard exports: schema.org ClaimReview, W3C PROV-O and W3C Web Annotation, as JSON-LD."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newstrace.render import format_for_path, render
from newstrace.render.linked_data import document_iri


def _ids_unique(nodes: list[dict], key: str) -> None:
    ids = [n[key] for n in nodes]
    assert len(ids) == len(set(ids)), "every node needs its own id"
    assert all(isinstance(i, str) and (":" in i or i.startswith("#")) for i in ids), "ids must be IRIs"


@pytest.fixture(scope="module")
def exports(example_dossier) -> dict[str, dict]:
    return {fmt: json.loads(render(example_dossier, fmt)) for fmt in ("claimreview", "prov", "annotations")}


def test_claimreview_has_a_review_per_claim_with_its_appearances(exports, example_dossier):
    data = exports["claimreview"]
    assert data["@context"] == "https://schema.org"
    reviews = data["@graph"]
    assert len(reviews) == len(example_dossier["claims"])
    _ids_unique(reviews, "@id")
    docs = {d["id"]: d for d in example_dossier.documents}
    for review, claim in zip(reviews, example_dossier["claims"]):
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim["statement"]
        assert "reviewRating" not in review  # newstrace reports sources; the verdict is the fact-checker's
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["text"] == claim["statement"]
        assert len(item["appearance"]) == len(claim["documents"])
        assert all(a["@type"] == "NewsArticle" and a["@id"] for a in item["appearance"])
        dated = [docs[d]["published"] for d in claim["documents"] if docs[d].get("published")]
        if dated:
            assert item["firstAppearance"]["datePublished"] == min(dated)
        else:  # no telling which came first
            assert "firstAppearance" not in item
        assert f"{claim['independent_sources']} independent source" in review["reviewBody"]


def test_prov_traces_copies_and_quotes(exports, example_dossier):
    data = exports["prov"]
    assert data["@context"]["prov"] == "http://www.w3.org/ns/prov#"
    graph = data["@graph"]
    _ids_unique(graph, "@id")
    ids = {n["@id"] for n in graph}
    for node in graph:  # every reference points at a node of the graph
        for relation in ("wasDerivedFrom", "wasQuotedFrom", "wasAttributedTo", "isPartOf", "hadMember"):
            targets = node.get(relation, [])
            for target in targets if isinstance(targets, list) else [targets]:
                assert target in ids, f"{relation} -> {target} dangles"
    derived = [n for n in graph if "wasDerivedFrom" in n]
    directed = {(r["a"]["document"], r["b"]["document"]) for r in example_dossier["reuse"]
                if r["direction"] in ("a_to_b", "b_to_a") and r["a"]["document"] != r["b"]["document"]}
    assert derived and len(derived) <= len(directed)
    quoted = [n for n in graph if "wasQuotedFrom" in n]
    repeated = sum(len(c["quotes"]) - 1 for c in example_dossier["quote_clusters"] if c.get("first"))
    assert len(quoted) == repeated
    assert any("Collection" in n["@type"] for n in graph)  # the copy family


def test_annotations_select_every_evidence_span_exactly(exports, example_dossier):
    data = exports["annotations"]
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items)
    _ids_unique(items, "id")
    texts = {document_iri(d): d["text"] for d in example_dossier.documents}
    titles = {document_iri(d): d["title"] for d in example_dossier.documents}
    on_titles = 0
    for item in items:
        assert item["type"] == "Annotation" and item["motivation"]
        assert all(b["type"] == "TextualBody" and b["value"] for b in item["body"])
        quote, *position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        if not position:  # a headline's span: its words and their context in the title, no offsets
            title = titles[item["target"]["source"]]
            assert quote["prefix"] + quote["exact"] + quote["suffix"] in title
            on_titles += 1
            continue
        [position] = position
        assert position["type"] == "TextPositionSelector"
        text = texts[item["target"]["source"]]
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"])
        assert text[position["end"]:].startswith(quote["suffix"])
    assert on_titles  # the example's headlines carry claims, quotes and loaded words
    spans = len(example_dossier["quotes"]) + sum(len(c["mentions"]) for c in example_dossier["claims"])
    assert len(items) >= spans + 2 * len(example_dossier["reuse"])


def test_export_formats_follow_the_file_name():
    assert format_for_path("out/x.claimreview.jsonld") == "claimreview"
    assert format_for_path("x.prov.jsonld") == "prov"
    assert format_for_path("x.annotations.json") == "annotations"
    assert format_for_path("x.jsonld") == "json"


def test_exports_are_the_same_whatever_the_hash_seed(example_dossier, tmp_path):
    # Set and dict order can follow Python's per-process string hashing: render in two processes.
    path = tmp_path / "dossier.json"
    path.write_text(example_dossier.to_json(), encoding="utf-8")
    script = ("import sys; from newstrace.dossier import load_dossier; from newstrace.render import render; "
              "d = load_dossier(sys.argv[1]); "
              "sys.stdout.write(''.join(render(d, f) for f in ('claimreview', 'prov', 'annotations', 'html', 'md')))")
    outputs = [subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert outputs[0] == outputs[1] and len(outputs[0]) > 10_000
