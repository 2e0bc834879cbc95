"""Named-entity mentions from spaCy's NER, with exact offsets."""

from __future__ import annotations

from newstrace.model import EntityMention

# Labels that name something; numbers, dates and money are the claims layer's business.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})


def entity_mentions(doc) -> tuple[EntityMention, ...]:
    """Name mentions in a parsed spaCy Doc, possessive "'s" left out of the span."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        span = ent
        if len(span) > 1 and span[-1].tag_ == "POS":
            span = span[:-1]
        text = span.text.strip()
        if len(text) < 2:
            continue
        found.append(EntityMention(span.start_char, span.start_char + len(text), text, ent.label_))
    return tuple(found)
