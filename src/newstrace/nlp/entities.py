"""Named-entity mentions from spaCy's NER, with exact offsets, and the roles the text gives them."""

from __future__ import annotations

import re

from newstrace.data_files import data_words
from newstrace.model import EntityMention, Role
from newstrace.nlp.doc_text import document_text, is_gap

# Labels that name something; numbers, dates and money are the claims layer's business.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})
ROLE_LABELS = frozenset({"PERSON", "ORG"})
_PREFIX_DEPS = frozenset({"compound", "amod", "poss", "nmod", "case"})  # "Kadyrov spokesperson", "Press attaché"
_AFFILIATION_PREPS = frozenset({"at", "of", "for", "with", "from", "in"})


def entity_mentions(doc) -> tuple[EntityMention, ...]:
    """Name mentions in a parsed spaCy Doc, possessive "'s" left out of the span.

    A name the tagger found once is a name wherever else the document writes it: its other
    occurrences, and a person's surname alone ("“…,” Holt said"), are mentions too.
    """
    found = [mention for mention, _ in _mentions(doc)]
    return tuple(sorted(found + _repeated(document_text(doc), found), key=lambda m: (m.start, m.end)))


def _repeated(text: str, found: list[EntityMention]) -> list[EntityMention]:
    taken = [(m.start, m.end) for m in found]
    names: dict[str, str] = {}
    for m in found:
        words = m.text.split()
        if m.label in ("PERSON", "ORG") and len(words) > 1 and all(w[:1].isupper() for w in words):
            names.setdefault(m.text, m.label)
        if m.label == "PERSON" and len(words) > 1 and len(words[-1]) > 2 and words[-1].isalpha() and words[-1].istitle():
            names.setdefault(words[-1], "PERSON")
    extra = []
    for name, label in sorted(names.items(), key=lambda item: -len(item[0])):  # full names first
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            span = match.span()
            if not any(a < span[1] and span[0] < b for a, b in taken):
                taken.append(span)
                extra.append(EntityMention(span[0], span[1], name, label))
    return extra


def _mentions(doc):
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for part in _parts(ent):
            found = _mention(doc, part, ent.label_)
            if found is not None:
                yield found


def _parts(ent) -> list:
    """The entity, or its parts where a gap in the copy runs through it (``is_gap``): the
    tagger read "UK Courier  Port Vella Gazette said" as one organisation."""
    cuts = [t.i for t in ent if is_gap(t)]
    if not cuts:
        return [ent]
    bounds = [ent.start - 1] + cuts + [ent.end]
    return [ent.doc[a + 1:b] for a, b in zip(bounds, bounds[1:]) if b > a + 1]


def _mention(doc, span, label: str):
    """(the mention, its span) of a tagged name, or None for tagger debris."""
    if len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    if label == "PERSON" and len(span) == 1 and span.start > 0 and _missed_first_name(doc[span.start - 1]):
        span = doc[span.start - 1:span.end]  # "Press Attache Dmitry Alushkin": NER took only the surname
    text = _written(span).strip()
    first_letter = next((c for c in text if c.isalpha()), "")
    if len(text) < 2 or not first_letter.isupper():
        return None  # "n’t", "hunt LGBT+": tagger debris, not a name
    return EntityMention(span.start_char, span.start_char + len(text), text, label), span


def _missed_first_name(token) -> bool:
    return (token.pos_ == "PROPN" and token.dep_ == "compound" and token.is_title and token.is_alpha
            and token.lower_ not in data_words("nlp/data/titles.txt"))


def entity_roles(doc) -> tuple[Role, ...]:
    """Titles before a name ("Press attaché Petar Slovan"), appositions after it ("Petar Slovan,
    a diplomat at the trade office") and "of" phrases ("Slovan of the Valdorian Embassy")."""
    roles = []
    for mention, span in _mentions(doc):
        if mention.label not in ROLE_LABELS:
            continue
        root = span.root
        prefix = _prefix(doc, span)
        tail = [c for c in root.children if c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS
                and c.i >= span.end and any(o.dep_ == "pobj" and (o.ent_type_ in ("ORG", "GPE", "NORP") or o.pos_ == "PROPN")
                                            for o in c.children)]
        if prefix is None and root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < span.start:
            prefix = (root.head.left_edge.i, root.head.i + 1)  # "the state energy company Valgrid"
        if prefix is not None:
            affiliation = _text(doc, tail[0].i + 1, _right(tail[0])) if tail else _owner(doc, prefix, span)
            roles.append(_role(doc, mention, prefix[0], prefix[1], affiliation))
        for appos in (c for c in root.children if c.dep_ == "appos" and c.i >= span.end and c.ent_type_ == ""
                      and c.pos_ != "PRON"):
            left, right = appos.left_edge.i, _right(appos)
            preps = [c for c in appos.subtree if c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS]
            affiliation = _text(doc, preps[0].i + 1, _right(preps[0])) if preps else None
            roles.append(_role(doc, mention, left, right, affiliation))
    return tuple(roles)


def _prefix(doc, span) -> tuple[int, int] | None:
    """Tokens just before the name that modify it: titles, offices, "Kadyrov's spokesman"."""
    first = span.start
    while first > 0:
        token = doc[first - 1]
        if token.dep_ not in _PREFIX_DEPS or not (span.start <= _head_inside(token, span) < span.end):
            break
        if token.ent_type_ and token.ent_iob_ != "O" and token.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            break
        first -= 1
    if first == span.start or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[first:span.start]):
        return None  # "the independent Courier": an adjective is no role
    return first, span.start


def _head_inside(token, span) -> int:
    """Follow the token's heads until one lands in the span (or leaves the noun phrase)."""
    for _ in range(6):
        token = token.head
        if span.start <= token.i < span.end or token.dep_ not in _PREFIX_DEPS:
            return token.i
    return token.i


def _owner(doc, prefix: tuple[int, int], span) -> str | None:
    """The organisation or person a title belongs to: "Kadyrov" in "Kadyrov spokesperson"."""
    tokens = doc[prefix[0]:prefix[1]]
    for token in tokens:
        if token.ent_type_ in ("PERSON", "ORG", "GPE"):  # "Russian official": a nationality is no body
            ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
            if ent is not None and (ent.start > prefix[0] or ent.end < prefix[1]):
                return ent.text.removesuffix("'s").removesuffix("’s").strip()
            if ent is not None:
                return None  # "Press Attache Dmitry Alushkin": the title itself, tagged as a body
    for n, token in enumerate(tokens[:-1]):  # "Kadyrov spokesperson": a name before an office
        if token.pos_ == "PROPN" and tokens[n + 1].pos_ == "NOUN":
            return token.text.removesuffix("'s").removesuffix("’s")
    return None


def _right(token) -> int:
    """One past the last token of the token's subtree, in its paragraph, without trailing punctuation."""
    end = token.right_edge.i + 1
    stop = next((t.i for t in token.doc[token.i:end] if "\n" in t.text), None)
    if stop is not None:
        end = stop
    while end > token.i + 1 and (token.doc[end - 1].is_punct or token.doc[end - 1].is_space):
        end -= 1
    return end


def _text(doc, start: int, end: int) -> str | None:
    if end <= start:
        return None
    return _written(doc[start:end]).strip() or None


def _role(doc, mention: EntityMention, start: int, end: int, affiliation: str | None) -> Role:
    span = doc[start:end]
    return Role(mention.start, span.start_char, span.end_char, _written(span), affiliation)


def _written(span) -> str:
    """A span's words as the document writes them: the parser may have read them otherwise
    (``doc_text.parsing_text``, a headline's casing)."""
    return document_text(span.doc)[span.start_char:span.end_char]
