"""A parsed Doc's text, joined once: every pass over a document reads it."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

_TEXT = "newstrace.text"  # Doc.user_data key: the text, once joined
# Characters the English model never learned, given to it as the one it knows, one for one so
# that every offset holds: web copy's horizontal bar "―" was tagged a verb and a noun, and the
# parse broke around it ("… in dock ― a decision few expected ― Castel answered, “…”" gave the
# words to "a decision").
_FOR_PARSING = str.maketrans({"―": "—"})
_WORD = re.compile(r"[^\W\d_]+")
_TITLE_CASE_SHARE = 0.6  # a headline with this share of its words capitalised is in Title Case (or capitals)
_ACRONYM = 4  # a word in capitals this short, that the body never writes, is kept as it is: "UN", "NATO"


def document_text(doc) -> str:
    """The Doc's text, read once: ``Doc.text`` joins every token again on each access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def parsing_text(text: str) -> str:
    """``text`` as the parser is given it: the same length, the same offsets."""
    return text.translate(_FOR_PARSING)


def keep_text(doc, text: str):
    """Record the document's own ``text`` as the Doc's text (parsed as ``parsing_text(text)``)."""
    doc.user_data[_TEXT] = text
    return doc


def cased_like_body(title: str, body: str) -> str:
    """A headline in Title Case or in capitals, cased as its article writes each word, for the
    parser (one for one: every offset holds): the tagger takes a headline's capitals for names
    ("Russia Concludes There Are No Victims" gave an organisation "Russia Concludes"). A word
    the body writes mid-sentence keeps the body's casing ("Chechnya", "gay"); one it never
    writes is lowered, but for the first word and short acronyms. A headline in sentence case
    is returned as it is: its capitals are names."""
    words = list(_WORD.finditer(title))
    if len(words) < 3 or sum(m.group()[0].isupper() for m in words) < _TITLE_CASE_SHARE * len(words):
        return title
    forms: dict[str, Counter] = defaultdict(Counter)
    for m in _WORD.finditer(body):
        before = body[max(0, m.start() - 3):m.start()].rstrip(" \"'“‘(")
        if before and before[-1] not in ".!?:\n":  # mid-sentence: its casing is the word's own
            forms[m.group().lower()][m.group()] += 1
    out = list(title)
    for k, m in enumerate(words):
        word = m.group()
        seen = forms.get(word.lower())
        if seen:
            # its most frequent form, capitals last: a dateline or a kicker writes names in capitals
            cased = min(seen, key=lambda form: (form.isupper() and len(form) > _ACRONYM, -seen[form], form))
        elif word.isupper() and len(word) <= _ACRONYM:
            cased = word
        elif k == 0:
            cased = word[:1] + word[1:].lower()
        else:
            cased = word.lower()
        if len(cased) == len(word):  # a case change that alters the length ("ß") is left alone
            out[m.start():m.end()] = cased
    return "".join(out)
