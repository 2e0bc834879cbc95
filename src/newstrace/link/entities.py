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
   An organisation's last word ("the Courier") and its initials ("HRW") do the same.
4. Settings can forbid (``entity_never_merge``) or force (``entity_always_merge``)
   a merge, or turn merging off (``entity_merge``).

Every merged spelling is kept as a variant with a note saying why it was merged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import OSA

from newstrace.link.roles import AffiliationConflict, RoleRef, affiliation_conflicts, entity_roles
from newstrace.settings import Settings

# Spelling variants are compared within a class: taggers confuse people with organisations
# and places with facilities, but seldom a person with a place.
MERGE_CLASS = {"PERSON": "agent", "ORG": "agent", "GPE": "place", "LOC": "place", "FAC": "place"}
_LABEL_ORDER = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT")
_VOWELS = set("aeiouy")
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_PREPOSITIONS = frozenset("at of in for with from to about on by near into over under against between within "
                          "without who which that".split())


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    raw = resources.files("newstrace").joinpath(f"link/data/{name}").read_text("utf-8")
    return frozenset(line.strip().casefold() for line in raw.splitlines()
                     if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class MentionRef:
    """A name mention of one document, as linking sees it."""

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


def form_of(text: str) -> tuple[str, bool]:
    """The name to compare, and whether a title was taken off its front."""
    words = _LEADING_THE.sub("", text.strip()).split()
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    titles = word_list("titles.txt")
    titled = False
    while len(words) > 1 and words[0].casefold().rstrip(".") in titles:
        words = words[1:]
        titled = True
    return " ".join(words), titled


def key_of(form: str) -> str:
    """Case, accents, apostrophes and hyphens do not make two names."""
    folded = unicodedata.normalize("NFKD", form.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"['’`.]", "", folded)
    return " ".join(re.sub(r"[-‐–]", " ", folded).split())


def link_entities(mentions: Sequence[MentionRef], outlets: Sequence[str | None] = (),
                  settings: Settings | None = None) -> list[Entity]:
    """Group mentions into entities, most mentioned first."""
    settings = settings or Settings()
    forms = [form_of(m.text) for m in mentions]
    keys = [key_of(f) for f, _ in forms]
    types = _types(mentions, keys, {key_of(o) for o in outlets if o})
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
                if not documents_of[a] & documents_of[b] or _typo_only(a, b):
                    groups.union(a, b)
        for a, b in settings.entity_always_merge:
            if key_of(a) in groups.parent and key_of(b) in groups.parent:
                groups.union(key_of(a), key_of(b), force=True)

    owner = [groups.find(k) for k in keys]
    notes: dict[int, str] = {}
    if merge:
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


def _types(mentions, keys, outlet_keys) -> dict[str, str]:
    """Each form's type: its mentions' most common label, repaired where evidence is strong."""
    labels: dict[str, Counter] = defaultdict(Counter)
    described: dict[str, set[str]] = defaultdict(set)
    with_article: Counter = Counter()
    for m, key in zip(mentions, keys):
        labels[key][m.label] += 1
        with_article[key] += bool(_LEADING_THE.match(m.text))
        if m.described_as:
            described[key].add(m.described_as.casefold())
    org_words = word_list("organisation_words.txt")
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
    """Pairs of forms (same word count, same first letters) that differ by misspellings only."""
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for key in keys:
        words = key.split()
        buckets[(len(words), words[0][:1], words[-1][:1])].append(key)
    pairs = []
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if _same_name(a.split(), b.split()):
                    pairs.append((a, b))
    return pairs


def _same_name(a: list[str], b: list[str]) -> bool:
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    if not changed:
        return False
    if all(_misspelt(x, y) or _transliterated(x, y) for x, y in changed):
        return True
    # One long word slipped twice while every other word is the same: Kessel Courier / Currier.
    return len(a) > 1 and len(changed) == 1 and _slipped_twice(*changed[0])


def _slipped_twice(x: str, y: str) -> bool:
    return x[:1] == y[:1] and min(len(x), len(y)) >= 7 and OSA.distance(x, y) == 2


def _misspelt(x: str, y: str) -> bool:
    return _slip(x, y) is not None


def _slip(x: str, y: str) -> str | None:
    """The kind of one slip of the pen between two spellings, or None: a ``transposition``,
    a ``doubling`` (a letter doubled or undoubled), a ``vowel`` for another inside the word,
    a ``drop`` (a letter left out inside the word)."""
    if x[:1] != y[:1] or min(len(x), len(y)) < 5 or OSA.distance(x, y) != 1:
        return None
    if len(x) == len(y):
        diff = [k for k in range(len(x)) if x[k] != y[k]]
        if len(diff) == 2:
            return "transposition"  # Razman / Ramzan
        k = diff[0]
        return "vowel" if 0 < k < len(x) - 1 and x[k] in _VOWELS and y[k] in _VOWELS else None  # Novoya
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    k = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    if k == 0:
        return None
    if long_[k] == long_[k - 1]:
        return "doubling"  # Veradin / Veradinn
    return "drop" if k < len(short) else None  # Tomas / Thomas; a last letter more is a plural


# Spellings one alphabet's sound gets in another's: Aleksei/Alexei, Dmitry/Dmitri, Artemyev/Artemiev.
_TRANSLITERATION = ((re.compile(r"x"), "ks"), (re.compile(r"kh"), "h"), (re.compile(r"ph"), "f"),
                    (re.compile(r"w"), "v"), (re.compile(r"ck"), "k"), (re.compile(r"ou"), "u"),
                    (re.compile(r"(?<=[aeiou])[yj](?=[aeiou])"), "i"), (re.compile(r"[yj]"), "i"),
                    (re.compile(r"ii"), "i"), (re.compile(r"(.)\1"), r"\1"))


def skeleton(word: str) -> str:
    for pattern, replacement in _TRANSLITERATION:
        word = pattern.sub(replacement, word)
    return word


def _transliterated(x: str, y: str) -> bool:
    return x[:1] == y[:1] and min(len(x), len(y)) >= 5 and skeleton(x) == skeleton(y)


def _typo_only(a: str, b: str) -> bool:
    """Only transpositions and doublings: slips one writer makes within one article, not two
    different names that an article could hold side by side."""
    return all(_slip(x, y) in ("transposition", "doubling") for x, y in zip(a.split(), b.split()) if x != y)


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
    full: dict[str, list[str]] = defaultdict(list)  # type -> roots of multi-word names
    for key in groups.parent:
        if len(key.split()) > 1 and types[key] in ("PERSON", "ORG"):
            root = groups.find(key)
            if root not in full[types[key]]:
                full[types[key]].append(root)
    in_document: dict[int, set[str]] = defaultdict(set)
    named_at: dict[tuple[int, str], list[int]] = defaultdict(list)  # (document, root) -> full-name starts
    for m, key, root in zip(mentions, keys, owner):
        in_document[m.document].add(root)
        if " " in key:
            named_at[(m.document, root)].append(m.start)
    for i, (m, key) in enumerate(zip(mentions, keys)):
        if len(key.split()) != 1 or types[key] not in ("PERSON", "ORG") or any(
                " " in k for k in groups.keys[owner[i]]):
            continue  # already part of a full name
        # A one-word "organisation" may also be a surname the tagger misread.
        fits: dict[str, str] = {}  # root -> the type it fits as
        for typ in (types[key], "PERSON"):
            for root in full[typ]:
                if root not in fits and _short_form(key, groups.keys[root], typ):
                    fits[root] = typ
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


def _short_form(word: str, names: set[str], typ: str) -> bool:
    for name in names:
        words = name.split()
        if word == words[-1] or (typ == "PERSON" and (_misspelt(word, words[-1]) or _transliterated(word, words[-1]))):
            return True
        if typ == "ORG" and word == words[0] and len(word) >= 5 and word not in word_list("organisation_words.txt"):
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
    counts = Counter(forms[i][0] for i in indices)
    longest = max(len(f.split()) for f in counts)
    full = [f for f in counts if len(f.split()) == longest]
    first_seen = {forms[i][0]: n for n, i in reversed(list(enumerate(indices)))}
    name = min(full, key=lambda f: (-counts[f], first_seen[f]))
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
        note = notes.get(i) or _note(form, titled, keys[i], name, name_key)
        variant = variants.setdefault(text, Variant(text, 0, [], note))
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
    translit = len(key.split()) == len(name_key.split()) and not all(_misspelt(x, y) for x, y in pairs) and all(
        _misspelt(x, y) or _transliterated(x, y) for x, y in pairs)
    return ("transliteration variant" if translit else "probable misspelling") + (", title" if titled else "")


_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]{3,}(?![\w’'-])")


def _untagged_misspellings(documents: Sequence, mentions: list[MentionRef]) -> list[MentionRef]:
    """Words the tagger missed: full names it found in another article, and slips of a one-word
    name found elsewhere ("Ha’artez" for Haaretz, "Chechyna" for Chechnya), as mentions.

    Candidates come from a deletion index (every spelling with one letter left out), so each
    word of the coverage is looked up, never compared with every name."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        form, _ = form_of(m.text)
        if MERGE_CLASS.get(m.label) and " " not in form:
            labels[key_of(form)][m.label] += 1
    index: dict[str, set[str]] = defaultdict(set)
    for name in labels:
        if len(name) >= 5:
            for variant in _deletions(name):
                index[variant].add(name)
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        taken[m.document].append((m.start, m.end))
    found = _untagged_names(documents, mentions, taken)
    for n, doc in enumerate(documents):
        for match in _CAPITALISED.finditer(doc.text):
            word = key_of(_POSSESSIVE.sub("", match.group()))
            if word in labels or any(a < match.end() and match.start() < b for a, b in taken[n]):
                continue
            names = {name for variant in _deletions(word) for name in index.get(variant, ())}
            slips = sorted(name for name in names if _slip(word, name) in ("transposition", "doubling", "vowel"))
            if len(slips) == 1:
                label = labels[slips[0]].most_common(1)[0][0]
                text = _POSSESSIVE.sub("", match.group())
                found.append(MentionRef(n, match.start(), match.start() + len(text), text, label))
    return found


def _titles_standing_for_names(documents: Sequence, extractions: dict,
                               mentions: list[MentionRef]) -> list[MentionRef]:
    """"the Chechen leader" where the article has called one name "Chechen leader X": that name."""
    at = {(m.document, m.start): m for m in mentions}
    found = []
    for n, doc in enumerate(documents):
        by_title: dict[str, set[int]] = defaultdict(set)
        for role in extractions[doc.key].roles:
            named = at.get((n, role.mention_start))
            if role.start < role.mention_start and named and " " in role.text and role.text[:1].isupper():
                by_title[role.text].add(role.mention_start)
        taken = [(m.start, m.end) for m in mentions if m.document == n]
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


def _untagged_names(documents, mentions, taken) -> list[MentionRef]:
    """Full names (two words or more) found in one article and written, untagged, in another."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        form, _ = form_of(m.text)
        words = form.split()
        if m.label in ("PERSON", "ORG") and len(words) > 1 and all(w[:1].isupper() for w in words):
            labels[form][m.label] += 1
    if not labels:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(labels, key=len, reverse=True))
                         + r")(?![\w-])")
    found = []
    for n, doc in enumerate(documents):
        for match in pattern.finditer(doc.text):
            if not any(a < match.end() and match.start() < b for a, b in taken[n]):
                taken[n].append(match.span())
                label = labels[match.group()].most_common(1)[0][0]
                found.append(MentionRef(n, match.start(), match.end(), match.group(), label))
    return found


def _deletions(word: str) -> set[str]:
    return {word} | {word[:k] + word[k + 1:] for k in range(len(word))}


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


def entity_layer(documents: Sequence, extractions: dict, settings: Settings | None = None) -> EntityLayer:
    settings = settings or Settings()
    mentions = mention_refs(documents, extractions)
    if settings.entity_merge:
        mentions = mentions + _untagged_misspellings(documents, mentions)
        mentions = mentions + _titles_standing_for_names(documents, extractions, mentions)
    entities = link_entities(mentions, [d.outlet for d in documents], settings)
    roles = entity_roles(entities, mentions, [extractions[d.key].roles for d in documents])
    return EntityLayer(mentions, entities, roles, affiliation_conflicts(roles))
