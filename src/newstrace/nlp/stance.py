"""How one document stands toward one claim: supports, denies, discusses, or unrelated.

Features compare the claim with the document's sentences (all-MiniLM-L6-v2 cosine: best,
top three, whole document, first sentence), count shared words, and count refuting,
hedging and negating words in the sentences closest to the claim, in the lead and near the
claim's own words, whether the claim itself debunks, hedges or asks (which turns an
article's refuting words around), and how a headline passes a claim on ("X says",
"Source: ...", "said to"). Two small networks (one hidden layer of tanh units) read them:
one for article bodies, trained on FNC-1, and one for headlines and one-line texts, trained
on Emergent, because the same words weigh differently in a headline than in a body.
``bench/train_stance.py`` trains both; their weights ship in ``data/stance.json``.
Inference is two small matrix products per pair.
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
_NEGATION = frozenset({"not", "no", "never", "nobody", "none", "nothing", "without"})
_STOP = frozenset("the a an of to in and or for on at by with from that this is was are were be been has have had "
                  "it its as but he she they his her their will would said says".split())
_WORD_KINDS = ("refute", "hedge", "report", "source", "said_to")
_NEAR_CLAIM_WORDS = 5  # a refuting or negating word this close to one of the claim's words bears on it
_QUOTE_MARK = re.compile(r"[\"“”‘’]|(?:^|\s)'|'(?:\s|$)")


@lru_cache(maxsize=1)
def stance_words() -> dict[str, frozenset[str]]:
    """The words of each kind in data/stance_words.txt (a word may have several kinds)."""
    rows = data_rows("nlp/data/stance_words.txt")
    return {kind: frozenset(f[0] for f in rows if len(f) == 2 and f[1] == kind) for kind in _WORD_KINDS}


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


def _negating(word: str) -> bool:
    return word in _NEGATION or word.endswith("n't")


@dataclass(frozen=True)
class Stance:
    stance: str
    confidence: float
    evidence: tuple[tuple[int, int], ...]  # sentence spans closest to the claim, best first
    closeness: float  # cosine of the claim and the closest sentence


FEATURES = ("best", "top3", "document", "first", "overlap", "best_overlap", "refute_near", "refute_all",
            "hedge_near", "hedge_all", "negation_near", "claim_negated", "question_near",
            "best_x_refute", "best_x_hedge", "short", "claim_refute", "claim_hedge", "claim_question",
            "refute_near_x_plain_claim", "refute_near_x_refuting_claim", "negation_near_x_plain_claim",
            # how refuting or negating sentences sit toward the claim across the whole text
            "refute_closest", "refute_lead", "refute_share", "refute_top5", "refute_by_claim_words",
            "negation_by_claim_words", "negation_closest",
            # how a text passes a claim on: "X says", "Source: ...", "said to", quote marks
            "reporting_verb", "colon", "said_to", "source_noun", "quote_marks")


def features(claim: str, claim_vector, text: str, spans: list[tuple[int, int]], vectors) -> tuple[np.ndarray, list[int]]:
    """The feature vector of one (claim, document) pair, and its sentences ranked by closeness."""
    words = stance_words()
    if not spans:
        return np.zeros(len(FEATURES)), []
    similarity = vectors @ claim_vector
    order = list(np.argsort(-similarity, kind="stable"))
    top = order[:3]
    sentence_words = [_words(text[a:b]) for a, b in spans]
    near = [w for k in top for w in sentence_words[k]]
    everything = _words(text)
    claim_words = {w for w in _words(claim) if w not in _STOP}
    doc_words = set(everything)
    best_words = set(sentence_words[order[0]])
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean)) or 1.0
    per_100 = 100.0 / max(1, len(everything))
    refute_near = min(3, sum(w in words["refute"] for w in near)) / 3
    hedge_near = min(3, sum(w in words["hedge"] for w in near)) / 3
    best = float(similarity[order[0]])
    short = float(len(spans) <= 2)  # a headline or a line: its wording is all there is
    negation_near = min(3, sum(map(_negating, near))) / 3
    question_near = float(any("?" in text[slice(*spans[k])] for k in top))
    claim_tokens = _words(claim)
    claim_refute = float(any(w in words["refute"] for w in claim_tokens))
    claim_negated = float(any(map(_negating, claim_tokens)))
    refuting = np.array([float(any(w in words["refute"] for w in ws)) for ws in sentence_words])
    negated = np.array([float(any(map(_negating, ws))) for ws in sentence_words])
    top5 = order[:5]
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
        short,  # which network reads the row (StanceModel.logits)
        # An article's refuting words deny a claim that asserts, and back one that itself debunks
        # ("X is a hoax").
        claim_refute,
        float(any(w in words["hedge"] for w in claim_tokens)),
        float("?" in claim),
        refute_near * (1 - claim_refute),
        refute_near * claim_refute,
        negation_near * (1 - claim_negated),
        float((similarity * refuting).max()),
        float(refuting[:2].max()),
        float(refuting.mean()),
        float(refuting[top5].mean()),
        max(_near_claim_words(sentence_words[k], claim_words, words["refute"].__contains__) for k in top5),
        max(_near_claim_words(sentence_words[k], claim_words, _negating) for k in top5),
        float((similarity * negated).max()),
        float(any(w in words["report"] for w in everything)),
        float(":" in text),
        float(any(a in words["said_to"] and b == "to" for a, b in zip(everything, everything[1:]))),
        float(any(w in words["source"] for w in everything)),
        float(bool(_QUOTE_MARK.search(text))),
    ]
    return np.array(row, dtype=float), [int(k) for k in order]


def _near_claim_words(words: list[str], claim_words: set[str], is_cue) -> float:
    """1.0 if a cue word stands within a few words of one of the claim's words."""
    cue_at = [k for k, w in enumerate(words) if is_cue(w)]
    claim_at = [k for k, w in enumerate(words) if w in claim_words]
    return float(any(abs(a - b) <= _NEAR_CLAIM_WORDS for a in cue_at for b in claim_at))


_NETWORK_PARTS = ("mean", "scale", "hidden", "hidden_bias", "weights", "bias")


@dataclass(frozen=True)
class Network:
    """One hidden layer of tanh units over standardised FEATURES."""

    mean: np.ndarray
    scale: np.ndarray
    hidden: np.ndarray  # features x hidden units
    hidden_bias: np.ndarray
    weights: np.ndarray  # hidden units x stances
    bias: np.ndarray

    def logits(self, rows: np.ndarray) -> np.ndarray:
        hidden = np.tanh(((rows - self.mean) / self.scale) @ self.hidden + self.hidden_bias)
        return hidden @ self.weights + self.bias

    def to_json(self) -> dict:
        return {name: getattr(self, name).round(6).tolist() for name in _NETWORK_PARTS}

    @classmethod
    def from_json(cls, data: dict) -> Network:
        return cls(*(np.array(data[name]) for name in _NETWORK_PARTS))


_SHORT = FEATURES.index("short")


@dataclass(frozen=True)
class StanceModel:
    """A network for headlines and one- or two-sentence texts, and one for article bodies."""

    headline: Network
    body: Network

    @classmethod
    def load(cls, path=None) -> StanceModel:
        if path is None:
            raw = resources.files("newstrace").joinpath("nlp/data/stance.json").read_text("utf-8")
        else:
            raw = open(path, encoding="utf-8").read()
        data = json.loads(raw)
        if tuple(data["features"]) != FEATURES or tuple(data["stances"]) != STANCES:
            raise ValueError("stance weights were trained on other features; run bench/train_stance.py")
        return cls(Network.from_json(data["headline"]), Network.from_json(data["body"]))

    def logits(self, rows: np.ndarray) -> np.ndarray:
        short = rows[:, _SHORT] > 0.5
        return np.where(short[:, None], self.headline.logits(rows), self.body.logits(rows))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Stance probabilities for rows of FEATURES."""
        z = self.logits(rows)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def stances(claims: list[str], texts: list[str], embed, model: StanceModel) -> list[list[Stance]]:
    """The stance of each text toward each claim, claims outer; each sentence is embedded once."""
    if not claims:
        return []
    all_spans = [sentences(t) for t in texts]
    flat = [t[a:b] for t, spans in zip(texts, all_spans) for a, b in spans]
    claim_vectors = embed(list(claims))
    vectors = embed(flat) if flat else np.zeros((0, claim_vectors.shape[1]))
    out = []
    for claim, claim_vector in zip(claims, claim_vectors):
        rows, closest, offset = [], [], 0
        for text, spans in zip(texts, all_spans):
            block = vectors[offset:offset + len(spans)]
            offset += len(spans)
            row, order = features(claim, claim_vector, text, spans, block)
            rows.append(row)
            closest.append([spans[k] for k in order[:3]])
        out.append(decide(model, np.array(rows).reshape(len(rows), len(FEATURES)), closest))
    return out


def decide(model: StanceModel, rows: np.ndarray, closest: list[list[tuple[int, int]]]) -> list[Stance]:
    """The most probable stance for each row of FEATURES, with its closest sentences as evidence."""
    probabilities = model.probabilities(rows) if len(rows) else np.zeros((0, len(STANCES)))
    out = []
    for p, row, evidence in zip(probabilities, rows, closest):
        k = int(np.argmax(p))
        out.append(Stance(STANCES[k], round(float(p[k]), 3), tuple(evidence), round(float(row[0]), 3)))
    return out
