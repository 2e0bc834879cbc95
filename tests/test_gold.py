"""The quality gate: the example dossier against examples/kessel-valley/gold.json.

Each section's score is a recall against the gold; the floors live in gold.json
and later work may only raise them.
"""

from __future__ import annotations

import re

import pytest

from conftest import ARTIFACTS


def _doc(dossier, key: str) -> dict:
    """The document whose source contains ``key`` (a file name or a feed entry's slug)."""
    [doc] = [d for d in dossier.documents if key in d["source"]]
    return doc


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).lower().strip()


def _fraction(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else 1.0


def score_documents(dossier, gold):
    g = gold["documents"]
    found = [any(k in d["source"] for d in dossier.documents) for k in g["sources"]]
    return _fraction(found + [len(dossier.documents) == g["count"]])


def score_titles(dossier, gold):
    return _fraction([_doc(dossier, k)["title"] == v for k, v in gold["documents"]["titles"].items()])


def score_outlets(dossier, gold):
    return _fraction([_doc(dossier, k)["outlet"] == v for k, v in gold["documents"]["outlets"].items()])


def score_published(dossier, gold):
    return _fraction([(_doc(dossier, k)["published"] or "").startswith(v)
                      for k, v in gold["documents"]["published"].items()])


def score_removed(dossier, gold):
    hits = []
    for key, lines in gold["removed"].items():
        doc = _doc(dossier, key)
        hits += [line in doc["removed"] and line not in doc["text"] for line in lines]
    return _fraction(hits)


def score_kept(dossier, gold):
    return _fraction([s in _doc(dossier, k)["text"] for k, ss in gold["kept"].items() for s in ss])


def score_entities(dossier, gold):
    names = {}
    for e in dossier["entities"]:
        for text in [e["name"]] + [v["text"] for v in e["variants"]]:
            names.setdefault(text, set()).add(e["id"])
    hits = []
    for g in gold["entities"]:
        home = names.get(g["name"], set())
        hits.append(bool(home))
        hits += [bool(home & names.get(v, set())) for v in g["variants"]]  # variant merged into it
    for a, b in gold["never_merge"]:  # two people, or a person and a place, stay apart
        hits.append(not (names.get(a, set()) & names.get(b, set())))
    return _fraction(hits)


def score_quotes(dossier, gold):
    hits = []
    for g in gold["quotes"]:
        for key, speaker in g["speakers"].items():
            doc_id = _doc(dossier, key)["id"]
            hits.append(any(
                q["document"] == doc_id and _norm(g["text"]) in _norm(q["text"])
                and q["speaker"] and _norm(speaker).split()[-1] in _norm(q["speaker"]["text"])
                and q["field"] == g.get("field", q["field"])  # a headline's quote, where the gold says so
                for q in dossier["quotes"]
            ))
    for g in gold["not_quotes"]:  # scare quotes and labels are not speech
        doc_id = _doc(dossier, g["document"])["id"]
        hits.append(not any(q["document"] == doc_id and _norm(q["content"]) == _norm(g["text"])
                            for q in dossier["quotes"]))
    return _fraction(hits)


def score_quote_flags(dossier, gold):
    quotes = {q["id"]: q for q in dossier["quotes"]}
    hits = []
    for g in gold["quote_flags"]:
        doc_ids = {_doc(dossier, k)["id"] for k in g["documents"]}
        hits.append(any(
            f["kind"] == g["kind"]
            and any(quotes[q]["document"] in doc_ids for q in f["quotes"] if q in quotes)
            and all(w in " ".join(f.get("inserted", [])) for w in g.get("inserted", []))
            for cluster in dossier["quote_clusters"] for f in cluster["flags"]
        ))
    return _fraction(hits)


def score_reuse(dossier, gold):
    pairs = {(r["a"]["document"], r["b"]["document"], r["kind"]) for r in dossier["reuse"]}
    hits = []
    for g in gold["reuse"]:
        a, b = _doc(dossier, g["a"])["id"], _doc(dossier, g["b"])["id"]
        hits.append((a, b, g["kind"]) in pairs or (b, a, g["kind"]) in pairs)
    linked = {frozenset((r["a"]["document"], r["b"]["document"])) for r in dossier["reuse"]}
    for g in gold["not_reuse"]:  # sharing a quote, or an outlet, is not copying
        hits.append(frozenset((_doc(dossier, g["a"])["id"], _doc(dossier, g["b"])["id"])) not in linked)
    return _fraction(hits)


def score_flags(dossier, gold):
    hits = []
    for g in gold["flags"]:
        if "document" not in g:
            hits.append(any(f["kind"] == g["kind"] for f in dossier["flags"]))
            continue
        doc_id = _doc(dossier, g["document"])["id"]
        hits.append(any(f["kind"] == g["kind"] and f.get("document") == doc_id
                        and f.get("field") == g.get("field", f.get("field"))
                        and _norm(g["text"]) in _norm(f.get("text", "")) for f in dossier["flags"]))
    return _fraction(hits)


def _claim_for(dossier, doc_ids: set[str], text: str = "") -> dict | None:
    """The claim with mentions from most of the documents; with ``text``, mentions that say it.

    A sentence can carry several facts, so a fact outside the big story is found by its words.
    """
    return max(dossier["claims"], key=lambda c: len(_saying(c, text) & doc_ids), default=None)


def _saying(claim: dict, text: str) -> set[str]:
    """The documents with a mention of ``claim`` that says ``text``."""
    return {m["document"] for m in claim["mentions"] if _norm(text) in _norm(m["text"])}


def score_claims(dossier, gold):
    hits, found = [], []
    for g in gold["claims"]:
        doc_ids = {_doc(dossier, k)["id"]: k for k in g["documents"]}
        claim = _claim_for(dossier, set(doc_ids), g.get("text", ""))
        if claim is None:
            hits.append(False)
            continue
        hits.append(claim["id"] not in found)  # each gold fact is a claim of its own, never merged
        found.append(claim["id"])
        said = _saying(claim, g.get("text", ""))
        hits += [d in said for d in doc_ids]
        for key, figure in g["figures"].items():
            doc_id = _doc(dossier, key)["id"]
            hits.append(any(m["document"] == doc_id and m["quantity"]
                            and all(m["quantity"].get(k) == v for k, v in figure.items())
                            for m in claim["mentions"]))
        if "origins" in g:  # where the gold names who first reported the fact
            hits.append(set(claim["origins"]) == set(g["origins"]))
        for key, path in g.get("paths", {}).items():  # how the claim reached a document: "cites X → cites Y"
            doc_id = _doc(dossier, key)["id"]
            hits.append(any(m["document"] == doc_id and m["source_path"].endswith(path) for m in claim["mentions"]))
        for key in g.get("headlines", []):  # the headlines that report it join it
            doc_id = _doc(dossier, key)["id"]
            hits.append(any(m["document"] == doc_id and m["field"] == "title" for m in claim["mentions"]))
        hits.append(claim["independent_sources"] == g["independent_sources"])
        by_id = {m["id"]: m["document"] for m in claim["mentions"]}
        for conflict in g.get("conflicts", []):
            wanted = {_doc(dossier, k)["id"] for k in conflict["documents"]}
            hits.append(any(c["kind"] == conflict["kind"] and wanted <= {by_id[m] for m in c["mentions"]}
                            for c in claim["conflicts"]))
    return _fraction(hits)


def score_denials(dossier, gold):
    mentions = {m["id"]: m for c in dossier["claims"] for m in c["mentions"]}
    hits = []
    for g in gold["denials"]:
        doc_id = _doc(dossier, g["document"])["id"]
        hits.append(any(
            c["kind"] == "denial" and mentions[c["mentions"][0]]["document"] == doc_id
            and _norm(g["text"]) in _norm(mentions[c["mentions"][0]]["text"])
            and _norm(g["by"]).split()[-1] in _norm(c["detail"])
            for claim in dossier["claims"] for c in claim["conflicts"]))
    return _fraction(hits)


SCORERS = {name.removeprefix("score_"): fn for name, fn in globals().items() if name.startswith("score_")}


def test_every_floor_has_a_scorer(gold):
    assert set(gold["floors"]) == set(SCORERS)


@pytest.mark.parametrize("section", sorted(SCORERS))
def test_example_dossier_meets_the_gold_floor(section, example_dossier, gold):
    score = SCORERS[section](example_dossier, gold)
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "gold-scores.txt", "a", encoding="utf-8") as log:
        log.write(f"{section}\t{score:.3f}\tfloor {gold['floors'][section]}\n")
    assert score >= gold["floors"][section], f"{section}: {score:.3f} < floor {gold['floors'][section]}"
