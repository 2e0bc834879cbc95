"""Who a word looks back to: the paragraphs a pronoun or a document noun may reach, and the
name a subject pronoun stands for ("Holt told the council … she said": Holt).

Quote speakers and claim sources both give "she said" to the name it stands for, and both
find a cited document's writer a paragraph or two back (``nlp.writers``): one reading of
"how far back", past captions, credits and headings, which are no paragraphs of the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from newstrace.nlp.doc_text import document_text
from newstrace.nlp.quote_marks import is_fragment

PERSON_PRONOUNS = frozenset({"he", "she"})
THIRD_PERSON = frozenset({"he", "she", "they"})  # "I", "we", "you" stand for whoever speaks: no name before
_NAMES = ("PERSON", "ORG", "NORP", "GPE")
_LINE = re.compile(r"[^\n]+")


def window_start(token, back: int) -> int:
    """Where the paragraph ``back`` paragraphs before the token's starts (past captions,
    credits and headings); its own paragraph's start when none is before it."""
    text = document_text(token.doc)
    own = text.rfind("\n", 0, token.idx) + 1
    before = [m.start() for m in _LINE.finditer(text, 0, own) if not is_fragment(m.group())]
    return before[-back] if len(before) >= back else (before[0] if before else own)


def antecedent(pronoun, skip: Callable = lambda ent: False):
    """The name (a spaCy Span, without a trailing "'s") a subject pronoun stands for: the
    nearest earlier name in its paragraph or the one before, a name that is a clause's subject
    first; a person for "he" and "she". Names ``skip`` leaves out (such as those inside
    quotes) and names in captions are never taken. None when no name is there."""
    doc = pronoun.doc
    text = document_text(doc)
    start = window_start(pronoun, 1)
    wanted = ("PERSON",) if pronoun.lower_ in PERSON_PRONOUNS else _NAMES
    own_end = text.find("\n", pronoun.idx)
    lines = [m.span() for m in _LINE.finditer(text, start, own_end if own_end >= 0 else len(text))]
    ends = [b for _, b in lines]
    names = [ent for ent in doc.ents
             if start <= ent.start_char and ent.end_char <= pronoun.idx and ent.label_ in wanted and not skip(ent)
             and not is_fragment(text[slice(*lines[min(bisect_left(ends, ent.start_char), len(lines) - 1)])])]
    if not names:
        return None
    subjects = [ent for ent in names if ent.root.dep_ in ("nsubj", "nsubjpass")]
    best = (subjects or names)[-1]
    return best[:-1] if len(best) > 1 and best[-1].tag_ == "POS" else best
