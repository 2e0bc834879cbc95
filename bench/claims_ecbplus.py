"""Benchmark: claims on real news newstrace has never seen, against ECB+'s event coreference.

All articles of a split are analysed together as one mixed pile, the way a user would run
newstrace on a folder (``newstrace.pipeline.linking.link_and_build``, the real linking
and dossier). ECB+ marks every event mention of its annotated sentences, and which
mentions are one real-world event across documents; each topic holds two similar but
different events (sub-topics), so lumping is visible.

A claim mention holds a gold event mention when the gold mention is its predicate (the
spans overlap); only mentions in annotated sentences are scored. Printed:

- pairwise precision, recall and F1, across documents, of "in the same claim" against
  "one gold cross-document chain", over claim mentions that hold a gold event;
- wrong-event claims: claims with mentions from two sub-topics (any mentions);
- chains covered: the share of gold cross-document chains with a mention that is some
  claim mention's predicate (strict), or that lies inside some claim mention's clause;
- the same pairwise figures for two baselines over the same claim mentions: one claim per
  predicate lemma across the whole pile (the shared-lemma baseline), and per lemma within
  each gold sub-topic (what perfect stories would give that baseline);
- stories: how many, how many mix sub-topics, and pairwise precision and recall of
  documents "in one story" against "one sub-topic";
- where the pairwise errors lie: the wrong pairs' count and the sub-topic holding most of
  them, and the missed pairs split by why (documents in two stories; one story, other
  predicate lemmas; one story, one lemma).

``--gold-stories`` links claims within the gold sub-topics instead of the stories found: the
ceiling the claim linker reaches with perfect stories (a diagnosis, never a figure to report).

    .venv/bin/python bench/claims_ecbplus.py --split dev
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ecbplus_data import annotated, document_pairs, extracted, mention_chains, pairwise, read_split  # noqa: E402

from newstrace.model import IngestReport  # noqa: E402
from newstrace.pipeline.linking import link_and_build  # noqa: E402
from newstrace.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong-event claims and missed pairs")
    parser.add_argument("--gold-stories", action="store_true", help="link claims within the gold sub-topics")
    args = parser.parse_args()
    rows = read_split(args.split)
    if args.gold_stories:
        _use_gold_stories(rows)
    docs, extractions, _ = extracted(args.split, rows)
    started = time.perf_counter()
    dossier = link_and_build(docs, extractions, IngestReport(tuple(docs)), Settings())
    linking = time.perf_counter() - started

    index = {d["id"]: n for n, d in enumerate(dossier["documents"])}
    mentions, groups = [], []
    for claim in dossier["claims"]:
        group = []
        for m in claim["mentions"]:
            group.append(len(mentions))
            mentions.append((index[m["document"]], m))
        groups.append(group)
    refs = [_Ref(d, m) for d, m in mentions]
    chains = mention_chains(rows, refs)
    document_of = [d for d, _ in mentions]

    p, r, f = pairwise(groups, chains, document_of)
    sub = [row["subtopic"] for row in rows]
    wrong = [c for c, g in zip(dossier["claims"], groups) if len({sub[document_of[m]] for m in g}) > 1]
    lemma = defaultdict(list)
    lemma_sub = defaultdict(list)
    for k, (d, m) in enumerate(mentions):
        lemma[m["predicate"]["lemma"]].append(k)
        lemma_sub[(m["predicate"]["lemma"], sub[d])].append(k)
    bp, br, bf = pairwise(list(lemma.values()), chains, document_of)
    sp, sr, sf = pairwise(list(lemma_sub.values()), chains, document_of)
    strict, loose = _covered(rows, mentions)
    stories = [[index[d] for d in s["documents"]] for s in dossier["stories"]]
    mixed = sum(len({sub[d] for d in s}) > 1 for s in stories)
    dp, dr = document_pairs(stories, sub)

    scored = sum(1 for c in chains if c[0] is not None and c[2])
    print(f"ECB+ {args.split}: {len(rows)} articles, {len(mentions)} claim mentions "
          f"({len(mentions) / len(rows):.1f} an article), {scored} holding a gold event; "
          f"{len(groups)} claims; linking and dossier {linking:.1f} s")
    print(f"  claims: pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}; wrong-event claims {len(wrong)}")
    print(f"  chains covered: {loose:.3f} (inside a claim mention), {strict:.3f} (a claim's predicate)")
    print(f"  shared-lemma baseline: P {bp:.3f} R {br:.3f} F1 {bf:.3f}; "
          f"within gold sub-topics: P {sp:.3f} R {sr:.3f} F1 {sf:.3f}")
    print(f"  stories: {len(stories)} (gold {len(set(sub))}), {mixed} mixing sub-topics; "
          f"document pairs P {dp:.3f} R {dr:.3f}")
    story_of = {d: k for k, members in enumerate(stories) for d in members}
    wrong_pairs, missed = _pair_errors(groups, chains, document_of, story_of,
                                       [m["predicate"]["lemma"] for _, m in mentions], sub)
    worst, most = wrong_pairs.most_common(1)[0] if wrong_pairs else ("-", 0)
    print(f"  wrong pairs: {sum(wrong_pairs.values())}, {most} of them in sub-topic {worst}; missed pairs: "
          f"{missed['stories']} across stories, {missed['lemmas']} in one story with other predicates, "
          f"{missed['same']} in one story with one predicate")
    for claim in wrong[:args.errors]:
        print(f"  wrong-event claim {claim['statement']!r}: " + "; ".join(
            f"{rows[index[m['document']]]['doc_id']}: {m['text'][:80]!r}" for m in claim["mentions"][:6]))


def _use_gold_stories(rows) -> None:
    """Make the linker's story step return the gold sub-topics (documents in row order)."""
    import newstrace.pipeline.linking as linking
    from newstrace.link.stories import Stories

    subtopics = sorted({row["subtopic"] for row in rows}, key=lambda s: [r["subtopic"] for r in rows].index(s))
    story_of = [subtopics.index(row["subtopic"]) for row in rows]
    groups = [[d for d, k in enumerate(story_of) if k == story] for story in range(len(subtopics))]
    linking.find_stories = lambda profiles, threshold=0.0: Stories(groups, story_of)


def _pair_errors(groups, chains, document_of, story_of, lemmas, sub) -> tuple[Counter, Counter]:
    """Where the pairwise errors lie: the wrong pairs (one claim, not one gold chain) by
    sub-topic, and the missed pairs (one gold chain, not one claim) by why they could not
    or did not join: their documents in two stories, or other predicate lemmas, or neither."""
    group_of = {m: g for g, members in enumerate(groups) for m in members}
    scored = [m for m, (chain, _, inside) in enumerate(chains) if chain is not None and inside]
    wrong, missed = Counter(), Counter()
    for k, a in enumerate(scored):
        for b in scored[k + 1:]:
            if document_of[a] == document_of[b]:
                continue
            gold = chains[a][0] == chains[b][0] and chains[a][1]
            joined = group_of.get(a) == group_of.get(b)
            if joined and not gold:
                wrong[sub[document_of[a]]] += 1
            elif gold and not joined:
                missed["stories" if story_of[document_of[a]] != story_of[document_of[b]]
                       else "lemmas" if lemmas[a] != lemmas[b] else "same"] += 1
    return wrong, missed


class _Ref:
    """What ``mention_chains`` reads of a dossier mention."""

    def __init__(self, document: int, mention: dict):
        self.document = document
        self.mention = self
        self.predicate = (mention["predicate"]["start"], mention["predicate"]["end"])


def _covered(rows, mentions) -> tuple[float, float]:
    chains = {e["chain"] for row in rows for e in row["events"] if e["cross_doc"]}
    strict, loose = set(), set()
    for d, m in mentions:
        row = rows[d]
        clause = (m["clause"]["start"], m["clause"]["end"])
        for e in row["events"]:
            if not e["cross_doc"] or not annotated(row, e["start"]):
                continue
            if e["start"] < m["predicate"]["end"] and m["predicate"]["start"] < e["end"]:
                strict.add(e["chain"])
            if clause[0] <= e["start"] and e["end"] <= clause[1]:
                loose.add(e["chain"])
    return len(strict) / len(chains), len(loose) / len(chains)


if __name__ == "__main__":
    main()
