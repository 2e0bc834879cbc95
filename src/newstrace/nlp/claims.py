"""Claim mentions: sentences that report a checkable event, with stance, source and count.

An event is a verb from data/event_verbs.txt ("detained", "were taken to", "killed"), or
a noun from data/event_nouns.txt that carries a count ("three deaths", "the arrest of 40
protesters"; without a count such nouns too often name something else). For each:

1. the count of its victims: the number modifying its subject or object, or the
   subject itself ("at least three of them"), normalised by ``nlp.quantities``;
2. who it comes from: inside a quote, the quote's speaker; else the subject of a
   reporting verb it depends on ("the Courier said"), or "according to X", "citing X";
3. the stance: ``denies`` when a denying verb governs it ("dismissed reports that …")
   or it is negated ("no one is detained"); ``questions`` when hedged ("allegedly");
   ``reports`` when attributed; else ``asserts`` (the outlet's own voice).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from newstrace.data_files import data_rows
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
def event_verbs() -> dict[str, tuple[str, str | None]]:
    """Lemma -> (event, condition)."""
    return {fields[0]: (fields[1], fields[2] if len(fields) > 2 else None)
            for fields in data_rows("nlp/data/event_verbs.txt") if len(fields) >= 2}


def claim_mentions(doc, quotes: tuple[Quote, ...] = ()) -> tuple[ClaimMention, ...]:
    """The claim mentions of a parsed spaCy Doc; ``quotes`` give speakers to claims inside quotes."""
    verbs, nouns = event_verbs(), event_nouns()
    text = doc.text
    found = []
    for sent in doc.sents:
        seen = set()
        for token in sent:
            noun_event = nouns.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
            if noun_event is not None and noun_event not in seen:
                count = _noun_count(token)
                if count is not None:  # "three deaths", "the arrest of 40 protesters"
                    seen.add(noun_event)
                    found.append(_mention(text, sent, token, noun_event, quotes, count))
                continue
            entry = verbs.get(token.lemma_.lower())
            if token.pos_ not in ("VERB", "AUX") or entry is None or entry[0] in seen:
                continue
            event, condition = entry
            if condition == "passive" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
                continue
            if condition == "into" and not any(c.dep_ == "prep" and c.lower_ == "into" for c in token.children):
                continue
            seen.add(event)
            found.append(_mention(text, sent, token, event, quotes))
    return tuple(found)


def _mention(text: str, sent, trigger, event: str, quotes, count: tuple | None = None) -> ClaimMention:
    """The mention of ``event`` at ``trigger``; ``count`` when the caller already read it (noun events)."""
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    speaker = next((q.speaker for q in quotes if any(a <= trigger.idx < b for a, b in q.parts)), None)
    governing, source = _source(trigger)
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
    clause = (trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge))
    return ClaimMention(start, end, event, stance, attributed, span, quantity, clause)


def _source(trigger):
    """The reporting verb the event depends on, and the span naming the source."""
    verbs = reporting_verbs()
    node = trigger
    for _ in range(6):
        reporting = node is not trigger and node.pos_ in ("VERB", "AUX") and (
            node.lemma_.lower() in verbs or node.lemma_.lower() in DENYING)
        if reporting and not any(c.dep_ == "neg" for c in node.children):
            subject = _subject(node)
            if subject is not None and not subject.left_edge.i <= trigger.i <= subject.right_edge.i:
                return node, _phrase(subject)  # (an event noun can be the subject itself: no source)
        for child in node.children:  # "according to X", "citing X"
            if child.lower_ in _SOURCE_WORDS:
                obj = _object_of(child)
                if obj is not None:
                    return None, _phrase(obj)
        if reporting:
            return node, None
        if node.head is node:
            break
        node = node.head
    return None, None


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
    """The count of the event's victims, from its subject or object."""
    for child in trigger.children:
        if child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        number = child if child.like_num or child.ent_type_ == "CARDINAL" else next(
            (c for c in child.children if c.dep_ == "nummod" or (c.ent_type_ == "CARDINAL" and c.like_num)), None)
        if number is None:
            continue
        span = _cardinal(number)
        quantity = parse_quantity(span)
        if quantity is None:
            continue
        unit = child.lemma_ if child is not number and child.pos_ == "NOUN" else None
        return (quantity.value, quantity.low, quantity.high, quantity.qualifier, quantity.text, unit)
    return _count_before(trigger)


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
    quantity = parse_quantity(_cardinal(number))
    if quantity is None:
        return None
    return (quantity.value, quantity.low, quantity.high, quantity.qualifier, quantity.text, unit)


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
        quantity = parse_quantity(ent.text)
        if quantity is not None:
            return (quantity.value, quantity.low, quantity.high, quantity.qualifier, quantity.text, nouns[0].lemma_)
    return None


def _cardinal(number) -> str:
    """The words of a count with its qualifiers: the CARDINAL entity around it, else its modifiers."""
    doc = number.doc
    first = min([number.i] + [c.i for c in number.children if c.dep_ in ("quantmod", "advmod")])
    last = number.i + 1
    for ent in doc.ents:
        if ent.start <= number.i < ent.end and ent.label_ == "CARDINAL":
            first, last = min(first, ent.start), max(last, ent.end)
    return doc[first:last].text
