"""Train the teller model shipped in src/newstrace/nlp/data/tellers.json (reproducible).

Does the subject or agent of a verb a claim hangs from tell the claim? Learned from
PolNeAR train (840 articles; ../shared/data/polnear/train.jsonl, never copied into the
project): every claim predicate newstrace finds outside a direct quote (a quote's claims
are its speaker's) is walked up as ``nlp.attribution.source_of`` walks it, with a judge
that accepts no one, so each candidate the shipped model can ever be asked about is seen.
A candidate is a teller when the predicate lies in the content of a gold attribution and
the candidate's phrase overlaps that attribution's source.

A logistic regression over ``nlp.tellers.teller_features`` (L2, C below). The threshold is
chosen on train by two-fold cross-validation over articles: the one with the best F0.5 of
"the nearest accepted candidate is the source" (precision weighs double: a wrong source
inflates or deflates independence counts, a missed one leaves the outlet's voice).
``bench/claim_sources.py --split dev`` reports the result.

    .venv/bin/python bench/train_sources.py --write
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).parent))

from polnear_data import read_split  # noqa: E402

from newstrace.nlp.arguments import is_tally  # noqa: E402
from newstrace.nlp.attribution import phrase, source_of  # noqa: E402
from newstrace.nlp.doc_text import keep_text, parsing_text  # noqa: E402
from newstrace.nlp.predicates import sentence_predicates, trigger_model  # noqa: E402
from newstrace.nlp.quotes import direct_quotes  # noqa: E402

WEIGHTS = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "nlp" / "data" / "tellers.json"
C = 0.1
MIN_WEIGHT = 0.05  # smaller weights are left out of the file (dev figures unchanged; a third of its size)
THRESHOLDS = np.round(np.arange(0.3, 0.91, 0.05), 2)


def walks(rows: list[dict], nlp) -> list[tuple[int, list[tuple[list[str], bool]]]]:
    """Per claim predicate outside quotes: its article's index and its candidates in walk
    order, each as (features, is the source)."""
    found = []
    docs = nlp.pipe((parsing_text(row["text"]) for row in rows), batch_size=32)
    for k, (row, doc) in enumerate(zip(rows, docs)):
        doc = keep_text(doc, row["text"])
        quoted = [part for quote in direct_quotes(doc)[0] for part in quote.parts]
        attributions = [a for a in row["attributions"] if a.get("content") and a.get("source")]
        for sent in doc.sents:
            for predicate in sentence_predicates(sent, trigger_model(), is_tally):
                at = predicate.token.idx
                if any(a <= at < b for a, b in quoted):
                    continue
                sources = [span for a in attributions if any(s <= at < e for s, e in a["content"]["spans"])
                           for span in a["source"]["spans"]]
                candidates = []

                def judge(teller, features, candidates=candidates, sources=sources):
                    named = phrase(teller)
                    told = any(named.start_char < e and s < named.end_char for s, e in sources)
                    candidates.append((features, told))
                    return False

                source_of(predicate.head, judge)
                if candidates:
                    found.append((k, candidates))
    return found


def fit(walked) -> tuple[LogisticRegression, DictVectorizer]:
    vectors = DictVectorizer()
    x = vectors.fit_transform([dict.fromkeys(f, 1) for _, candidates in walked for f, _ in candidates])
    y = [told for _, candidates in walked for _, told in candidates]
    return LogisticRegression(C=C, max_iter=5000).fit(x, y), vectors


def scores(walked, model, vectors) -> list[np.ndarray]:
    return [model.predict_proba(vectors.transform([dict.fromkeys(f, 1) for f, _ in candidates]))[:, 1]
            for _, candidates in walked]


def choose_threshold(walked) -> float:
    """The threshold with the best F0.5 when each half of the articles is scored by a model
    fitted on the other half."""
    halves = [[w for w in walked if w[0] % 2 == h] for h in (0, 1)]
    right, given = np.zeros(len(THRESHOLDS)), np.zeros(len(THRESHOLDS))
    told = 0
    for held, other in (halves, halves[::-1]):
        model, vectors = fit(other)
        for (_, candidates), p in zip(held, scores(held, model, vectors)):
            told += any(t for _, t in candidates)
            for j, threshold in enumerate(THRESHOLDS):
                first = next((i for i, q in enumerate(p) if q >= threshold), None)  # the nearest accepted
                if first is not None:
                    given[j] += 1
                    right[j] += candidates[first][1]
    precision, recall = right / np.maximum(given, 1), right / max(told, 1)
    f = 1.25 * precision * recall / np.maximum(0.25 * precision + recall, 1e-9)
    for j, threshold in enumerate(THRESHOLDS):
        print(f"  threshold {threshold:.2f}: precision {precision[j]:.3f} recall {recall[j]:.3f} F0.5 {f[j]:.3f}")
    return float(THRESHOLDS[int(np.argmax(f))])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N training articles only")
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS.name}")
    args = parser.parse_args()
    rows, _, nlp = read_split(argparse.Namespace(split="train", limit=args.limit), extract=False)
    walked = walks(rows, nlp)
    print(f"PolNeAR train: {len(rows)} articles, {len(walked)} claim predicates with candidates, "
          f"{sum(len(c) for _, c in walked)} candidates, {sum(t for _, c in walked for _, t in c)} tellers")
    threshold = choose_threshold(walked)
    model, vectors = fit(walked)
    weights = {name: round(float(w), 4) for name, w in zip(vectors.get_feature_names_out(), model.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    print(f"threshold {threshold}, {len(weights)} weights")
    if args.write:
        WEIGHTS.write_text(json.dumps({"bias": round(float(model.intercept_[0]), 4), "threshold": threshold,
                                       "weights": dict(sorted(weights.items()))}, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
