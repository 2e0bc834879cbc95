"""Name mentions the tagger missed, found by scanning every text for the names it found.

Three kinds, each in document order after the tagger's own mentions:

1. full names (two words or more) the tagger found in one article and missed in another;
2. words one slip from a one-word name found elsewhere ("Ha’artez" for Haaretz,
   "Chechyna" for Chechnya), looked up in a deletion index;
3. titles standing for the one person an article titled so ("the Chechen leader").

What a document yields depends on its own text and mentions, and on the set of names
the whole coverage holds, which adding documents only grows. So the scan is kept
(``NameScan``, in the ledger), and a run given more documents scans the new ones, and of
the old ones only those holding a name new to the coverage, or a word whose slip changed
with the new names; the others yield what they yielded before. Labels are not kept: they
follow the whole coverage's counts, so they are worked out again on every run.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from newstrace.link.entities import MERGE_CLASS, MentionRef
from newstrace.link.spelling import POSSESSIVE, deletions, form_of, key_of, slip

SCAN_VERSION = "1"  # bump when what a scan finds changes: a kept scan of another version is redone

# A capital starting a word (the lookbehind spans it and the character before): a pattern that
# opens with its first letter lets the regex engine skip to capitals, 3x faster than a lookbehind first.
_CAPITALISED = re.compile(r"[A-Z](?<![\w’'-].)[\w’'-]{3,}(?![\w’'-])")
_WORD_CHARACTER = re.compile(r"[\w-]")


@dataclass(frozen=True)
class DocumentScan:
    """What one document yielded: names as (start, end, text); slips as (start, end, text,
    the name it is a slip of); titles as (start, end, text, the start of the name it stands for)."""

    names: tuple[tuple[int, int, str], ...] = ()
    slips: tuple[tuple[int, int, str, str], ...] = ()
    titles: tuple[tuple[int, int, str, int], ...] = ()


@dataclass(frozen=True)
class NameScan:
    """A scan of the first ``len(found)`` documents, and the names it looked for."""

    names: frozenset[str]  # the full names
    one_word: frozenset[str]  # the one-word names, as keys, whose slips were looked for
    capitalised: frozenset[str]  # every capitalised word of the documents
    found: tuple[DocumentScan, ...]

    def to_dict(self) -> dict:
        return {"names": sorted(self.names), "one_word": sorted(self.one_word),
                "capitalised": sorted(self.capitalised),
                "found": [[list(map(list, f.names)), list(map(list, f.slips)), list(map(list, f.titles))]
                          for f in self.found]}

    @classmethod
    def from_dict(cls, data: dict) -> NameScan:
        return cls(frozenset(data["names"]), frozenset(data["one_word"]), frozenset(data["capitalised"]),
                   tuple(DocumentScan(*(tuple(map(tuple, rows)) for rows in found)) for found in data["found"]))


def missed_mentions(documents: Sequence, extractions: dict, mentions: list[MentionRef],
                    known: NameScan | None = None) -> tuple[list[MentionRef], NameScan]:
    """The mentions the tagger missed (``mentions`` are its own, in document order): the full
    names, then the slips, then the titles, each in document order; and the scan, for the
    next run. ``known``: an earlier scan of the first documents, the same as these."""
    written = Counter((m.text, m.label) for m in mentions)  # most mentions repeat one: each once
    full, single = _names(written)
    slip_of = _SlipFinder(single)
    if known is not None and len(known.found) > len(documents):
        known = None
    old = _unchanged(documents, known, set(full), set(single), slip_of) if known else set()
    tagged: dict[int, list[MentionRef]] = defaultdict(list)
    for m in mentions:
        tagged[m.document].append(m)
    pattern = re.compile(longest_first(full) + r"(?![\w-])") if full else None
    found, capitalised = [], set(known.capitalised) if known else set()
    for n, doc in enumerate(documents):
        if n in old:
            found.append(known.found[n])
            continue
        names, slips, words = _names_and_slips(doc.text, tagged[n], pattern, slip_of)
        titles = _titles_standing_for_names(doc.text, extractions[doc.key].roles, tagged[n], names + slips)
        found.append(DocumentScan(tuple(names), tuple(slips), tuple(titles)))
        capitalised |= words
    scan = NameScan(frozenset(full), frozenset(single), frozenset(capitalised), tuple(found))
    return _as_mentions(scan, tagged, full, single), scan


def _names(written: Counter) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """The full names (two capitalised words or more) of people and organisations, and the
    one-word names, as keys, of a class whose spellings merge; each with its labels' counts."""
    full: dict[str, Counter] = defaultdict(Counter)
    single: dict[str, Counter] = defaultdict(Counter)
    for (text, label), count in written.items():
        form, _ = form_of(text)
        words = form.split()
        if label in ("PERSON", "ORG") and len(words) > 1 and all(w[:1].isupper() for w in words):
            full[form][label] += count
        if MERGE_CLASS.get(label) and " " not in form:
            single[key_of(form)][label] += count
    return full, single


class _SlipFinder:
    """A capitalised word as written -> the one name it is a slip of, or None. Candidates
    come from a deletion index (every spelling with one letter left out), so each word is
    looked up, never compared with every name."""

    def __init__(self, names: Collection[str]):
        self.names = names
        self.index: dict[str, set[str]] = defaultdict(set)
        for name in names:
            if len(name) >= 5:
                for variant in deletions(name):
                    self.index[variant].add(name)
        self.seen: dict[str, str | None] = {}

    def __call__(self, written: str) -> str | None:
        if written not in self.seen:
            word = key_of(POSSESSIVE.sub("", written))
            names = set() if word in self.names else {name for variant in deletions(word)
                                                      for name in self.index.get(variant, ())}
            slips = sorted(name for name in names if slip(word, name) in ("transposition", "doubling", "vowel"))
            self.seen[written] = slips[0] if len(slips) == 1 else None
        return self.seen[written]


def _unchanged(documents: Sequence, known: NameScan, full: set[str], single: set[str],
               slip_of: _SlipFinder) -> set[int]:
    """The documents ``known`` scanned that would yield the same again: those holding none of
    the full names new since, nor a word whose slip changed with the new one-word names.
    (Looked for as plain text, wherever it stands: a document that holds one only inside
    another word is scanned again for nothing, never kept wrongly.)"""
    if not (known.names <= full and known.one_word <= single):
        return set()  # names were lost: not a scan of these documents' first ones
    looked_for = full - known.names
    if single != known.one_word:
        slip_before = _SlipFinder(known.one_word)  # the slips depend on nothing else
        looked_for |= {w for w in known.capitalised if slip_of(w) != slip_before(w)}
    scanned = range(len(known.found))
    if not looked_for:
        return set(scanned)
    pattern = re.compile(longest_first(looked_for))
    return {n for n in scanned if not pattern.search(documents[n].text)}


def _names_and_slips(text: str, tagged: list[MentionRef], pattern: re.Pattern | None,
                     slip_of: _SlipFinder) -> tuple[list, list, set[str]]:
    """The full names written, untagged, in the text (``pattern`` matches every full name of
    the coverage), the slips of one-word names, and the text's capitalised words."""
    taken = _Taken((m.start, m.end) for m in tagged)
    names = []
    if pattern is not None:
        for match in _starting_words(pattern, text):
            if match.span() in taken.tagged_spans:
                continue  # most matches: the tagger's own mentions, the names the pattern was made of
            if not taken.overlaps(*match.span()):
                taken.found.add(match.span())
                names.append((match.start(), match.end(), match.group()))
    words = set(_CAPITALISED.findall(text))
    slips = []
    if any(slip_of(w) for w in words):  # the common case, none, decided without walking the matches
        for match in _CAPITALISED.finditer(text):
            if (name := slip_of(match.group())) is None:
                continue
            written = POSSESSIVE.sub("", match.group())
            if not taken.overlaps(*match.span()):
                slips.append((match.start(), match.start() + len(written), written, name))
    return names, slips, words


def _titles_standing_for_names(text: str, roles, tagged: list[MentionRef], found: list) -> list:
    """"the Chechen leader" where the article has called one name "Chechen leader X": that name."""
    named = {m.start for m in tagged} | {start for start, *_ in found}
    spans = [(m.start, m.end) for m in tagged] + [(start, end) for start, end, *_ in found]
    by_title: dict[str, set[int]] = defaultdict(set)
    for role in roles:
        if (role.start < role.mention_start and role.mention_start in named and " " in role.text
                and role.text[:1].isupper()):
            by_title[role.text].add(role.mention_start)
    titles = []
    for title, starts in sorted(by_title.items()):
        if len(starts) != 1:
            continue  # two people share the title here: it names neither
        [start] = starts
        for match in re.finditer(rf"\bthe {re.escape(title)}\b", text, re.IGNORECASE):
            if any(match.end() <= a <= match.end() + 2 for a, _ in spans):
                continue  # "the Chechen leader Ramzan Kadyrov": the name is right there
            titles.append((match.start(), match.end(), match.group(), start))
    return titles


def _as_mentions(scan: NameScan, tagged: dict[int, list[MentionRef]], full: dict[str, Counter],
                 single: dict[str, Counter]) -> list[MentionRef]:
    """The scan's finds as mentions, labelled as most of the coverage labels the name."""
    name_label, slip_label = _most_common_label(full), _most_common_label(single)
    names, slips, titles = [], [], []
    for n, found in enumerate(scan.found):
        names += [MentionRef(n, start, end, text, name_label(text)) for start, end, text in found.names]
    for n, found in enumerate(scan.found):
        slips += [MentionRef(n, start, end, text, slip_label(name)) for start, end, text, name in found.slips]
    for n, found in enumerate(scan.found):
        if found.titles:
            label_at = {m.start: m.label for m in tagged[n]}  # the last mention to start there, as a dict keeps it
            label_at.update((start, name_label(text)) for start, _, text in found.names)
            label_at.update((start, slip_label(name)) for start, _, _, name in found.slips)
            titles += [MentionRef(n, start, end, text, label_at[refers], refers_to=(n, refers))
                       for start, end, text, refers in found.titles]
    return names + slips + titles


def _most_common_label(labels: dict[str, Counter]) -> Callable[[str], str]:
    chosen: dict[str, str] = {}

    def label(name: str) -> str:
        if name not in chosen:
            chosen[name] = labels[name].most_common(1)[0][0]
        return chosen[name]

    return label


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
        self.tagged_spans = set(self.tagged.spans)

    def overlaps(self, start: int, end: int) -> bool:
        return self.tagged.overlaps(start, end) or self.found.overlaps(start, end)


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
