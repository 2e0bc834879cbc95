"""One entity per real person, organisation or place, whatever the spelling.

Mentions are compared by their *form*: the name without a leading "the", a possessive
or a title ("President"). Then, conservatively:

1. Each form takes the type most of its mentions carry, repaired where the evidence
   is strong: a name that is an outlet's, holds an organisation word ("Gazeta",
   "Watch") or is described as one ("…, a newspaper") is an organisation.
2. Forms of one type with the same number of words join when every word is the same
   or a probable misspelling of it (one letter transposed, doubled, dropped, or one
   vowel for another inside the word) or a transliteration of it (Aleksei/Alexei). A document that writes both forms may be telling
   two names apart, so there only transpositions and doublings (typing slips) merge.
   Single words need five letters; the first letter must agree.
3. A surname alone ("Kadyrov") joins the one full name it ends, looked for in its own
   document first, then in the whole coverage; with two candidates it stays apart.
   An organisation's last word ("the Courier") and its initials ("HRW") do the same, and
   its name without the words before it that say what kind of body it is ("Homeland
   Security" for the Department of Homeland Security) joins the one longer name it fits.
4. Settings can forbid (``entity_never_merge``) or force (``entity_always_merge``)
   a merge, or turn merging off (``entity_merge``).

Every merged spelling is kept as a variant with a note saying why it was merged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from newstrace.data_files import data_words
from newstrace.link.spelling import (
    LEADING_THE,
    TWO_SLIPS_LENGTH,
    deletions,
    form_of,
    key_of,
    misspelt,
    same_name,
    skeleton,
    transliterated,
    typo_only,
)
from newstrace.settings import Settings

# Spelling variants are compared within a class: taggers confuse people with organisations
# and places with facilities, but seldom a person with a place.
ORGANISATION_WORDS = "link/data/organisation_words.txt"
MAX_BUCKET = 200  # spellings sharing one index key beyond this say nothing about each other
MERGE_CLASS = {"PERSON": "agent", "ORG": "agent", "GPE": "place", "LOC": "place", "FAC": "place"}
_LABEL_ORDER = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT")


class MentionRef(NamedTuple):
    """A name mention of one document, as linking sees it. A named tuple, not a frozen
    dataclass: linking makes one for every name mention of the coverage on every run, and
    a tuple is made three times as fast."""

    document: int
    start: int
    end: int
    text: str
    label: str
    described_as: str | None = None  # the head word of an apposition: "newspaper"
    refers_to: tuple[int, int] | None = None  # a title standing for a name: (document, that name's start)


@dataclass
class Variant:
    text: str
    count: int
    documents: list[int]
    note: str | None


@dataclass
class Entity:
    name: str
    type: str
    mentions: list[int]  # indices into the MentionRefs, in order
    variants: list[Variant] = field(default_factory=list)


def link_entities(mentions: Sequence[MentionRef], outlets: Sequence[str | None] = (),
                  settings: Settings | None = None, headlines: frozenset[int] = frozenset()) -> list[Entity]:
    """Group mentions into entities, most mentioned first. ``headlines``: the documents that
    are headlines (``texts``), whose labels count only for names no body gives."""
    settings = settings or Settings()
    forms = [form_of(m.text) for m in mentions]
    keys = [key_of(f) for f, _ in forms]
    types = _types(mentions, keys, {key_of(o) for o in outlets if o}, headlines)
    merge = settings.entity_merge
    never = [(key_of(a), key_of(b)) for a, b in settings.entity_never_merge]
    groups = _Groups(never)

    by_class: dict[str, set[str]] = defaultdict(set)
    documents_of: dict[str, set[int]] = defaultdict(set)
    for m, key in zip(mentions, keys):
        groups.add(key)
        if types[key] in MERGE_CLASS:
            by_class[MERGE_CLASS[types[key]]].add(key)
        documents_of[key].add(m.document)
    if merge:
        for members in by_class.values():
            for a, b in _spelling_pairs(sorted(members)):
                if not documents_of[a] & documents_of[b] or typo_only(a, b):
                    groups.union(a, b)
        partial = _partial_names({k for k in documents_of if types[k] == "ORG"})
        for short, longer in partial.items():
            groups.union(short, longer)
        initials = _without_initials({k for k in documents_of if types[k] == "PERSON"})
        for initialled, plain in initials.items():
            groups.union(initialled, plain)
        for a, b in settings.entity_always_merge:
            if key_of(a) in groups.parent and key_of(b) in groups.parent:
                groups.union(key_of(a), key_of(b), force=True)

    owner = [groups.find(k) for k in keys]
    notes: dict[int, str] = {}
    if merge:
        joined = {**{k: (longer, "short form") for k, longer in partial.items()},
                  **{k: (plain, "middle initial") for k, plain in initials.items()},
                  **{plain: (k, "middle initial") for k, plain in initials.items()}}
        notes.update((i, joined[k][1]) for i, k in enumerate(keys)
                     if k in joined and owner[i] == groups.find(joined[k][0]))  # unless a user forbade it
        _attach_short_forms(mentions, keys, types, groups, owner, notes)
        at = {(m.document, m.start): i for i, m in enumerate(mentions)}
        for i, m in enumerate(mentions):
            if m.refers_to in at:
                owner[i] = owner[at[m.refers_to]]
                notes[i] = "title"

    members: dict[str, list[int]] = defaultdict(list)
    for i, root in enumerate(owner):
        members[root].append(i)
    entities = [_entity(idx, mentions, forms, keys, types, notes) for idx in members.values()]
    entities.sort(key=lambda e: (-len(e.mentions), e.name, e.type))
    return entities


def _partial_names(organisations: set[str]) -> dict[str, str]:
    """An organisation named without the words before it that say what kind of body it is
    ("Homeland Security" for the Department of Homeland Security): short name -> the one
    longer name it fits. Only kind words may be left out: a longer name with other words is
    another body or the tagger's debris ("Another State Department"), and words after the
    name often are a newspaper's ("Kessel Times"). A short name two longer ones share stays
    apart from both."""
    kinds = data_words(ORGANISATION_WORDS)
    fits: dict[str, set[str]] = defaultdict(set)
    for name in organisations:
        words = name.split()
        for n in range(2, len(words)):
            part, rest = words[-n:], words[:-n]
            if part[0] not in _JOINERS and any(w in kinds for w in rest) and all(
                    w in kinds or w in _JOINERS for w in rest):
                fits[" ".join(part)].add(name)
    return {short: next(iter(fits[short])) for short in sorted(organisations) if len(fits.get(short, ())) == 1}


def _without_initials(people: set[str]) -> dict[str, str]:
    """A name written with a middle initial and the same name without it ("Dana R. Holt",
    "Dana Holt"): name with initials -> the plain name, where the plain name is written in
    the coverage and no other initial goes with it ("Dana R. Holt" and "Dana S. Holt" may be
    two people, and "Dana Holt" either)."""
    plain: dict[str, list[str]] = defaultdict(list)
    for name in sorted(people):
        words = name.split()
        kept = [w for k, w in enumerate(words) if not (0 < k < len(words) - 1 and len(w) == 1)]
        if len(kept) < len(words) and len(kept) >= 2:
            plain[" ".join(kept)].append(name)
    return {names[0]: key for key, names in plain.items() if key in people and len(names) == 1}


_JOINERS = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "&"})


def _types(mentions, keys, outlet_keys, headlines: frozenset[int] = frozenset()) -> dict[str, str]:
    """Each form's type: its mentions' most common label, repaired where evidence is strong.
    A headline's label counts only for a name no body gives: a headline's capitals mislead
    the tagger ("Inside the Dravo Depot" makes a town an organisation)."""
    labels: dict[str, Counter] = defaultdict(Counter)
    described: dict[str, set[str]] = defaultdict(set)
    with_article: Counter = Counter()
    in_body = {key for key, m in zip(keys, mentions) if m.document not in headlines} if headlines else set()
    # Each distinct (form, label, text, description) once: most mentions repeat one.
    written = Counter((key, m.label, m.text, m.described_as) for key, m in zip(keys, mentions)
                      if m.document not in headlines or key not in in_body)
    for (key, label, text, described_as), count in written.items():
        labels[key][label] += count
        if LEADING_THE.match(text):
            with_article[key] += count
        if described_as:
            described[key].add(described_as.casefold())
    org_words = data_words(ORGANISATION_WORDS)
    types = {}
    for key, counts in labels.items():
        best = min(counts, key=lambda label: (-counts[label], _LABEL_ORDER.index(label)
                                              if label in _LABEL_ORDER else len(_LABEL_ORDER)))
        if best == "PERSON" and (key in outlet_keys or set(key.split()) & org_words or described[key] & org_words):
            best = "ORG"  # "Novaya Gazeta" tagged as a person
        elif best == "PERSON" and with_article[key] * 2 >= sum(counts.values()):
            # "the Upper Kessel": people's names take no article
            best = next((label for label, _ in counts.most_common() if label != "PERSON"), "ORG")
        types[key] = best
    return types


def _spelling_pairs(keys: list[str]) -> list[tuple[str, str]]:
    """Pairs of forms with the same number of words that differ by misspellings only.

    Candidates come from an index, never from all pairs: forms with a word one letter away
    (a deletion index) or spelled alike once transliterated, and forms that share every word
    but a long one with the same first letter (two slips in it). Only forms whose indexed
    words differ are paired: the forms sharing one word as it is ("Milan X", "Milan Y") are
    many in a big coverage, and pairing them all grew with the square of the coverage."""
    buckets: dict[tuple, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # key -> word -> forms
    for key in keys:
        words = key.split()
        for p, word in enumerate(words):
            if len(words) > 1 and len(word) >= TWO_SLIPS_LENGTH:
                buckets[(len(words), p, tuple(words[:p] + words[p + 1:]), word[0])][word].add(key)
            for variant in {skeleton(word)} | deletions(word):
                buckets[(len(words), p, variant)][word].add(key)
    candidates = set()
    for by_word in buckets.values():
        if 1 < len(by_word) <= MAX_BUCKET:
            for one, other in combinations(sorted(by_word), 2):
                candidates.update((a, b) if a < b else (b, a) for a in by_word[one] for b in by_word[other])
    return sorted((a, b) for a, b in candidates if same_name(a.split(), b.split()))


class _Groups:
    """Union-find over form keys that refuses merges the user forbade."""

    def __init__(self, never: list[tuple[str, str]]):
        self.parent: dict[str, str] = {}
        self.keys: dict[str, set[str]] = {}
        self.never = never

    def add(self, key: str) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.keys[key] = {key}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def allowed(self, a: str, b: str) -> bool:
        left, right = self.keys[self.find(a)], self.keys[self.find(b)]
        return not any((x in left and y in right) or (y in left and x in right) for x, y in self.never)

    def union(self, a: str, b: str, force: bool = False) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not (force or self.allowed(a, b)):
            return
        ra, rb = min(ra, rb), max(ra, rb)
        self.parent[rb] = ra
        self.keys[ra] |= self.keys.pop(rb)


def _attach_short_forms(mentions, keys, types, groups: _Groups, owner: list[str], notes: dict[int, str]) -> None:
    """A surname alone, an organisation's last word or its initials joins the one full name it fits."""
    index = _short_form_index(groups, types)
    in_document: dict[int, set[str]] = defaultdict(set)
    named_at: dict[tuple[int, str], list[int]] = defaultdict(list)  # (document, root) -> full-name starts
    for m, key, root in zip(mentions, keys, owner):
        in_document[m.document].add(root)
        if " " in key:
            named_at[(m.document, root)].append(m.start)
    fitting: dict[str, dict[str, str]] = {}
    with_full_names = {root for root, members in groups.keys.items() if any(" " in k for k in members)}
    for i, (m, key) in enumerate(zip(mentions, keys)):
        if " " in key or not key or types[key] not in ("PERSON", "ORG") or owner[i] in with_full_names:
            continue  # a full name, or already part of one
        if key not in fitting:
            fitting[key] = _fits(key, types[key], index, groups)
        fits = fitting[key]
        local = [root for root in fits if root in in_document[m.document]]
        chosen = local if local else list(fits)
        if len(local) > 1:  # "Anna Holt said … Holt added": the one named last before it
            before = [(max(at), r) for r in local if (at := [a for a in named_at[(m.document, r)] if a < m.start])]
            chosen = [max(before)[1]] if before else chosen
        if len(chosen) == 1 and groups.allowed(key, chosen[0]):
            owner[i] = chosen[0]
            notes[i] = _short_note(key, groups.keys[chosen[0]], fits[chosen[0]])
        elif len(chosen) > 1:
            # Two people share the surname: "Holt" here is one of them, and "Holt" in
            # another article may be the other. Keep it to its own article.
            owner[i] = f"{owner[i]}#{m.document}"


def _short_form_index(groups: _Groups, types: dict[str, str]) -> dict[tuple[str, str], set[str]]:
    """Full names (two words or more) by what a short form of them could be: the last word (or a
    spelling one slip away, for people), an organisation's first word, its initials."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in groups.parent:
        words = key.split()
        typ = types[key]
        if len(words) < 2 or typ not in ("PERSON", "ORG"):
            continue
        root = groups.find(key)
        looks = {words[-1]}
        if typ == "PERSON":
            looks |= deletions(words[-1]) | {skeleton(words[-1])}
        else:
            looks |= {words[0], "".join(w[0] for w in words if w not in ("of", "the", "and", "for"))}
        for look in looks:
            index[(typ, look)].add(root)
    return index


def _fits(word: str, typ: str, index, groups: _Groups) -> dict[str, str]:
    """The full names a one-word mention can stand for, and as which type. A one-word
    "organisation" may also be a surname the tagger misread."""
    fits: dict[str, str] = {}
    for kind in dict.fromkeys((typ, "PERSON")):
        looks = {word} | (deletions(word) | {skeleton(word)} if kind == "PERSON" else set())
        candidates = sorted({root for look in looks for root in index.get((kind, look), ())})
        for root in candidates:
            if root not in fits and _short_form(word, groups.keys[root], kind):
                fits[root] = kind
    return fits


def _short_form(word: str, names: set[str], typ: str) -> bool:
    for name in names:
        words = name.split()
        if word == words[-1] or (typ == "PERSON" and (misspelt(word, words[-1]) or transliterated(word, words[-1]))):
            return True
        if typ == "ORG" and word == words[0] and len(word) >= 5 and word not in data_words(ORGANISATION_WORDS):
            return True  # "Amnesty" for Amnesty International
        if typ == "ORG" and word == "".join(w[0] for w in name.split() if w not in ("of", "the", "and", "for")):
            return True
    return False


def _short_note(word: str, names: set[str], typ: str) -> str:
    lasts = {name.split()[-1] for name in names}
    if typ == "ORG":
        return "short form" if word in lasts | {name.split()[0] for name in names} else "acronym"
    return "surname only" if word in lasts else "surname only, probable misspelling"


def _entity(indices: list[int], mentions, forms, keys, types, notes) -> Entity:
    counts = Counter([forms[i][0] for i in indices])
    longest = max(len(f.split()) for f in counts)
    first_seen = {f: n for n, f in enumerate(counts)}  # a Counter keeps the order forms first came in
    name = min((f for f in counts if len(f.split()) == longest), key=lambda f: (-counts[f], first_seen[f]))
    name_key = key_of(name)
    typ = Counter(types[keys[i]] for i in indices).most_common(1)[0][0]
    variants: dict[str, Variant] = {}
    for i in indices:
        m = mentions[i]
        text = m.text.removesuffix("'s").removesuffix("’s")
        if text == name:
            continue
        form, titled = forms[i]
        if form == name and not titled:
            continue  # "the Kessel Courier", "Veradin's": the same name
        variant = variants.get(text)
        if variant is None:  # the first mention written so says why it was merged
            note = notes.get(i) or _note(form, titled, keys[i], name, name_key)
            variant = variants[text] = Variant(text, 0, [], note)
        variant.count += 1
        if m.document not in variant.documents:
            variant.documents.append(m.document)
    return Entity(name, typ, list(indices), sorted(variants.values(), key=lambda v: (-v.count, v.text)))


def _note(form: str, titled: bool, key: str, name: str, name_key: str) -> str | None:
    if key == name_key:
        if titled:
            return "title"
        return None if form == name else "spelling variant"
    pairs = [(x, y) for x, y in zip(key.split(), name_key.split()) if x != y]
    translit = len(key.split()) == len(name_key.split()) and not all(misspelt(x, y) for x, y in pairs) and all(
        misspelt(x, y) or transliterated(x, y) for x, y in pairs)
    return ("transliteration variant" if translit else "probable misspelling") + (", title" if titled else "")
