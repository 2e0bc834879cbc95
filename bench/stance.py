"""Benchmark: claim stance (newstrace check) on FNC-1 and Emergent.

FNC-1: our dev split (a fifth of the article bodies, held out from training by
bench/stance_data.fnc_split), the FNC score and per-class F1. Emergent: our dev split
(a fifth of the claims, held out likewise), claim against article headline (for /
against / observing; "unrelated" counts as observing), accuracy. Targets: FNC score >= 82% with disagree F1 > 0.3; Emergent accuracy >= 0.75.

    .venv/bin/python bench/stance.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from stance_data import (  # noqa: E402
    EMERGENT_LABELS,
    FNC_LABELS,
    emergent_split,
    f1_per_class,
    feature_rows,
    fnc_score,
    fnc_split,
    load_emergent,
    load_fnc,
)

from newstrace.nlp.embeddings import load_embedder  # noqa: E402
from newstrace.nlp.stance import STANCES, StanceModel  # noqa: E402
from newstrace.settings import Settings  # noqa: E402


def main() -> None:
    embed = load_embedder(Settings().embedding_model)
    model = StanceModel.load()

    pairs, bodies = load_fnc()
    dev = [p for p in pairs if fnc_split(p["body_id"]) == "dev"]
    rows = feature_rows([p["headline"] for p in dev], [bodies[p["body_id"]] for p in dev], embed, "fnc-dev")
    predicted = [STANCES[k] for k in model.probabilities(rows).argmax(axis=1)]
    gold = [FNC_LABELS[p["label"]] for p in dev]
    f1 = f1_per_class(gold, predicted, STANCES)
    print(f"FNC-1 dev ({len(dev)} pairs): score {fnc_score(gold, predicted):.4f}   (target >= 0.82)")
    print("  F1: " + ", ".join(f"{k} {v:.3f}" for k, v in f1.items())
          + f"; macro {sum(f1.values()) / len(f1):.3f}   (denies = disagree, target > 0.3)")

    emergent = [e for e in load_emergent() if emergent_split(e["claim_id"]) == "dev"]
    rows = feature_rows([e["claim"] for e in emergent], [e["article_headline"] for e in emergent], embed, "emergent")
    predicted = [STANCES[k] for k in model.probabilities(rows).argmax(axis=1)]
    predicted = ["discusses" if p == "unrelated" else p for p in predicted]
    gold = [EMERGENT_LABELS[e["label"]] for e in emergent]
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    print(f"Emergent dev ({len(emergent)} claim-headline pairs, held-out claims): accuracy {accuracy:.3f}"
          "   (target >= 0.75)")


if __name__ == "__main__":
    main()
