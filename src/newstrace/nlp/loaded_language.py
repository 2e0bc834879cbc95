"""Loaded language in an article's own voice: words that judge rather than report.

Two kinds of evidence, both outside direct quotes (a speaker's words are theirs, and
words slipped into a quote are an alteration, flagged with the quote):

- terms from ``data/loaded_words.txt`` (pejorative labels, emotive adjectives,
  sensational nouns, distancing words, euphemisms). An adjective or "so-called" takes
  the noun it qualifies, so the flag reads "monstrous crackdown", not "monstrous";
- a place or group named by a religion or nationality and a verb of rule
  ("Muslim-ruled", "Shia-dominated"), which labels rather than describes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newstrace.data_files import data_rows
from newstrace.model import LoadedTerm, Quote
from newstrace.nlp.doc_text import document_text

_RULE_WORDS = frozenset({"ruled", "dominated", "controlled", "led"})
_OPENING, _CLOSING = "“‘\"'", "”’\"'"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern, dict[str, tuple[str, str | None]]]:
    entries = {}
    for fields in data_rows("nlp/data/loaded_words.txt"):
        term = fields[0].replace("_", " ").lower()
        neutral = fields[2].replace("_", " ") if len(fields) > 2 else None
        entries[term] = (fields[1], neutral)
    alternatives = "|".join(r"\s+".join(map(re.escape, t.split())) for t in sorted(entries, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), entries


def loaded_language(doc, quotes: tuple[Quote, ...] = ()) -> tuple[LoadedTerm, ...]:
    """Loaded terms in the parsed document ``doc``, outside the spans of ``quotes``."""
    quoted = sorted(part for q in quotes for part in q.parts)

    def inside_quote(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in quoted)

    pattern, entries = _lexicon()
    text = document_text(doc)
    found = []
    for match in pattern.finditer(text):
        term = re.sub(r"\s+", " ", match.group().lower())
        kind, neutral = entries[term]
        start, end = match.start(), match.end()
        end = _qualified_noun_end(doc, text, start, end)
        found.append(LoadedTerm(start, end, kind, term, neutral))
    found += _identity_labels(doc)
    return tuple(t for t in _merged(found) if not inside_quote(t.start, t.end))


def _qualified_noun_end(doc, text: str, start: int, end: int) -> int:
    """Where the noun an adjective (or "so-called") qualifies ends, if it follows closely."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    last = span[-1]
    if last.dep_ in ("amod", "compound") or last.pos_ == "ADJ":
        head = last.head
        if head.i > last.i and head.i - last.i <= 3 and head.pos_ in ("NOUN", "PROPN"):
            end = max(end, head.idx + len(head.text))
            if end < len(text) and text[end] in _CLOSING and any(c in _OPENING for c in text[start:end]):
                end += 1  # so-called “gay propaganda”: the scare quotes belong to the phrase
    return end


def _identity_labels(doc) -> list[LoadedTerm]:
    """"Muslim-ruled", "Shia-dominated": a religion or nationality, a hyphen, a verb of rule."""
    out = []
    for token in doc:
        if token.lower_ not in _RULE_WORDS or token.i < 2:
            continue
        hyphen, label = doc[token.i - 1], doc[token.i - 2]
        if hyphen.text == "-" and label.ent_type_ == "NORP" and not hyphen.whitespace_ and not label.whitespace_:
            text = document_text(doc)[label.idx:token.idx + len(token.text)]
            out.append(LoadedTerm(label.idx, token.idx + len(token.text), "identity_label", text.lower()))
    return out


def _merged(terms: list[LoadedTerm]) -> list[LoadedTerm]:
    """Overlapping finds become one ("thuggish" + "regime" -> "thuggish regime"), the first one's kind kept."""
    out: list[LoadedTerm] = []
    for term in sorted(terms, key=lambda t: (t.start, -t.end)):
        if out and term.start < out[-1].end:
            last = out[-1]
            out[-1] = LoadedTerm(last.start, max(last.end, term.end), last.kind,
                                 last.term if term.term in last.term else f"{last.term}, {term.term}",
                                 last.neutral or term.neutral)
        else:
            out.append(term)
    return out
