"""How one document stands toward one claim: supports, denies, discusses, or unrelated.

Features compare the claim with the document's sentences (all-MiniLM-L6-v2 cosine: best,
top three, whole document, first sentence), count shared words, and count refuting,
hedging and negating words in the sentences closest to the claim, and whether the claim
itself debunks, hedges or asks (which turns an article's refuting words around). A small network over
them (one hidden layer of 16 tanh units) was trained on FNC-1's and Emergent's training
splits by ``bench/train_stance.py``; its weights ship in ``data/stance.json``. Inference
is two small matrix products per pair.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from newstrace.data_files import data_rows

STANCES = ("unrelated", "discusses", "supports", "denies")
_WORD = re.compile(r"[a-z0-9']+")
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n+")
_NEGATION = frozenset({"not", "no", "never", "n't", "nobody", "none", "nothing", "without"})
_STOP = frozenset("the a an of to in and or for on at by with from that this is was are were be been has have had "
                  "it its as but he she they his her their will would said says".split())


@lru_cache(maxsize=1)
def stance_words() -> dict[str, frozenset[str]]:
    rows = data_rows("nlp/data/stance_words.txt")
    return {kind: frozenset(f[0] for f in rows if len(f) == 2 and f[1] == kind) for kind in ("refute", "hedge")}


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (a light splitter: this runs on whole articles at scale)."""
    spans, start = [], 0
    for match in _SENTENCE.finditer(text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


@dataclass(frozen=True)
class Stance:
    stance: str
    confidence: float
    evidence: tuple[tuple[int, int], ...]  # sentence spans closest to the claim, best first
    closeness: float  # cosine of the claim and the closest sentence


FEATURES = ("best", "top3", "document", "first", "overlap", "best_overlap", "refute_near", "refute_all",
            "hedge_near", "hedge_all", "negation_near", "claim_negated", "question_near",
            "best_x_refute", "best_x_hedge", "short", "short_x_refute", "short_x_hedge", "short_x_negation",
            "short_x_question", "claim_refute", "claim_hedge", "claim_question", "refute_near_x_plain_claim",
            "refute_near_x_refuting_claim", "negation_near_x_plain_claim")


def features(claim: str, claim_vector, text: str, spans: list[tuple[int, int]], vectors) -> tuple[np.ndarray, list[int]]:
    """The feature vector of one (claim, document) pair, and its sentences ranked by closeness."""
    words = stance_words()
    if not spans:
        return np.zeros(len(FEATURES)), []
    similarity = vectors @ claim_vector
    order = list(np.argsort(-similarity, kind="stable"))
    top = order[:3]
    near = [w for k in top for w in _words(text[slice(*spans[k])])]
    everything = _words(text)
    claim_words = {w for w in _words(claim) if w not in _STOP}
    doc_words = set(everything)
    best_words = set(_words(text[slice(*spans[order[0]])]))
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean)) or 1.0
    per_100 = 100.0 / max(1, len(everything))
    refute_near = min(3, sum(w in words["refute"] for w in near)) / 3
    hedge_near = min(3, sum(w in words["hedge"] for w in near)) / 3
    best = float(similarity[order[0]])
    short = float(len(spans) <= 2)  # a headline or a line: its wording is all there is
    negation_near = min(3, sum(w in _NEGATION for w in near)) / 3
    question_near = float(any("?" in text[slice(*spans[k])] for k in top))
    claim_tokens = _words(claim)
    claim_refute = float(any(w in words["refute"] for w in claim_tokens))
    claim_negated = float(any(w in _NEGATION for w in claim_tokens))
    row = [
        best,
        float(np.mean(similarity[top])),
        float(mean @ claim_vector) / norm,
        float(similarity[0]),
        len(claim_words & doc_words) / max(1, len(claim_words)),
        len(claim_words & best_words) / max(1, len(claim_words)),
        refute_near,
        min(5.0, sum(w in words["refute"] for w in everything) * per_100),
        hedge_near,
        min(5.0, sum(w in words["hedge"] for w in everything) * per_100),
        negation_near,
        claim_negated,
        question_near,
        best * refute_near,
        best * hedge_near,
        short,
        short * refute_near,  # the same words weigh differently in a headline than in a body
        short * hedge_near,
        short * negation_near,
        short * question_near,
        # An article's refuting words deny a claim that asserts, and back one that itself debunks
        # ("X is a hoax"). Measured on article bodies only: in a headline they confused the network.
        *((1 - short) * np.array([
            claim_refute,
            float(any(w in words["hedge"] for w in claim_tokens)),
            float("?" in claim),
            refute_near * (1 - claim_refute),
            refute_near * claim_refute,
            negation_near * (1 - claim_negated),
        ])),
    ]
    return np.array(row, dtype=float), [int(k) for k in order]


@dataclass(frozen=True)
class StanceModel:
    mean: np.ndarray
    scale: np.ndarray
    hidden: np.ndarray  # features x hidden units
    hidden_bias: np.ndarray
    weights: np.ndarray  # hidden units x stances
    bias: np.ndarray

    @classmethod
    def load(cls, path=None) -> StanceModel:
        if path is None:
            raw = resources.files("newstrace").joinpath("nlp/data/stance.json").read_text("utf-8")
        else:
            raw = open(path, encoding="utf-8").read()
        data = json.loads(raw)
        if tuple(data["features"]) != FEATURES or tuple(data["stances"]) != STANCES:
            raise ValueError("stance weights were trained on other features; run bench/train_stance.py")
        return cls(*(np.array(data[k]) for k in ("mean", "scale", "hidden", "hidden_bias", "weights", "bias")))

    def logits(self, rows: np.ndarray) -> np.ndarray:
        hidden = np.tanh(((rows - self.mean) / self.scale) @ self.hidden + self.hidden_bias)
        return hidden @ self.weights + self.bias

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Stance probabilities for rows of FEATURES."""
        z = self.logits(rows)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def stances(claim: str, texts: list[str], embed, model: StanceModel) -> list[Stance]:
    """The stance of each text toward ``claim``."""
    claim_vector = embed([claim])[0]
    all_spans = [sentences(t) for t in texts]
    flat = [t[a:b] for t, spans in zip(texts, all_spans) for a, b in spans]
    vectors = embed(flat) if flat else np.zeros((0, len(claim_vector)))
    rows, orders, offset = [], [], 0
    for text, spans in zip(texts, all_spans):
        block = vectors[offset:offset + len(spans)]
        offset += len(spans)
        row, order = features(claim, claim_vector, text, spans, block)
        rows.append(row)
        orders.append(([spans[k] for k in order[:3]], float(row[0])))
    probabilities = model.probabilities(np.array(rows)) if rows else np.zeros((0, len(STANCES)))
    out = []
    for p, (evidence, closeness) in zip(probabilities, orders):
        k = int(np.argmax(p))
        out.append(Stance(STANCES[k], round(float(p[k]), 3), tuple(evidence), round(closeness, 3)))
    return out
