"""What a claim predicate says about whom: who did it, to whom or what, where, when, how many.

Read off spaCy's dependency parse of one sentence (``claim_arguments``):

- **agent**: who did it: the "by" phrase of a passive ("detained by police") or of an event
  noun ("the attack by rebels"), the subject of an active verb ("police detained 40"), the
  possessor of an event noun that also names its patient ("Russia's seizure of the port");
- **patient**: whom or what it befell or what a state is about: the object ("released 40
  prisoners"), the subject of a passive ("40 were held") or of a state ("the building is a
  storeroom"), the "of" object of an event noun ("the arrest of 40"), what a naming verb
  names ("call the site a depot"); the subject of a verb that befalls its subject ("the men
  died", data/event_verbs.txt) is its patient too;
- **places**: the places (GPE, LOC, FAC) named in the claim's own clause;
- **time**: the first date named in the claim's own clause ("on Tuesday", "last week");
- **count**: how many, normalised by ``nlp.quantities``: the number of the subject or object
  ("40 men"), of an event noun ("three deaths", "the arrest of 40 protesters"), a running
  count ("the death toll rose to 61"), or a figure a quantity reaches ("fell to 4.1%").

``category`` gives the coarse kind of violence the old claim layer knew (detention, death,
torture, disappearance, release, evacuation, flight) where one applies.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from newstrace.data_files import data_rows, data_words
from newstrace.nlp.doc_text import document_text
from newstrace.nlp.quantities import parse_quantity
from newstrace.nlp.quotes import PEOPLE_WORDS

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DATE_LABELS = frozenset({"DATE"})
# Entity labels a name of people can carry: the small model often calls a rare surname an
# organisation ("Scott, who was shot"); a place, a date or a product is no one.
_NAMED_PEOPLE = frozenset({"PERSON", "NORP", "ORG", ""})
_PARTS = frozenset({"many", "several", "few", "some", "all", "dozen", "hundred", "thousand", "million"})
_PEOPLE_PRONOUNS = frozenset("i me we us you he him she her they them who whom whoever himself herself "
                             "themselves ourselves myself yourself yourselves".split())
_NOT_DETAINED = frozenset({"accountable", "responsible", "liable"})  # "held accountable" is no detention
_INDEFINITE = frozenset({"nobody", "none", "anyone", "anybody", "everyone", "everybody", "someone", "somebody",
                         "nothing", "something", "everything", "anything"})
PERSONAL = frozenset({"he", "she", "him", "her"})  # resolved to the person named last before them
_REFERENT_REACH = 600  # characters back a pronoun's person may be named


class Arguments(NamedTuple):
    agent: object | None  # spaCy Span (a pronoun's own, when it is one: see ``referent``)
    patient: object | None  # spaCy Span
    places: tuple  # spaCy Spans
    time: object | None  # spaCy Span
    count: tuple | None  # (value, low, high, qualifier, text, unit)
    measured: bool  # the count is the value a quantity reaches ("rose to 61"), not how many it befell


@lru_cache(maxsize=1)
def event_nouns() -> dict[str, str]:
    """Lemma -> category, for nouns of the old event kinds (``data/event_nouns.txt``)."""
    return {fields[0]: fields[1] for fields in data_rows("nlp/data/event_nouns.txt") if len(fields) >= 2}


@lru_cache(maxsize=1)
def tally_words() -> dict[str, str]:
    """Lemma -> "tally" for nouns that hold a running count, else the event its people suffered."""
    return {fields[0]: fields[1] for fields in data_rows("nlp/data/tally_words.txt") if len(fields) >= 2}


@lru_cache(maxsize=1)
def event_verbs() -> dict[str, tuple[str, frozenset[str]]]:
    """Lemma -> (category, conditions)."""
    return {fields[0]: (fields[1], frozenset(fields[2].split(",")) if len(fields) > 2 else frozenset())
            for fields in data_rows("nlp/data/event_verbs.txt") if len(fields) >= 2}


def claim_arguments(predicate, clause: set[int], source: tuple[int, int] | None) -> Arguments:
    """The arguments of a ``nlp.predicates.Predicate`` whose own clause is the token indices
    ``clause``; places inside the ``source`` span (character offsets) name no place of the claim."""
    token = predicate.token
    doc = token.doc
    agent = patient = None
    count, measured = None, False
    tally = _tally(token) if token.pos_ == "NOUN" else None
    if tally is not None:  # "the death toll rose to 61"
        count, measured = tally[1], True
        patient = _noun_phrase(token)
    elif predicate.kind in ("state", "quantity"):
        patient = _state_subject(predicate)
        count = _count_of(patient.root) if patient is not None else None
        if count is None and token.pos_ in ("NOUN", "PROPN", "NUM"):
            count = _count_of(token)  # "there are at least six secret prisons"
    elif token.pos_ == "NOUN":
        agent, patient = _noun_roles(token)
        count = _noun_count(token)
    else:
        agent, patient = _verb_roles(token)
        count = None if token.dep_ == "relcl" else _quantity(token)  # "61 people who protested": the 61 are the main clause's
        if count is None:
            count = _reached(token)
            measured = count is not None
    places = tuple(ent for ent, root in entity_roots(doc) if ent.label_ in PLACE_LABELS and root in clause
                   and not (source and source[0] <= ent.start_char < source[1]))
    time = next((ent for ent, root in entity_roots(doc) if ent.label_ in _DATE_LABELS and root in clause
                 and not _an_age(ent)), None)
    return Arguments(agent, patient, places, time, count, measured)


def referent(span):
    """The person a pronoun argument ("he", "her") stands for: the last person named before it,
    within a few paragraphs; None for any other argument, or when none is named."""
    if span is None or len(span) != 1 or span[0].lower_ not in PERSONAL:
        return None
    doc = span.doc
    before = [e for e in entities(doc) if e.label_ == "PERSON" and e.end_char <= span.start_char
              and span.start_char - e.end_char <= _REFERENT_REACH]
    return before[-1] if before else None


def category(predicate) -> str | None:
    """The old coarse kind of violence of an event predicate, where one applies: "detained" is
    a detention, "three deaths" a death; "released 40 prisoners" a release, not "released a
    report"."""
    token, lemma = predicate.token, predicate.token.lemma_.lower()
    if predicate.kind == "quantity":
        return event_nouns().get(predicate.lemma) or tally_words().get(predicate.lemma) or (
            event_verbs()[predicate.lemma][0] if predicate.lemma in event_verbs() else None)
    if token.pos_ == "NOUN":  # "three deaths", "the arrest of Ivan Petrov"; not "the death of democracy"
        kind = event_nouns().get(lemma)
        return kind if kind and (_noun_count(token) is not None or _befalls_named_people(token)) else None
    entry = event_verbs().get(lemma)
    if token.pos_ != "VERB" or entry is None:
        return None
    kind, conditions = entry
    if "passive" in conditions and not _passive(token):
        return None
    if "into" in conditions and not any(c.dep_ == "prep" and c.lower_ == "into" for c in token.children):
        return None
    if "person" in conditions and not _befalls_people(token, "subject" in conditions):
        return None
    return kind


def _befalls_named_people(noun) -> bool:
    """Whether an event noun names whom it befell, as people: "the arrest of Ivan Petrov",
    "Petrov's arrest", "the killing of Chechens", "the detention of journalists"."""
    victims = [c for c in noun.children if c.dep_ == "poss"]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        victims += [c for c in prep.children if c.dep_ == "pobj"]
    return any(_is_people(v) for v in victims)


def is_tally(token) -> str | None:
    """The lemma of the event a running count counts ("the death toll rose to 61": death),
    when the count states its figure; else None."""
    tally = _tally(token) if tally_words().get(token.lemma_.lower()) == "tally" else None
    return None if tally is None else tally[0]


def _verb_roles(verb):
    """(agent, patient) of an event verb, as noun phrases. The subject of a verb without an
    object is what the event is about, its patient ("the man fell", "protests began"): only
    a verb that acts on something has an agent apart from it."""
    agent = patient = None
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    if by is not None:
        doer = next((c for c in by.children if c.dep_ == "pobj"), None)
        agent = None if doer is None else _noun_phrase(doer)
    subject = _subject_of(verb)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    if _passive(verb):
        patient = _noun_phrase(subject) if subject is not None else None
    elif obj is not None:
        agent = agent or (_noun_phrase(subject) if subject is not None else None)
        patient = _noun_phrase(obj)
    elif subject is not None:
        patient = _noun_phrase(subject)
    if patient is None and verb.dep_ in ("acl", "relcl", "amod") and _passive(verb):
        patient = _noun_phrase(verb.head)  # "the men detained on Friday"
    return agent, patient


def _subject_of(verb):
    """A verb's subject, or the one it shares ("shot and killed", "went on to win"); for "men
    who fled" the noun the relative clause qualifies."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head
            return subject
        shares = verb.dep_ in ("conj", "xcomp") or verb.dep_ in ("advcl", "pcomp") and verb.tag_ == "VBG"
        if not shares or verb.head.i == verb.i:  # "shot and killed", "struck the city, killing 12"
            return None
        verb = verb.head
        if verb.dep_ == "prep" and verb.head.i != verb.i:
            verb = verb.head  # "died after falling": the subject of "died"
    return None


def _noun_roles(noun):
    agent = patient = None
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    for child in noun.children:
        if child.dep_ != "prep":
            continue
        obj = next((g for g in child.children if g.dep_ == "pobj"), None)
        if obj is None:
            continue
        if child.lower_ == "by":
            agent = _noun_phrase(obj)
        elif child.lower_ in ("of", "against") and patient is None:
            patient = _noun_phrase(obj)
    if possessor is not None and possessor.tag_ != "PRP$" and possessor.ent_type_ not in ("DATE", "TIME"):
        if patient is None:
            patient = _noun_phrase(possessor)  # "Petrov's arrest"
        elif agent is None:
            agent = _noun_phrase(possessor)  # "Russia's seizure of the port"
    return agent, patient


def _state_subject(predicate):
    """What a state is about: the copula's subject, or what a naming verb names."""
    head = predicate.head
    if head.pos_ == "VERB":  # a naming verb
        named = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return None if named is None else _noun_phrase(named)
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        clause = next((c for c in head.children if c.dep_ == "csubj"), None)  # "what the office produced is a letter"
        if clause is not None:
            return head.doc[clause.left_edge.i:clause.right_edge.i + 1]
    if subject is None or subject.tag_ in ("WDT", "WP"):
        return _noun_phrase(head.head) if head.dep_ == "relcl" else None
    return _noun_phrase(subject)


def _noun_phrase(token):
    """A noun phrase without relative clauses, clauses or descriptions in apposition, within
    one paragraph; None for a pronoun or a bare determiner, which name no one by themselves.
    A dateline the parse took for a subject ("DRAVO, March 3 - More than 60 activists have
    been detained") gives way to the phrase in apposition after it."""
    if token is None:
        return None
    if token.pos_ in ("PRON", "DET") and token.lower_ not in _INDEFINITE:
        return token.doc[token.i:token.i + 1] if token.lower_ in PERSONAL else None
    if in_dateline(token):
        after = next((c for c in token.children if c.dep_ == "appos" and not in_dateline(c)), None)
        return None if after is None else _noun_phrase(after)
    dropped = set()
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "punct", "advcl", "prep") and child.i > token.i or (
                child.dep_ == "appos" and child.pos_ != "PROPN"):
            if child.dep_ == "prep" and child.lower_ == "of":
                continue  # "dozens of activists"
            dropped.update(t.i for t in child.subtree)
    words = [t for t in token.subtree if t.i not in dropped]
    first, last = words[0].i, words[-1].i
    words = [t for t in token.doc[first:last + 1] if t.i not in dropped]
    while len(words) > 1 and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    while len(words) > 1 and (words[0].is_punct or words[0].dep_ == "cc"):
        words.pop(0)
    return token.doc[words[0].i:words[-1].i + 1]


# "DRAVO, Valdoria, March 3 (MPA) - ", "DRAVO (MPA) – "
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,[^\n]{0,80}?|\s?\([^()\n]{1,40}\))\s[-–—]\s")
_DATELINES = "newstrace.datelines"  # Doc.user_data key: where each paragraph's dateline ends


_ENTITIES = "newstrace.entities"  # Doc.user_data key: the named entities, read once


def entities(doc) -> list:
    """The Doc's named entities: ``doc.ents`` builds them again from the tokens on every read,
    which cost more than the rest of claim extraction together."""
    found = doc.user_data.get(_ENTITIES)
    if found is None:
        found = doc.user_data[_ENTITIES] = list(doc.ents)
    return found


_ROOTS = "newstrace.entity_roots"  # Doc.user_data key: each entity with its root token's index


def entity_roots(doc) -> list[tuple[object, int]]:
    """Each named entity with the index of its root token (a Span finds its root anew on
    every read)."""
    found = doc.user_data.get(_ROOTS)
    if found is None:
        found = doc.user_data[_ROOTS] = [(ent, ent.root.i) for ent in entities(doc)]
    return found


def in_dateline(token) -> bool:
    """Whether a token is in a dateline that opens a paragraph: place in capitals, maybe a
    date and an agency, then a dash."""
    doc = token.doc
    spans = doc.user_data.get(_DATELINES)
    if spans is None:
        text, spans = document_text(doc), []
        for paragraph in re.finditer(r"[^\n]+", text):
            match = _DATELINE.match(paragraph.group())
            if match:
                spans.append((paragraph.start(), paragraph.start() + match.end()))
        doc.user_data[_DATELINES] = spans
    return bool(spans) and token.idx < spans[-1][1] and any(a <= token.idx < b for a, b in spans)


def _an_age(ent) -> bool:
    """spaCy tags ages and durations as dates: "61-year-old", "40", "three years"."""
    text = ent.text.lower()
    return "old" in text or text.strip().isdigit() and len(text.strip()) < 4 or any(
        w in text for w in ("years", "months", "weeks", "days", "hours", "decade"))


def _reached(verb) -> tuple | None:
    """The figure a quantity reaches or stands at: "fell to 4.1%", "rose by 12", "stood at 61"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "at", "by"):
            figure = next((g for g in child.children if g.dep_ == "pobj" and (g.like_num or g.ent_type_ in (
                "PERCENT", "CARDINAL", "MONEY", "QUANTITY"))), None)
            if figure is not None:
                return _read_count(figure)
    return None


# Counting the people an event befell, and running counts: the old claim layer's rules.

def _passive(verb) -> bool:
    """"were held", "held by police", a bare participle ("people shot last year"), and a
    participle joined to a passive ("were held and questioned")."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.i != verb.i and not any(
            c.dep_ in ("nsubj", "aux") for c in verb.children):
        return _passive(verb.head)
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "pcomp", "advcl", "amod") and not any(
        c.dep_ == "aux" for c in verb.children)


def _befalls_people(verb, to_subject: bool) -> bool:
    """Whether an event verb's patient is people. A passive with an object is an idiom unless
    the object is people ("taken care of", but "taken hostage"); so is a flight from charges
    or questions (data/evaded_words.txt)."""
    if any(c.dep_ in ("acomp", "oprd") and c.lemma_.lower() in _NOT_DETAINED for c in verb.children):
        return False
    if _passive(verb) and any(c.dep_ == "dobj" and not _is_people(c) for c in verb.children):
        return False
    if to_subject and any(c.dep_ == "dobj" and c.lemma_.lower() in data_words("nlp/data/evaded_words.txt")
                          for c in verb.children):
        return False  # "escaped charges": dodging, not flight
    patient = _patient_of(verb, to_subject)
    return patient is not None and _is_people(patient)


def _patient_of(verb, to_subject: bool):
    """Whom an event verb befalls: the passive subject, the object or, ``to_subject``, the
    subject, or the noun a participle or relative clause qualifies; a verb joined to another
    shares its subject ("shot and killed")."""
    passive = _passive(verb)
    for _ in range(2):
        patient = _patient(verb, to_subject, passive)
        if patient is not None:
            return patient
        if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _patient(verb, to_subject: bool, passive: bool):
    deps = ("nsubjpass", "nsubj") if passive else ("nsubj",) if to_subject else ("dobj",)
    for dep in deps:
        patient = next((c for c in verb.children if c.dep_ == dep), None)
        if patient is not None:
            if patient.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head  # "men who were held"
            return patient
    if verb.dep_ in ("acl", "relcl", "amod"):
        return verb.head  # "those released on Friday"
    return None


def _is_people(noun) -> bool:
    if noun.ent_type_ in ("PERSON", "NORP") or (noun.pos_ == "PROPN" and noun.ent_type_ in _NAMED_PEOPLE):
        return True
    if noun.lower_ in _PEOPLE_PRONOUNS or noun.like_num:  # "they were freed", "40 were held"
        return True
    people = data_words(PEOPLE_WORDS)
    lemma = noun.lemma_.lower()
    if lemma not in people and noun.lower_ not in people:
        return False
    if lemma in _PARTS:  # "some of the men", not "some of the files"
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)
        return counted is None or _is_people(counted)
    return True


def _quantity(trigger) -> tuple | None:
    """The count of an event's participants, from its subject or object, else from the patient
    it shares ("707 people shot and killed") or a number just before it."""
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            count = _count_of(child)
            if count is not None:
                return count
    patient = _patient_of(trigger, False) if trigger.pos_ == "VERB" else None
    if patient is not None and patient.head.i != trigger.i:
        count = _count_of(patient)
        if count is not None:
            return count
    return _count_before(trigger)


def _count_of(noun) -> tuple | None:
    """The count a subject or object carries: itself ("40 were held") or its number ("40 men")."""
    number = noun if noun.like_num or noun.ent_type_ == "CARDINAL" else next(
        (c for c in noun.children if c.dep_ == "nummod" or (c.ent_type_ == "CARDINAL" and c.like_num)), None)
    if number is None:
        return None
    return _read_count(number, noun.lemma_ if noun is not number and noun.pos_ == "NOUN" else None)


def _noun_count(noun) -> tuple | None:
    """The count an event noun carries: its own number ("three deaths") or that of its "of"
    object ("the arrest of 40 protesters")."""
    number = next((c for c in noun.children if c.dep_ == "nummod"), None)
    unit = None
    if number is None:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            victims = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if victims is not None:
                if victims.like_num or parse_quantity(victims.text) is not None:  # "of 40", "of dozens of …"
                    number, unit = victims, None
                else:
                    number = next((c for c in victims.children if c.dep_ == "nummod"), None)
                    unit = victims.lemma_ if victims.pos_ == "NOUN" else None
    if number is None:
        return None
    return _read_count(number, unit)


def _tally(noun) -> tuple | None:
    """(event lemma, count) for a tally noun that names its event and states its count: "the
    death toll rose to 61", "the number of arrests reached 300", "a toll of 61", "officials
    put the number of detainees at 40"; else None."""
    if tally_words().get(noun.lemma_.lower()) != "tally":
        return None
    event = _tallied_event(noun)
    if event is None:
        return None
    verb, number = noun.head, None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    own = None if of is None else next((c for c in of.children if c.dep_ == "pobj" and c.like_num), None)
    if own is not None:  # "a toll of 61"
        number = own
    elif noun.dep_ in ("nsubj", "nsubjpass", "dobj") and verb is not noun:
        for child in verb.children:
            if child.dep_ in ("dobj", "attr") and child is not noun and child.like_num:
                number = child  # "reached 300", "is 61"
            elif child.dep_ == "prep" and child.lower_ in ("at", "to"):
                number = next((c for c in child.children if c.dep_ == "pobj" and c.like_num), number)
    count = None if number is None else _read_count(number)
    return None if count is None else (event, count)


def _tallied_event(noun) -> str | None:
    """The lemma of the event a tally counts: its compound ("death toll"), or what it is "of"
    ("the number of arrests", "of detainees", "of people detained")."""
    nouns, tallies, verbs = event_nouns(), tally_words(), event_verbs()
    for child in noun.children:
        if child.dep_ == "compound" and (child.lemma_.lower() in nouns or child.pos_ == "NOUN"):
            return child.lemma_.lower()
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for counted in (c for c in of.children if c.dep_ == "pobj"):
            lemma = counted.lemma_.lower()
            if lemma in nouns:
                return lemma
            if tallies.get(lemma, "tally") != "tally":
                return lemma
            done = next((c for c in counted.children if c.dep_ == "acl" and c.lemma_.lower() in verbs), None)
            if done is not None:
                return done.lemma_.lower()
    return None


def _count_before(trigger) -> tuple | None:
    """When the parse ties no number to the event ("DRAVO, March 3 - More than 60 activists have
    been detained"), a count of people just before it in its clause: a number followed by a noun."""
    doc = trigger.doc
    for ent in reversed(entities(doc)):
        if ent.label_ != "CARDINAL" or not (trigger.left_edge.i <= ent.start and ent.end <= trigger.i):
            continue
        nouns = [t for t in doc[ent.end:trigger.i] if t.pos_ == "NOUN"]
        if not nouns or any(t.pos_ == "VERB" for t in doc[ent.end:nouns[0].i]):
            continue
        count = _as_count(parse_quantity(ent.text), nouns[0].lemma_)
        if count is not None:
            return count
    return None


def _read_count(number, unit: str | None = None) -> tuple | None:
    """The count a number token states, with its qualifiers; a year is none ("the 1999 death")."""
    if number.ent_type_ == "DATE" and len(number.text) == 4 and number.text.isdigit():
        return None
    return _as_count(parse_quantity(_cardinal(number)), unit)


def _as_count(quantity, unit: str | None) -> tuple | None:
    """A mention's count: (value, low, high, qualifier, text, unit)."""
    if quantity is None:
        return None
    return (quantity.value, quantity.low, quantity.high, quantity.qualifier, quantity.text, unit)


def _cardinal(number) -> str:
    """The words of a count with its qualifiers: the CARDINAL entity around it, else its modifiers."""
    doc = number.doc
    first = min([number.i] + [c.i for c in number.children if c.dep_ in ("quantmod", "advmod")])
    last = number.i + 1
    for ent in entities(doc):
        if ent.start <= number.i < ent.end and ent.label_ in ("CARDINAL", "PERCENT", "MONEY", "QUANTITY"):
            first, last = min(first, ent.start), max(last, ent.end)
    return doc[first:last].text
