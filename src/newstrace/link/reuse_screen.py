"""Ruling out, in bulk, the document pairs whose shared n-grams cannot grow into a passage.

Most pairs that share seeds share them by chance: a stock clause, a common phrase. One
at a time, ``reuse._passage`` grows each of their chains word by word and drops it as
too short, and at 10,000 articles that was millions of chains in Python. Here the same
growth (``reuse._extend`` step for step: the next word, else the nearest match past an
edit) runs for the seeds of a whole block at once, as array operations, and a pair is
dropped only where that proves no chain of it reaches ``reuse_min_words``. Every pair
not ruled out is aligned by the usual code, so what is found does not change.

Why a bound over seeds is enough. A chain's consecutive seeds lie at most
``reuse_max_gap`` words apart in both documents (``reuse._chains``), so a chain never
leaves a *group*: the pair's seeds split wherever the next one lies further on than that.
A chain's passage runs from the left edge grown from its first seed to the right edge
grown from its last; so in each document it is at most the furthest right edge grown
from the group's seeds minus the nearest left edge. Seeds come as runs along a diagonal
(``reuse._runs``), and growth from a position depends only on that position: growing
left from a seed inside a run walks the run's matching words to its first seed and on
from there, so only a run's first seed is grown left, and only its last grown right.
Internal pairs (a document against itself) are never ruled out here.

Comparing words: equal ids, or a respelling (``reuse._respelled``), asked of Python only
for pairs of long words whose letters could allow it, and once per pair of words.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy as np

_BUCKETS = 8  # letter counts kept per word: few, so the table stays small
_LONG = 5  # only words this long can be respellings (reuse._respelled)
_REACH = 3  # as reuse._extend: a match within three words past an edit
_PAD = _REACH + 1  # slots around each document, so a look past its ends reads no other document
# The cells of the search past an edit, in the order reuse._extend prefers them: fewest
# words skipped, then fewest in the first document.
_CELLS = sorted(((di, dj) for di in range(_REACH) for dj in range(_REACH)), key=lambda c: (c[0] + c[1], c[0]))
_SKIP_A, _SKIP_B = np.array(_CELLS).T  # words each cell skips in a and in b
_RUN = _SKIP_A + _SKIP_B > 0  # past an edit, only a run of two matching words counts
_AHEAD = np.arange(_REACH + 1)[:, None]  # the words read past an edge: the search's three, and one more


class WordTable:
    """The collection's words as ids, every document padded on both sides, for growing many
    edges at once without bounds checks: a look past a document's end reads a padding id, one
    for the first document of a pair and another for the second, which matches nothing.

    Ids are renumbered so that the words long enough to be respellings come last: whether a
    word could be one is then a comparison, not a lookup (this runs for hundreds of millions
    of word pairs at 10,000 articles). Padding ids are negative, so never long."""

    def __init__(self, documents: list[np.ndarray], vocabulary: list[str], respelled: Callable[[str, str], bool]):
        sizes = np.array([len(d) for d in documents], dtype=np.int64)
        self.starts = _PAD + np.r_[0, np.cumsum(sizes + _PAD)[:-1]] if len(documents) else sizes
        lengths = np.fromiter(map(len, vocabulary), dtype=np.int64, count=len(vocabulary))
        order = np.argsort(lengths >= _LONG, kind="stable")  # short words first
        renumbered = np.empty(len(order), dtype=np.int32)
        renumbered[order] = np.arange(len(order), dtype=np.int32)
        self.vocabulary = [vocabulary[k] for k in order.tolist()]
        self.lengths = lengths[order]
        self.first_long = int(np.count_nonzero(lengths < _LONG))  # ids from here on are long words
        self.first = np.full(int(sizes.sum() + _PAD * (len(documents) + 1)), -1, dtype=np.int32)
        for start, document in zip(self.starts.tolist(), documents):
            self.first[start:start + len(document)] = renumbered[document]
        self.second = np.where(self.first == -1, -2, self.first).astype(np.int32)
        self._respelled = respelled
        # Word pairs (u * vocabulary + v) already compared, sorted, and whether each is a respelling.
        self._compared, self._respelling = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)

    @cached_property
    def letters(self) -> np.ndarray:
        """How often each word has each letter, letters folded into a few buckets (a lower bound still)."""
        words, codes = self._letter_codes()
        counts = np.zeros((len(self.lengths), _BUCKETS), dtype=np.int16)
        np.add.at(counts, (words, codes % _BUCKETS), 1)
        return counts

    @cached_property
    def letter_bits(self) -> np.ndarray:
        """Which letters each word has, folded into 64 bits (a lower bound still)."""
        words, codes = self._letter_codes()
        bits = np.zeros(len(self.lengths), dtype=np.uint64)
        np.bitwise_or.at(bits, words, np.left_shift(np.uint64(1), (codes % 64).astype(np.uint64)))
        return bits

    def _letter_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """Every letter of the vocabulary as a code point, with the id of its word."""
        codes = np.frombuffer("".join(self.vocabulary).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return np.repeat(np.arange(len(self.vocabulary)), self.lengths), codes

    def same(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """reuse._same_word over arrays of word ids (padding ids included: they match nothing)."""
        shape, u, v = u.shape, u.ravel(), v.ravel()
        equal = u == v
        maybe = np.flatnonzero((u >= self.first_long) & (v >= self.first_long) & ~equal)
        u, v = u[maybe], v[maybe]
        lu, lv = self.lengths[u], self.lengths[v]
        total = lu + lv
        # Indel distance is at least the difference in length, and the letters one word has and
        # the other lacks: most pairs end here, on which letters (one bit each, 64 bits a word)...
        close = (5 * np.abs(lu - lv) <= total) & (5 * np.bitwise_count(self.letter_bits[u] ^ self.letter_bits[v])
                                                  <= total)
        maybe, u, v, total = maybe[close], u[close], v[close], total[close]
        close = 5 * np.abs(self.letters[u] - self.letters[v]).sum(axis=1) <= total  # ... then how many of each
        maybe, u, v = maybe[close], u[close], v[close]
        if not len(maybe):
            return equal.reshape(shape)
        keys = u.astype(np.int64) * len(self.vocabulary) + v
        at = np.searchsorted(self._compared, keys).clip(max=max(len(self._compared) - 1, 0))
        new = np.unique(keys[self._compared[at] != keys] if len(self._compared) else keys)
        if len(new):
            words, respelled = self.vocabulary, self._respelled
            x, y = divmod(new, len(words))
            answers = np.array([respelled(words[p], words[q]) for p, q in zip(x.tolist(), y.tolist())], dtype=bool)
            places = np.searchsorted(self._compared, new)  # new is sorted and unseen: merge, not sort
            self._compared = np.insert(self._compared, places, new)
            self._respelling = np.insert(self._respelling, places, answers)
            at = np.searchsorted(self._compared, keys)
        equal[maybe] = self._respelling[at]
        return equal.reshape(shape)


def screen(table: WordTable, firsts: np.ndarray, a: np.ndarray, b: np.ndarray, pa: np.ndarray, pb: np.ndarray,
           lengths: np.ndarray, n: int, min_words: int, max_gap: int) -> np.ndarray:
    """For runs of seeds (first seeds at ``pa``/``pb``, ``lengths`` seeds each) sorted by (a, b,
    pa, pb), each pair's starting at ``firsts``: one bool per pair, False where no chain of the
    pair can make a passage of ``min_words`` words."""
    if not len(a):
        return np.zeros(0, dtype=bool)
    new_pair = np.zeros(len(a), dtype=bool)
    new_pair[firsts] = True
    pair = np.cumsum(new_pair) - 1
    group, by_group = _groups(pair, pa, pb, lengths - 1, max_gap)
    grown = (np.bincount(group, weights=lengths)[group] >= 2) & (a != b)  # a lone seed makes no chain worth aligning
    grown = np.flatnonzero(grown)
    far = np.iinfo(np.int64).max // 4
    left = np.full((2, len(a)), -far)  # each run's left edge in a and in b, negated (so the nearest is a max)
    edge_a, edge_b = _grow(table, a[grown], b[grown], pa[grown], pb[grown], -1, min_words)
    left[0, grown], left[1, grown] = -edge_a, -edge_b
    right = np.full((2, len(a)), -far)
    last = lengths[grown] - 1 + n  # past the run's last n-gram
    edge_a, edge_b = _grow(table, a[grown], b[grown], pa[grown] + last, pb[grown] + last, +1, min_words)
    right[0, grown], right[1, grown] = edge_a, edge_b
    starts = np.flatnonzero(np.r_[True, group[by_group][1:] != group[by_group][:-1]])
    nearest = np.maximum.reduceat(left[:, by_group], starts, axis=1)
    furthest = np.maximum.reduceat(right[:, by_group], starts, axis=1)
    span = (furthest + nearest).min(axis=0)  # the longest passage a chain of the group could make
    keep = np.zeros(pair[-1] + 1, dtype=bool)
    keep[pair[by_group[starts]][span >= min_words]] = True
    keep[pair[a == b]] = True
    return keep


def _groups(pair: np.ndarray, pa: np.ndarray, pb: np.ndarray, extra: np.ndarray,
            max_gap: int) -> tuple[np.ndarray, np.ndarray]:
    """Runs split, pair by pair, wherever the next seed lies more than ``max_gap`` words on in
    the first document, and then wherever it does in the second: consecutive seeds of a chain
    are at most that far apart in both, so a chain never leaves its group. A run covers
    ``pa`` to ``pa + extra`` (and ``pb`` to ``pb + extra``) with no gap, so the next seed
    after the runs so far is the next run's first, and the gap is from the furthest seed so
    far. (Splitting by the first document again would part a few more groups: at 3,000
    articles, 4% fewer pairs left to align, for a fifth more time.) The group of each run,
    and an order of the runs by group."""
    opens = _gaps(pair, pa, extra, max_gap)  # runs come in pa order
    by_a = np.cumsum(opens) - 1
    order = np.argsort(by_a * (int(pb.max()) + 1) + pb)  # one key, group then pb: faster than lexsort
    opens = _gaps(by_a[order], pb[order], extra[order], max_gap)
    group = np.empty_like(by_a)
    group[order] = np.cumsum(opens) - 1
    return group, order


def _gaps(part: np.ndarray, start: np.ndarray, extra: np.ndarray, max_gap: int) -> np.ndarray:
    """For runs sorted by ``part`` then ``start``: True where a run opens a part, or lies more than
    ``max_gap`` past the furthest seed of the runs before it in its part."""
    reach = start + extra
    width = int(reach.max()) + 1
    furthest = np.maximum.accumulate(part * width + reach) - part * width  # parts come in order: one pass
    return np.r_[True, (part[1:] != part[:-1]) | (start[1:] - furthest[:-1] > max_gap)]


def _grow(table: WordTable, a: np.ndarray, b: np.ndarray, i: np.ndarray, j: np.ndarray, step: int,
          rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """reuse._extend from positions (i, j) of documents a and b (a != b), for many at once; an
    edge still growing after ``rounds`` steps is reported as unbounded (it has grown that many
    words in both documents, so the passage is long enough to align anyway)."""
    start_a, start_b = table.starts[a], table.starts[b]
    x, y = start_a + i, start_b + j  # positions in the padded arrays
    first, second = table.first, table.second
    ahead = 0 if step > 0 else -1  # the next word: at the edge going right, before it going left
    active = np.arange(len(x))
    for _ in range(rounds):
        if not len(active):
            break
        ax, ay = x[active], y[active]
        same = first[ax + ahead] == second[ay + ahead]
        x[active[same]] += step
        y[active[same]] += step
        edited = active[~same]
        ex, ey = ax[~same], ay[~same]
        # The words past each edge, read once; every cell of the search at once, a row per cell.
        words_a, words_b = first[ex + ahead + step * _AHEAD], second[ey + ahead + step * _AHEAD]
        matched = table.same(words_a[_SKIP_A], words_b[_SKIP_B])
        row, col = np.nonzero(matched & _RUN[:, None])
        matched[row, col] = table.same(words_a[_SKIP_A[row] + 1, col], words_b[_SKIP_B[row] + 1, col])
        found = matched.any(axis=0)
        cell = matched.argmax(axis=0)[found]  # the first cell that matched, in order of preference
        moved = edited[found]
        x[moved] = ex[found] + ahead + step * _SKIP_A[cell] + (step > 0)
        y[moved] = ey[found] + ahead + step * _SKIP_B[cell] + (step > 0)
        active = np.r_[active[same], moved]
    far = np.iinfo(np.int64).max // 4
    x, y = x - start_a, y - start_b
    x[active], y[active] = step * far, step * far
    return x, y
