"""Who a claim mention comes from, read off the parse around its predicate.

The subject or agent of a reporting verb the predicate depends on ("the Courier said",
"confirmed by doctors", "as the Courier reported"), "according to X", "citing X"; and
whether that verb denies ("dismissed reports that …"). A claim inside a quote is the
quote's speaker's (``nlp.claims``). The subject of a passive reporting verb ("X is said
to …", "it is reported that …") is what is told: only an agent names who tells it.
"""

from __future__ import annotations

from bisect import bisect_left

from newstrace.nlp.doc_text import document_text
from newstrace.nlp.predicates import DENYING_LEMMAS as DENYING
from newstrace.nlp.quotes import reporting_verbs
from newstrace.nlp.writers import is_document, writer_of

_SOURCE_WORDS = frozenset({"according", "citing"})
_SUBJECT_TELLS = frozenset({"quote"})  # passive, yet the subject is the source: "X was quoted as saying"
_IMPERSONAL = frozenset({"it", "what", "this", "that", "which"})  # subjects that name no source
_BREAKS = "newstrace.line_breaks"  # Doc.user_data key: offsets of the text's line breaks


def source_of(trigger):
    """The reporting verb the predicate depends on (or None), the span naming the source (or
    None), and, where the source is a document's writer, the span naming the document."""
    verbs = reporting_verbs()
    node, below = trigger, None
    for _ in range(6):
        reporting = node is not trigger and node.pos_ in ("VERB", "AUX") and (
            node.lemma_.lower() in verbs or node.lemma_.lower() in DENYING)
        if reporting and not any(c.dep_ == "neg" for c in node.children):
            # The agent tells it when the event is what was told ("the deaths were confirmed
            # by doctors"), not when it only dates the telling ("written by X after the death").
            told = below is not None and below.dep_ in ("nsubjpass", "ccomp", "xcomp", "dobj", "csubjpass")
            if _passive(node) and node.lemma_.lower() not in _SUBJECT_TELLS:
                # "Torture is said to include …", "it is reported that …", "X is alleged to have":
                # the subject is what is told, not who tells it; only an agent tells.
                subject = _agent(node) if told else None
            else:
                subject = (_agent(node) if told else None) or _subject(node)
            if subject is not None and subject.lower_ in _IMPERSONAL:
                subject = None  # "it says", "what is claimed": no one named
            if subject is not None and not subject.left_edge.i <= trigger.i <= subject.right_edge.i:
                return (node, *_source(subject))  # (an event noun can be the subject itself: no source)
        for child in node.children:
            if child.lower_ in _SOURCE_WORDS:  # "according to X", "citing X"
                obj = _object_of(child)
                if obj is not None:
                    return (None, *_source(obj))
            if child.dep_ == "advcl" and child.lemma_.lower() in verbs and any(
                    m.dep_ == "mark" and m.lower_ == "as" for m in child.children):
                teller = _agent(child) or _subject(child)  # "…, as confirmed by doctors", "as the Courier reported"
                if teller is not None:
                    return (child, *_source(teller))
        if reporting:
            return node, None, None
        if node.head is node:
            break
        node, below = node.head, node
    return None, None, None


def _source(token):
    """The phrase naming the source, and the document's where the source is its writer: for a
    document ("the report found"), the writer where the text names one (``nlp.writers``: a
    paragraph or two back at most), else the document itself."""
    if is_document(token):
        writer = writer_of(token)
        if writer is not None:
            return phrase(writer), phrase(token)
    return phrase(token), None


def _passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def _agent(verb):
    """The agent of a passive verb: "doctors" in "confirmed by doctors"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    agent = None if by is None else next((c for c in by.children if c.dep_ == "pobj"), None)
    return agent if agent is not None and line(agent) == line(verb) else None


def _subject(verb):
    """A verb's subject; for "…, who deny" the noun it refers to; for "puts … and says" the first verb's."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                subject = verb.head  # "the authorities, who deny that …"
            return subject if line(subject) == line(verb) else None  # a caption the parse ran into
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


def phrase(token):
    """A noun phrase without relative clauses, or descriptions in apposition (a name in
    apposition stays: "the newspaper Kessel Courier")."""
    dropped = set()
    # A pronoun's relative clause is what names it: "those who escaped", not "those".
    described = ("relcl", "acl") if token.pos_ in ("PRON", "DET", "NUM") else ()
    for child in token.children:
        if (child.dep_ in ("relcl", "acl", "punct", "advcl") and child.dep_ not in described) or (
                child.dep_ == "appos" and child.pos_ != "PROPN"):
            dropped.update(t.i for t in child.subtree)
    paragraph = line(token)
    words = [t for t in token.subtree if t.i not in dropped and line(t) == paragraph]  # never across a paragraph
    first, last = words[0].i, words[-1].i
    while last > first and (token.doc[last].is_punct or token.doc[last].dep_ == "case"):
        last -= 1  # "the council's statement": the council
    return token.doc[first:last + 1]


def paragraph(token) -> tuple[int, int]:
    """The character offsets of the paragraph a token is in."""
    breaks = _breaks(token.doc)
    k = bisect_left(breaks, token.idx)
    return (breaks[k - 1] + 1 if k else 0), (breaks[k] if k < len(breaks) else len(document_text(token.doc)))


def _breaks(doc) -> list[int]:
    breaks = doc.user_data.get(_BREAKS)
    if breaks is None:
        text = document_text(doc)
        breaks = doc.user_data[_BREAKS] = [k for k, char in enumerate(text) if char == "\n"]
    return breaks


def line(token) -> int:
    """Which paragraph of the text a token is in (its count of line breaks before it)."""
    return bisect_left(_breaks(token.doc), token.idx)
