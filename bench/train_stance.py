"""Train the stance model shipped in src/newstrace/nlp/data/stance.json (reproducible).

A network with one hidden layer of 16 tanh units over newstrace.nlp.stance.FEATURES,
fitted by full-batch Adam from a seeded start (same data, same weights) on FNC-1's
training split and Emergent's,
each minus a fifth held out as our dev split (bodies for FNC-1, claims for Emergent;
bench/stance.py reports on those). Classes are weighted by their inverse frequency to
the power 0.6, so the rare "denies" class is not drowned out, and the two corpora weigh
the same in total: article bodies and headlines both matter.

    .venv/bin/python bench/train_stance.py --write
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from stance_data import (  # noqa: E402
    EMERGENT_LABELS,
    FNC_LABELS,
    emergent_split,
    f1_per_class,
    feature_rows,
    fnc_score,
    fnc_split,
    fnc_topic_split,
    load_emergent,
    load_fnc,
)

from newstrace.nlp.embeddings import load_embedder  # noqa: E402
from newstrace.nlp.stance import FEATURES, STANCES, StanceModel  # noqa: E402
from newstrace.settings import Settings  # noqa: E402

CLASS_WEIGHT_POWER = 0.6
WEIGHTS = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "nlp" / "data" / "stance.json"


def fit(x: np.ndarray, y: np.ndarray, corpus_weight: np.ndarray, hidden: int = 16, steps: int = 1500,
        rate: float = 0.01, l2: float = 1e-4) -> StanceModel:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale < 1e-6, 1.0, scale)  # a column constant in training stays as it is
    z = (x - mean) / scale
    counts = np.bincount(y, minlength=len(STANCES))
    class_weight = np.maximum(counts, 1) ** -CLASS_WEIGHT_POWER
    sample_weight = class_weight[y] * corpus_weight
    sample_weight = sample_weight / sample_weight.mean()
    rng = np.random.default_rng(0)
    params = [rng.normal(0, 0.3, (x.shape[1], hidden)), np.zeros(hidden),
              rng.normal(0, 0.3, (hidden, len(STANCES))), np.zeros(len(STANCES))]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    onehot = np.eye(len(STANCES))[y]
    for step in range(1, steps + 1):
        w1, b1, w2, b2 = params
        h = np.tanh(z @ w1 + b1)
        logits = h @ w2 + b2
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_weight[:, None] / len(y)
        gh = g @ w2.T * (1 - h ** 2)
        grads = [z.T @ gh + l2 * w1, gh.sum(axis=0), h.T @ g + l2 * w2, g.sum(axis=0)]
        for k, (param, grad) in enumerate(zip(params, grads)):  # Adam
            first[k] = 0.9 * first[k] + 0.1 * grad
            second[k] = 0.999 * second[k] + 0.001 * grad ** 2
            param -= rate * (first[k] / (1 - 0.9 ** step)) / (np.sqrt(second[k] / (1 - 0.999 ** step)) + 1e-8)
    return StanceModel(mean, scale, *params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the weights into the package")
    parser.add_argument("--topics", action="store_true",
                        help="also measure a model trained without a fifth of FNC-1's topics on those topics")
    args = parser.parse_args()
    pairs, bodies = load_fnc()
    emergent = load_emergent()
    embed = load_embedder(Settings().embedding_model)
    fnc_rows = feature_rows([p["headline"] for p in pairs], [bodies[p["body_id"]] for p in pairs], embed, "fnc")
    fnc_labels = np.array([STANCES.index(FNC_LABELS[p["label"]]) for p in pairs])
    fnc_train = np.array([fnc_split(p["body_id"]) == "train" for p in pairs])
    em_rows = feature_rows([e["claim"] for e in emergent], [e["article_headline"] for e in emergent], embed, "emergent")
    em_labels = np.array([STANCES.index(EMERGENT_LABELS[e["label"]]) for e in emergent])
    em_train = np.array([emergent_split(e["claim_id"]) == "train" for e in emergent])

    x = np.vstack([fnc_rows[fnc_train], em_rows[em_train]])
    y = np.concatenate([fnc_labels[fnc_train], em_labels[em_train]])
    corpus = np.concatenate([np.full(fnc_train.sum(), 1.0 / fnc_train.sum()), np.full(em_train.sum(), 1.0 / em_train.sum())])
    model = fit(x, y, corpus)
    predicted = [STANCES[k] for k in model.probabilities(fnc_rows[~fnc_train]).argmax(axis=1)]
    gold = [STANCES[k] for k in fnc_labels[~fnc_train]]
    print(f"FNC-1 dev (held-out bodies): score {fnc_score(gold, predicted):.3f} on {len(gold)} pairs")
    if args.topics:
        topic = np.array(fnc_topic_split(pairs))
        keep = topic == "train"
        x = np.vstack([fnc_rows[keep], em_rows[em_train]])
        y = np.concatenate([fnc_labels[keep], em_labels[em_train]])
        corpus = np.concatenate([np.full(keep.sum(), 1.0 / keep.sum()), np.full(em_train.sum(), 1.0 / em_train.sum())])
        held_out = fit(x, y, corpus)
        dev = topic == "dev"
        predicted = [STANCES[k] for k in held_out.probabilities(fnc_rows[dev]).argmax(axis=1)]
        gold = [STANCES[k] for k in fnc_labels[dev]]
        f1 = f1_per_class(gold, predicted, STANCES)
        print(f"FNC-1 unseen topics (a model trained without them, not shipped): score {fnc_score(gold, predicted):.3f}"
              f" on {len(gold)} pairs; denies F1 {f1['denies']:.3f}")
    probabilities = model.probabilities(em_rows[~em_train])
    probabilities[:, STANCES.index("unrelated")] = 0  # every Emergent headline is about its claim
    predicted = probabilities.argmax(axis=1)
    print(f"Emergent dev (held-out claims): accuracy {np.mean(predicted == em_labels[~em_train]):.3f} "
          f"on {(~em_train).sum()} pairs")
    if args.write:
        WEIGHTS.write_text(json.dumps({
            "features": list(FEATURES), "stances": list(STANCES),
            **{name: getattr(model, name).round(6).tolist()
               for name in ("mean", "scale", "hidden", "hidden_bias", "weights", "bias")},
            "trained_on": "FNC-1 and Emergent train splits without the held-out fifths "
                          "(bench/stance_data.fnc_split, emergent_split)",
        }, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
