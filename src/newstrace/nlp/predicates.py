"""Which words of a sentence state something checkable: the predicates of claim mentions.

Three kinds, in any domain:

- an **event**, verbal ("police detained 40", "the quake struck at dawn") or nominal when
  the noun carries arguments of its own ("the arrest of 40 protesters", "Tuesday's
  earthquake", "three deaths"). Whether a word names an event is learned: a logistic
  regression over the word's part of speech, dependency, entity type and form, and how
  often its lemma named an event in the training data (ECB+ train, every event mention of
  575 real articles; ``bench/train_claims.py`` makes ``data/triggers.json``);
- a **state** or identity that can be disputed: a copula with a noun ("the building is a
  storeroom"), a place or condition ("at least six prisons are in use"), or a participle
  ("the road is closed"); a naming verb ("officials call the site a depot") too;
- a **quantity**: a running count ("the death toll rose to 61", "the number of arrests
  reached 300") or a counted state ("there are at least six secret prisons").

Not claims: questions, advice and obligation ("should", "must"), conjecture ("may",
"might", "could", "would" outside reported speech), conditions ("if …"), opinion and
intention as verbs ("believe", "hope", "plan to": data/unclaimed_verbs.txt, whose infinitives
assert nothing either; what someone believes stays a claim, hedged), imperatives, and the
reporting verbs themselves ("said"): what they report is the claim, they are its source.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from newstrace.data_files import data_rows, data_words

TRIGGER_WEIGHTS = "nlp/data/triggers.json"
_HEDGING_MODALS = frozenset({"may", "might", "could", "should", "must", "can", "ought", "shall"})
_FUTURE = frozenset({"will", "'ll", "wo"})
_CONDITIONS = frozenset({"if", "unless", "whether", "once", "lest"})
_LIGHT = frozenset({"be", "have", "do", "get"})
_SOURCE_CUES = frozenset({"accord", "according", "cite"})  # "according to X", "citing X": a source, not a claim
DENYING_LEMMAS = frozenset({"deny", "dismiss", "reject", "refute", "dispute", "rebut"})
_GENERIC = frozenset({"those", "anyone", "anybody", "everyone", "everybody", "whoever", "someone", "somebody",
                      "one", "ones", "all", "any", "people"})
_PREDICATE_POS = frozenset({"VERB", "NOUN", "AUX"})  # the parts of speech a predicate's word can have
_NESTED = frozenset({"ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "pcomp", "parataxis", "csubj",
                     "csubjpass", "prep", "dep", "npadvmod"})


class Predicate(NamedTuple):
    """A word that states a claim, and how."""

    token: object  # spaCy Token: the verb, the event noun, the state's noun or adjective, the tally noun
    kind: str  # event | state | quantity
    lemma: str  # what is predicated: "detain", "earthquake", "storeroom", the event a tally counts
    tense: str  # past | present | future
    head: object  # the token whose clause the claim is (the copula of a state, the verb of a tally)


class TriggerModel(NamedTuple):
    """Logistic regression: does this word name an event? Named features and weights."""

    bias: float
    weights: dict[str, float]
    priors: dict[str, tuple[float, float]]  # lemma -> (share of its uses that named an event, log count)
    default_rate: float
    thresholds: dict[str, float]  # part of speech -> probability at or above which it is an event
    standalone_noun: float  # the probability a noun needs to be a claim of its own

    def probability(self, token) -> float:
        known = token.doc.user_data.setdefault(_PROBABILITIES, {})  # a word is asked about more than once
        if token.i not in known:
            total = self.bias + sum(self.weights.get(f, 0.0) for f in trigger_features(token))
            rate, count = self.priors.get(prior_key(token), (self.default_rate, 0.0))
            total += self.weights.get("prior_rate", 0.0) * rate + self.weights.get("prior_count", 0.0) * count
            known[token.i] = 1.0 / (1.0 + math.exp(-total))
        return known[token.i]

    def is_event(self, token) -> bool:
        return self.probability(token) >= self.thresholds.get(token.pos_, 1.0)


_PROBABILITIES = "newstrace.trigger_probabilities"  # Doc.user_data key: token index -> probability
_SUFFIXES = ("tion", "sion", "ment", "ing", "ure", "ance", "ence", "al", "ade", "ship", "ity", "er", "or", "ist",
             "age", "ery", "sis")
_MARKED = ("nsubj", "nsubjpass", "dobj", "aux", "auxpass", "neg", "nummod", "det", "poss", "prep", "compound",
           "amod", "prt", "agent")


def prior_key(token) -> str:
    """What the lemma priors are kept under: part of speech and lemma ("NOUN:release")."""
    return f"{token.pos_}:{token.lemma_.lower()}"


def trigger_features(token) -> list[str]:
    """The categorical features the trigger model reads (besides the lemma's prior)."""
    lower = token.lower_
    features = [f"pos={token.pos_}", f"tag={token.tag_}", f"dep={token.dep_}", f"ent={token.ent_type_}",
                f"head_pos={token.head.pos_}"]
    features += [f"child={dep}" for dep in sorted({c.dep_ for c in token.children} & set(_MARKED))]
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        features.append("of")
    if token.is_stop:
        features.append("stop")
    if token.is_title and not token.is_sent_start:
        features.append("title")
    features += [f"suffix={s}" for s in _SUFFIXES if lower.endswith(s)]
    return features


@lru_cache(maxsize=1)
def trigger_model() -> TriggerModel | None:
    """The shipped trigger weights; None when the file is missing (every verb is then an event)."""
    try:
        raw = json.loads(resources.files("newstrace").joinpath(TRIGGER_WEIGHTS).read_text("utf-8"))
    except FileNotFoundError:
        return None
    return TriggerModel(raw["bias"], raw["weights"], {k: tuple(v) for k, v in raw["priors"].items()},
                        raw["default_rate"], raw["thresholds"], raw["standalone_noun"])


@lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    return frozenset(fields[0] for fields in data_rows("nlp/data/reporting_verbs.txt"))


@lru_cache(maxsize=1)
def naming_lemmas() -> frozenset[str]:
    return frozenset(f[0] for f in data_rows("nlp/data/reporting_verbs.txt") if len(f) > 1 and f[1] == "naming")


def unclaimed_verbs() -> frozenset[str]:
    return data_words("nlp/data/unclaimed_verbs.txt")


def aspectual_verbs() -> frozenset[str]:
    return data_words("nlp/data/aspectual_verbs.txt")


def _generic(noun) -> bool:
    """"Those who …", "anyone who …": a relative clause about no one in particular."""
    return noun.lower_ in _GENERIC and not any(c.dep_ in ("nummod", "det", "amod") for c in noun.children)


def document_nouns() -> frozenset[str]:
    return data_words("nlp/data/document_nouns.txt")


def state_adjectives() -> frozenset[str]:
    return data_words("nlp/data/state_adjectives.txt")


def sentence_predicates(sent, model: TriggerModel | None, is_tally) -> list[Predicate]:
    """The claim predicates of one spaCy sentence, in text order. ``is_tally(token)`` gives
    the lemma of the event a running count counts, else None (``nlp.arguments``)."""
    if sent.text.rstrip(" \"'”’)").endswith("?"):
        return []  # a question asserts nothing
    tallies = {}
    for token in sent:
        if token.pos_ == "NOUN" and (counted := is_tally(token)) is not None:
            head = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj") else token
            if head.lemma_.lower() in reporting_lemmas():
                head = token  # "a death toll of 61 was reported by the ministry": the report is its source
            if not _unclaimed_context(head):
                tallies[token.i] = Predicate(token, "quantity", counted, _tense(head), head)
    # "The number of people detained rose to 120": one claim, not a rise and a detention as well.
    taken = {p.head.i for p in tallies.values()} | {t.i for p in tallies.values() for t in p.token.subtree}
    found, stated = [], set()
    for token in sent:
        if token.pos_ not in _PREDICATE_POS:
            continue
        if token.i in tallies:
            found.append(tallies[token.i])
        elif token.i not in taken and token.i not in stated:
            predicate = _predicate(token, model)
            if predicate is not None:
                found.append(predicate)
                stated.add(predicate.token.i)  # "there were three arrests": the noun is the state's
    return sorted(found, key=lambda p: p.token.i)


def _predicate(token, model) -> Predicate | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("AUX", "VERB") and lemma == "be" and token.dep_ not in ("aux", "auxpass"):
        return _state(token, model)
    if token.pos_ == "VERB":
        if lemma == "let" and any(c.dep_ == "advmod" and c.lower_ == "alone" for c in token.children):
            return None  # "let alone" joins two clauses ("…, let alone that anyone died"): no one lets
        if _hortative(token) or _going_to(token):
            return None  # "let's wait": a proposal; "is going to flood": the future, and a prediction is none
        if lemma in _LIGHT or lemma in _SOURCE_CUES or lemma in DENYING_LEMMAS or (
                lemma in reporting_lemmas() and lemma not in naming_lemmas()):
            return None  # a source's or a denier's verb: what it reports or denies is the claim
        if lemma in aspectual_verbs():
            if any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in token.children):
                return None  # "began building": the building is the claim
            subject = next((c for c in token.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
            if subject is not None:  # "protests began last month", "construction began in January"
                return Predicate(subject, "event", verb_of_noun(subject), _tense(token), token)
        if token.dep_ in ("xcomp", "advcl", "acl", "relcl") and any(
                c.dep_ == "aux" and c.lemma_.lower() == "to" for c in token.children) and (
                token.head.lemma_.lower() not in aspectual_verbs()) and not _said_to(token):
            return None  # "pressed to name", "agreed to pay", "came to help": whether it happened, it does not say
        if token.dep_ == "relcl" and _generic(token.head):
            return None  # "those who spread lies": no one in particular
        if _frames_a_clause(token) or _knows_a_clause(token):
            return None  # "it emerged that 40 were held", "I know that 40 were held": the holding is the claim
        if lemma in naming_lemmas():
            return _naming(token)
        if lemma in unclaimed_verbs() or _unclaimed_context(token):
            return None
        if model is not None and not model.is_event(token):
            return None
        return Predicate(token, "event", lemma, _tense(token), token)
    if token.pos_ == "NOUN" and _own_arguments(token) and lemma not in document_nouns() and _names_event(
            token, model, standalone=True):
        governor = _clause_verb(token)
        if governor is not None and _unclaimed_context(governor):
            return None
        return Predicate(token, "event", verb_of_noun(token), _tense(governor) if governor is not None else "past",
                         token)
    return None


_VERB_LEMMAS = "newstrace.verb_lemmas"  # Doc.user_data key: the lemmas of the document's verbs


def verb_of_noun(noun) -> str:
    """A gerund's verb, when the document uses that verb ("the shooting" and "shot" report one
    act, and should compare as one predicate); else the noun's own lemma."""
    lemma = noun.lemma_.lower()
    if not lemma.endswith("ing") or len(lemma) < 6:
        return lemma
    verbs = noun.doc.user_data.get(_VERB_LEMMAS)
    if verbs is None:
        verbs = noun.doc.user_data[_VERB_LEMMAS] = {t.lemma_.lower() for t in noun.doc if t.pos_ == "VERB"}
    stem = lemma[:-3]
    for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else None):
        if candidate in verbs:
            return candidate
    return lemma


def _names_event(noun, model, standalone: bool = False) -> bool:
    """Whether a noun names an event: the trigger model's call, or without one the old kinds'
    nouns (data/event_nouns.txt). A noun that is a claim of its own (``standalone``) must clear
    a higher bar than one a copula or count already frames: ECB+ marks many nouns as events
    ("the edge", "the depot") that make no claim by themselves."""
    if model is not None:
        return model.probability(noun) >= (model.standalone_noun if standalone else model.thresholds["NOUN"])
    return any(fields[0] == noun.lemma_.lower() for fields in data_rows("nlp/data/event_nouns.txt"))


def _state(copula, model) -> Predicate | None:
    """A copula's claim: what its subject is ("a storeroom"), where or in what condition ("in
    use", "in custody"), a counted existence ("there are six prisons"), a participle
    ("closed"). An evaluative adjective ("is outrageous") is opinion, not a claim."""
    if _unclaimed_context(copula):
        return None
    children = list(copula.children)
    attribute = next((c for c in children if c.dep_ == "attr"), None)
    tense = _tense(copula)
    if attribute is not None and attribute.pos_ in ("NOUN", "PROPN", "NUM"):
        existential = any(c.dep_ == "expl" for c in children)
        counted = any(c.dep_ == "nummod" for c in attribute.children) or attribute.like_num
        if existential:  # "there were three arrests" is an event; "there are six prisons" a count
            if _names_event(attribute, model):
                return Predicate(attribute, "event", attribute.lemma_.lower(), tense, copula)
            return Predicate(attribute, "quantity" if counted else "state", attribute.lemma_.lower(), tense, copula)
        return Predicate(attribute, "state", attribute.lemma_.lower(), tense, copula)
    complement = next((c for c in children if c.dep_ == "acomp"), None)
    if complement is not None and (complement.tag_ == "VBN" or complement.lemma_.lower() in state_adjectives()):
        if _frames_a_clause(complement):
            return None  # "it's since emerged that …"
        return Predicate(complement, "state", complement.lemma_.lower(), tense, copula)
    place = next((c for c in children if c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)), None)
    subject = next((c for c in children if c.dep_ in ("nsubj", "expl")), None)
    if place is not None and subject is not None and attribute is None and complement is None:
        obj = next(g for g in place.children if g.dep_ == "pobj")
        counted = any(c.dep_ == "nummod" for c in subject.children)
        return Predicate(obj, "quantity" if counted else "state", f"{place.lower_} {obj.lemma_.lower()}", tense, copula)
    return None


def _naming(verb) -> Predicate | None:
    """"Officials call the site a depot", "describe it as a storeroom": the name given is an
    identity claim about what is named, attributed to whoever names it."""
    if _unclaimed_context(verb):
        return None
    for child in verb.children:
        if child.dep_ == "oprd" and child.pos_ in ("NOUN", "PROPN"):
            return Predicate(child, "state", child.lemma_.lower(), _tense(verb), verb)
        if child.dep_ == "prep" and child.lower_ == "as":
            named = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
            if named is not None:
                return Predicate(named, "state", named.lemma_.lower(), _tense(verb), verb)
    return None


def _own_arguments(noun) -> bool:
    """Whether an event noun carries arguments of its own: a count ("three deaths"), whom or
    what it befell ("the arrest of 40"), whose it is ("Petrov's arrest"), a name ("the Kessel
    protests"), a date or a place ("Tuesday's earthquake", "the raid in Dravo"), or its doer
    ("the attack by rebels"). A bare "the release" too often names something else."""
    for child in noun.children:
        if child.dep_ == "nummod" or child.dep_ == "poss" and child.tag_ != "PRP$" or child.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"):
            return True
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return True
        if child.dep_ == "prep" and child.lower_ in ("of", "by", "in", "at", "on", "near", "against"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and (child.lower_ in ("of", "by", "against") or obj.ent_type_):
                return True
    return False


def _clause_verb(token):
    """The verb (or copula) whose clause a word is in."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _tense(verb) -> str:
    """past | present | future, from the verb's auxiliaries and tag ("will host", "is to
    host", "to host" in a headline, "would return" in reported speech)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        return _tense(verb.head)  # "struck the city, killing 12", "began building": when the clause it hangs on happened
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE or "would" in lowers or (verb.tag_ == "VB" and "to" in lowers):
        return "future"
    if any(a.lower_ == "going" for a in auxes):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    return "present"


def _frames_a_clause(verb) -> bool:
    """"It emerged that …", "it turned out that …", "it has since become clear that …": a verb
    whose subject is "it" and whose one complement is a "that" clause says that, or how, the
    clause came to be known; what the clause says is the claim (and a mention of its own), the
    framing verb none. A verb with an object ("it allowed us to …") or a clause without
    "that" ("it shows people care") is a claim of its own. The small model hangs the clause
    as an adverbial one at times, and "it's since emerged that …" from the "'s" (an
    auxiliary, or a word of its own), so the "'s" may hold the subject or the clause."""
    holders = [verb]
    if verb.dep_ in ("acomp", "advcl", "ccomp", "xcomp") and (verb.head.pos_ == "AUX" or verb.head.lower_ in _HAS):
        holders.append(verb.head)
    children = [c for h in holders for c in h.children if c.i != verb.i]
    if any(c.dep_ in ("dobj", "dative") or c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "it"
           for c in verb.children):
        return False  # "it allowed us to …"; "it was unclear whether judges would rule that …"
    return any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in children) and any(
        c.dep_ in ("ccomp", "advcl", "csubj") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in children)


_HAS = frozenset({"'s", "’s"})


def _knows_a_clause(verb) -> bool:
    """"I know that 40 were held", "she learned the depot had closed": what is known is the
    claim (a mention of its own, told by the knower where the teller model says so); the
    knowing is none."""
    return verb.lemma_.lower() in _KNOWING and any(
        c.dep_ == "ccomp" and any(s.dep_ in ("nsubj", "nsubjpass", "expl") for s in c.children) for c in verb.children)


_KNOWING = frozenset({"know", "learn", "realize", "realise", "understand", "recall", "remember", "notice"})


def _hortative(verb) -> bool:
    """"Let's …", "let us …": a proposal, as an imperative is, not something that happened."""
    return verb.lemma_.lower() == "let" and any(
        c.dep_ in ("ccomp", "xcomp") and any(s.dep_ == "nsubj" and s.lower_ in _US for s in c.children)
        for c in verb.children)


def _going_to(verb) -> bool:
    """"is going to", "gonna": the future ("the storm is going to flood the harbour")."""
    return verb.lemma_.lower() == "go" and verb.tag_ in ("VBG", "NN") and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lemma_.lower() == "to" for a in c.children)
        for c in verb.children)


_US = frozenset({"'s", "’s", "us"})


def _said_to(verb) -> bool:
    """"Twelve men are said to have been beaten", "…are reported to have died": the
    infinitive under a passive reporting verb is what is reported, not an intention."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in reporting_lemmas() and any(
        c.dep_ == "auxpass" for c in head.children)


def _unclaimed_context(verb) -> bool:
    """Whether a clause asserts nothing: a hedging modal ("may have died"), "would" outside
    reported speech, a condition ("if …"), an imperative, an infinitive under an intention or
    opinion ("plans to build", "hopes to win"), or a clause under opinion ("I believe …")."""
    children = list(verb.children)
    if any(c.dep_ == "aux" and c.lower_ in _HEDGING_MODALS for c in children):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "would" for c in children) and not _reported(verb):
        return True
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in children):
        return True
    if verb.dep_ == "ROOT" and verb.tag_ == "VB" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in children):
        return True  # "Stay indoors."
    node = verb
    for _ in range(4):
        if node.head.i == node.i or node.dep_ not in ("xcomp", "ccomp", "conj"):
            break
        governor = node.head
        lemma = governor.lemma_.lower()
        if node.dep_ == "xcomp" and (lemma in unclaimed_verbs() or _going_to(governor)):
            return True  # "plans to build"; "there's gonna be more arrests": a prediction
        if node.dep_ == "ccomp" and _hortative(governor):
            return True  # "let's wait for the inquiry"
        if node.dep_ == "conj":
            node = governor
            continue
        if any(c.dep_ == "aux" and c.lower_ in _HEDGING_MODALS for c in governor.children):
            return True
        break
    return False


def _reported(verb) -> bool:
    """Whether a clause is what a reporting verb reports ("said he would return")."""
    node = verb
    for _ in range(3):
        if node.head.i == node.i:
            return False
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in reporting_lemmas():
            return True
        node = node.head
    return False


def nested_clauses(token, predicates: set[int]) -> set[int]:
    """The token indices of a predicate's clause that belong to other claims or to their
    sources, at any depth: the subtrees of clauses that are other predicates or reporting
    verbs ("…, relatives and two men who were released last week told the Courier"), and
    of prepositions whose object is another predicate ("arrested after shooting a guard")."""
    dropped: set[int] = set()
    for node in token.subtree:
        if node.i == token.i or node.i in dropped or node.dep_ not in _NESTED:
            continue
        inner = node
        if node.dep_ == "prep":
            inner = next((g for g in node.children if g.dep_ in ("pcomp", "pobj")), None)
            if inner is None or inner.i not in predicates:
                continue
        elif node.dep_ in ("dep", "npadvmod") and node.i not in predicates:
            continue
        if inner.i in predicates or inner.lemma_.lower() in reporting_lemmas() and inner.pos_ == "VERB" or (
                inner.lower_ in ("according", "citing")):
            dropped.update(t.i for t in node.subtree)
    return dropped
