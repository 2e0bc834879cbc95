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
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])’(?=[^\W\d_])")  # "we’re", "Kadyrov’s", "don’t"; not a closing quote
_WORD = re.compile(r"[^\W\d_]+")
_TITLE_CASE_SHARE = 0.6  # a headline with this share of its words capitalised is in Title Case (or capitals)
_ACRONYM = 4  # a word in capitals this short or shorter, that the body never writes, is an acronym: "NATO"
_SENTENCE_OPENERS = ".!?:\n-–—"  # after these a word opens a sentence (or a dateline's lead): its capital is no name


def is_gap(token) -> bool:
    """Whitespace that parts two blocks of web copy: a blank line, or a run of spaces or tabs
    inside a line, where a picture credit or a heading was glued to the text after it ("PA
    Pooch passing through", "UK Courier  Port Vella Gazette said"). A name or a phrase never
    spans one. A single line break is none: hard-wrapped text breaks lines inside names."""
    return token.is_space and ("\n\n" in token.text or "\n" not in token.text)


def document_text(doc) -> str:
    """The Doc's text, read once: ``Doc.text`` joins every token again on each access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def parsing_text(text: str) -> str:
    """``text`` as the parser is given it: the same length, the same offsets. A typographic
    apostrophe inside a word is given as the plain one the model learned: it lemmatised
    "we’re" as "’re", not "be", so "we’re vigilant" was an event of its own."""
    return _APOSTROPHE.sub("'", text.translate(_FOR_PARSING))


def keep_text(doc, text: str):
    """Record the document's own ``text`` as the Doc's text (parsed as ``parsing_text(text)``)."""
    doc.user_data[_TEXT] = text
    return doc


def cased_like_body(title: str, body: str) -> str:
    """A headline in Title Case or in capitals, cased as its article writes each word, for the
    parser (one for one: every offset holds): the tagger takes a headline's capitals for names
    ("Russia Concludes There Are No Victims" gave an organisation "Russia Concludes"). A word
    the body writes mid-sentence takes the body's casing ("Chechnya", "gay"); any other is
    lowered but a short acronym ("UN"): a name in a headline is nearly always in its body too.
    The first word keeps its capital. A headline in sentence case is returned as it is."""
    words = list(_WORD.finditer(title))
    if len(words) < 3 or sum(m.group()[0].isupper() for m in words) < _TITLE_CASE_SHARE * len(words):
        return title
    forms: dict[str, Counter] = defaultdict(Counter)
    for m in _WORD.finditer(body):
        word = m.group()
        before = body[max(0, m.start() - 3):m.start()].rstrip(" \"'“‘(")
        if before and before[-1] not in _SENTENCE_OPENERS:
            forms[word.lower()][word] += 1  # mid-sentence: the word's own casing
    out = list(title)
    for k, m in enumerate(words):
        word = m.group()
        seen = forms.get(word.lower())
        if seen:
            # its most frequent form, capitals last: a dateline writes a town in capitals
            cased = min(seen, key=lambda form: (form.isupper() and len(form) > 1, -seen[form], form))
        elif word.isupper() and len(word) <= _ACRONYM:
            cased = word  # "UN", "EU"
        else:
            cased = word.lower()
        if k == 0:
            cased = cased[:1].upper() + cased[1:]
        if len(cased) == len(word):  # a case change that alters the length ("ß") is left alone
            out[m.start():m.end()] = cased
    return "".join(out)
