"""Whether the subject or agent of a verb a claim hangs from is who the claim comes from.

"The Courier said 40 were detained" (the Courier told it), "officials believe 40 were
detained" (what officials believe), "a poll shows Lutz ahead" (what the poll found),
"she was arrested after the mayor closed the port" (the mayor did something: no teller).
A logistic regression over the verb, how the claim hangs from it, what the candidate is
and how far the claim lies below, learned from PolNeAR's attributions (840 articles of US
political news, train split): ``bench/train_sources.py`` writes ``data/tellers.json``.
The reporting-verb list (``data/reporting_verbs.txt``) is one feature among them: the
model learns which other verbs tell ("warned", "blasted", "hopes") and when a listed one
does not.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from newstrace.data_files import data_words
from newstrace.nlp.predicates import unclaimed_verbs
from newstrace.nlp.quotes import PEOPLE_WORDS
from newstrace.nlp.writers import is_document

TELLER_WEIGHTS = "nlp/data/tellers.json"
IMPERSONAL = frozenset({"it", "what", "this", "that", "which"})  # subjects that name no one
_HEDGING = frozenset({"will", "would", "could", "may", "might", "should", "can"})
_WORDED = frozenset({"acomp", "attr", "dobj", "prep", "xcomp", "oprd"})  # a verb's word that says what it does
_PATH = 3  # dependency labels of the way up from the claim a feature keeps


class TellerModel(NamedTuple):
    """Logistic regression: named features, their weights, and the probability to accept at."""

    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: list[str]) -> float:
        total = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-total))

    def accepts(self, features: list[str]) -> bool:
        return self.probability(features) >= self.threshold


@lru_cache(maxsize=1)
def teller_model() -> TellerModel:
    raw = json.loads(resources.files("newstrace").joinpath(TELLER_WEIGHTS).read_text("utf-8"))
    return TellerModel(raw["bias"], raw["weights"], raw["threshold"])


def teller_features(trigger, verb, below, teller, steps: int, reporting: bool) -> list[str]:
    """What the model reads of a candidate: ``teller`` (a spaCy Token, the subject or agent of
    ``verb``) for the claim whose predicate is ``trigger``, hanging from ``verb`` as ``below``,
    ``steps`` heads up; ``reporting``: the verb is a listed reporting verb telling the claim."""
    lemma, hang, role = verb.lemma_.lower(), below.dep_, teller.dep_
    path, node = [], trigger
    while node.i != verb.i and len(path) < _PATH:
        path.append(node.dep_)
        node = node.head
    features = [f"lemma={lemma}", f"lemma_hang={lemma}|{hang}", f"hang={hang}", f"verb_pos={verb.pos_}",
                f"verb_tag={verb.tag_}", f"role={role}", f"lemma_role={lemma}|{role}", f"teller_pos={teller.pos_}",
                f"teller_ent={teller.ent_type_}", f"steps={min(steps, 4)}", f"below_tag={below.tag_}",
                f"hang_role={hang}|{role}", f"path={'>'.join(path)}", f"lemma_path={lemma}|{'>'.join(path[:2])}",
                f"trigger_dep={trigger.dep_}", f"trigger_pos={trigger.pos_}", f"verb_dep={verb.dep_}"]
    if hang in _WORDED:  # "is confident that", "made the case that", "spoke about"
        features.append(f"lemma_word={lemma}|{below.lemma_.lower()}")
    if teller.pos_ == "NOUN":  # "a poll", "officials", "the survey"
        features.append(f"teller_lemma={teller.lemma_.lower()}")
    after = teller.i > trigger.i
    if reporting:  # crossed with what tells apart a listed verb's teller: "…, the office said"; "confirmed by X"
        features += ["reporting", f"reporting_hang={hang}", f"reporting_role={role}", f"reporting_after={after}"]
    if lemma in unclaimed_verbs():
        features += ["opinion", f"opinion_hang={hang}"]
    if teller.lemma_.lower() in data_words(PEOPLE_WORDS):
        features.append("people")
    if is_document(teller):
        features.append("document")
    if teller.lower_ in IMPERSONAL:
        features.append("impersonal")
    if teller.tag_ == "PRP":
        features.append(f"pronoun={teller.lower_}")
    if teller.tag_ in ("WP", "WDT"):
        features.append("relative")
    if any(c.dep_ == "aux" and c.lower_ in _HEDGING for c in verb.children):
        features.append("modal")
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        features += ["passive", f"passive_role={role}"]
    if after:
        features.append("after")
    mark = next((c.lower_ for c in below.children if c.dep_ == "mark"), None)
    if mark is not None:
        features.append(f"mark={mark}")
    if any(t.is_quote for t in trigger.sent):
        features.append("quotes")
    return features
