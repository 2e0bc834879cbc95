"""The name layer the dossier is built from: every name mention (the tagger's, and the ones it
missed), the entities they are linked into, their roles, and conflicting affiliations.

Missed mentions are found three ways: full names the tagger found in one article and missed
in another; words that are one slip from a one-word name found elsewhere ("Ha’artez" for
Haaretz), looked up in a deletion index; and titles standing for the one person an article
titled so ("the Chechen leader").
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate

from newstrace.link.entities import MERGE_CLASS, Entity, MentionRef, link_entities
from newstrace.link.roles import AffiliationConflict, RoleRef, affiliation_conflicts, entity_roles
from newstrace.link.spelling import POSSESSIVE, deletions, form_of, key_of, slip
from newstrace.settings import Settings

_PREPOSITIONS = frozenset("at of in for with from to about on by near into over under against between within "
                          "without who which that".split())
# A capital starting a word (the lookbehind spans it and the character before): a pattern that
# opens with its first letter lets the regex engine skip to capitals, 3x faster than a lookbehind first.
_CAPITALISED = re.compile(r"[A-Z](?<![\w’'-].)[\w’'-]{3,}(?![\w’'-])")


def _untagged_misspellings(documents: Sequence, mentions: list[MentionRef]) -> list[MentionRef]:
    """Words the tagger missed: full names it found in another article, and slips of a one-word
    name found elsewhere ("Ha’artez" for Haaretz, "Chechyna" for Chechnya), as mentions.

    Candidates come from a deletion index (every spelling with one letter left out), so each
    word of the coverage is looked up, never compared with every name."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for (text, label), count in _written(mentions).items():
        form, _ = form_of(text)
        if MERGE_CLASS.get(label) and " " not in form:
            labels[key_of(form)][label] += count
    index: dict[str, set[str]] = defaultdict(set)
    for name in labels:
        if len(name) >= 5:
            for variant in deletions(name):
                index[variant].add(name)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        spans[m.document].append((m.start, m.end))
    taken = defaultdict(_Taken, {n: _Taken(s) for n, s in spans.items()})
    found = _untagged_names(documents, mentions, taken)
    slipped: dict[str, str | None] = {}  # a capitalised word as written -> the one name it is a slip of

    def slip_of(written: str) -> str | None:
        if written not in slipped:
            word = key_of(POSSESSIVE.sub("", written))
            names = set() if word in labels else {name for variant in deletions(word)
                                                  for name in index.get(variant, ())}
            slips = sorted(name for name in names if slip(word, name) in ("transposition", "doubling", "vowel"))
            slipped[written] = slips[0] if len(slips) == 1 else None
        return slipped[written]

    capitalised = [set(_CAPITALISED.findall(doc.text)) for doc in documents]
    slipping = {written for written in set().union(*capitalised) if slip_of(written)}
    for n, doc in enumerate(documents):
        if capitalised[n].isdisjoint(slipping):
            continue  # the common case, decided without walking the matches
        for match in _CAPITALISED.finditer(doc.text):
            if (name := slip_of(match.group())) is None:
                continue
            text = POSSESSIVE.sub("", match.group())
            if not taken[n].overlaps(*match.span()):
                found.append(MentionRef(n, match.start(), match.start() + len(text), text,
                                        labels[name].most_common(1)[0][0]))
    return found


def _titles_standing_for_names(documents: Sequence, extractions: dict,
                               mentions: list[MentionRef]) -> list[MentionRef]:
    """"the Chechen leader" where the article has called one name "Chechen leader X": that name."""
    at = {(m.document, m.start): m for m in mentions}
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        spans[m.document].append((m.start, m.end))
    found = []
    for n, doc in enumerate(documents):
        by_title: dict[str, set[int]] = defaultdict(set)
        for role in extractions[doc.key].roles:
            named = at.get((n, role.mention_start))
            if role.start < role.mention_start and named and " " in role.text and role.text[:1].isupper():
                by_title[role.text].add(role.mention_start)
        taken = spans[n]
        for title, starts in sorted(by_title.items()):
            if len(starts) != 1:
                continue  # two people share the title here: it names neither
            [start] = starts
            for match in re.finditer(rf"\bthe {re.escape(title)}\b", doc.text, re.IGNORECASE):
                if any(match.end() <= a <= match.end() + 2 for a, _ in taken):
                    continue  # "the Chechen leader Ramzan Kadyrov": the name is right there
                found.append(MentionRef(n, match.start(), match.end(), match.group(), at[(n, start)].label,
                                        refers_to=(n, start)))
    return found


def _written(mentions: list[MentionRef]) -> Counter:
    """How often each (text, label) stands among the mentions, in the order first seen: most
    mentions repeat one, so what depends only on these is worked out once each."""
    return Counter((m.text, m.label) for m in mentions)


class _Spans:
    """Spans sorted by start, with the furthest end reached by each and those before it:
    whether a span overlaps one of them is a bisection, not a walk over them all."""

    def __init__(self, spans=()):
        self.spans = sorted(spans)
        self._index()

    def _index(self) -> None:
        self.starts = [start for start, _ in self.spans]
        self.reach = list(accumulate((end for _, end in self.spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans starting before this one ends
        return before > 0 and self.reach[before - 1] > start

    def add(self, span: tuple[int, int]) -> None:
        if self.starts and span[0] < self.starts[-1]:  # out of order: sort again
            insort(self.spans, span)
            self._index()
            return
        self.spans.append(span)
        self.starts.append(span[0])
        self.reach.append(max(self.reach[-1], span[1]) if self.reach else span[1])


class _Taken:
    """The spans of a text already taken: the tagger's mentions, and the names found since,
    which come in text order, so each is added at the end."""

    def __init__(self, tagged=()):
        self.tagged, self.found = _Spans(tagged), _Spans()

    def overlaps(self, start: int, end: int) -> bool:
        return self.tagged.overlaps(start, end) or self.found.overlaps(start, end)


def _untagged_names(documents, mentions, taken: dict[int, _Taken]) -> list[MentionRef]:
    """Full names (two words or more) found in one article and written, untagged, in another;
    their spans are added to ``taken``."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for (text, label), count in _written(mentions).items():
        form, _ = form_of(text)
        words = form.split()
        if label in ("PERSON", "ORG") and len(words) > 1 and all(w[:1].isupper() for w in words):
            labels[form][label] += count
    if not labels:
        return []
    pattern = re.compile(longest_first(labels) + r"(?![\w-])")
    found = []
    for n, doc in enumerate(documents):
        tagged = set(taken[n].tagged.spans)
        for match in _starting_words(pattern, doc.text):
            if match.span() in tagged:
                continue  # most matches: the tagger's own mentions, the names the pattern was made of
            if not taken[n].overlaps(*match.span()):
                taken[n].found.add(match.span())
                label = labels[match.group()].most_common(1)[0][0]
                found.append(MentionRef(n, match.start(), match.end(), match.group(), label))
    return found


_WORD_CHARACTER = re.compile(r"[\w-]")


def _starting_words(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for matches that start a word. Checked here, not by a
    lookbehind in the pattern: a pattern that starts with its first letters lets the regex
    engine skip to where they stand, three times faster over the coverage."""
    position = 0
    while match := pattern.search(text, position):
        start = match.start()
        if start and _WORD_CHARACTER.match(text, start - 1):
            position = start + 1  # inside a word: look again from the next character
            continue
        yield match
        position = max(match.end(), start + 1)


def longest_first(strings) -> str:
    """A regular expression matching any of ``strings``, the longest that fits first, as a trie
    of characters: an alternation of every name would try each one at every position of
    every text, so its cost would grow with the coverage twice over."""
    trie: dict = {}
    for string in strings:
        node = trie
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}  # a string ends here

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer string is tried first

    return "(?:" + render(trie) + ")"


def mention_refs(documents: Sequence, extractions: dict) -> list[MentionRef]:
    """Every name mention of every document, in document then text order: the list entities index."""
    refs = []
    for n, doc in enumerate(documents):
        extraction = extractions[doc.key]
        described = {r.mention_start: _described_as(r.text, after=r.start > r.mention_start)
                     for r in extraction.roles}
        for m in extraction.entities:
            refs.append(MentionRef(n, m.start, m.end, m.text, m.label, described.get(m.start)))
    return refs


def _described_as(role: str, after: bool) -> str | None:
    """The head noun of a role, roughly: a title's last word ("state energy company"), an
    apposition's last word before a preposition ("a diplomat at the trade office")."""
    words = re.findall(r"[\w’'-]+", role)
    if not after:
        return words[-1] if words else None
    for n, word in enumerate(words):
        if word.casefold() in _PREPOSITIONS and n:
            return words[n - 1]
    return words[-1] if words else None


@dataclass(frozen=True)
class EntityLayer:
    """Everything the dossier needs about names: mentions, entities, roles, conflicts."""

    mentions: list[MentionRef]
    entities: list[Entity]
    roles: list[RoleRef]
    conflicts: list[AffiliationConflict]

    @cached_property
    def _by_document(self) -> dict[int, list[tuple[int, int, str, int]]]:
        found: dict[int, list[tuple[int, int, str, int]]] = defaultdict(list)
        for e, entity in enumerate(self.entities):
            for i in entity.mentions:
                m = self.mentions[i]
                found[m.document].append((m.start, m.end, m.text, e))
        for rows in found.values():
            rows.sort()
        return found

    def in_document(self, document: int) -> list[tuple[int, int, str, int]]:
        """(start, end, text, entity index) of every name mention in a document, in text order."""
        return self._by_document.get(document, [])

    def entity_named(self, document: int, start: int, end: int, head: str) -> int | None:
        """The entity a phrase names by its head word: Karimov in "Kadyrov spokesperson Alvi
        Karimov"; none for "Veradin's chief of staff", which only mentions Veradin."""
        holding = [e for a, b, text, e in self.in_document(document) if start <= a and b <= end and head in text.split()]
        return holding[-1] if holding else None


def entity_layer(documents: Sequence, extractions: dict, settings: Settings | None = None) -> EntityLayer:
    settings = settings or Settings()
    mentions = mention_refs(documents, extractions)
    if settings.entity_merge:
        mentions = mentions + _untagged_misspellings(documents, mentions)
        mentions = mentions + _titles_standing_for_names(documents, extractions, mentions)
    entities = link_entities(mentions, [d.outlet for d in documents], settings)
    roles = entity_roles(entities, mentions, [extractions[d.key].roles for d in documents])
    return EntityLayer(mentions, entities, roles, affiliation_conflicts(roles))
