"""Train the stance networks shipped in src/newstrace/nlp/data/stance.json (reproducible).

Two networks with one hidden layer of tanh units over newstrace.nlp.stance.FEATURES,
each fitted by full-batch Adam from a seeded start (same data, same weights), each on the
pairs it will read (a text of one or two sentences goes to the headline network):

- the body network on FNC-1's training split (headline against article body), 16 units;
- the headline network on Emergent's (claim against headline), 4 units and a stronger
  weight penalty, as it has about 3,000 pairs to learn from: Emergent's own and unrelated
  ones made the way FNC-1 made its own (a claim against another claim's headlines).
  FNC-1's few one- or two-sentence bodies are left out: taught with them, the network did
  worse on Emergent's headlines (0.73 against 0.75).

Each corpus holds out a fifth as our dev split (bodies for FNC-1, claims for Emergent;
bench/stance.py reports on those). Classes are weighted by their inverse frequency to a
power, so the rare "denies" class is not drowned out.

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
    emergent_fold,
    emergent_split,
    emergent_unrelated,
    f1_per_class,
    feature_rows,
    fnc_score,
    fnc_split,
    fnc_topic_split,
    load_emergent,
    load_fnc,
)

from newstrace.nlp.embeddings import load_embedder  # noqa: E402
from newstrace.nlp.stance import FEATURES, STANCES, Network, StanceModel  # noqa: E402
from newstrace.settings import Settings  # noqa: E402

WEIGHTS = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "nlp" / "data" / "stance.json"
BODY = {"hidden": 16, "class_weight_power": 0.6, "l2": 1e-2, "steps": 1500}
HEADLINE = {"hidden": 4, "class_weight_power": 0.3, "l2": 1e-2, "steps": 800}


def fit(x: np.ndarray, y: np.ndarray, hidden: int, class_weight_power: float, l2: float, steps: int,
        rate: float = 0.01) -> Network:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale < 1e-6, 1.0, scale)  # a column constant in training stays as it is
    z = (x - mean) / scale
    counts = np.bincount(y, minlength=len(STANCES))
    class_weight = np.maximum(counts, 1) ** -class_weight_power
    sample_weight = class_weight[y]
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
    return Network(mean, scale, *params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the weights into the package")
    parser.add_argument("--topics", action="store_true",
                        help="also measure a body network trained without a fifth of FNC-1's topics on those topics")
    parser.add_argument("--folds", action="store_true",
                        help="also measure the headline network on each fifth of Emergent's claims, trained on the rest")
    args = parser.parse_args()
    pairs, bodies = load_fnc()
    emergent = load_emergent()
    emergent += emergent_unrelated(emergent)
    embed = load_embedder(Settings().embedding_model)
    fnc_rows = feature_rows([p["headline"] for p in pairs], [bodies[p["body_id"]] for p in pairs], embed, "fnc")
    fnc_labels = np.array([STANCES.index(FNC_LABELS[p["label"]]) for p in pairs])
    fnc_train = np.array([fnc_split(p["body_id"]) == "train" for p in pairs])
    em_rows = feature_rows([e["claim"] for e in emergent], [e["article_headline"] for e in emergent], embed, "emergent")
    em_labels = np.array([STANCES.index(EMERGENT_LABELS[e["label"]]) for e in emergent])
    em_train = np.array([emergent_split(e["claim_id"]) == "train" for e in emergent])

    # Each network learns from the texts StanceModel.logits routes to it.
    em_short, fnc_short = (rows[:, FEATURES.index("short")] > 0.5 for rows in (em_rows, fnc_rows))
    model = StanceModel(headline=fit(em_rows[em_train & em_short], em_labels[em_train & em_short], **HEADLINE),
                        body=fit(fnc_rows[fnc_train & ~fnc_short], fnc_labels[fnc_train & ~fnc_short], **BODY))
    predicted = [STANCES[k] for k in model.probabilities(fnc_rows[~fnc_train]).argmax(axis=1)]
    gold = [STANCES[k] for k in fnc_labels[~fnc_train]]
    f1 = f1_per_class(gold, predicted, STANCES)
    print(f"FNC-1 dev (held-out bodies): score {fnc_score(gold, predicted):.3f}, denies F1 {f1['denies']:.3f} "
          f"on {len(gold)} pairs")
    if args.topics:
        topic = np.array(fnc_topic_split(pairs))
        keep, dev = topic == "train", topic == "dev"
        keep &= ~fnc_short
        held_out = StanceModel(model.headline, fit(fnc_rows[keep], fnc_labels[keep], **BODY))
        predicted = [STANCES[k] for k in held_out.logits(fnc_rows[dev]).argmax(axis=1)]
        gold = [STANCES[k] for k in fnc_labels[dev]]
        f1 = f1_per_class(gold, predicted, STANCES)
        print(f"FNC-1 unseen topics (a body network trained without them, not shipped): score "
              f"{fnc_score(gold, predicted):.3f} on {len(gold)} pairs; denies F1 {f1['denies']:.3f}")
    related = em_labels != STANCES.index("unrelated")
    dev = ~em_train & related
    logits = model.logits(em_rows[dev])
    logits[:, STANCES.index("unrelated")] = -np.inf  # every Emergent headline is about its claim
    print(f"Emergent dev (held-out claims): accuracy {np.mean(logits.argmax(axis=1) == em_labels[dev]):.3f} "
          f"on {dev.sum()} pairs")
    if args.folds:
        fold = np.array([emergent_fold(e["claim_id"]) for e in emergent])
        scores = []
        for k in range(5):
            network = fit(em_rows[(fold != k) & em_short], em_labels[(fold != k) & em_short], **HEADLINE)
            held = (fold == k) & em_short & related
            logits = network.logits(em_rows[held])
            logits[:, STANCES.index("unrelated")] = -np.inf
            scores.append(float(np.mean(logits.argmax(axis=1) == em_labels[held])))
        print(f"Emergent, each fifth of the claims held out in turn (headline network, one- or two-sentence "
              f"headlines): accuracy {np.mean(scores):.3f} (" + ", ".join(f"{a:.3f}" for a in scores) + ")")
    unrelated = ~em_train & ~related
    print(f"  unrelated headlines of the dev claims found unrelated: "
          f"{np.mean(model.logits(em_rows[unrelated]).argmax(axis=1) == 0):.3f} of {unrelated.sum()}")
    if args.write:
        WEIGHTS.write_text(json.dumps({
            "features": list(FEATURES), "stances": list(STANCES),
            "headline": model.headline.to_json(), "body": model.body.to_json(),
            "trained_on": "headline: Emergent's train split without the held-out fifth of claims "
                          "(bench/stance_data.emergent_split), with unrelated pairs made from it "
                          "(emergent_unrelated); body: FNC-1's train split without the held-out fifth "
                          "of bodies (fnc_split)",
        }, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
