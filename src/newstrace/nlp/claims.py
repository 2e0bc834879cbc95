"""Claim mentions: sentences that report a checkable event, with stance, source and count.

An event is a verb from data/event_verbs.txt ("detained", "were taken to", "killed"), a
noun from data/event_nouns.txt that carries a count or names its victim ("three deaths",
"the arrest of 40 protesters", "Petrov's arrest"; without either such nouns too often name
something else: "a press release", "the death of democracy"), or a tally of one
(data/tally_words.txt: "the death toll rose to 61"). For each:

1. the count of its victims: the number modifying its subject or object, or the
   subject itself ("at least three of them"), normalised by ``nlp.quantities``;
2. who it comes from: inside a quote, the quote's speaker; else the subject or agent of a
   reporting verb it depends on ("the Courier said", "confirmed by doctors", "as the
   Courier reported"), or "according to X", "citing X";
3. the stance: ``denies`` when a denying verb governs it ("dismissed reports that …")
   or it is negated ("no one is detained"); ``questions`` when hedged ("allegedly");
   ``reports`` when attributed; else ``asserts`` (the outlet's own voice);
4. who did it: the agent ("detained by soldiers") or the subject of an event with an
   object ("police detained 40").
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from newstrace.data_files import data_rows, data_words
from newstrace.model import ClaimMention, Quote
from newstrace.nlp.quantities import parse_quantity
from newstrace.nlp.quotes import reporting_verbs

DENYING = frozenset({"deny", "dismiss", "reject", "refute", "dispute", "rebut"})
HEDGES = frozenset({"allegedly", "alleged", "purportedly", "supposedly", "unconfirmed", "unverified"})
NOBODY = frozenset({"nobody", "none", "noone", "no-one"})
_SOURCE_WORDS = frozenset({"according", "citing"})
_BREAKS = "newstrace.line_breaks"  # Doc.user_data key: offsets of the text's line breaks


@lru_cache(maxsize=1)
def event_nouns() -> dict[str, str]:
    """Lemma -> event, for nouns that name an event (``data/event_nouns.txt``)."""
    return {fields[0]: fields[1] for fields in data_rows("nlp/data/event_nouns.txt") if len(fields) >= 2}


@lru_cache(maxsize=1)
def tally_words() -> dict[str, str]:
    """Lemma -> "tally" for nouns that hold a running count, else the event its people suffered."""
    return {fields[0]: fields[1] for fields in data_rows("nlp/data/tally_words.txt") if len(fields) >= 2}


@lru_cache(maxsize=1)
def event_verbs() -> dict[str, tuple[str, frozenset[str]]]:
    """Lemma -> (event, conditions)."""
    return {fields[0]: (fields[1], frozenset(fields[2].split(",")) if len(fields) > 2 else frozenset())
            for fields in data_rows("nlp/data/event_verbs.txt") if len(fields) >= 2}


def claim_mentions(doc, quotes: tuple[Quote, ...] = ()) -> tuple[ClaimMention, ...]:
    """The claim mentions of a parsed spaCy Doc; ``quotes`` give speakers to claims inside quotes."""
    verbs, nouns, tallies = event_verbs(), event_nouns(), tally_words()
    text = doc.text
    found = []
    for sent in doc.sents:
        seen = set()
        for token in sent:
            tally = _tally(token) if token.pos_ == "NOUN" and tallies.get(token.lemma_.lower()) == "tally" else None
            if tally is not None and tally[0] not in seen:  # "the death toll rose to 61"
                event, count, verb, teller = tally
                seen.add(event)
                found.append(_mention(text, sent, token, event, quotes, count, verb, teller))
                continue
            noun_event = nouns.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
            if noun_event is not None and noun_event not in seen:
                count = _noun_count(token)
                if count is not None or _named_victim(token):  # "three deaths", "the arrest of Ivan Petrov"
                    seen.add(noun_event)
                    found.append(_mention(text, sent, token, noun_event, quotes, count))
                continue
            entry = verbs.get(token.lemma_.lower())
            if token.pos_ not in ("VERB", "AUX") or entry is None or entry[0] in seen:
                continue
            event, conditions = entry
            if "passive" in conditions and not _passive(token):
                continue
            if "into" in conditions and not any(c.dep_ == "prep" and c.lower_ == "into" for c in token.children):
                continue
            if "person" in conditions and not _befalls_people(token, "subject" in conditions):
                continue
            seen.add(event)
            found.append(_mention(text, sent, token, event, quotes))
    return tuple(found)


def _passive(verb) -> bool:
    """"were held", "held by police", and a bare participle: "people shot last year"."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "pcomp", "advcl", "amod") and not any(
        c.dep_ == "aux" for c in verb.children)


_PEOPLE_PRONOUNS = frozenset("i me we us you he him she her they them who whom whoever himself herself "
                             "themselves ourselves myself yourself yourselves".split())
_NOT_DETAINED = frozenset({"accountable", "responsible", "liable"})  # "held accountable" is no detention


def _befalls_people(verb, to_subject: bool) -> bool:
    """Whether an event verb's patient (``_patient_of``) is people. Without a patient it does
    not count: "released on Friday" may be a video. A passive with an object is an idiom
    unless the object is people: "taken care of", but "taken hostage"; so is a flight from
    charges or questions (data/evaded_words.txt)."""
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
    """Whom an event verb befalls: the passive subject ("40 men were held"), the object
    ("released 40 prisoners") or, ``to_subject``, the subject ("the men died", "families fled
    the war"), or the noun a participle or relative clause qualifies ("those released", "men
    who fled"); a verb joined to another shares its subject ("shot and killed")."""
    passive = _passive(verb)
    for _ in range(2):
        patient = _patient(verb, to_subject, passive)
        if patient is not None:
            return patient
        if verb.dep_ not in ("conj", "xcomp") or verb.head is verb:  # "shot and killed", "must die"
            return None
        verb = verb.head  # whose subject it shares, in its own voice
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
        return verb.head  # "those released on Friday", "the released men", "the video released on Friday"
    return None


# Entity labels a name of people can carry: the small model often calls a rare surname an
# organisation ("Scott, who was shot"); a place, a date or a product is no one.
_NAMED_PEOPLE = frozenset({"PERSON", "NORP", "ORG", ""})


_PARTS = frozenset({"many", "several", "few", "some", "all", "dozen", "hundred", "thousand", "million"})


def _is_people(noun) -> bool:
    if noun.ent_type_ in ("PERSON", "NORP") or (noun.pos_ == "PROPN" and noun.ent_type_ in _NAMED_PEOPLE):
        return True
    if noun.lower_ in _PEOPLE_PRONOUNS or noun.like_num:  # "they were freed", "40 were held"
        return True
    people = data_words("nlp/data/people_words.txt")
    lemma = noun.lemma_.lower()
    if lemma not in people and noun.lower_ not in people:
        return False
    if lemma in _PARTS:  # "some of the men", not "some of the files"
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)
        return counted is None or _is_people(counted)
    return True


def _mention(text: str, sent, trigger, event: str, quotes, count: tuple | None = None,
             clause_head=None, teller=None) -> ClaimMention:
    """The mention of ``event`` at ``trigger``. Noun events pass the ``count`` they carry; a
    tally passes the verb whose clause it is and who set it ("officials put the toll at 61")."""
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    speaker = next((q.speaker for q in quotes if any(a <= trigger.idx < b for a, b in q.parts)), None)
    governing, source = _source(trigger)
    if source is None and teller is not None:
        source = _phrase(teller)
    negated = _negated(trigger)
    if speaker is not None:
        attributed, span = speaker.text, (speaker.start, speaker.end)
    elif source is not None:
        attributed, span = source.text.strip(" ,"), (source.start_char, source.end_char)
    else:
        attributed, span = None, None
    if governing is not None and governing.lemma_.lower() in DENYING:
        stance = "denies"
    elif negated:
        stance = "denies"
    elif any(t.lower_ in HEDGES for t in sent):
        stance = "questions"
    elif attributed:
        stance = "reports"
    else:
        stance = "asserts"
    quantity = None if negated else count or _quantity(trigger)  # "no one" is a denial, not a count
    head = clause_head or trigger
    clause = (head.left_edge.idx, head.right_edge.idx + len(head.right_edge))
    doer = _actor(trigger)
    actor = None if doer is None else (doer.start_char, doer.end_char)
    return ClaimMention(start, end, event, stance, attributed, span, quantity, clause, actor)


def _actor(trigger):
    """Who did it: the agent of a passive event ("detained by police", "the arrest of 40 by
    soldiers"), or the subject of an active one with an object ("police detained 40"); the
    subject of "died" or "fled" is its victim, so an event without an object has no actor."""
    for child in trigger.children:
        if child.dep_ == "agent" or (trigger.pos_ == "NOUN" and child.dep_ == "prep" and child.lower_ == "by"):
            doer = next((c for c in child.children if c.dep_ == "pobj"), None)
            if doer is not None:
                return doer.doc[doer.left_edge.i:doer.i + 1]  # "Russian soldiers", not "… near Grozny"
    if trigger.pos_ == "VERB" and any(c.dep_ == "dobj" for c in trigger.children):
        doer = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        if doer is not None and doer.tag_ not in ("WP", "WDT", "PRP"):
            return doer.doc[doer.left_edge.i:doer.i + 1]
    return None


def _source(trigger):
    """The reporting verb the event depends on, and the span naming the source."""
    verbs = reporting_verbs()
    node, below = trigger, None
    for _ in range(6):
        reporting = node is not trigger and node.pos_ in ("VERB", "AUX") and (
            node.lemma_.lower() in verbs or node.lemma_.lower() in DENYING)
        if reporting and not any(c.dep_ == "neg" for c in node.children):
            # The agent tells it when the event is what was told ("the deaths were confirmed
            # by doctors"), not when it only dates the telling ("written by X after the death").
            told = below is not None and below.dep_ in ("nsubjpass", "ccomp", "xcomp", "dobj", "csubjpass")
            subject = (_agent(node) if told else None) or _subject(node)
            if subject is not None and not subject.left_edge.i <= trigger.i <= subject.right_edge.i:
                return node, _phrase(subject)  # (an event noun can be the subject itself: no source)
        for child in node.children:
            if child.lower_ in _SOURCE_WORDS:  # "according to X", "citing X"
                obj = _object_of(child)
                if obj is not None:
                    return None, _phrase(obj)
            if child.dep_ == "advcl" and child.lemma_.lower() in verbs and any(
                    m.dep_ == "mark" and m.lower_ == "as" for m in child.children):
                teller = _agent(child) or _subject(child)  # "…, as confirmed by doctors", "as the Courier reported"
                if teller is not None:
                    return child, _phrase(teller)
        if reporting:
            return node, None
        if node.head is node:
            break
        node, below = node.head, node
    return None, None


def _agent(verb):
    """The agent of a passive verb: "doctors" in "confirmed by doctors"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    agent = None if by is None else next((c for c in by.children if c.dep_ == "pobj"), None)
    return agent if agent is not None and _line(agent) == _line(verb) else None


def _subject(verb):
    """A verb's subject; for "…, who deny" the noun it refers to; for "puts … and says" the first verb's."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                subject = verb.head  # "the authorities, who deny that …"
            return subject if _line(subject) == _line(verb) else None  # a caption the parse ran into
        if verb.dep_ != "conj" or verb.head is verb:
            return None
        verb = verb.head
    return None


def _object_of(token):
    for child in token.children:
        if child.dep_ == "pobj":
            return child
        if child.dep_ == "prep":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if child.dep_ == "dobj":
            return child
    return None


def _phrase(token):
    """A noun phrase without relative clauses, or descriptions in apposition (a name in
    apposition stays: "the newspaper Kessel Courier")."""
    dropped = set()
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "punct", "advcl") or (child.dep_ == "appos" and child.pos_ != "PROPN"):
            dropped.update(t.i for t in child.subtree)
    line = _line(token)
    words = [t for t in token.subtree if t.i not in dropped and _line(t) == line]  # never across a paragraph
    first, last = words[0].i, words[-1].i
    while last > first and token.doc[last].is_punct:
        last -= 1
    return token.doc[first:last + 1]


def _line(token) -> int:
    """Which paragraph of the text a token is in (its count of line breaks before it)."""
    breaks = token.doc.user_data.get(_BREAKS)
    if breaks is None:  # once per document: Doc.text is rebuilt from the tokens on every access
        text = token.doc.text
        breaks = token.doc.user_data[_BREAKS] = [k for k, char in enumerate(text) if char == "\n"]
    return bisect_left(breaks, token.idx)


def _negated(trigger) -> bool:
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    if trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
        return True  # "there were no arrests"
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if child.lower_ in NOBODY or any(d.dep_ == "det" and d.lower_ == "no" for d in child.children):
                return True  # "no one is detained", "nobody was held", "no person is held"
    return False


def _quantity(trigger) -> tuple | None:
    """The count of the event's victims, from its subject or object, else from the patient
    it shares ("707 people shot and killed") or a number just before it."""
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            count = _count_of(child)
            if count is not None:
                return count
    patient = _patient_of(trigger, False) if trigger.pos_ == "VERB" else None
    if patient is not None and patient.head is not trigger:
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
    """The count an event noun carries: its own number ("three deaths") or that of its
    "of" object ("the arrest of 40 protesters")."""
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
    """(event, count, verb, teller) for a tally noun that names its event and states its count:
    "the death toll rose to 61", "the number of arrests reached 300", "the toll is 61", "a toll
    of 61", "officials put the number of detainees at 40" (teller: officials); else None."""
    event = _tallied_event(noun)
    if event is None:
        return None
    verb, teller, number = noun.head, None, None
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
        if noun.dep_ == "dobj":
            teller = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    count = None if number is None else _read_count(number)
    if count is None:
        return None
    return event, count, (verb if own is None else noun), teller


def _tallied_event(noun) -> str | None:
    """The event a tally counts: its compound ("death toll"), or what it is "of" ("the number
    of arrests", "of detainees", "of people detained")."""
    nouns, tallies, verbs = event_nouns(), tally_words(), event_verbs()
    for child in noun.children:
        if child.dep_ == "compound" and child.lemma_.lower() in nouns:
            return nouns[child.lemma_.lower()]
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for counted in (c for c in of.children if c.dep_ == "pobj"):
            lemma = counted.lemma_.lower()
            if lemma in nouns:
                return nouns[lemma]
            if tallies.get(lemma, "tally") != "tally":
                return tallies[lemma]
            done = next((c for c in counted.children if c.dep_ == "acl" and c.lemma_.lower() in verbs), None)
            if done is not None:
                return verbs[done.lemma_.lower()][0]
    return None


def _named_victim(noun) -> bool:
    """Whether an event noun names whom it befell: "the arrest of Ivan Petrov", "Petrov's
    arrest", "the killing of Chechens"."""
    victims = [c for c in noun.children if c.dep_ == "poss"]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        victims += [c for c in prep.children if c.dep_ == "pobj"]
    return any(v.pos_ == "PROPN" and v.ent_type_ in _NAMED_PEOPLE for v in victims)


def _count_before(trigger) -> tuple | None:
    """When the parse ties no number to the event ("DRAVO, March 3 - More than 60 activists have
    been detained"), a count of people just before it in its clause: a number followed by a noun."""
    doc = trigger.doc
    for ent in reversed(doc.ents):
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
    for ent in doc.ents:
        if ent.start <= number.i < ent.end and ent.label_ == "CARDINAL":
            first, last = min(first, ent.start), max(last, ent.end)
    return doc[first:last].text
