"""How likely two claim mentions report one real-world fact: the pairwise scorer claims link by.

Candidates are pairs within one story whose predicates are alike: the same lemma, lemmas
whose all-MiniLM-L6-v2 vectors are close ("kill" and "die", "arrest" and "detain"; each
distinct lemma is embedded once, not each clause), or the same coarse category. Each
candidate pair is described by ``FEATURES``:

- how alike the predicates are: same lemma, lemma cosine, same or other category, same kind,
  one in the future and the other not;
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

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from scipy.sparse import csr_matrix

PAIR_WEIGHTS = "link/data/claim_pairs.json"
FEATURES = ("same_lemma", "lemma_cosine", "same_category", "other_category", "same_kind", "tense_differs",
            "people_shared", "people_apart", "groups_shared", "groups_apart", "places_shared", "places_apart",
            "days_overlap", "days_apart", "weekdays_apart", "agents_alike", "patients_alike", "both_alike", "agent_cosine", "patient_cosine",
            "words_shared",
            "same_document", "denial")
LEMMA_NEIGHBOUR = 0.4  # lemma cosine at or above which two predicates are candidates
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


class MentionTable:
    """What pair features read, for every mention, as arrays and sparse incidence matrices."""

    def __init__(self, refs: Sequence, word_vectors: dict[str, np.ndarray] | None, side_by_side: frozenset):
        self.count = len(refs)
        self.lemmas = sorted({r.mention.lemma for r in refs})
        lemma_id = {lemma: k for k, lemma in enumerate(self.lemmas)}
        self.lemma = np.array([lemma_id[r.mention.lemma] for r in refs], dtype=np.int64)
        categories = sorted({r.mention.category for r in refs if r.mention.category})
        self.category = np.array([categories.index(r.mention.category) if r.mention.category else -1 for r in refs],
                                 dtype=np.int64)
        self.kind = np.array([("event", "state", "quantity").index(r.mention.kind) for r in refs], dtype=np.int64)
        self.future = np.array([r.mention.tense == "future" for r in refs])
        self.document = np.array([r.document for r in refs], dtype=np.int64)
        self.denial = np.array([r.mention.stance == "denies" for r in refs])
        self.first_day = np.array([r.days[0] if r.days else -1 for r in refs], dtype=np.int64)
        self.last_day = np.array([r.days[1] if r.days else -1 for r in refs], dtype=np.int64)
        self.people = _incidence([r.people for r in refs])
        self.groups = _incidence([r.participants - r.people for r in refs])
        self.weekday = np.array([next((k for k, day in enumerate(_WEEKDAYS) if day in r.time_text.lower()), -1)
                                 for r in refs], dtype=np.int64)
        self.heads = _incidence([r.heads for r in refs])
        agent_heads = sorted({r.agent_head for r in refs} - {""})
        patient_heads = sorted({r.patient_head for r in refs} - {""})
        self.agent_head = np.array([agent_heads.index(r.agent_head) if r.agent_head else -1 for r in refs])
        self.patient_head = np.array([patient_heads.index(r.patient_head) if r.patient_head else -1 for r in refs])
        self.words = _incidence([r.words for r in refs])
        places, vocabulary = _incidence([r.places for r in refs], keep_vocabulary=True)
        self.places = places
        near = [set(p) | {q for pair in side_by_side if p & pair for q in pair} for p in (r.places for r in refs)]
        self.places_near = _incidence(near, vocabulary=vocabulary)
        self.vectors = self.agent_vectors = self.patient_vectors = None
        if word_vectors is not None and self.lemmas:
            self.vectors = np.stack([word_vectors[lemma] for lemma in self.lemmas])
            width = self.vectors.shape[1]
            self.agent_vectors = np.stack([word_vectors.get(r.agent_head, np.zeros(width)) for r in refs])
            self.patient_vectors = np.stack([word_vectors.get(r.patient_head, np.zeros(width)) for r in refs])

    def lemma_cosines(self) -> np.ndarray:
        """Distinct lemma by distinct lemma cosine (identity without vectors)."""
        if self.vectors is None:
            return np.eye(len(self.lemmas))
        return self.vectors @ self.vectors.T


def candidate_pairs(table: MentionTable, members: np.ndarray, cosines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of ``members`` whose predicates are alike: same lemma, neighbouring lemmas,
    or the same category. Built lemma bucket by lemma bucket, never over all pairs."""
    buckets: dict[int, list[int]] = {}
    for m in members.tolist():
        buckets.setdefault(int(table.lemma[m]), []).append(m)
    keys = sorted(buckets)
    rows, cols = [], []
    category_of = {k: {int(table.category[m]) for m in buckets[k]} - {-1} for k in keys}
    for x, a in enumerate(keys):
        for b in keys[x:]:
            if a != b and cosines[a, b] < LEMMA_NEIGHBOUR and not category_of[a] & category_of[b]:
                continue
            left, right = np.array(buckets[a]), np.array(buckets[b])
            if a == b:
                i, j = np.triu_indices(len(left), 1)
                rows.append(left[i])
                cols.append(left[j])
            else:
                rows.append(np.repeat(left, len(right)))
                cols.append(np.tile(right, len(left)))
    by_head: dict[int, list[int]] = {}  # "the Navy foiled the attack" / "the Navy thwarted the attack"
    for m in members.tolist():
        for head in table.heads.indices[table.heads.indptr[m]:table.heads.indptr[m + 1]].tolist():
            by_head.setdefault(head, []).append(m)
    for sharing in by_head.values():
        if len(sharing) > 1:
            left = np.array(sharing)
            i, j = np.triu_indices(len(left), 1)
            a, b = left[i], left[j]
            keep = (table.document[a] != table.document[b]) & (
                cosines[table.lemma[a], table.lemma[b]] >= ARGUMENT_NEIGHBOUR)
            rows.append(a[keep])
            cols.append(b[keep])
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows, cols = np.concatenate(rows), np.concatenate(cols)
    pairs = np.unique(np.minimum(rows, cols) * table.count + np.maximum(rows, cols))
    return pairs // table.count, pairs % table.count


def pair_features(table: MentionTable, rows: np.ndarray, cols: np.ndarray, cosines: np.ndarray) -> np.ndarray:
    """The ``FEATURES`` of each pair (rows[k], cols[k])."""
    t = table
    same_lemma = t.lemma[rows] == t.lemma[cols]
    cosine = cosines[t.lemma[rows], t.lemma[cols]]
    both_category = (t.category[rows] >= 0) & (t.category[cols] >= 0)
    same_category = both_category & (t.category[rows] == t.category[cols])
    shared_people, both_people = _shared(t.people, rows, cols)
    shared_groups, both_groups = _shared(t.groups, rows, cols)
    shared_places, both_places = _shared(t.places, rows, cols)
    near_places, _ = _shared(t.places_near, rows, cols)
    agents = (t.agent_head[rows] >= 0) & (t.agent_head[rows] == t.agent_head[cols])
    if t.vectors is not None:  # "activists" and "protesters": participants put alike
        agent_cosine = np.einsum("ij,ij->i", t.agent_vectors[rows], t.agent_vectors[cols])
        patient_cosine = np.einsum("ij,ij->i", t.patient_vectors[rows], t.patient_vectors[cols])
    else:
        agent_cosine = patient_cosine = np.zeros(len(rows))
    patients = (t.patient_head[rows] >= 0) & (t.patient_head[rows] == t.patient_head[cols])
    shared_words, union_words = _shared(t.words, rows, cols, union=True)
    both_days = (t.first_day[rows] >= 0) & (t.first_day[cols] >= 0)
    overlap = both_days & (np.maximum(t.first_day[rows], t.first_day[cols]) <= np.minimum(t.last_day[rows],
                                                                                         t.last_day[cols]))
    weekdays = (t.weekday[rows] >= 0) & (t.weekday[cols] >= 0) & (t.weekday[rows] != t.weekday[cols])
    columns = [
        same_lemma, cosine, same_category, both_category & ~same_category, t.kind[rows] == t.kind[cols],
        t.future[rows] != t.future[cols],
        shared_people > 0, both_people & (shared_people == 0), shared_groups > 0, both_groups & (shared_groups == 0),
        shared_places > 0, both_places & (near_places == 0),
        overlap, both_days & ~overlap, weekdays & ~both_days, agents, patients, agents & patients,
        agent_cosine, patient_cosine,
        np.divide(shared_words, union_words, out=np.zeros(len(rows)), where=union_words > 0),
        t.document[rows] == t.document[cols], t.denial[rows] | t.denial[cols],
    ]
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in columns])


def _shared(matrix: csr_matrix, rows: np.ndarray, cols: np.ndarray, union: bool = False):
    """For each pair, how many members the two rows share; and whether both have any (or, with
    ``union``, how many they have between them)."""
    shared = np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()
    sizes = np.diff(matrix.indptr)
    if union:
        return shared, sizes[rows] + sizes[cols] - shared
    return shared, (sizes[rows] > 0) & (sizes[cols] > 0)


def _incidence(sets, keep_vocabulary: bool = False, vocabulary: dict | None = None):
    """Rows of 0/1 for the members of each set (a shared ``vocabulary`` keeps columns aligned)."""
    vocabulary = {} if vocabulary is None else vocabulary
    grow = not vocabulary or keep_vocabulary
    indices, pointers = [], [0]
    for members in sets:
        columns = sorted({vocabulary.setdefault(m, len(vocabulary)) if grow else vocabulary[m]
                          for m in members if grow or m in vocabulary})
        indices += columns
        pointers.append(len(indices))
    matrix = csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int64),
                         np.array(pointers, dtype=np.int64)), shape=(len(sets), max(1, len(vocabulary))))
    return (matrix, vocabulary) if keep_vocabulary else matrix
