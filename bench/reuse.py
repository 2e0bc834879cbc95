"""Benchmark for the reuse stage alone: planted copies, character-level precision and recall, time.

Background articles are random prose: common English function words mixed with
pseudo-words from a seeded syllable generator, so that no two backgrounds share text
by accident (sampling real paragraphs would plant reuse we did not count). Into a share
of them we plant a passage copied from another article with a controlled rate of word
edits, and we know its exact character span on both sides. Precision, recall and F1 are over characters of the planted spans
(both sides); time is printed against the number of documents to show how it grows.

``--real`` also runs it on real coverage, the shared FNC-1 article bodies (1,683 articles
grouped by story) and PolNeAR's political news, and on 1,000 articles of the benchmarks'
generated coverage (``bench/corpus.py``) beside them. It prints how many document pairs
share seeds, their chains, how many pairs are left to align once ``reuse_screen`` has
ruled out the rest, the time, how many 5-grams stand in 20 or more articles and how many
seeds an article has: the yardstick for how much chance sharing the generated corpus
should have (it has more). It also times the first tenth of each against the whole: how
reuse grows, where on real coverage the copies of one story pair up (quadratically) as
the story grows.

    .venv/bin/python bench/reuse.py --sizes 100 1000 10000 --edit-rate 0.1
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import numpy as np  # noqa: E402

from newstrace.link import reuse  # noqa: E402
from newstrace.link.reuse import find_reuse  # noqa: E402
from newstrace.settings import Settings  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

FILLER = ["reportedly", "also", "later", "on Tuesday", "officials said", "again", "locally"]


def _edit(words: list[str], rate: float, rng: random.Random) -> list[str]:
    out = []
    for w in words:
        r = rng.random()
        if r < rate / 3:
            continue  # delete
        if r < 2 * rate / 3:
            out.append(w[::-1] if len(w) > 3 else w + "s")  # respell
        elif r < rate:
            out += [w, rng.choice(FILLER)]  # insert
        else:
            out.append(w)
    return out


FUNCTION_WORDS = ("the of and to in a that said on for with was by at from as is were had has "
                  "it an be not but they their which after this who have are".split())
SYLLABLES = "ka lo mi ren tar vo sel dri an ust pel mor ki na te vas oru lin bre dag".split()


def _vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)]


def _prose(rng: random.Random, vocab: list[str], words: int) -> str:
    out = []
    for i in range(words):
        out.append(rng.choice(FUNCTION_WORDS) if rng.random() < 0.4 else rng.choice(vocab))
        if i % 18 == 17:
            out[-1] += "."
    return " ".join(out)


def build(n: int, rate: float, seed: int = 11):
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    texts, planted = [], []
    for i in range(n):
        texts.append("\n\n".join(_prose(rng, vocab, 90) for _ in range(4)))
    for i in range(0, n, 5):  # every fifth article copies from a random earlier one
        if i == 0:
            continue
        src = rng.randrange(0, i)
        words = texts[src].split()
        start = rng.randrange(0, max(1, len(words) - 60))
        source_start = len(" ".join(words[:start])) + (1 if start else 0)
        source_end = len(" ".join(words[:start + 60]))
        copied = " ".join(_edit(words[start:start + 60], rate, rng))
        head = texts[i] + "\n\n"
        planted.append((i, len(head), len(head) + len(copied), src, source_start, source_end))
        texts[i] = head + copied
    return texts, planted


def score(texts, planted, passages):
    """Character-level precision, recall and F1 over both sides of every planted copy, and the
    share of planted passages found (more than half of the copy's characters)."""
    found: dict[int, set[int]] = {}
    for p in passages:
        for doc, s, e in ((p.a, p.a_start, p.a_end), (p.b, p.b_start, p.b_end)):
            found.setdefault(doc, set()).update(range(s, e))
    truth: dict[int, set[int]] = {}
    for doc, s, e, src, ss, se in planted:
        truth.setdefault(doc, set()).update(range(s, e))
        truth.setdefault(src, set()).update(range(ss, se))
    hit = sum(len(truth[d] & found.get(d, set())) for d in truth)
    recall = hit / max(1, sum(len(v) for v in truth.values()))
    precision = hit / max(1, sum(len(v) for v in found.values()))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    passages_found = sum(1 for d, s, e, *_ in planted if len(set(range(s, e)) & found.get(d, set())) > 0.5 * (e - s))
    return precision, recall, f1, passages_found / max(1, len(planted))


def real_coverage() -> None:
    """Seeded pairs, aligned chains, passages and time on real articles (never copied here),
    and on ``bench/corpus.py``'s generated coverage beside them."""
    import json
    import tempfile

    from corpus import generate

    sources = {"FNC-1 bodies": (SHARED / "fnc1" / "train_bodies.jsonl", "body"),
               "PolNeAR": (SHARED / "polnear" / "train.jsonl", "text")}
    settings = Settings()
    corpora = {}
    for name, (path, field) in sources.items():
        if not path.exists():
            print(f"{name}: {path} not found")
            continue
        corpora[name] = [json.loads(line)[field] for line in path.open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        corpora["bench/corpus.py"] = [p.read_text(encoding="utf-8") for p in generate(1000, Path(tmp))]
    for name, texts in corpora.items():
        tenth = _best_time(texts[:len(texts) // 10])
        start = time.perf_counter()
        passages = find_reuse(texts)
        seconds = time.perf_counter() - start
        wording = reuse.Wording.of(texts)
        index = reuse._NgramIndex(wording, settings)
        pairs = list(reuse._seeded_pairs(index, len(texts), settings))
        chains = sum(1 for _, seeds in pairs for chain in reuse._chains(seeds, settings.reuse_max_gap)
                     if len(chain) >= reuse.MIN_CHAIN_SEEDS)
        screened = sum(1 for _ in reuse._seeded_pairs(index, len(texts), settings, screened=True))
        common, seeds = _chance_sharing(index)
        print(f"{name}: {len(texts)} articles, {len(pairs)} of {len(texts) * (len(texts) - 1) // 2} pairs share "
              f"seeds ({chains} chains), {screened} pairs left to align after the screen, {len(passages)} passages, "
              f"{seconds:.2f} s")
        print(f"  {common} 5-grams in 20 or more articles, {seeds / len(texts):.0f} seeds an article")
        whole = _best_time(texts)
        print(f"  growth: the first tenth ({len(texts) // 10} articles, {tenth[1]} passages) {tenth[0]:.2f} s, all "
              f"{whole[0]:.2f} s: x{whole[0] / tenth[0]:.1f} the time for x10 the articles and "
              f"x{whole[1] / max(1, tenth[1]):.0f} the passages (copies of one story pair up as it grows)")


def _chance_sharing(index: reuse._NgramIndex) -> tuple[int, int]:
    """How many 5-grams stand in 20 or more articles, and how many seeds all the 5-grams make
    (each place's partners, as the index counts them under the stock-phrase cap)."""
    documents = len(index.bounds) - 1
    articles = np.bincount(np.unique(index.gram * documents + index.docs) // documents, minlength=index.grams)
    return int(np.count_nonzero(articles >= 20)), int(index.partners.sum())


def _best_time(texts: list[str], tries: int = 3) -> tuple[float, int]:
    """Seconds for find_reuse on ``texts`` (the best of a few tries), and the passages found."""
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        passages = find_reuse(texts)
        best = min(best, time.perf_counter() - start)
    return best, len(passages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--edit-rate", type=float, default=0.1)
    parser.add_argument("--real", action="store_true", help="also measure real coverage from ../shared/data")
    args = parser.parse_args()
    if args.real:
        real_coverage()
    print(f"edit rate {args.edit_rate:.0%} of words")
    print(f"{'docs':>6} {'chars':>10} {'planted':>8} {'passages':>9} {'char P':>7} {'char R':>7} {'char F1':>7} "
          f"{'found':>6} {'seconds':>8}")
    last = None
    for n in args.sizes:
        texts, planted = build(n, args.edit_rate)
        start = time.perf_counter()
        passages = find_reuse(texts)
        seconds = time.perf_counter() - start
        p, r, f1, found = score(texts, planted, passages)
        growth = f"  x{seconds / last[1]:.1f} time for x{n / last[0]:.0f} docs" if last else ""
        chars = sum(map(len, texts))
        print(f"{n:>6} {chars:>10,} {len(planted):>8} {len(passages):>9} {p:>7.3f} {r:>7.3f} {f1:>7.3f} "
              f"{found:>6.3f} {seconds:>8.2f}{growth}")
        last = (n, seconds)


if __name__ == "__main__":
    main()
