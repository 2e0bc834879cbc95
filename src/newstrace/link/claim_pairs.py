"""How likely two claim mentions report one real-world fact: the pairwise scorer claims link by.

Candidates are pairs within one story whose predicates are alike: the same lemma, lemmas
whose all-MiniLM-L6-v2 vectors are close ("kill" and "die", "arrest" and "detain"; each
distinct lemma is embedded once, not each clause), or the same coarse category. Each
candidate pair is described by ``FEATURES``:

- how alike the predicates are: same lemma, lemma cosine, same or other category, same kind,
  one in the future and the other not; and, for two words, how alike their uses are: the
  cosine of their context vectors (``data/predicate_contexts``: each lemma's average
  contextual state in MiniLM over other news, made by ``bench/train_claims.py --contexts``),
  which sees "injured" and "wounded", "killed" and "executed" as close where the vectors of
  the bare words barely do, and unrelated words as far apart. A table, so it costs a
  lookup, not a model run per clause; a lemma it lacks compares by nothing;
- whether the arguments agree: named people shared or none shared, named groups
  (organisations, nationalities, countries) shared or none shared, places shared or
  clashing (unless the coverage writes them side by side), days overlapping or apart (or,
  where no publication day places them, other weekdays), the head words of who did it and
  of whom it befell shared ("activists"). Counts are left out on purpose: reports that give
  one fact different counts are one claim with a numeric conflict, not two claims;
- the words of the two clauses in common, and whether they are in one document.

How likely the two documents tell one story is left out: candidates are already in one
story, and within one, articles written apart score low on it (an embassy's statement and
a blog post), which taught the scorer to keep their reports of one fact apart.

A logistic regression trained on ECB+ train (``bench/train_claims.py --pairs``; weights in
``data/claim_pairs.json``, one set for runs with lemma vectors and one without) turns them
into a probability. Everything is worked out over arrays, a block of pairs at a time.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from newstrace.link.incidence import incidence, shared_members

PAIR_WEIGHTS = "link/data/claim_pairs.json"
PREDICATE_CONTEXTS = "link/data/predicate_contexts"  # .txt: lemmas, a line each; .npy: their vectors (float16)
FEATURES = ("same_lemma", "lemma_cosine", "same_category", "other_category", "same_kind", "tense_differs",
            "people_shared", "people_apart", "groups_shared", "groups_apart", "places_shared", "places_apart",
            "days_overlap", "days_apart", "weekdays_apart", "agents_alike", "patients_alike", "both_alike", "words_shared",
            "same_document", "denial", "context_cosine", "context_known")
LEMMA_NEIGHBOUR = 0.4  # lemma cosine at or above which two predicates are candidates
CONTEXT_NEIGHBOUR = 0.5  # context cosine at or above which they are too
ARGUMENT_NEIGHBOUR = 0.2  # lemma cosine at or above which predicates of two documents sharing an argument are
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BLOCK = 200_000  # candidate pairs scored at a time


@dataclass(frozen=True)
class PairModel:
    bias: float
    weights: np.ndarray  # one per FEATURES
    threshold: float  # average probability at or above which two groups of mentions join

    def probability(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(rows @ self.weights + self.bias)))


@lru_cache(maxsize=2)
def pair_model(with_vectors: bool) -> PairModel:
    raw = json.loads(resources.files("newstrace").joinpath(PAIR_WEIGHTS).read_text("utf-8"))
    part = raw["with_vectors" if with_vectors else "without_vectors"]
    return PairModel(part["bias"], np.array([part["weights"].get(f, 0.0) for f in FEATURES]), part["threshold"])


@dataclass(frozen=True)
class PredicateContexts:
    """How each known lemma is used: a unit vector a lemma (``row`` gives its row)."""

    row: dict[str, int]
    vectors: np.ndarray  # float32, a row a lemma


@lru_cache(maxsize=1)
def predicate_contexts() -> PredicateContexts:
    package = resources.files("newstrace")
    lemmas = package.joinpath(f"{PREDICATE_CONTEXTS}.txt").read_text("utf-8").splitlines()
    vectors = np.load(io.BytesIO(package.joinpath(f"{PREDICATE_CONTEXTS}.npy").read_bytes()), allow_pickle=False)
    return PredicateContexts({lemma: k for k, lemma in enumerate(lemmas)}, vectors.astype(np.float32))


class MentionTable:
    """What pair features read, for every mention, as arrays and sparse incidence matrices."""

    def __init__(self, refs: Sequence, word_vectors: dict[str, np.ndarray] | None, side_by_side: frozenset):
        self.count = len(refs)
        self.lemmas = sorted({r.mention.lemma for r in refs})
        lemma_id = {lemma: k for k, lemma in enumerate(self.lemmas)}
        self.lemma = np.array([lemma_id[r.mention.lemma] for r in refs], dtype=np.int64)
        categories = {c: k for k, c in enumerate(sorted({r.mention.category for r in refs} - {None}))}
        self.category = np.array([categories.get(r.mention.category, -1) for r in refs], dtype=np.int64)
        self.kind = np.array([("event", "state", "quantity").index(r.mention.kind) for r in refs], dtype=np.int64)
        self.future = np.array([r.mention.tense == "future" for r in refs])
        self.document = np.array([r.document for r in refs], dtype=np.int64)
        self.denial = np.array([r.mention.stance == "denies" for r in refs])
        self.first_day = np.array([r.days[0] if r.days else -1 for r in refs], dtype=np.int64)
        self.last_day = np.array([r.days[1] if r.days else -1 for r in refs], dtype=np.int64)
        self.people = incidence([r.people for r in refs])
        self.groups = incidence([r.participants - r.people for r in refs])
        self.weekday = np.array([next((k for k, day in enumerate(_WEEKDAYS) if day in r.time_text.lower()), -1)
                                 for r in refs], dtype=np.int64)
        self.heads = incidence([r.heads for r in refs])
        head_id = {word: k for k, word in enumerate(sorted(({r.agent_head for r in refs}
                                                             | {r.patient_head for r in refs}) - {""}))}
        self.agent_head = np.array([head_id.get(r.agent_head, -1) for r in refs], dtype=np.int64)
        self.patient_head = np.array([head_id.get(r.patient_head, -1) for r in refs], dtype=np.int64)
        self.words = incidence([r.words for r in refs])
        places, vocabulary = incidence([r.places for r in refs], keep_vocabulary=True)
        self.places = places
        beside: dict[str, set[str]] = {}  # each place and those the coverage writes beside it
        for pair in side_by_side:
            for place in pair:
                beside.setdefault(place, set()).update(pair)
        near = [set(r.places).union(*(beside.get(p, ()) for p in r.places)) for r in refs]
        self.places_near = incidence(near, vocabulary=vocabulary)
        self.lemma_vectors = None  # float32, a row a distinct lemma, never a row a mention
        if word_vectors is not None and self.lemmas:
            self.lemma_vectors = np.stack([word_vectors[w] for w in self.lemmas]).astype(np.float32)
        contexts = predicate_contexts()
        known = [contexts.row.get(w, -1) for w in self.lemmas]
        self.context_known = np.array([k >= 0 for k in known], dtype=bool)  # a row a distinct lemma, as above
        self.context_vectors = np.zeros((len(self.lemmas), contexts.vectors.shape[1]), dtype=np.float32)
        self.context_vectors[self.context_known] = contexts.vectors[[k for k in known if k >= 0]]

    def lemma_cosine(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """The cosine of each pair's predicate lemmas (without vectors: 1 for one lemma, else 0),
        worked out once per distinct pair of lemmas: most pairs share their lemmas."""
        a, b = self.lemma[rows], self.lemma[cols]
        cosine = (a == b).astype(np.float64)
        if self.lemma_vectors is None:
            return cosine
        other = a != b
        cosine[other] = self._lemma_dots(self.lemma_vectors, a[other], b[other])
        return cosine

    def context_cosine(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For pairs of two different lemmas both in the context table, the cosine of their
        context vectors, and whether both are there; zeros elsewhere."""
        a, b = self.lemma[rows], self.lemma[cols]
        known = (a != b) & self.context_known[a] & self.context_known[b]
        cosine = np.zeros(len(rows))
        cosine[known] = self._lemma_dots(self.context_vectors, a[known], b[known])
        return cosine, known

    def _lemma_dots(self, vectors: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Dot products of the rows (one a distinct lemma) of pairs of lemmas, each distinct
        pair worked out once."""
        pairs, inverse = np.unique(a * len(self.lemmas) + b, return_inverse=True)
        return _dot(vectors, pairs // len(self.lemmas), pairs % len(self.lemmas))[inverse]


def _dot(vectors: np.ndarray, a: np.ndarray, b: np.ndarray, chunk: int = 20_000) -> np.ndarray:
    """Row-by-row dot products of vectors[a] and vectors[b], a chunk of pairs at a time: the
    gathered rows of a million pairs would take gigabytes."""
    out = np.empty(len(a))
    for start in range(0, len(a), chunk):
        x, y = vectors[a[start:start + chunk]], vectors[b[start:start + chunk]]
        out[start:start + chunk] = np.einsum("ij,ij->i", x, y)
    return out


def candidate_pairs(table: MentionTable, story_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of mentions in one story whose predicates are alike (the same lemma,
    neighbouring lemmas, the same category), or, in two documents, that share an argument's
    head word and whose lemmas are not far apart ("the Navy foiled the attack", "the Navy
    thwarted the attack"). Built bucket by bucket, never over all pairs, and in order."""
    neighbours = _neighbours(table)
    buckets: dict[tuple[int, int], list[int]] = {}
    for m, (story, lemma) in enumerate(zip(story_of.tolist(), table.lemma.tolist())):
        buckets.setdefault((story, lemma), []).append(m)
    rows, cols = [], []
    first: list[int] = []  # pairs of neighbouring buckets, as plain lists: most hold a mention or two
    second: list[int] = []
    for (story, a), left in buckets.items():
        if len(left) > 1:
            i, j = _upper(len(left))
            left_array = np.array(left)
            rows.append(left_array[i])
            cols.append(left_array[j])
        for b in neighbours[a]:
            right = buckets.get((story, b))
            if right is not None:
                first += [x for x in left for _ in right]
                second += right * len(left)
    rows.append(np.array(first, dtype=np.int64))
    cols.append(np.array(second, dtype=np.int64))
    by_head: dict[tuple[int, int], list[int]] = {}
    for m, story in enumerate(story_of.tolist()):
        for head in table.heads.indices[table.heads.indptr[m]:table.heads.indptr[m + 1]].tolist():
            by_head.setdefault((story, head), []).append(m)
    sharing_rows, sharing_cols = [], []
    for sharing in by_head.values():
        if len(sharing) > 1:
            left = np.array(sharing)
            i, j = _upper(len(left))
            sharing_rows.append(left[i])
            sharing_cols.append(left[j])
    if sharing_rows:
        a, b = np.concatenate(sharing_rows), np.concatenate(sharing_cols)
        keep = table.document[a] != table.document[b]
        keep[keep] = table.lemma_cosine(a[keep], b[keep]) >= ARGUMENT_NEIGHBOUR
        rows.append(a[keep])
        cols.append(b[keep])
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows, cols = np.concatenate(rows), np.concatenate(cols)
    pairs = np.unique(np.minimum(rows, cols) * table.count + np.maximum(rows, cols))
    return pairs // table.count, pairs % table.count


@lru_cache(maxsize=256)
def _upper(size: int) -> tuple[np.ndarray, np.ndarray]:
    """The index pairs (i < j) of ``size`` items: most buckets hold two or three mentions."""
    return np.triu_indices(size, 1)


def _neighbours(table: MentionTable, block: int = 1024) -> list[list[int]]:
    """For each distinct lemma, the later lemmas it is a candidate with: close vectors or close
    context vectors (worked out a block of lemmas at a time), or a category in common (that
    its mentions carry)."""
    count = len(table.lemmas)
    found: list[set[int]] = [set() for _ in range(count)]
    close_by = [(table.context_vectors, CONTEXT_NEIGHBOUR)] if CONTEXT_NEIGHBOUR else []
    if table.lemma_vectors is not None:
        close_by.append((table.lemma_vectors, LEMMA_NEIGHBOUR))
    for vectors, least in close_by:  # an unknown lemma's context vector is zeros: close to nothing
        for start in range(0, count, block):
            close = vectors[start:start + block] @ vectors.T >= least
            for a, b in zip(*np.nonzero(close)):
                if b > a + start:
                    found[a + start].add(int(b))
    by_category: dict[int, set[int]] = {}
    for lemma, category in zip(table.lemma.tolist(), table.category.tolist()):
        if category >= 0:
            by_category.setdefault(category, set()).add(lemma)
    for lemmas in by_category.values():
        for a in lemmas:
            found[a] |= {b for b in lemmas if b > a}
    return [sorted(later) for later in found]


def pair_features(table: MentionTable, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The ``FEATURES`` of each pair (rows[k], cols[k])."""
    t = table
    same_lemma = t.lemma[rows] == t.lemma[cols]
    cosine = t.lemma_cosine(rows, cols)
    both_category = (t.category[rows] >= 0) & (t.category[cols] >= 0)
    same_category = both_category & (t.category[rows] == t.category[cols])
    shared_people, both_people = shared_members(t.people, rows, cols)
    shared_groups, both_groups = shared_members(t.groups, rows, cols)
    shared_places, both_places = shared_members(t.places, rows, cols)
    near_places, _ = shared_members(t.places_near, rows, cols)
    agents = (t.agent_head[rows] >= 0) & (t.agent_head[rows] == t.agent_head[cols])
    patients = (t.patient_head[rows] >= 0) & (t.patient_head[rows] == t.patient_head[cols])
    shared_words, union_words = shared_members(t.words, rows, cols, union=True)
    both_days = (t.first_day[rows] >= 0) & (t.first_day[cols] >= 0)
    overlap = both_days & (np.maximum(t.first_day[rows], t.first_day[cols]) <= np.minimum(t.last_day[rows],
                                                                                         t.last_day[cols]))
    weekdays = (t.weekday[rows] >= 0) & (t.weekday[cols] >= 0) & (t.weekday[rows] != t.weekday[cols])
    context, known = t.context_cosine(rows, cols)
    columns = [
        same_lemma, cosine, same_category, both_category & ~same_category, t.kind[rows] == t.kind[cols],
        t.future[rows] != t.future[cols],
        shared_people > 0, both_people & (shared_people == 0), shared_groups > 0, both_groups & (shared_groups == 0),
        shared_places > 0, both_places & (near_places == 0),
        overlap, both_days & ~overlap, weekdays & ~both_days, agents, patients, agents & patients,
        np.divide(shared_words, union_words, out=np.zeros(len(rows)), where=union_words > 0),
        t.document[rows] == t.document[cols], t.denial[rows] | t.denial[cols], context, known,
    ]
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in columns])
