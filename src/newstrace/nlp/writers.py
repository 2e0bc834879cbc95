"""Who wrote a document the text cites: "the letter says" is its writer's word.

Quotes ("The letter says: …") and claim sources ("the report found that …") both name a
document where a person or a body speaks. The writer is named on the noun itself ("Varga's
letter", "a letter from Varga", "the Kremlin statement"), or on an earlier mention of the
same noun ("Varga sent a letter …", "In a statement, the ministry said …"). With none, the
document stays the source, and says so.
"""

from __future__ import annotations

from bisect import bisect_left

from newstrace.nlp.antecedents import window_start
from newstrace.nlp.predicates import document_nouns

_NOT_A_WRITER = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL"})
PARAGRAPHS_BACK = 2  # how far back an earlier mention of the document may name its writer


def is_document(token) -> bool:
    """A noun for a document ("letter", "statement", "report": ``data/document_nouns.txt``)."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in document_nouns()


def writer_of(document, skip=lambda token: False):
    """The token naming who wrote ``document``, looking back over its paragraph and the
    ``PARAGRAPHS_BACK`` before it (past captions and headings) for an earlier mention of the
    same noun (``skip`` leaves tokens out, such as words inside quotes), else None."""
    found = _named_on(document)
    if found is not None:
        return found
    doc, lemma = document.doc, document.lemma_.lower()
    first = bisect_left([t.idx for t in doc[:document.i]], window_start(document, PARAGRAPHS_BACK))
    for token in reversed(doc[first:document.i]):
        if token.lemma_.lower() != lemma or token.pos_ != "NOUN" or skip(token):
            continue
        found = _named_on(token) or _clause_subject(token, skip)
        if found is not None:
            return found
    return None


def _named_on(document):
    """"Varga's letter", "the ministry's statement", "a letter from the council", "the Kremlin
    statement", "a report of Amnesty": the words beside the noun that name who issued it (a
    common noun only where it can only be the issuer: "a letter of protest", "the autopsy
    report" name none)."""
    for child in document.children:
        if child.dep_ == "poss" and _names_writer(child):
            return child
        if child.dep_ == "compound" and _names_writer(child, named=True):
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and _names_writer(obj, named=child.lower_ == "of"):
                    return obj
    return None


def _clause_subject(document, skip):
    """The subject of the verb whose object the document is ("Varga sent a letter"), or of the
    clause it introduces ("In a statement, the ministry said")."""
    verb = document.head
    if document.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or document.dep_ not in ("dobj", "pobj"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or skip(subject) or subject.pos_ == "PRON":
        return None  # "she sent a letter": left to the document's own words
    return subject if _names_writer(subject) else None


def _names_writer(token, named: bool = False) -> bool:
    """A name, or (unless ``named``) a common noun for who issues documents ("the ministry"),
    never a pronoun, a date or a place, or another document."""
    if token.lemma_.lower() in document_nouns() or token.ent_type_ in _NOT_A_WRITER:
        return False
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    return token.pos_ == "NOUN" and not named
