"""The bulk screen of seeded pairs: it grows edges exactly as reuse._extend does, and drops
only pairs that could hold no passage, so find_reuse finds what aligning every pair finds."""

from __future__ import annotations

import random

import numpy as np

from newstrace.link import reuse
from newstrace.link.reuse_screen import WordTable, _groups, _grow
from newstrace.settings import Settings

WORDS = ("the port union said strike pay ferry harbour gate offer talks night islands dockers "
         "walked harbour harbours harbor pickets picket").split()  # respellings among them


def _edited(words: list[str], rate: float, rng: random.Random) -> list[str]:
    out = []
    for word in words:
        r = rng.random()
        if r < rate / 3:
            continue
        if r < 2 * rate / 3:
            out.append(rng.choice(WORDS))
        elif r < rate:
            out += [word, rng.choice(WORDS)]
        else:
            out.append(word)
    return out


def _texts(rng: random.Random, count: int) -> list[str]:
    """Texts built from a few shared phrases and edited copies of each other."""
    phrases = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9))) for _ in range(10)]
    texts: list[str] = []
    for _ in range(count):
        words = " ".join(rng.choice(phrases) + " " + rng.choice(WORDS) for _ in range(rng.randint(1, 12))).split()
        if texts and rng.random() < 0.4:
            source = rng.choice(texts).split()
            start = rng.randrange(len(source))
            words[rng.randrange(len(words) + 1):0] = _edited(source[start:start + rng.randint(10, 40)], 0.3, rng)
        texts.append(" ".join(words))
    return texts


def test_growing_many_edges_at_once_matches_extend_one_at_a_time():
    rng = random.Random(3)
    texts = _texts(rng, 30)
    wording = reuse.Wording.of(texts)
    tokens = wording.tokens(texts)
    index = reuse._NgramIndex(wording, Settings())
    table: WordTable = index.words
    a, b, i, j = (np.array(v) for v in zip(*[
        (x, y, rng.randint(0, len(tokens[x].words)), rng.randint(0, len(tokens[y].words)))
        for x, y in (rng.sample(range(len(texts)), 2) for _ in range(3000))]))
    for step in (-1, +1):
        grown_a, grown_b = _grow(table, a, b, i, j, step, rounds=10_000)
        expected = [reuse._extend(tokens[x].words, tokens[y].words, p, q, step) for x, y, p, q in zip(a, b, i, j)]
        assert list(zip(grown_a.tolist(), grown_b.tolist())) == expected
        assert any(e != (p, q) for e, p, q in zip(expected, i, j))  # edges did grow, past edits too


def test_an_edge_still_growing_after_its_rounds_is_unbounded():
    table = reuse._NgramIndex(reuse.Wording.of([" ".join(WORDS * 3)] * 2), Settings()).words
    grown_a, grown_b = _grow(table, np.array([0]), np.array([1]), np.array([5]), np.array([5]), +1, rounds=4)
    assert grown_a[0] > 10 ** 12 and grown_b[0] > 10 ** 12


def test_screened_pairs_give_the_passages_of_every_pair(monkeypatch):
    """find_reuse (screened) against aligning every seeded pair, on texts full of chance phrases
    and heavily edited copies; the screen must also have ruled pairs out."""
    rng = random.Random(5)
    monkeypatch.setattr(reuse, "SEEDS_PER_BLOCK", 200)  # many blocks
    for settings in (Settings(reuse_min_words=12), Settings(reuse_min_words=8, reuse_max_gap=6),
                     Settings(reuse_min_words=25, reuse_max_postings=5)):
        texts = _texts(rng, 60)
        wording = reuse.Wording.of(texts)
        tokens = wording.tokens(texts)
        index = reuse._NgramIndex(wording, settings)
        every = list(reuse._seeded_pairs(index, len(texts), settings))
        expected = [p for (a, b), seeds in every
                    for p in reuse.pair_passages(a, b, seeds, tokens, texts, [None] * len(texts),
                                                 [None] * len(texts), settings)]
        screened = list(reuse._seeded_pairs(index, len(texts), settings, screened=True))
        assert reuse.find_reuse(texts, settings=settings) == expected
        assert expected and len(screened) < len(every)


def test_seeds_are_ordered_alike_by_one_key_and_by_lexsort():
    """One 64-bit key where it fits, lexsort where it would not: the same order either way."""
    rng = np.random.default_rng(4)
    a, b, pa, pb = (rng.integers(0, 40, 5000) for _ in range(4))
    expected = np.lexsort((pb, pa, b, a))
    assert (reuse._seed_order(a, b, pa, pb, documents=40) == expected).all()
    assert (reuse._seed_order(a, b, pa, pb, documents=2 ** 50) == expected).all()  # too large for one key


def test_runs_are_found_by_pointer_jumping():
    """Seeds linked to the next one along a diagonal: each run's first seed and its length."""
    rng = np.random.default_rng(2)
    sizes = [1, 2, 3, 1, 700, 5, 1]  # one long run: many jumps
    order = rng.permutation(sum(sizes))  # runs' seeds scattered through the block
    next_seed, expected, at = np.full(sum(sizes), -1), [], 0
    for size in sizes:
        members = order[at:at + size]
        next_seed[members[:-1]] = members[1:]
        expected.append((int(members[0]), size))
        at += size
    firsts, lengths = reuse._runs(next_seed)
    assert sorted(zip(firsts.tolist(), lengths.tolist())) == sorted(expected)


def test_runs_are_grouped_as_their_seeds_would_be():
    """Splitting runs at gaps past the furthest seed so far parts the seeds as splitting the
    seeds one by one does."""
    rng = np.random.default_rng(6)
    pair = np.sort(rng.integers(0, 30, 600))
    pa, pb, lengths = rng.integers(0, 120, 600), rng.integers(0, 120, 600), rng.integers(1, 15, 600)
    order = np.lexsort((pb, pa, pair))
    pair, pa, pb, lengths = pair[order], pa[order], pb[order], lengths[order]
    group, _ = _groups(pair, pa, pb, lengths - 1, max_gap=6)
    along = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    seeds = (np.repeat(pair, lengths), np.repeat(pa, lengths) + along, np.repeat(pb, lengths) + along)
    order = np.lexsort((seeds[2], seeds[1], seeds[0]))
    seed_group = np.empty_like(order)
    seed_group[order], _ = _groups(*(s[order] for s in seeds), np.zeros(len(order), dtype=np.int64), max_gap=6)
    run_group = np.repeat(group, lengths)
    assert len(set(zip(run_group.tolist(), seed_group.tolist()))) == len(set(seed_group.tolist())) \
        == len(set(group.tolist()))  # the same partition of the seeds
    assert 1 < len(set(group.tolist())) < len(group)


def test_screened_passages_of_a_few_documents_are_what_find_reuse_finds():
    """What a Spark task does with the seeds between two blocks of documents: the seeds in any
    order, screened and aligned, give find_reuse's passages for those pairs."""
    rng = random.Random(8)
    texts = _texts(rng, 40)
    settings = Settings(reuse_min_words=12)
    wording = reuse.Wording.of(texts)
    tokens = wording.tokens(texts)
    index = reuse._NgramIndex(wording, settings)
    seeds = [(a, b, pa, pb) for (a, b), pair in reuse._seeded_pairs(index, len(texts), settings) for pa, pb in pair]
    rng.shuffle(seeds)
    by_id = dict(enumerate(tokens))
    found = reuse.screened_passages(seeds, by_id, dict(enumerate(texts)), dict.fromkeys(by_id), dict.fromkeys(by_id),
                                    settings)
    assert [p for _, passages in found for p in passages] == reuse.find_reuse(texts, settings=settings)
    assert 0 < len(found) < len({(a, b) for a, b, _, _ in seeds})  # some pairs were ruled out unaligned
