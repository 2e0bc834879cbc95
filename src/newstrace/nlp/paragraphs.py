"""Paragraph breaks are sentence breaks: a spaCy component that runs before the parser.

Web copy puts picture captions, headings and credits on lines of their own, often with no
final stop ("The site of the camp" above "Chechen leader X denied …"). Left to itself, the
parser glues such a line to the next sentence and the sentence loses its subject. A blank
line always starts a sentence; a single line break does when the line before it ends as a
sentence does (hard-wrapped text breaks lines inside sentences, and is left alone).
"""

from __future__ import annotations

from spacy.language import Language

COMPONENT = "newstrace_paragraph_breaks"
_ENDS_SENTENCE = frozenset('.!?…:"”’')


@Language.component(COMPONENT)
def paragraph_breaks(doc):
    for token in doc[1:-1]:
        if not token.is_space or "\n" not in token.text:
            continue
        before = doc[token.i - 1]
        if "\n\n" in token.text or before.text[-1:] in _ENDS_SENTENCE:
            doc[token.i + 1].is_sent_start = True
    return doc
