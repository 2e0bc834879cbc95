"""Train the claim models shipped in the package (reproducible: same data, same weights).

From ECB+ train (575 real articles on 25 topics, every event mention of the annotated
sentences, and which mentions are one event across documents):

1. ``--triggers``: does a word name an event? A logistic regression over
   ``newstrace.nlp.predicates.trigger_features`` and how often the word's lemma named an
   event (its prior). Rows are the verbs and nouns of the annotated sentences; each row's
   prior is counted without its own topic, so the weights learn how far a prior from other
   topics can be trusted. The priors shipped are counted over all of train (lemmas seen
   twice or more). Thresholds per part of speech maximise F1 on those rows.
   Writes src/newstrace/nlp/data/triggers.json.
2. ``--stories``: do two documents tell of one happening? A logistic regression over
   ``newstrace.link.stories.FEATURES`` of the pairs of ECB+ train documents
   ``find_stories`` compares: its topics pair two similar happenings (the same words, other
   people), so it learns what tells them apart. The average-linkage threshold is set on
   another corpus, FNC-1's training bodies grouped by topic (headlines and bodies joined by
   related pairs): many outlets on one story, each in its own words and with its own cast,
   as a user's pile of coverage is; the threshold, and the average likelihood at which a
   story of three documents or fewer joins a larger one (``attach``), with the best F1
   over its pairs of documents. (Set on ECB+ itself, the threshold split ordinary coverage of one happening
   into several stories, and a story split in two never links its claims.) Both corpora's
   figures are printed. Writes src/newstrace/link/data/stories.json.
3. ``--contexts``: how each predicate word is used. For every verb and noun lemma, the
   average of all-MiniLM-L6-v2's last-layer states for the word in its sentences (its first
   ``CONTEXT_CAP`` uses) over PolNeAR train and FNC-1's training bodies: two words used in
   like sentences ("injured" and "wounded") get close vectors where the model's vectors of
   the bare words are further apart, and unrelated words far apart ones. Not ECB+, so the
   pair model trained on ECB+ reads vectors made from other text, as it will in use. Lemmas
   used twice or more; centred, cut to ``CONTEXT_DIMENSIONS`` principal components, unit
   length, float16. Writes src/newstrace/link/data/predicate_contexts.txt and .npy (about
   8 minutes on two CPU cores).
4. ``--pairs``: do two claim mentions report one fact (one ECB+ event chain)? A logistic
   regression over ``newstrace.link.claim_pairs.FEATURES`` of the candidate pairs within
   the stories found by the shipped story model, among mentions of the annotated sentences;
   once with lemma vectors and once without; each with the average-linkage threshold with
   the best pairwise F1 across documents. Writes src/newstrace/link/data/claim_pairs.json.

Each step reads what the earlier ones wrote, so run them in order:

    .venv/bin/python bench/train_claims.py --triggers --stories --contexts --pairs --write
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from ecbplus_data import document_pairs, extracted, gold_events, mention_chains, pairwise, read_split  # noqa: E402

from newstrace.nlp.models import load_spacy  # noqa: E402
from newstrace.nlp.predicates import prior_key, trigger_features  # noqa: E402
from newstrace.settings import Settings  # noqa: E402

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newstrace"
TRIGGERS = PACKAGE / "nlp" / "data" / "triggers.json"
STORIES = PACKAGE / "link" / "data" / "stories.json"
PAIRS = PACKAGE / "link" / "data" / "claim_pairs.json"
CONTEXTS = PACKAGE / "link" / "data" / "predicate_contexts"  # .txt: the lemmas, a line each; .npy: their vectors
CONTEXT_CAP = 60  # uses of a lemma averaged: more add little, and the common words would take most of the time
CONTEXT_MIN_USES = 2
CONTEXT_DIMENSIONS = 128  # principal components kept: dev F1 as with all 384, at a third of the size
THRESHOLDS = np.round(np.arange(0.2, 0.81, 0.05), 2)
ATTACH = (0.15, 0.25, 0.35)  # the averages a small story may join a larger one at (with the threshold, on FNC-1)
TRIGGER_POS = ("VERB", "NOUN")
PRIOR_SMOOTHING = (0.3, 1.0)  # (added to events, added to uses): an unseen lemma's rate is 0.3
PRIOR_MIN_USES = 2
FIT_ON, THRESHOLD_ON = "ECB+", "FNC-1"  # what the story weights learn from; what sets the story threshold
C = 0.3  # inverse L2 strength of the regression
# A noun that is a claim of its own needs this probability: ECB+ marks many nouns as events
# that state nothing by themselves ("the edge", "the depot"); at 0.55 about four in five
# nouns kept are events.
STANDALONE_NOUN = 0.55


def trigger_rows(rows, nlp):
    """(features, prior key, topic, is an event) for each verb and noun of the annotated sentences."""
    out = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        for a, b in row["annotated_sentences"]:
            span = doc.char_span(a, b, alignment_mode="expand")
            for token in span if span is not None else ():
                if token.pos_ in TRIGGER_POS:
                    event = bool(gold_events(row, token.idx, token.idx + len(token)))
                    out.append((trigger_features(token), prior_key(token), row["topic"], event))
    return out


def priors(rows, without_topic=None) -> dict[str, tuple[float, float]]:
    events, uses = Counter(), Counter()
    for _, key, topic, event in rows:
        if topic != without_topic:
            uses[key] += 1
            events[key] += event
    a, b = PRIOR_SMOOTHING
    return {key: ((events[key] + a) / (n + b), math.log1p(n)) for key, n in uses.items() if n >= PRIOR_MIN_USES}


def train_triggers(rows) -> dict:
    from sklearn.linear_model import LogisticRegression

    names = sorted({f for features, *_ in rows for f in features})
    column = {name: k for k, name in enumerate(names)}
    by_topic = {topic: priors(rows, topic) for topic in sorted({r[2] for r in rows})}
    default = (PRIOR_SMOOTHING[0] / PRIOR_SMOOTHING[1], 0.0)
    x = np.zeros((len(rows), len(names) + 2))
    for k, (features, key, topic, _) in enumerate(rows):
        x[k, [column[f] for f in features]] = 1.0
        x[k, -2:] = by_topic[topic].get(key, default)
    y = np.array([r[3] for r in rows])
    model = LogisticRegression(C=C, max_iter=5000).fit(x, y)
    probability = model.predict_proba(x)[:, 1]
    thresholds = {}
    for pos in TRIGGER_POS:
        rows_pos = np.array([f"pos={pos}" in r[0] for r in rows])
        best = max((_f1(probability[rows_pos] >= t, y[rows_pos]), t) for t in np.arange(0.1, 0.9, 0.025))
        thresholds[pos] = round(float(best[1]), 3)
        print(f"{pos}: F1 {best[0]:.3f} at {best[1]:.3f} ({rows_pos.sum()} words, {y[rows_pos].sum()} events)")
    weights = {name: round(float(w), 5) for name, w in zip(names, model.coef_[0][:-2]) if abs(w) > 1e-5}
    weights["prior_rate"], weights["prior_count"] = (round(float(w), 5) for w in model.coef_[0][-2:])
    return {"about": "Does a word name an event? Logistic regression trained on ECB+ train by "
                     "bench/train_claims.py --triggers.",
            "bias": round(float(model.intercept_[0]), 5), "weights": weights,
            "priors": {k: [round(r, 4), round(c, 4)] for k, (r, c) in sorted(priors(rows).items())},
            "default_rate": default[0], "thresholds": thresholds, "standalone_noun": STANDALONE_NOUN}


def _f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    hits = (predicted & gold).sum()
    return 2 * hits / (predicted.sum() + gold.sum()) if hits else 0.0


def fnc_stories() -> tuple[list[dict], list]:
    """FNC-1's training bodies as rows with a ``subtopic``: the topic (headlines and bodies
    joined by related pairs) each belongs to; bodies related to no headline are left out."""
    from stance_data import load_fnc

    from newstrace.link.groups import UnionFind
    from newstrace.model import Document

    pairs, bodies = load_fnc()
    ids = sorted(bodies)
    headlines = sorted({p["headline"] for p in pairs})
    index = {("b", b): k for k, b in enumerate(ids)} | {("h", h): len(ids) + k for k, h in enumerate(headlines)}
    topics = UnionFind(len(index))
    related = set()
    for p in pairs:
        if p["label"] != "unrelated":
            topics.union(index[("b", p["body_id"])], index[("h", p["headline"])])
            related.add(p["body_id"])
    rows = [{"doc_id": f"fnc-{b}", "subtopic": f"fnc-{topics.find(index[('b', b)])}", "text": bodies[b]}
            for b in ids if b in related]
    return rows, [Document(source=row["doc_id"], text=row["text"]) for row in rows]


def train_stories(corpora: list[tuple[str, list, list, dict, object]]) -> dict:
    """``corpora``: (name, rows with a "subtopic", documents, extractions, entity layer)."""
    from sklearn.linear_model import LogisticRegression

    from newstrace.link.stories import FEATURES, StoryModel, document_profiles, find_stories, pair_features

    profiled, xs, ys = [], [], []
    for name, rows, docs, extractions, layer in corpora:
        profiles = document_profiles(docs, extractions, layer)
        sub = [row["subtopic"] for row in rows]
        profiled.append((name, profiles, sub))
        if name != FIT_ON:
            continue
        first, second, x = pair_features(profiles)
        xs.append(x)
        ys.append(np.array([sub[a] == sub[b] for a, b in zip(first, second)]))
    model = LogisticRegression(C=1.0, max_iter=5000).fit(np.concatenate(xs), np.concatenate(ys))
    weights = {f: round(float(w), 5) for f, w in zip(FEATURES, model.coef_[0])}
    bias = round(float(model.intercept_[0]), 5)
    best = None
    for threshold in THRESHOLDS:
        for attach in ATTACH:
            scores = []
            for name, profiles, sub in profiled:
                stories = find_stories(profiles, model=StoryModel(bias, weights, float(threshold), attach))
                p, r = document_pairs(stories.groups, sub)
                scores.append(2 * p * r / (p + r) if p + r else 0.0)
                mixed = sum(len({sub[d] for d in g}) > 1 for g in stories.groups)
                print(f"{name} stories at {threshold:.2f}, attach {attach:.2f}: {len(stories.groups)} "
                      f"(gold {len(set(sub))}), {mixed} mixed, pairs P {p:.3f} R {r:.3f} F1 {scores[-1]:.3f}")
            score = scores[[name for name, _, _ in profiled].index(THRESHOLD_ON)]
            if best is None or score > best[0]:
                best = (score, float(threshold), attach)
    return {"about": "Do two documents tell of one happening? Logistic regression trained on ECB+ train by "
                     "bench/train_claims.py --stories; threshold (average linkage) and attach (small stories) "
                     "set on FNC-1's topics.",
            "bias": bias, "weights": weights, "threshold": best[1], "attach": best[2]}


def train_contexts() -> dict[str, np.ndarray]:
    """The predicate context table: lemmas and their vectors (see the module's docstring)."""
    import torch
    from polnear_data import DATA as POLNEAR
    from stance_data import load_fnc

    from newstrace.nlp.embeddings import sentence_model

    settings = Settings()
    texts = [json.loads(line)["text"] for line in (POLNEAR / "train.jsonl").open(encoding="utf-8")]
    texts += [body for _, body in sorted(load_fnc()[1].items())]
    nlp = load_spacy(settings.spacy_model, disable=("parser", "ner"))
    nlp.add_pipe("sentencizer")
    model = sentence_model(settings.embedding_model, "cpu")
    tokenizer, transformer = model.tokenizer, model[0].auto_model
    uses, sums = Counter(), {}

    def add(batch):
        encoded = tokenizer([text for text, _ in batch], return_offsets_mapping=True, padding=True,
                            truncation=True, max_length=64, return_tensors="pt")
        offsets = encoded.pop("offset_mapping").numpy()
        with torch.inference_mode():
            states = transformer(**encoded).last_hidden_state.numpy()
        for row, (_, words) in enumerate(batch):
            for lemma, start, end in words:
                pieces = [k for k, (a, b) in enumerate(offsets[row]) if b > a and a < end and start < b]
                if pieces:
                    vector = states[row, pieces].mean(0).astype(np.float64)
                    sums[lemma] = sums[lemma] + vector if lemma in sums else vector

    batch = []
    for doc in nlp.pipe(texts, batch_size=64):
        for sentence in doc.sents:
            words = []
            for token in sentence:
                lemma = token.lemma_.lower()
                if token.pos_ in ("VERB", "NOUN") and token.is_alpha and uses[lemma] < CONTEXT_CAP:
                    uses[lemma] += 1
                    start = token.idx - sentence.start_char
                    words.append((lemma, start, start + len(token)))
            if words:
                batch.append((sentence.text, words))
            if len(batch) == 64:
                add(batch)
                batch = []
    if batch:
        add(batch)
    lemmas = sorted(w for w in sums if uses[w] >= CONTEXT_MIN_USES)
    matrix = np.stack([sums[w] / uses[w] for w in lemmas])
    matrix -= matrix.mean(axis=0)  # averaged states share one direction that says nothing of meaning
    _, _, components = np.linalg.svd(matrix, full_matrices=False)
    matrix = matrix @ components[:CONTEXT_DIMENSIONS].T
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    print(f"predicate contexts: {len(lemmas)} lemmas from {len(texts)} texts")
    return {"lemmas": lemmas, "vectors": matrix.astype(np.float16)}


def train_pairs(rows, docs, extractions, layer) -> dict:
    from sklearn.linear_model import LogisticRegression

    from newstrace.link.claim_pairs import FEATURES, MentionTable, PairModel, candidate_pairs, pair_features
    from newstrace.link.claims import claim_refs, cluster_claims, word_vectors
    from newstrace.link.stories import document_profiles, find_stories
    from newstrace.nlp.embeddings import load_embedder

    settings = Settings()
    stories = find_stories(document_profiles(docs, extractions, layer))
    refs = claim_refs(docs, extractions, layer, None, stories.story_of)
    chains = mention_chains(rows, refs)
    document_of = [r.document for r in refs]
    labels = [d.source for d in docs]
    embed = load_embedder(settings.embedding_model, "cpu")
    out = {"about": "Do two claim mentions report one fact? Logistic regression trained on ECB+ train by "
                    "bench/train_claims.py --pairs; threshold: average linkage."}
    for name, vectors in (("with_vectors", word_vectors(refs, embed)), ("without_vectors", None)):
        table = MentionTable(refs, vectors, frozenset())
        # Pairs of mentions of the annotated sentences only: a mention elsewhere is a story of its own.
        story_of = np.array([r.story if chains[m][2] else -1 - m for m, r in enumerate(refs)])
        first, second = candidate_pairs(table, story_of)
        x = pair_features(table, first, second)
        y = np.array([chains[a][0] is not None and chains[a][0] == chains[b][0] for a, b in zip(first, second)])
        model = LogisticRegression(C=1.0, max_iter=5000).fit(x, y)
        weights = {f: round(float(w), 5) for f, w in zip(FEATURES, model.coef_[0])}
        bias = round(float(model.intercept_[0]), 5)
        print(f"{name}: {len(y)} pairs, {y.sum()} one fact; weights {weights}")
        best = None
        for threshold in THRESHOLDS:
            fitted = PairModel(bias, np.array([weights[f] for f in FEATURES]), float(threshold))
            claims = cluster_claims(refs, labels, {}, [None] * len(docs), embed=embed if vectors else None,
                                    model=fitted)
            p, r, f = pairwise([c.members for c in claims], chains, document_of)
            print(f"  claims at {threshold:.2f}: pairwise P {p:.3f} R {r:.3f} F1 {f:.3f}")
            if best is None or f > best[0]:
                best = (f, float(threshold))
        out[name] = {"bias": bias, "weights": weights, "threshold": best[1]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triggers", action="store_true", help="train the trigger model")
    parser.add_argument("--stories", action="store_true", help="train the story model")
    parser.add_argument("--contexts", action="store_true", help="make the predicate context table")
    parser.add_argument("--pairs", action="store_true", help="train the claim pair model")
    parser.add_argument("--write", action="store_true", help="write the weights into the package")
    args = parser.parse_args()
    rows = read_split("train")
    if args.triggers:
        nlp = load_spacy(Settings().spacy_model)
        _write(TRIGGERS, train_triggers(trigger_rows(rows, nlp)), args.write)
    if args.contexts:
        table = train_contexts()
        if args.write:
            CONTEXTS.with_suffix(".txt").write_text("".join(f"{w}\n" for w in table["lemmas"]), encoding="utf-8")
            np.save(CONTEXTS.with_suffix(".npy"), table["vectors"])
            print(f"wrote {CONTEXTS}.txt and .npy")
    if args.stories or args.pairs:
        docs, extractions, layer = extracted("train", rows)
        if args.stories:
            fnc_rows, fnc_docs = fnc_stories()
            corpora = [("ECB+", rows, docs, extractions, layer),
                       ("FNC-1", fnc_rows, *extracted("fnc1-train", fnc_rows, fnc_docs))]
            _write(STORIES, train_stories(corpora), args.write)
        if args.pairs:
            _write(PAIRS, train_pairs(rows, docs, extractions, layer), args.write)


def _write(path: Path, model: dict, write: bool) -> None:
    if write:
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
