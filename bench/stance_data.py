"""Shared by bench/train_stance.py and bench/stance.py: the FNC-1 and Emergent splits, features, scores.

Nothing here is shipped; the data stay in ../shared/data and are read from there.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from newstrace.nlp.stance import FEATURES, features, sentences

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CACHE = Path(__file__).resolve().parent / ".cache"
FNC_LABELS = {"unrelated": "unrelated", "discuss": "discusses", "agree": "supports", "disagree": "denies"}
EMERGENT_LABELS = {"for": "supports", "against": "denies", "observing": "discusses", "unrelated": "unrelated"}


def fnc_split(body_id: int) -> str:
    """Hold out a fifth of the bodies (by a hash of the id) as our own dev split."""
    return "dev" if int(hashlib.sha256(str(body_id).encode()).hexdigest(), 16) % 5 == 0 else "train"


def fnc_topic_split(pairs: list[dict]) -> list[str]:
    """A harder split: hold out a fifth of the topics, so no dev headline was seen in training.

    FNC-1 pairs one claim's headlines with many bodies, so the body split above still shows
    the model every dev headline. Here a topic is a connected group of headlines and bodies
    joined by related pairs; dev holds every pair whose body's topic is held out, and the
    training pairs whose headline belongs to a held-out topic are dropped ("skip").
    """
    parent: dict = {}

    def find(node):
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for p in pairs:
        if p["label"] != "unrelated":
            parent[find(("headline", p["headline"]))] = find(("body", p["body_id"]))

    def held(node) -> bool:
        return int(hashlib.sha256(repr(find(node)).encode()).hexdigest(), 16) % 5 == 0

    return ["dev" if held(("body", p["body_id"])) else "skip" if held(("headline", p["headline"])) else "train"
            for p in pairs]


def emergent_fold(claim_id: str) -> int:
    """Which of five folds of Emergent's claims a claim falls in (by a hash of its id)."""
    return int(hashlib.sha256(claim_id.encode()).hexdigest(), 16) % 5


def emergent_split(claim_id: str) -> str:
    """Hold out a fifth of Emergent's claims (fold 0) as our dev split."""
    return "dev" if emergent_fold(claim_id) == 0 else "train"


def emergent_unrelated(emergent: list[dict]) -> list[dict]:
    """Unrelated (claim, headline) pairs, as FNC-1 made its own: each claim with the headlines of
    the next claim of its fold (claims in id order), so no held-out headline is seen in
    training. Emergent has none, and a short text about something else must come out
    "unrelated"."""
    by_claim: dict[str, list[dict]] = {}
    for row in emergent:
        by_claim.setdefault(row["claim_id"], []).append(row)
    out = []
    for fold in range(5):
        ids = sorted(c for c in by_claim if emergent_fold(c) == fold)
        for this, other in zip(ids, ids[1:] + ids[:1]):
            claim = by_claim[this][0]["claim"]
            out += [{"claim_id": this, "claim": claim, "article_headline": row["article_headline"],
                     "label": "unrelated"} for row in by_claim[other]]
    return out


def load_fnc() -> tuple[list[dict], dict[int, str]]:
    pairs = [json.loads(line) for line in (DATA / "fnc1" / "train_pairs.jsonl").open(encoding="utf-8")]
    bodies = {}
    for line in (DATA / "fnc1" / "train_bodies.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        bodies[row["body_id"]] = row["body"]
    return pairs, bodies


def load_emergent() -> list[dict]:
    return [json.loads(line) for line in (DATA / "emergent" / "train.jsonl").open(encoding="utf-8")]


def embedded(name: str, texts: list[str], embed) -> np.ndarray:
    """Embeddings of ``texts``, cached on disk under bench/.cache by a hash of the texts."""
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    path = CACHE / f"{name}-{digest}.npy"
    if path.exists():
        return np.load(path)
    vectors = np.asarray(embed(texts), dtype=np.float32)
    CACHE.mkdir(exist_ok=True)
    np.save(path, vectors)
    return vectors


def feature_rows(claims: list[str], texts: list[str], embed, name: str) -> np.ndarray:
    """Features of each (claim, text) pair, embedding each distinct claim and sentence once."""
    return stance_inputs(claims, texts, embed, name)[0]


def stance_inputs(claims: list[str], texts: list[str], embed, name: str) -> tuple[np.ndarray, list[list]]:
    """Features of each (claim, text) pair and its three sentences closest to the claim, as
    newstrace.nlp.stance.stances finds them, embedding each distinct claim and sentence once."""
    unique_claims = sorted(set(claims))
    unique_texts = sorted(set(texts))
    spans = {t: sentences(t) for t in unique_texts}
    flat = [t[a:b] for t in unique_texts for a, b in spans[t]]
    claim_vectors = embedded(f"{name}-claims", unique_claims, embed)
    sentence_vectors = embedded(f"{name}-sentences", flat, embed)
    claim_row = {c: k for k, c in enumerate(unique_claims)}
    blocks, offset = {}, 0
    for t in unique_texts:
        blocks[t] = sentence_vectors[offset:offset + len(spans[t])]
        offset += len(spans[t])
    rows, closest = np.zeros((len(claims), len(FEATURES))), []
    for n, (claim, text) in enumerate(zip(claims, texts)):
        rows[n], order = features(claim, claim_vectors[claim_row[claim]], text, spans[text], blocks[text])
        closest.append([spans[text][k] for k in order[:3]])
    return rows, closest


def fnc_score(gold: list[str], predicted: list[str]) -> float:
    """The FNC-1 weighted score as a share of the best possible."""
    score = best = 0.0
    for g, p in zip(gold, predicted):
        related_g, related_p = g != "unrelated", p != "unrelated"
        best += 1.0 if related_g else 0.25
        if g == p:
            score += 0.25 + (0.5 if related_g else 0.0)
        if related_g and related_p:
            score += 0.25
    return score / best


def f1_per_class(gold: list[str], predicted: list[str], labels) -> dict[str, float]:
    out = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out
