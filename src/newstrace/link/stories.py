"""Stories: the documents that tell of one real-world happening.

A pile of coverage often holds several events: two earthquakes, two arrests of two players
of one team. Claims are linked within a story, so the same words about another event
never join them.

Each document is described by what tells one happening from another (``DocumentProfile``):
the people, organisations and places it names (entity names, so spellings of one name are
one), the years, months and figures it gives, the predicates of its claims, its other
words, and the names and words of its lead (title and first lines). Two documents are
compared channel by channel (tf-idf cosine, with a pseudo-count so a pile of two articles
weighs its words like a large one), plus whether their most named person is the same or
another, and whether both give times (years, months, days) and none in common: one team
firing its coach in two seasons is told in the same words, often with the same names,
and only the dates tell the two apart. A logistic regression trained on ECB+ train
(``bench/train_claims.py --stories``; weights in ``data/stories.json``) turns that into
how likely the two tell of one happening, and documents join by average linkage over
those likelihoods, so one document that mentions two events does not chain them together.

Pairs are compared only where two documents share a name, or a rare word: the cost grows
with the pairs that share something, not with the square of the pile.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from scipy.sparse import csr_matrix, hstack

from newstrace.link.groups import average_linkage
from newstrace.link.incidence import incidence, shared_members

STORY_WEIGHTS = "link/data/stories.json"
CHANNELS = ("words", "person", "org", "place", "dates", "predicates", "lead_names", "lead_words")
FEATURES = CHANNELS + ("same_top_person", "other_top_person", "times_apart")
IDF_PSEUDO_DOCUMENTS = 100  # a word in every one of a few documents still weighs something
SMALL_STORY = 3  # stories this small may join the story they most likely belong to (at the model's ``attach``)
UNLIKELY = 0.1  # pairs less likely than this to tell one story are left out of linkage
GENERIC_SHARE = 0.3  # in a pile of GENERIC_MIN_DOCUMENTS or more, a word in more of its documents than this ...
GENERIC_MIN_DOCUMENTS = 100  # ... is left out of its profile (names never are); the training piles are larger
WORDY = frozenset({"words", "lead_words", "predicates", "dates"})  # the channels such words are left out of
TOP_TERMS = 30  # the heaviest terms of a document's channel that its profile keeps
STORY_BLOCK = 1000  # rows of the pair products worked out at a time: bounds the memory they take
RARE_WORD = 50  # a word in more documents than this proposes no pairs (it still counts in the features)
_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_STOP = frozenset(
    "the and that with from have has had were was are been this they their them said says for into since who "
    "which about after would will than then there these those other also its his her she him our your you "
    "not but out over more most some such only just very when where what while all any can could may might "
    "must shall should being did does doing one two three four five six seven eight nine ten first last new "
    "year years week month day today yesterday monday tuesday wednesday thursday friday saturday sunday told "
    "according because before during under between against through again further once here both each few "
    "own same too per via upon within without".split())
_LEAD_CHARACTERS = 400  # the lead: the title and this much of the text


@dataclass(frozen=True)
class DocumentProfile:
    """What a document says that tells its happening apart: counts per channel."""

    channels: dict[str, Counter]
    top_person: str | None


@dataclass(frozen=True)
class Stories:
    groups: list[list[int]]  # documents per story, stories in order of their first document
    story_of: list[int]  # document -> story


class StoryModel:
    """Logistic regression over ``FEATURES``, with the average-linkage threshold and the
    average likelihood that takes a small story into a larger one (``attach``)."""

    def __init__(self, bias: float, weights: dict[str, float], threshold: float, attach: float):
        self.bias, self.threshold, self.attach = bias, threshold, attach
        self.weights = np.array([weights.get(f, 0.0) for f in FEATURES])

    def probability(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(rows @ self.weights + self.bias)))


@lru_cache(maxsize=1)
def story_model() -> StoryModel:
    raw = json.loads(resources.files("newstrace").joinpath(STORY_WEIGHTS).read_text("utf-8"))
    return StoryModel(raw["bias"], raw["weights"], raw["threshold"], raw["attach"])


def document_profiles(documents: Sequence, extractions: dict, layer,
                      body: Sequence[int] | None = None) -> list[DocumentProfile]:
    """Each document's profile, from its text, its claims and the entity layer's names.
    ``body``: each document's text in the layer, where the layer reads headlines too
    (``texts.TextViews.body``); else the layer's texts are the documents."""
    profiles = []
    for n, document in enumerate(documents):
        extraction = extractions[document.key]
        channels: dict[str, Counter] = {name: Counter() for name in CHANNELS}
        named = layer.in_document(n if body is None else body[n])
        lead_end = _LEAD_CHARACTERS
        people = Counter()
        for start, end, _, e in named:
            entity = layer.entities[e]
            channel = {"PERSON": "person", "ORG": "org", "NORP": "org"}.get(
                entity.type, "place" if entity.type in ("GPE", "LOC", "FAC") else None)
            if channel is None:
                continue
            tokens = _name_tokens(entity.name)
            channels[channel].update(tokens)
            if start < lead_end:
                channels["lead_names"].update(tokens)
            if channel == "person":
                people[entity.name] += 1
        text = document.text
        masked = _masked(text, [(a, b) for a, b, _, _ in named])
        words = [_stem(w) for w in _WORD.findall(masked.lower()) if w not in _STOP]
        channels["words"].update(words)
        lead = ((document.title or "") + " " + masked[:lead_end]).lower()
        channels["lead_words"].update(_stem(w) for w in _WORD.findall(lead) if w not in _STOP)
        channels["dates"].update(_YEAR.findall(text))
        for mention in extraction.claims:
            if mention.time and mention.time[2] and mention.time[2][:7] == (mention.time[3] or "")[:7]:
                channels["dates"][mention.time[2][:7]] += 1  # the month it names
            if mention.quantity:
                channels["dates"][f"#{mention.quantity[0]}"] += 1
            if mention.kind == "event":
                channels["predicates"][mention.lemma] += 1
        top = min(people.items(), key=lambda item: (-item[1], item[0]))[0] if people else None
        profiles.append(DocumentProfile(channels, top))
    return profiles


def find_stories(profiles: Sequence[DocumentProfile], model: StoryModel | None = None,
                 threshold: float = 0.0) -> Stories:
    """Group documents into stories. ``threshold``: how likely, on average, two groups must
    tell one story to join (0: the trained model's). Copies of one article need no rule of
    their own: their names and words are the same. (Forcing copy families together joined
    two happenings wherever articles about both reused one background paragraph.)"""
    count = len(profiles)
    if count == 0:
        return Stories([], [])
    model = model or story_model()
    rows, cols, scores = likely_pairs(profiles, model)
    groups = average_linkage(count, rows.tolist(), cols.tolist(), scores.tolist(), threshold or model.threshold)
    groups = _attach_small(groups, rows, cols, scores, count, model.attach)
    story_of = [0] * count
    for k, members in enumerate(groups):
        for d in members:
            story_of[d] = k
    return Stories(groups, story_of)


def _attach_small(groups: list[list[int]], rows: np.ndarray, cols: np.ndarray, scores: np.ndarray,
                  count: int, attach: float) -> list[list[int]]:
    """A story of ``SMALL_STORY`` documents or fewer joins the larger story it most likely
    belongs to, when that is likely enough (``attach``) and at least twice as likely as any
    other story: a short article names too little to clear the threshold by itself, yet
    plainly tells one of the stories. Averages over all pairs of documents of two stories,
    from one sparse product (pairs not given count as 0)."""
    sizes = np.array([len(g) for g in groups])
    if not (sizes <= SMALL_STORY).any() or len(groups) < 2:
        return groups
    story_of = np.empty(count, dtype=np.int64)
    for k, members in enumerate(groups):
        story_of[members] = k
    member = csr_matrix((np.ones(count), (np.arange(count), story_of)), shape=(count, len(groups)))
    weights = csr_matrix((scores, (rows, cols)), shape=(count, count))
    totals = (member.T @ (weights + weights.T) @ member).tocsr()
    merged = [list(members) for members in groups]
    for k in np.flatnonzero(sizes <= SMALL_STORY).tolist():
        start, end = totals.indptr[k], totals.indptr[k + 1]
        others, total = totals.indices[start:end], totals.data[start:end]
        away = others != k
        others, averages = others[away], total[away] / (sizes[k] * sizes[others[away]])
        if not len(others):
            continue
        larger = np.where(sizes[others] > SMALL_STORY, averages, 0.0)  # only into a larger story: no chains
        best = int(np.argmax(larger))
        rest = np.delete(averages, best)
        if larger[best] >= attach and larger[best] >= 2 * (rest.max() if len(rest) else 0.0):
            merged[others[best]] += merged[k]
            merged[k] = []
    return sorted((sorted(m) for m in merged if m), key=lambda g: g[0])


def likely_pairs(profiles: Sequence[DocumentProfile], model: StoryModel) -> tuple[np.ndarray, np.ndarray,
                                                                                np.ndarray]:
    """(rows, cols, probabilities) of the pairs of documents at least ``UNLIKELY`` to tell one
    story, rows < cols, in order. The model is linear in the channel cosines, so a block of
    rows' scores against the whole pile is a weighted sum of sparse products; pairs that
    cannot reach ``UNLIKELY`` whatever their other features are dropped there, and only the
    rest are ever held: pairs that share a little by chance are most pairs of a large pile."""
    count = len(profiles)
    weights = dict(zip(FEATURES, model.weights.tolist()))
    # The weighted sum of channel products is one product of the channels side by side, each
    # scaled by the root of its weight (a channel with a negative weight is subtracted apart).
    positive = [name for name in CHANNELS if weights[name] > 0]
    negative = [name for name in CHANNELS if weights[name] < 0]
    matrices = {name: _tfidf([p.channels[name] for p in profiles], name in WORDY) for name in positive + negative}
    joined = hstack([matrices[name] * math.sqrt(weights[name]) for name in positive] or
                    [csr_matrix((count, 1))], format="csr", dtype=np.float32)  # single precision: half the traffic
    apart = hstack([matrices[name] * math.sqrt(-weights[name]) for name in negative] or
                   [csr_matrix((count, 1))], format="csr", dtype=np.float32)
    joined_t, apart_t = joined.T.tocsr(), apart.T.tocsr()
    floor = math.log(UNLIKELY / (1 - UNLIKELY)) - model.bias
    people = {name: k for k, name in enumerate(sorted({p.top_person for p in profiles} - {None}))}
    top = np.array([people.get(p.top_person, -1) for p in profiles])
    bound = max(0.0, weights["same_top_person"], weights["other_top_person"]) + max(0.0, weights["times_apart"])
    times = _times(profiles)
    rows, cols, scores = [], [], []
    for start in range(0, count, STORY_BLOCK):
        end = min(start + STORY_BLOCK, count)
        linear = (joined[start:end] @ joined_t).toarray()
        if negative:
            linear -= (apart[start:end] @ apart_t).toarray()
        i, j = np.nonzero(linear + bound >= floor)
        keep = j > i + start
        i, j = i[keep], j[keep]
        a, b = top[i + start], top[j]
        total = (linear[i, j] + weights["same_top_person"] * ((a >= 0) & (a == b))
                 + weights["other_top_person"] * ((a >= 0) & (b >= 0) & (a != b))
                 + weights["times_apart"] * _apart(times, i + start, j))
        probability = 1.0 / (1.0 + np.exp(-(total + model.bias)))
        likely = probability >= UNLIKELY
        rows.append(i[likely] + start)
        cols.append(j[likely])
        scores.append(probability[likely])
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(scores)


def pair_features(profiles: Sequence[DocumentProfile]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, features) for the pairs of documents that share a name, or a word in at
    most ``RARE_WORD`` documents (in a pile of three or fewer, every pair), rows < cols, in
    order; features as ``FEATURES``: what the story model is trained on (``likely_pairs``
    scores a pile without holding every pair's features)."""
    count = len(profiles)
    matrices = {name: _tfidf([p.channels[name] for p in profiles], name in WORDY) for name in CHANNELS}
    present = {name: (matrices[name] > 0).astype(np.float32) for name in ("person", "org", "place", "words")}
    rare = np.flatnonzero(np.asarray(present["words"].sum(axis=0)).ravel() <= RARE_WORD)
    present["words"] = present["words"][:, rare]  # a common word proposes no pair (it still counts)
    transposed = {name: matrix.T.tocsr() for name, matrix in matrices.items()}
    rows, cols, columns = [], [], []
    for start in range(0, count, STORY_BLOCK):
        end = min(start + STORY_BLOCK, count)
        if count <= 3:
            i, j = np.triu_indices(count, 1)
        else:
            shared = sum(present[name][start:end] @ present[name].T for name in present).tocoo()
            keep = shared.col > shared.row + start
            i, j = shared.row[keep] + start, shared.col[keep]
        keys = np.sort(i.astype(np.int64) * count + j)
        if not len(keys):
            continue
        i, j = keys // count, keys % count
        # Each channel's block of cosines as a dense array (a thousand rows by the pile: tens
        # of megabytes at ten thousand documents), read at the pairs.
        block = [(matrices[name][start:end] @ transposed[name]).toarray()[i - start, j] for name in CHANNELS]
        rows.append(keys // count)
        cols.append(keys % count)
        columns.append(np.column_stack(block))
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros((0, len(FEATURES)))
    rows, cols, channel_values = np.concatenate(rows), np.concatenate(cols), np.concatenate(columns)
    people = {name: k for k, name in enumerate(sorted({p.top_person for p in profiles} - {None}))}
    top = np.array([people.get(p.top_person, -1) for p in profiles])
    same = (top[rows] >= 0) & (top[rows] == top[cols])
    other = (top[rows] >= 0) & (top[cols] >= 0) & (top[rows] != top[cols])
    apart = _apart(_times(profiles), rows, cols)
    return rows, cols, np.column_stack([channel_values, same, other, apart]).astype(np.float64)


def _times(profiles: Sequence[DocumentProfile]) -> csr_matrix:
    """Rows of 0/1: the times each document gives (its "dates" channel less its figures),
    whether or not a large pile's common years are left out of the channel's cosine. A month
    stands for its year too, and a day of a year not given for its month: "2017-04" and
    "2017" are one time at two grains, not two times."""
    sets = []
    for profile in profiles:
        terms = {t for t in profile.channels["dates"] if not t.startswith("#")}
        sets.append(terms | {t[:4] for t in terms if _MONTH.fullmatch(t) or _DAY.fullmatch(t)})
    return incidence(sets)


_MONTH = re.compile(r"\d{4}-\d\d")  # "2017-04"
_DAY = re.compile(r"--\d\d-\d\d")  # "--04-11": a day whose year the text does not give


def _apart(times: csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """For each pair, whether both documents give times and none is the same."""
    shared, both = shared_members(times, rows, cols)
    return both & (shared == 0)


def _tfidf(bags: list[Counter], generic: bool = False) -> csr_matrix:
    """Rows of unit length: log-scaled counts times idf with ``IDF_PSEUDO_DOCUMENTS``, each
    cut to its ``TOP_TERMS`` heaviest terms (ties by term), so what two rows share stays
    sparse however large the pile. With ``generic``, a term in more than ``GENERIC_SHARE``
    of a large pile's documents is left out too ("said", "killed" in a thousand articles):
    it tells no happening from another, and pairs up every document with every other.
    Worked out over arrays of every (document, term)."""
    if generic and len(bags) >= GENERIC_MIN_DOCUMENTS:
        frequency = Counter(term for bag in bags for term in bag)
        common = {term for term, n in frequency.items() if n > GENERIC_SHARE * len(bags)}
        bags = [Counter({t: n for t, n in bag.items() if t not in common}) for bag in bags]
    vocabulary = {term: k for k, term in enumerate(sorted({term for bag in bags for term in bag}))}
    lengths = np.array([len(bag) for bag in bags], dtype=np.int64)
    row = np.repeat(np.arange(len(bags)), lengths)
    column = np.fromiter((vocabulary[term] for bag in bags for term in bag), dtype=np.int64, count=int(lengths.sum()))
    counts = np.fromiter((n for bag in bags for n in bag.values()), dtype=np.float64, count=int(lengths.sum()))
    frequency = np.bincount(column, minlength=len(vocabulary))
    weight = (1 + np.log(np.maximum(counts, 1))) * np.log((len(bags) + IDF_PSEUDO_DOCUMENTS) / (frequency[column] + 0.5))
    order = np.lexsort((-column, weight, row))  # by row, then weight, heaviest last (ties: the first term)
    row, column, weight = row[order], column[order], weight[order]
    rank = np.arange(len(row)) - np.repeat(np.cumsum(lengths) - lengths, lengths)  # position within its row
    keep = rank >= np.repeat(lengths - np.minimum(lengths, TOP_TERMS), lengths)
    row, column, weight = row[keep], column[keep], weight[keep]
    norms = np.sqrt(np.bincount(row, weights=weight * weight, minlength=len(bags)))
    return csr_matrix((weight / np.where(norms > 0, norms, 1.0)[row], (row, column)),
                      shape=(len(bags), max(1, len(vocabulary))))


def _name_tokens(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9'’-]+", name.lower()) if w not in _STOP and len(w) > 1]


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with name spans blanked: names have channels of their own."""
    if not spans:
        return text
    pieces, last = [], 0
    for a, b in sorted(spans):
        if a >= last:
            pieces += [text[last:a], " " * (b - a)]
            last = b
    pieces.append(text[last:])
    return "".join(pieces)


def _stem(word: str) -> str:
    """A crude stem, the first six letters: "detained", "detainees" and "detention" meet."""
    return word.replace("’", "'").split("'")[0][:6]


def story_names(groups: list[list[int]], layer, documents: int, owner: Sequence[int] | None = None) -> list[list[str]]:
    """The names that most of a story's documents give (people, places, organisations), up to
    three a story, most documents first: how a reader tells the stories apart. ``owner``: each
    of the layer's texts' document, where it reads headlines too (``texts.TextViews.owner``)."""
    named_in: list[Counter] = [Counter() for _ in range(documents)]
    for t, n in enumerate(range(documents) if owner is None else owner):
        for _, _, _, e in layer.in_document(t):
            entity = layer.entities[e]
            if entity.type in ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"):
                named_in[n][entity.name] = 1
    out = []
    for members in groups:
        total = Counter()
        for d in members:
            total.update(named_in[d])
        out.append([name for name, _ in sorted(total.items(), key=lambda item: (-item[1], item[0]))[:3]])
    return out
