"""Text reuse: passages one article took from another, or repeated inside itself.

Algorithm (candidates first, then exact work on candidates only):

1. Tokenise every document into lower-cased words *and numbers* (figures are
   evidence too), each with its character offsets.
2. Index every word 5-gram, as flat arrays of (n-gram key, document, position).
3. Every pair of postings of one n-gram is a seed (doc A, pos A, doc B, pos B);
   in one document, only positions at least a passage apart. An n-gram with more
   than ``max_postings`` postings (a stock phrase, or a wire story printed
   everywhere) pairs each posting with the next one only, in document order, which
   bounds the work per n-gram: a story copied by a thousand outlets is then found
   as a chain of copies, each joined to the next, not as half a million pairs.
   Seeds are made as arrays for a block of documents at a time and grouped by
   document pair, so memory stays flat however many documents there are; until a pair
   is aligned, its seeds are kept as runs (a stretch of shared words: its first seed and
   how many follow it on the diagonal).
4. Per document pair, seeds are chained along the diagonal: a seed joins a chain
   when it follows the chain's last seed in both documents within ``reuse_max_gap``
   tokens. Insertions, deletions and respellings are gaps; reordered sentences
   become separate chains.
   Before any pair is chained, ``reuse_screen`` rules out in bulk, as array operations,
   the pairs that could hold no passage (step 6's growth, done for every seed at once,
   cannot reach ``reuse_min_words``): at 10,000 generated articles, 5.3 million seeded
   pairs come down to 11,000, and the stage from 138 s to 19 s, finding the same.
5. A chain is a passage when it shares at least ``reuse_min_words`` words *outside
   quotation marks* on both sides. This is the rule that separates copying from
   quoting: two outlets quoting the same public statement share the quote, not
   their reporting; an outlet that took a paragraph of someone's reporting shares
   the words around the quotes too. 25 words is about two sentences of prose.
6. The passage's edges grow past edits (``_extend``): the next word if it matches on
   both sides (respellings included), or a run of two matching words within three
   words past an edit. Seeds alone would stop at the last shared 5-gram.
7. The passage's similarity is the Indel (insert/delete) similarity of the two
   token sequences; identical sequences are ``verbatim``, others ``edited``.

Cost: O(T) to index T tokens, O(sum over n-grams of postings^2) seeds, bounded by
T * max_postings (an n-gram over the cap adds one seed a posting), O(S log L) to join S
seeds into runs (L the longest), O(R log R) to sort and screen the R runs (array
operations, a fraction of a microsecond a run), and, for the pairs left, O(S log S) to
chain their seeds and O(edge edits) to grow each passage.
There is no all-pairs comparison of documents: pairs that share no 5-gram are never
looked at.

Adding documents (``known``): a pair's passages depend only on its two texts and its
seeds, and an old pair's seeds change only where an n-gram it shares crosses
``max_postings`` with the new postings (and pairs only neighbours from then on); new
postings come after the old ones, so an n-gram already over the cap keeps its old
neighbours. So only pairs with a new document and the old pairs sharing such an n-gram
are aligned, and only their seeds are made; the result equals a full run over all the
documents.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from rapidfuzz.distance import Indel

from newstrace.link.groups import UnionFind
from newstrace.link.reuse_screen import WordTable, screen
from newstrace.settings import Settings

_TOKEN = re.compile(r"\w+", re.UNICODE)
MIN_CHAIN_SEEDS = 2  # shared n-grams along one diagonal before a passage is worth aligning
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd, so n-gram keys spread over 64 bits
SEEDS_PER_BLOCK = 1_000_000  # seeds held at once as arrays (about 80 MB while sorting)
_QUOTED = re.compile(r"“[^”\n]{1,3000}”|\"[^\"\n]{1,3000}\"|‘[^’\n]{3,3000}’(?!\w)|«[^»\n]{1,3000}»")
_OPENERS = "“\"‘«(["
_CLOSERS = ".,;:!?…”\"’»)]"


@dataclass(frozen=True)
class Passage:
    """A reused passage between documents ``a`` and ``b`` (indices into the input list; a <= b)."""

    a: int
    a_start: int
    a_end: int
    b: int
    b_start: int
    b_end: int
    similarity: float
    kind: str  # verbatim | edited
    direction: str  # a_to_b | b_to_a | unknown | internal
    evidence: str  # why the direction is what it is


@dataclass(frozen=True)
class KnownReuse:
    """What an earlier ``find_reuse`` found over the first ``documents`` of today's texts,
    under the same settings (``reuse_fingerprint`` tells)."""

    documents: int
    passages: list[Passage]


REUSE_VERSION = "2"  # raise when the algorithm changes what it finds, so stored results are not reused


def reuse_fingerprint(settings: Settings) -> str:
    """The settings and algorithm version a stored result was found under."""
    return (f"v{REUSE_VERSION} n{settings.reuse_ngram} w{settings.reuse_min_words} g{settings.reuse_max_gap}"
            f" p{settings.reuse_max_postings}")


TOKENIZER = f"1, unicode {unicodedata.unidata_version}"  # what stored word ids were made under (see Wording)


def casefolded_words(text: str) -> list[str]:
    """The words of ``text``: its runs of letters and digits, case-folded."""
    folded = _folded(text)
    if folded is not None:
        return _TOKEN.findall(folded)
    return [m.group().casefold() for m in _TOKEN.finditer(text)]


def _folded(text: str) -> str | None:
    """The case-folded text where each character folded into one, so that offsets in it are
    the text's; None where a letter folded into two ("ß" into "ss")."""
    folded = text.casefold()
    return folded if len(folded) == len(text) else None


class Wording:
    """The words of a collection's texts as ids into one vocabulary, numbered as first seen:
    what reuse indexes. The ledger keeps it (``TOKENIZER`` says under what), so a run that
    adds ten documents to ten thousand reads the old ones' ids instead of tokenising every
    text again. One vocabulary also makes every occurrence of a word one string object when
    words are read back (``_Tokens``): millions of separate copies of "the" were most of
    the memory at 10,000 articles."""

    def __init__(self, vocabulary: Sequence[str] = (), ids: Sequence[np.ndarray] = ()):
        self._id: defaultdict[str, int] = defaultdict()
        self._id.default_factory = self._id.__len__  # a new word gets the next id, all in C: this runs a million times
        self._id.update((word, k) for k, word in enumerate(vocabulary))
        self._vocabulary = list(vocabulary)
        self.ids = list(ids)  # per text, its words' ids (int32)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Wording:
        wording = cls()
        for text in texts:
            wording.add(text)
        return wording

    def add(self, text: str) -> None:
        words = casefolded_words(text)
        self.ids.append(np.fromiter(map(self._id.__getitem__, words), dtype=np.int32, count=len(words)))

    @property
    def vocabulary(self) -> list[str]:
        """The words by id."""
        if len(self._vocabulary) != len(self._id):
            self._vocabulary = list(self._id)  # in insertion order, so by id
        return self._vocabulary

    def tokens(self, texts: Sequence[str]) -> list[_Tokens]:
        vocabulary = self.vocabulary
        return [_Tokens(text, ids, vocabulary) for text, ids in zip(texts, self.ids)]


class _Tokens:
    """The lower-cased words of one text (``casefolded_words``), their offsets, and whether each
    is inside quotation marks: worked out when first asked for, as only documents in a chain
    need them."""

    def __init__(self, text: str, ids: np.ndarray, vocabulary: list[str]):
        self.text = text
        self.ids = ids
        self.vocabulary = vocabulary

    @cached_property
    def words(self) -> list[str]:
        return list(map(self.vocabulary.__getitem__, self.ids.tolist()))

    @cached_property
    def offsets(self) -> tuple[array, array, array]:
        """Each word's start and end, and 1 where it starts inside quotation marks."""
        spans = [m.span() for m in _TOKEN.finditer(_folded(self.text) or self.text)]
        starts, ends = array("l", [a for a, _ in spans]), array("l", [b for _, b in spans])
        quoted = array("b", bytes(len(spans)))
        for begin, end in (m.span() for m in _QUOTED.finditer(self.text)):  # the words starting inside each
            for k in range(bisect_left(starts, begin), bisect_left(starts, end)):
                quoted[k] = 1
        return starts, ends, quoted


def find_reuse(texts: Sequence[str], published: Sequence[str | None] | None = None,
               outlets: Sequence[str | None] | None = None,
               settings: Settings | None = None, known: KnownReuse | None = None,
               wording: Wording | None = None) -> list[Passage]:
    """Every reused passage among ``texts``, ordered by documents then position.

    With ``known`` (an earlier result over the first texts, under the same settings), only
    pairs the new texts can change are aligned again. ``wording``: the words of the first
    texts (kept from an earlier run, under today's ``TOKENIZER``); the others are added to
    it, so the caller can keep it for the next run."""
    settings = settings or Settings()
    published = published or [None] * len(texts)
    outlets = outlets or [None] * len(texts)
    if known is not None and known.documents > len(texts):
        raise ValueError(f"known reuse covers {known.documents} texts, more than the {len(texts)} given")
    if known is not None and known.documents == len(texts):
        return list(known.passages)
    wording = wording if wording is not None else Wording()
    if len(wording.ids) > len(texts):
        raise ValueError(f"the wording covers {len(wording.ids)} texts, more than the {len(texts)} given")
    for text in texts[len(wording.ids):]:
        wording.add(text)
    tokens = wording.tokens(texts)
    index = _NgramIndex(wording, settings)
    redo = (known.documents, _stale_pairs(index, known.documents, settings)) if known else None
    passages = []
    for (a, b), seeds in _seeded_pairs(index, len(tokens), settings, redo, screened=True):
        passages += pair_passages(a, b, seeds, tokens, texts, published, outlets, settings)
    if known:
        stale = set(redo[1].tolist())
        kept = [p for p in known.passages if p.a * len(texts) + p.b not in stale]
        passages = sorted(kept + passages, key=lambda p: (p.a, p.b))  # stable: a pair's passages keep their order
    return passages


def pair_passages(a: int, b: int, seeds: list[tuple[int, int]], tokens, texts, published, outlets,
                  settings: Settings) -> list[Passage]:
    """The passages of documents ``a`` and ``b`` (a <= b) from their seeds, sorted. ``tokens``,
    ``texts``, ``published`` and ``outlets`` need only answer for ``a`` and ``b``: a Spark task
    holds just those two documents."""
    found = []
    for chain in _chains(seeds, settings.reuse_max_gap):
        if len(chain) < MIN_CHAIN_SEEDS:
            continue  # one shared n-gram is chance; a copied passage shares many
        passage = _passage(a, b, chain, tokens, texts, settings)
        if passage:  # directed now, so the passage's words need not be kept
            found.append(_with_direction(*passage, texts, published, outlets))
    return found


def screened_passages(seeds: Sequence[tuple[int, int, int, int]], tokens: dict, texts: dict, published: dict,
                      outlets: dict, settings: Settings) -> list[tuple[tuple[int, int], list[Passage]]]:
    """((a, b), passages) for the pairs among a few documents, from their seeds (a, b, position
    in a, position in b; every seed of each pair, in any order): what ``find_reuse`` finds for
    those pairs. Pairs ``reuse_screen`` rules out are not aligned, and are left out. The
    dictionaries answer for the documents the seeds name: a Spark task holds just those;
    ``tokens`` are of one ``Wording``."""
    if not seeds:
        return []
    ids = np.array(sorted(tokens), dtype=np.int64)
    table = WordTable([tokens[d].ids for d in ids.tolist()], tokens[int(ids[0])].vocabulary, _respelled)
    a, b, pa, pb = np.array(sorted(seeds), dtype=np.int64).T
    firsts = _pair_starts(a, b)
    ends = np.r_[firsts[1:], len(a)]
    wanted = _worth_aligning(table, firsts, np.searchsorted(ids, a), np.searchsorted(ids, b), pa, pb,
                             np.ones_like(a), settings)  # each seed a run of one
    found = []
    for first, end in zip(firsts[wanted].tolist(), ends[wanted].tolist()):
        pair = (int(a[first]), int(b[first]))
        pair_seeds = list(zip(pa[first:end].tolist(), pb[first:end].tolist()))
        found.append((pair, pair_passages(*pair, pair_seeds, tokens, texts, published, outlets, settings)))
    return found


def _stale_pairs(index: _NgramIndex, first_new: int, settings: Settings) -> np.ndarray:
    """When documents from ``first_new`` on are new: the old pairs (as codes a * documents + b)
    that shared an n-gram the new postings pushed over ``max_postings``. ``find_reuse`` aligns
    them again, with the pairs that have a new document."""
    documents = len(index.bounds) - 1
    cap = settings.reuse_max_postings
    every_gram = index.all_grams
    old = np.bincount(every_gram[index.all_docs < first_new], minlength=index.grams)
    total = np.bincount(every_gram, minlength=index.grams)
    crossed = (old >= 2) & (old <= cap) & (total > cap)
    stale = [np.zeros(0, dtype=np.int64)]
    holders = (index.all_docs < first_new) & crossed[every_gram]
    by_gram = np.lexsort((index.all_docs[holders], every_gram[holders]))
    grams, docs = every_gram[holders][by_gram], index.all_docs[holders][by_gram]
    cuts = np.flatnonzero(grams[1:] != grams[:-1]) + 1
    for members in np.split(docs, cuts):
        members = np.unique(members)
        a, b = np.triu_indices(len(members))  # a document with the n-gram twice may repeat itself
        stale.append(members[a] * documents + members[b])
    return np.unique(np.concatenate(stale))


class _NgramIndex:
    """Every kept n-gram occurrence as flat arrays, in document then position order, and the
    same occurrences by n-gram: a few bytes an occurrence, where tuples in lists took a hundred."""

    def __init__(self, wording: Wording, settings: Settings):
        n = settings.reuse_ngram
        words = wording.ids
        every, lengths = _ngram_keys(words, n)
        self.words = WordTable(words, wording.vocabulary, _respelled)
        _, gram, postings = np.unique(every, return_inverse=True, return_counts=True)
        gram = gram.reshape(-1)
        kept = (postings >= 2)[gram]
        # Every occurrence, kept or not, for _stale_pairs: which n-grams new documents pushed over the cap.
        self.grams, self.all_grams = len(postings), gram
        self.all_docs = np.repeat(np.arange(len(words), dtype=np.int64), lengths)
        self.docs = self.all_docs[kept]
        self.positions = (np.arange(len(every), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths))[kept]
        self.gram = gram[kept]
        self.bounds = np.searchsorted(self.docs, np.arange(len(words) + 1))
        # Whether the next occurrence is the next word's n-gram in the same document (runs of seeds follow these).
        self.continues = np.r_[(self.docs[1:] == self.docs[:-1]) & (np.diff(self.positions) == 1), False]
        # By n-gram, then document, then position: an occurrence's partners are the ones after it.
        self.by_gram = np.argsort(self.gram, kind="stable")  # stable: documents and positions stay in order
        self.rank = np.empty_like(self.by_gram)
        self.rank[self.by_gram] = np.arange(len(self.by_gram))
        self.ends = np.cumsum(np.bincount(self.gram, minlength=self.grams))  # where each n-gram's occurrences end
        later = self.ends[self.gram] - self.rank - 1
        # An n-gram in more than max_postings places pairs each occurrence with the next one only.
        self.partners = np.where(postings[self.gram] > settings.reuse_max_postings, np.minimum(later, 1), later)


def _ngram_keys(words: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit key per word n-gram of every text (a polynomial over the word ids, wrapping as
    hashes do), texts one after another, and how many each has. Worked out over all the texts
    at once, then the n-grams that would run from one text into the next are dropped."""
    sizes = np.array([len(w) for w in words], dtype=np.int64)
    lengths = np.maximum(sizes - n + 1, 0)
    flat = np.concatenate(words).astype(np.uint64) if words else np.zeros(0, dtype=np.uint64)
    if len(flat) < n:
        return np.zeros(0, dtype=np.uint64), lengths
    keys = flat[:len(flat) - n + 1].copy()
    with np.errstate(over="ignore"):
        for k in range(1, n):
            keys = keys * _MULTIPLIER + flat[k:len(flat) - n + 1 + k]
    text_end = np.repeat(np.cumsum(sizes), sizes)[:len(keys)]  # where the text each n-gram starts in ends
    return keys[np.arange(len(keys)) + n <= text_end], lengths


def _seeded_pairs(index: _NgramIndex, documents: int, settings: Settings,
                  redo: tuple[int, np.ndarray] | None = None, screened: bool = False):
    """(a, b) and their seeds (position in a, position in b), sorted, for every document pair
    (a < b) or document (a == b) with at least MIN_CHAIN_SEEDS seeds, in (a, b) order; with
    ``redo`` (the first new document, and ``_stale_pairs``), only the pairs with a new
    document and the stale ones; ``screened``, without the pairs ``reuse_screen`` proves
    can hold no passage.

    Seeds are made for a block of documents at a time, as arrays: every occurrence of an
    n-gram in the block paired with each later occurrence of it (in a later document, or
    later in the same one). Blocks hold about SEEDS_PER_BLOCK seeds, which bounds memory."""
    ranges = _partner_ranges(index, redo)
    before = np.r_[0, np.cumsum(ranges[1])][index.bounds]  # seeds of the documents before each one
    start = 0
    while start < documents:
        end = int(np.searchsorted(before, before[start] + SEEDS_PER_BLOCK, "right")) - 1
        end = min(max(end, start + 1), documents)  # one document may hold more than a block
        yield from _block_pairs(index, start, end, settings, ranges, redo, screened)
        start = end


def _partner_ranges(index: _NgramIndex, redo: tuple[int, np.ndarray] | None) -> tuple[np.ndarray, np.ndarray]:
    """For every occurrence, where its partners begin in n-gram order and how many it takes:
    every later occurrence of its n-gram, or the next one only over the stock-phrase cap.
    With ``redo``, only partners in new documents (the n-gram's last occurrences, as new
    documents come last), except that an occurrence in the first document of a stale pair
    takes them all: a run adding ten articles to ten thousand then makes the seeds of ten."""
    first, count = index.rank + 1, index.partners
    if redo is None:
        return first, count
    first_new, stale = redo
    newer = index.ends - np.bincount(index.gram[index.docs >= first_new], minlength=index.grams)
    skip = np.clip(newer[index.gram] - first, 0, count)  # the old partners before the new ones
    skip[np.isin(index.docs, np.unique(stale // (len(index.bounds) - 1)))] = 0
    return first + skip, count - skip


def _block_pairs(index: _NgramIndex, start: int, end: int, settings: Settings, ranges, redo=None,
                 screened=False):
    """The seeded pairs whose first document is in [start, end), as ``_seeded_pairs`` yields them
    (``ranges``: ``_partner_ranges``)."""
    runs = _block_runs(index, start, end, settings, ranges, redo)
    if runs is None:
        return
    a, b, pa, pb, lengths = runs
    firsts = _pair_starts(a, b)
    wanted = _worth_aligning(index.words, firsts, a, b, pa, pb, lengths, settings, screened)
    taken = np.repeat(wanted, np.diff(np.r_[firsts, len(a)]))
    if not taken.any():
        return
    # The wanted pairs' runs spelled out seed by seed, and sorted again.
    lengths = lengths[taken]
    along = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    a, b = np.repeat(a[taken], lengths), np.repeat(b[taken], lengths)
    pa, pb = np.repeat(pa[taken], lengths) + along, np.repeat(pb[taken], lengths) + along
    order = _seed_order(a - start, b, pa, pb, len(index.bounds) - 1)
    a, b, pa, pb = a[order], b[order], pa[order], pb[order]
    firsts = np.r_[_pair_starts(a, b), len(a)]
    seeds = list(zip(pa.tolist(), pb.tolist()))  # once per block: a conversion per pair cost more
    for first_a, first_b, begin, stop in zip(a[firsts[:-1]].tolist(), b[firsts[:-1]].tolist(),
                                             firsts[:-1].tolist(), firsts[1:].tolist()):
        yield (first_a, first_b), seeds[begin:stop]


def _pair_starts(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Where each document pair begins, in (a, b) arrays sorted by pair."""
    return np.flatnonzero(np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])])


def _worth_aligning(table: WordTable, firsts: np.ndarray, a, b, pa, pb, lengths, settings: Settings,
                    screened: bool = True) -> np.ndarray:
    """For runs sorted by (a, b, pa, pb), each pair's first at ``firsts``: one bool per pair, True
    where it has seeds enough for a chain and (``screened``) ``reuse_screen`` does not rule it out."""
    wanted = np.add.reduceat(lengths, firsts) >= MIN_CHAIN_SEEDS
    if screened:
        wanted &= screen(table, firsts, a, b, pa, pb, lengths, settings.reuse_ngram, settings.reuse_min_words,
                         settings.reuse_max_gap)
    return wanted


def _block_runs(index: _NgramIndex, start: int, end: int, settings: Settings, ranges, redo=None):
    """The seeds whose first document is in [start, end), as *runs*: the seeds (i, j), (i + 1,
    j + 1) ... of a stretch of words two documents share, given as the first seed's documents
    and positions, and how many seeds there are. Shared phrases are a few n-grams long, so a
    run holds two or three seeds on average, and sorting and screening runs does that much
    less work. Arrays (a, b, pa, pb, lengths) sorted by (a, b, pa, pb); None if there are none."""
    lo, hi = index.bounds[start], index.bounds[end]
    first_rank, counts = ranges[0][lo:hi], ranges[1][lo:hi]
    first_seed = np.cumsum(counts) - counts  # each occurrence's first seed, counted in the block
    own = np.repeat(np.arange(lo, hi), counts)
    partner = index.by_gram[np.arange(len(own)) - np.repeat(first_seed, counts) + np.repeat(first_rank, counts)]
    runs, lengths = _runs(_next_seeds(index, own, partner, lo, first_rank, counts, first_seed))
    own, partner = own[runs], partner[runs]
    a, b = index.docs[own], index.docs[partner]
    pa, pb = index.positions[own], index.positions[partner]
    # In one document, only occurrences a passage apart. A run keeps its documents and the
    # distance between its two sides, so it is kept or dropped whole.
    keep = (a != b) | (pb - pa >= settings.reuse_min_words)
    if redo is not None:
        first_new, stale = redo
        keep &= (b >= first_new) | np.isin(a * (len(index.bounds) - 1) + b, stale)
    kept = np.flatnonzero(keep)
    if not len(kept):
        return None
    order = kept[_seed_order(a[kept] - start, b[kept], pa[kept], pb[kept], len(index.bounds) - 1)]
    return a[order], b[order], pa[order], pb[order], lengths[order]


def _next_seeds(index: _NgramIndex, own: np.ndarray, partner: np.ndarray, lo: int, first_rank: np.ndarray,
                counts: np.ndarray, first_seed: np.ndarray) -> np.ndarray:
    """For each seed of a block (occurrences ``own`` and ``partner``, made for the occurrences
    from ``lo`` on, each taking ``counts`` partners from ``first_rank`` in n-gram order, its
    first seed at ``first_seed``), the index of the seed one word further on in both
    documents, or -1 where there is none: the occurrences after these two, where each is the
    next word's n-gram, if the first takes the second as a partner (so it is the same n-gram)."""
    candidates = np.flatnonzero(np.repeat(index.continues[lo:lo + len(counts)], counts) & index.continues[partner])
    after = own[candidates] + 1 - lo  # the next occurrence, counted in the block (the same document: in it)
    later = index.rank[partner[candidates] + 1] - first_rank[after]  # which of its partners the other is
    follows = (later >= 0) & (later < counts[after])
    next_seed = np.full(len(own), -1, dtype=np.int64)
    next_seed[candidates[follows]] = first_seed[after[follows]] + later[follows]
    return next_seed


def _runs(next_seed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first seed of each run (a seed no other seed leads to), and how many seeds the run
    has: its distance to the run's end, found by pointer jumping (each pass doubles how far
    every seed looks ahead), so a run of a thousand seeds costs ten passes, not a thousand."""
    led_to = np.zeros(len(next_seed), dtype=bool)
    led_to[next_seed[next_seed >= 0]] = True
    ahead, distance = next_seed.copy(), (next_seed >= 0).astype(np.int64)
    active = np.flatnonzero(ahead >= 0)
    while len(active):
        further = ahead[active]
        distance[active] += distance[further]  # read before written: every seed jumps at once
        ahead[active] = ahead[further]
        active = active[ahead[active] >= 0]
    firsts = np.flatnonzero(~led_to)
    return firsts, distance[firsts] + 1


def _seed_order(a: np.ndarray, b: np.ndarray, pa: np.ndarray, pb: np.ndarray, documents: int) -> np.ndarray:
    """The order of seeds by (a, b, pa, pb), ``a`` counted from the block's first document. As
    one 64-bit key where it fits: sorting one key is ten times faster than lexsort over four
    (the seeds come nearly sorted by a already)."""
    positions = int(max(pa.max(), pb.max())) + 1
    if (int(a.max()) + 1) * documents * positions * positions < 2 ** 62:
        return np.argsort((a * documents + b) * positions * positions + pa * positions + pb, kind="stable")
    return np.lexsort((pb, pa, b, a))


def _chains(pairs: list[tuple[int, int]], max_gap: int) -> list[list[tuple[int, int]]]:
    """Group seeds (sorted by position in A) into monotone runs along a diagonal."""
    if len(pairs) == 2:  # a third of all seeded pairs: decided without the bookkeeping below
        (a1, b1), (a2, b2) = pairs
        return [list(pairs)] if 0 < a2 - a1 <= max_gap and 0 < b2 - b1 <= max_gap else [[pairs[0]], [pairs[1]]]
    finished: list[list[tuple[int, int]]] = []
    active: list[list[tuple[int, int]]] = []
    for a, b in pairs:
        still = []
        for chain in active:  # a chain more than max_gap behind can never grow again
            (still if a - chain[-1][0] <= max_gap else finished).append(chain)
        active = still
        best, best_drift = None, None
        for chain in active:
            la, lb = chain[-1]
            if 0 < a - la and 0 < b - lb <= max_gap:
                drift = abs((a - la) - (b - lb))
                if best_drift is None or drift < best_drift:
                    best, best_drift = chain, drift
        if best is None:
            active.append([(a, b)])
        else:
            best.append((a, b))
    return sorted(finished + active)


def _passage(a: int, b: int, chain: list[tuple[int, int]], tokens: list[_Tokens], texts: Sequence[str],
             settings: Settings) -> tuple[Passage, tuple[list[str], list[str]]] | None:
    n = settings.reuse_ngram
    ta, tb = tokens[a], tokens[b]
    a0, a1 = chain[0][0], chain[-1][0] + n
    b0, b1 = chain[0][1], chain[-1][1] + n
    a0, b0 = _extend(ta.words, tb.words, a0, b0, -1, floor_b=a1 if a == b else 0)
    a1, b1 = _extend(ta.words, tb.words, a1, b1, +1, ceiling_a=b0 if a == b else len(ta.words))
    if a == b and b0 < a1:
        return None  # a repeat inside one document must not overlap itself
    if min(a1 - a0, b1 - b0) < settings.reuse_min_words:
        return None  # too short even were no word quoted: most chance chains end here, before offsets
    (starts_a, ends_a, quoted_a), (starts_b, ends_b, quoted_b) = ta.offsets, tb.offsets
    unquoted_a = a1 - a0 - sum(quoted_a[a0:a1])
    unquoted_b = b1 - b0 - sum(quoted_b[b0:b1])
    if min(unquoted_a, unquoted_b) < settings.reuse_min_words:
        return None
    words_a, words_b = ta.words[a0:a1], tb.words[b0:b1]
    similarity = round(Indel.normalized_similarity(words_a, words_b), 3)
    a_start, a_end = _widen(texts[a], starts_a[a0], ends_a[a1 - 1])
    b_start, b_end = _widen(texts[b], starts_b[b0], ends_b[b1 - 1])
    passage = Passage(a, a_start, a_end, b, b_start, b_end, similarity,
                      "verbatim" if words_a == words_b else "edited", "unknown", "")
    return passage, (words_a, words_b)


def _extend(wa: list[str], wb: list[str], i: int, j: int, step: int, *, floor_b: int = 0,
            ceiling_a: int | None = None, reach: int = 3) -> tuple[int, int]:
    """Grow a passage's edge past edits: while the next word matches on both sides (or is the
    same word respelled), or two matching words stand within ``reach`` words past an edit,
    take them in. ``i``/``j`` are the edge positions:
    first tokens when going left (step -1), one past the last when going right (step +1)."""
    ceiling_a = len(wa) if ceiling_a is None else ceiling_a
    end_b = len(wb)
    while True:
        if step < 0:  # the common case first, in a tight loop: the same next word
            while 0 < i <= ceiling_a and floor_b < j <= end_b and wa[i - 1] == wb[j - 1]:
                i, j = i - 1, j - 1
        else:
            while 0 <= i < ceiling_a and floor_b <= j < end_b and wa[i] == wb[j]:
                i, j = i + 1, j + 1
        best = None  # the nearest match past the edit (fewest words skipped), first found on a tie
        for di in range(reach):
            x = i - 1 - di if step < 0 else i + di
            if not 0 <= x < ceiling_a:
                continue
            u = wa[x]
            short = len(u) < 5
            for dj in range(reach):
                if best is not None and di + dj >= best[0]:
                    break  # no later dj is nearer
                y = j - 1 - dj if step < 0 else j + dj
                if not floor_b <= y < end_b:
                    continue
                v = wb[y]
                if u != v and (short or not _respelled(u, v)):
                    continue  # _same_word inline: this runs millions of times
                # Past an edit, only a run of two matching words counts: one "the" is chance.
                nx, ny = x + step, y + step
                if (di or dj) and not (0 <= nx < ceiling_a and floor_b <= ny < end_b
                                       and _same_word(wa[nx], wb[ny])):
                    continue
                best = (di + dj, x, y)
        if best is None:
            return i, j
        _, x, y = best
        i, j = (x, y) if step < 0 else (x + 1, y + 1)


def _same_word(x: str, y: str) -> bool:
    return x == y or _respelled(x, y)


def _respelled(x: str, y: str) -> bool:
    # Indel similarity is 1 - distance / (len x + len y), and the distance is at least the
    # difference in length: words that differ in length by more than a fifth of both never reach 0.8.
    lx, ly = len(x), len(y)
    return min(lx, ly) >= 5 and 5 * abs(lx - ly) <= lx + ly and Indel.normalized_similarity(x, y) >= 0.8


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the punctuation that belongs to the passage: an opening quote, a closing full stop."""
    while start > 0 and text[start - 1] in _OPENERS:
        start -= 1
    while end < len(text) and text[end] in _CLOSERS:
        end += 1
    return start, end


def _with_direction(p: Passage, words: tuple[list[str], list[str]], texts, published, outlets) -> Passage:
    """Who copied whom: earlier publication, then pure insertions, then naming the other as source."""
    if p.a == p.b:
        return replace(p, direction="internal", evidence="repeated inside one article")
    date_a, date_b = (published[p.a] or "")[:10], (published[p.b] or "")[:10]
    if date_a and date_b and date_a != date_b:
        earlier_a = date_a < date_b
        return replace(p, direction="a_to_b" if earlier_a else "b_to_a",
                       evidence=f"published {min(date_a, date_b)}, the other {max(date_a, date_b)}")
    words_a, words_b = words
    common = _lcs_length(words_a, words_b)
    if common == len(words_a) < len(words_b):
        return replace(p, direction="a_to_b", evidence="the later version only adds words")
    if common == len(words_b) < len(words_a):
        return replace(p, direction="b_to_a", evidence="the later version only adds words")
    a_named_in_b = _names(texts[p.b], outlets[p.a])
    b_named_in_a = _names(texts[p.a], outlets[p.b])
    if a_named_in_b != b_named_in_a:  # exactly one names the other: it is the copy
        source = outlets[p.a] if a_named_in_b else outlets[p.b]
        return replace(p, direction="a_to_b" if a_named_in_b else "b_to_a", evidence=f"names {source} as its source")
    return p


def _names(text: str, outlet: str | None) -> bool:
    return bool(outlet) and outlet.casefold() in text.casefold()


def _lcs_length(x: list[str], y: list[str]) -> int:
    return (len(x) + len(y) - Indel.distance(x, y)) // 2


def copy_families(passages: Sequence[Passage], documents: int) -> list[list[int]]:
    """Groups of documents linked by reuse (union-find), largest first; singletons left out."""
    sets = UnionFind(documents)
    for p in passages:
        if p.a != p.b:
            sets.union(p.a, p.b)
    return sorted((g for g in sets.groups() if len(g) > 1), key=lambda g: (-len(g), g))
