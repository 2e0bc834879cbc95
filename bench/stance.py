"""Benchmark: claim stance (newstrace check) on FNC-1 and Emergent.

Both run what ``newstrace check`` runs: the stance networks, then newstrace's own reading of
the closest sentences (``check.with_reading``). FNC-1: our dev split (a fifth of the article
bodies, held out from training by bench/stance_data.fnc_split), the FNC score and per-class
F1. Emergent: our dev split (a fifth of the claims, held out likewise), claim against article
headline, accuracy over its three classes (for / against / observing): every Emergent
headline is about its claim, so the stance is the likeliest of the three, as in Ferreira &
Vlachos (2016); how many headlines would have come out "unrelated" is printed beside it.
Targets: FNC score >= 82% with disagree F1 > 0.3; Emergent accuracy >= 0.75.

    .venv/bin/python bench/stance.py
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from stance_data import (  # noqa: E402
    EMERGENT_LABELS,
    FNC_LABELS,
    emergent_split,
    f1_per_class,
    fnc_score,
    fnc_split,
    load_emergent,
    load_fnc,
    stance_inputs,
)

from newstrace.check import with_reading  # noqa: E402
from newstrace.nlp.claims import claim_mentions  # noqa: E402
from newstrace.nlp.embeddings import load_embedder  # noqa: E402
from newstrace.nlp.models import load_spacy  # noqa: E402
from newstrace.nlp.stance import STANCES, StanceModel, decide  # noqa: E402
from newstrace.settings import Settings  # noqa: E402


def checked(claims: list[str], texts: list[str], embed, nlp, models: list[StanceModel], name: str) -> list[list[str]]:
    """The stance ``newstrace check`` gives each (claim, text) pair, under each of ``models``."""
    rows, closest = stance_inputs(claims, texts, embed, name)
    distinct = sorted(set(claims) | set(texts))
    mentions = dict(zip(distinct, map(claim_mentions, nlp.pipe(distinct, batch_size=64))))
    return [[with_reading(found, mentions[c], mentions[t]).stance
             for found, c, t in zip(decide(model, rows, closest), claims, texts)] for model in models]


def _without_unrelated(network):
    bias = network.bias.copy()
    bias[STANCES.index("unrelated")] = -np.inf
    return replace(network, bias=bias)


def main() -> None:
    settings = Settings()
    embed = load_embedder(settings.embedding_model)
    nlp = load_spacy(settings.spacy_model)
    model = StanceModel.load()

    pairs, bodies = load_fnc()
    dev = [p for p in pairs if fnc_split(p["body_id"]) == "dev"]
    [predicted] = checked([p["headline"] for p in dev], [bodies[p["body_id"]] for p in dev], embed, nlp, [model],
                          "fnc-dev")
    gold = [FNC_LABELS[p["label"]] for p in dev]
    f1 = f1_per_class(gold, predicted, STANCES)
    print(f"FNC-1 dev ({len(dev)} pairs): score {fnc_score(gold, predicted):.4f}   (target >= 0.82)")
    print("  F1: " + ", ".join(f"{k} {v:.3f}" for k, v in f1.items())
          + f"; macro {sum(f1.values()) / len(f1):.3f}   (denies = disagree, target > 0.3)")

    emergent = [e for e in load_emergent() if emergent_split(e["claim_id"]) == "dev"]
    claims, headlines = [e["claim"] for e in emergent], [e["article_headline"] for e in emergent]
    gold = [EMERGENT_LABELS[e["label"]] for e in emergent]
    related = StanceModel(*(_without_unrelated(n) for n in (model.headline, model.body)))
    predicted, as_is = checked(claims, headlines, embed, nlp, [related, model], "emergent")
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    unrelated = sum(p == "unrelated" for p in as_is)
    print(f"Emergent dev ({len(emergent)} claim-headline pairs, held-out claims): accuracy {accuracy:.3f}"
          f"   (target >= 0.75); {unrelated} headlines would be called unrelated")


if __name__ == "__main__":
    main()
