"""Quote clusters across the coverage, and what changed between the versions.

Candidates first, then exact work: quotes sharing a three-word run are aligned word
by word; those that share most of their words are one utterance. Spelling variants
(Authorised/Authorized) count as the same word; bracketed glosses and ellipses are
set aside for the match and reported afterwards. With an embedding model, quotes
given to the same speaker that say the same thing in other words are joined as
translation variants.

Each cluster is then compared with its *reference* version, the one most documents
carry (earliest published on a tie), to report, with the words as evidence:
alteration (inserted, deleted or replaced words, bracketed insertions),
truncation (a shorter stretch of a fuller version) and misattribution (the same
words given to different named speakers; ``speaks_for`` instead when one is an organisation
and the other's document ties them to it, a press attaché and the embassy, so that the reader
sees why it is no misattribution).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import combinations

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract, extractOne
from spacy.lang.en.stop_words import STOP_WORDS

from newstrace.link.groups import UnionFind
from newstrace.model import Quote
from newstrace.settings import Settings

# text list -> unit vectors, one row a text (numpy array); None when no embedding model is available
Embedder = Callable[[list[str]], object]

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[\[\]()]|…|\.\.\.")
_WORD = re.compile(r"\w+")
MIN_SHARED_WORDS = 4  # a three-word phrase in two quotes is a phrase, not one utterance
SPELLING_RATIO = 80  # rapidfuzz ratio at which two words are one word spelled two ways
TRANSLATION_MIN_WORDS = 5
TRUNCATION_SHARE = 0.9  # a version with less than this share of the fullest one's words is truncated


@dataclass(frozen=True)
class QuoteRef:
    """One quote of one document, with what linking needs to know of it."""

    document: int  # index into the documents
    index: int  # index into that document's quotes
    content: str
    speaker: str | None  # the speaker's head word when it is a name; None when unknown
    speaker_text: str | None
    published: str | None
    speaker_label: str | None = None  # the named entity the speaker is: PERSON, ORG, ...
    speaker_ties: tuple[str, ...] = ()  # how the document describes the speaker: roles, affiliations


@dataclass(frozen=True)
class _Words:
    words: tuple[str, ...]  # matching keys, bracketed words and ellipses left out
    shown: tuple[str, ...]  # the same words as written
    bracketed: tuple[str, ...]  # words the quote puts in brackets
    elided_after: frozenset[int]  # positions (in words) after which an ellipsis stands


@dataclass
class QuoteFlag:
    kind: str  # alteration | truncation | misattribution | speaks_for | translation_variant
    quotes: list[int]  # positions in the cluster's member list
    detail: str
    inserted: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)


@dataclass
class QuoteCluster:
    members: list[int]  # indices into the refs given to cluster_quotes
    canonical: int  # the member whose text is the fullest version
    reference: int  # the member most documents agree with
    first: int | None  # the member published first, when dates tell
    flags: list[QuoteFlag]


def words_of(content: str) -> _Words:
    words, shown, bracketed, elided = [], [], [], set()
    depth = 0
    for token in _TOKEN.findall(content):
        if token in "[(":
            depth += 1
        elif token in "])":
            depth = max(0, depth - 1)
        elif token in ("…", "..."):
            elided.add(len(words))
        elif depth:
            bracketed.append(token)
        else:
            words.append(_key(token))
            shown.append(token)
    return _Words(tuple(words), tuple(shown), tuple(bracketed), frozenset(elided))


def _key(word: str) -> str:
    if word.isascii():  # most words: nothing to fold but case
        return word.lower()
    folded = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and ratio(a, b) >= SPELLING_RATIO)


@lru_cache(maxsize=1 << 14)  # a quote's versions are compared with each other several times over
def _opcodes(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[tuple, ...]:
    """How ``b`` differs from ``a``, word by word (difflib's opcodes)."""
    if a == b:  # most versions of a quote: what difflib would say, without its work
        return (("equal", 0, len(a), 0, len(b)),) if a else ()
    return tuple(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())


def _aligned(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[int, tuple]:
    """Words of ``a`` and ``b`` matched in order (spelling variants included), and the opcodes."""
    ops = _opcodes(a, b)
    matched = 0
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            matched += i2 - i1
        elif tag == "replace" and i2 - i1 == j2 - j1:
            matched += sum(_same_word(x, y) for x, y in zip(a[i1:i2], b[j1:j2]))
    return matched, ops


def _first_same_word(word: str, words: list[str]) -> int | None:
    """Where the first of ``words`` that is ``word`` (``_same_word``) stands, compared in C."""
    found = extract(word, words, scorer=ratio, score_cutoff=SPELLING_RATIO, limit=None)
    return min((n for other, _, n in found if other == word or min(len(word), len(other)) >= 4), default=None)


def cluster_quotes(refs: Sequence[QuoteRef], labels: Sequence[str], embed: Embedder | None = None,
                   settings: Settings | None = None) -> list[QuoteCluster]:
    """Group the quotes into utterances and flag what differs between the versions of each.

    ``labels`` name the documents in flag details ("doc-3"), by document index."""
    settings = settings or Settings()
    share = settings.quote_min_shared
    words = [words_of(r.content) for r in refs]
    sets = UnionFind(len(refs))
    for i, j in _candidate_pairs(words):
        if sets.find(i) != sets.find(j) and _same_utterance(words[i].words, words[j].words, share):
            sets.union(i, j)

    translated: set[tuple[int, int]] = set()
    if embed is not None:
        for i, j in _translation_pairs(refs, words, sets.find, embed, settings.quote_translation_similarity):
            translated.add((i, j))
            sets.union(i, j)

    translated_in: dict[int, list[tuple[int, int]]] = defaultdict(list)  # by cluster, so each sees its own
    for i, j in sorted(translated):
        translated_in[sets.find(i)].append((i, j))
    clusters = [_describe(members, refs, words, translated_in.get(sets.find(members[0]), []), labels, share)
                for members in sets.groups()]
    clusters.sort(key=lambda c: (-len({refs[m].document for m in c.members}), c.members[0]))
    return clusters


def _candidate_pairs(words: list[_Words]) -> list[tuple[int, int]]:
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        for gram in {w.words[k:k + 3] for k in range(len(w.words) - 2)}:
            postings[gram].append(i)
    pairs = set()
    for members in postings.values():
        if len(members) <= 200:  # a run every quote shares says nothing
            pairs.update(combinations(members, 2))
    return sorted(pairs)


def _same_utterance(a: Sequence[str], b: Sequence[str], share: float) -> bool:
    """Most of the shorter quote's words are the other's, and most of its content words too:
    "before the end of the year" and "the beginning of the end of the organisation" share
    four words, of which only "end" says anything; "American aggression against the Islamic
    State" shares a name and a preposition with any quote on the group."""
    matched, ops = _aligned(a, b)
    if matched < MIN_SHARED_WORDS or matched < share * min(len(a), len(b)):
        return False
    shorter = a if len(a) <= len(b) else b
    content = sum(w not in STOP_WORDS for w in shorter)
    return _content_matched(a, b, ops) >= max(1.0, share * content)


def _content_matched(a: Sequence[str], b: Sequence[str], ops) -> int:
    """How many of the matched words are not function words."""
    count = 0
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            count += sum(w not in STOP_WORDS for w in a[i1:i2])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            count += sum(_same_word(x, y) and x not in STOP_WORDS for x, y in zip(a[i1:i2], b[j1:j2]))
    return count


def _translation_pairs(refs, words, find, embed: Embedder, threshold: float) -> list[tuple[int, int]]:
    """Same speaker, different documents, same meaning, not already one cluster: two translations.

    Quotes are bucketed by speaker first, so the work grows with each speaker's quotes, not
    with all pairs in the coverage."""
    buckets: dict[str, list[int]] = defaultdict(list)
    homes: dict[str, str] = {}  # one spelling per speaker: "Veradin" and "Vreadin" share a bucket
    for i, r in enumerate(refs):
        if not _translatable(r, words[i]):
            continue
        key = _key(r.speaker)
        if key not in homes:
            near = extractOne(key, list(buckets), scorer=ratio, score_cutoff=SPELLING_RATIO) if len(key) >= 4 else None
            homes[key] = near[0] if near and len(near[0]) >= 4 else key
        buckets[homes[key]].append(i)
    buckets = {k: v for k, v in buckets.items() if len({refs[i].document for i in v}) > 1}
    if not buckets:
        return []
    needed = sorted(i for members in buckets.values() for i in members)
    vectors = embed([refs[i].content for i in needed])
    if vectors is None:
        return []
    row = {i: n for n, i in enumerate(needed)}
    pairs = []
    for members in buckets.values():
        block = vectors[[row[i] for i in members]]
        similar = block @ block.T
        for a, b in zip(*(similar >= threshold).nonzero()):
            i, j = members[a], members[b]
            if i < j and refs[i].document != refs[j].document and find(i) != find(j):
                pairs.append((i, j))
    return sorted(pairs)


def _describe(members: list[int], refs, words, translated, labels, share) -> QuoteCluster:
    versions = Counter(words[m].words for m in members)
    dated = sorted((refs[m].published[:10], m) for m in members if refs[m].published)
    first = dated[0][1] if dated and (len(dated) == 1 or dated[0][0] < dated[1][0]) else None
    order = {m: n for n, m in enumerate(members)}

    def earliness(m: int) -> tuple:
        return (refs[m].published[:10] if refs[m].published else "9999", order[m])

    reference = min(members, key=lambda m: (-versions[words[m].words], earliness(m)))
    flags: list[QuoteFlag] = []
    flags += _translation_flags(order, translated, reference, refs, words, share)
    lexical = [m for m in members
               if m == reference or _same_utterance(words[m].words, words[reference].words, share)]
    altered = _alteration_flags(order, lexical, reference, refs, words, labels)
    flags += altered
    added = Counter()
    for flag in altered:
        for k in flag.quotes:
            added[members[k]] += sum(len(x.split()) for x in flag.inserted)
    # The fullest version, not counting words a version added: the reference wins a tie.
    canonical = max(lexical, key=lambda m: (len(words[m].words) - added[m], m == reference, -order[m]))
    flags += _truncation_flags(order, lexical, canonical, refs, words, labels)
    flags += _misattribution_flags(order, reference, refs, labels)
    return QuoteCluster(members, canonical, reference, first, flags)


def _alteration_flags(order, lexical, reference, refs, words, labels) -> list[QuoteFlag]:
    """``order`` maps each member to its position in the cluster (flags name quotes by it)."""
    flags = []
    base = words[reference]
    lexical = set(lexical)
    for m in order:
        w = words[m]
        inserted, deleted, notes = [], [], []
        if w.bracketed and (m == reference or w.bracketed != base.bracketed):
            inserted += w.bracketed
            notes.append(f"adds in brackets: ({' '.join(w.bracketed)})")
        if m != reference and m in lexical:
            ins, dele = _inner_changes(base, w)
            inserted += ins
            deleted += dele
            if ins:
                notes.append("adds: " + ", ".join(f"“{x}”" for x in ins))
            if dele:
                notes.append("leaves out: " + ", ".join(f"“{x}”" for x in dele))
        if notes:
            where = labels[refs[m].document]
            flags.append(QuoteFlag("alteration", [order[m]],
                                   f"{'; '.join(notes)} ({where})", inserted, deleted))
    return flags


def _inner_changes(base: _Words, other: _Words) -> tuple[list[str], list[str]]:
    """Words ``other`` adds or drops inside the stretch it shares with ``base``; ends are truncation."""
    ops = _opcodes(base.words, other.words)
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    if not equal:
        return [], []
    inserted, deleted = [], []
    for tag, i1, i2, j1, j2 in ops[equal[0]:equal[-1] + 1]:
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1 and all(
                _same_word(x, y) for x, y in zip(base.words[i1:i2], other.words[j1:j2])):
            continue  # spelling
        if tag in ("insert", "replace"):
            inserted.append(" ".join(other.shown[j1:j2]))
        if tag in ("delete", "replace") and j1 not in other.elided_after:
            deleted.append(" ".join(base.shown[i1:i2]))  # dropped without an ellipsis to say so
    return inserted, deleted


def _truncation_flags(order, lexical, canonical, refs, words, labels) -> list[QuoteFlag]:
    full = words[canonical]
    flags = []
    for m in lexical:
        if m == canonical:
            continue
        w = words[m]
        matched, ops = _aligned(full.words, w.words)
        if matched >= TRUNCATION_SHARE * len(full.words) or matched < TRUNCATION_SHARE * len(w.words):
            continue  # nearly whole, or not a stretch of the fuller version
        left_out = [" ".join(full.shown[i1:i2]) for tag, i1, i2, _, _ in ops if tag in ("delete", "replace")]
        flags.append(QuoteFlag(
            "truncation", [order[m]],
            f"quotes {matched} of the {len(full.words)} words of the fullest version ({labels[refs[canonical].document]})",
            deleted=left_out))
    return flags


def _misattribution_flags(order, reference, refs, labels) -> list[QuoteFlag]:
    named = [m for m in order if refs[m].speaker and refs[m].speaker[:1].isupper()]
    if not named:
        return []
    keys: list[list[int]] = []  # groups of members whose speakers match: each joins the first that does
    spelled: list[str] = []  # each group's first speaker, as a matching key
    group_of: dict[str, list[int]] = {}  # by speaker: a cluster of many versions tests each speaker once
    for m in named:
        speaker = refs[m].speaker
        if speaker not in group_of:
            n = _first_same_word(_key(speaker), spelled)
            if n is None:
                n = len(keys)
                keys.append([])
                spelled.append(_key(speaker))
            group_of[speaker] = keys[n]
        group_of[speaker].append(m)
    if len(keys) < 2:
        return []
    main = max(keys, key=lambda g: (len({refs[m].document for m in g}), reference in g, -min(g)))
    flags = []
    for group in keys:
        if group is main:
            continue
        detail = (f"given to {refs[group[0]].speaker_text} in "
                  + ", ".join(labels[refs[m].document] for m in group)
                  + f"; to {refs[main[0]].speaker_text} in "
                  + ", ".join(labels[refs[m].document] for m in main))
        speaker = _speaks_for(group, main, refs, labels) or _speaks_for(main, group, refs, labels)
        if speaker is not None:  # an embassy's words given to its press attaché: no misattribution
            flags.append(QuoteFlag("speaks_for", [order[m] for m in group], f"{detail}: {speaker}",
                                   speakers=[refs[group[0]].speaker_text, refs[main[0]].speaker_text]))
            continue
        flags.append(QuoteFlag("misattribution", [order[m] for m in group], detail,
                               speakers=[refs[group[0]].speaker_text, refs[main[0]].speaker_text]))
    return flags


def _speaks_for(group: list[int], other: list[int], refs, labels) -> str | None:
    """Why ``group``'s speaker and ``other``'s are no misattribution: one document gives the
    words to both (the embassy "has written", and "the letter from" its attaché), or ``other``'s
    is an organisation, not a person, that ``group``'s document ties its speaker to ("Ivo Brandt,
    a spokesman for the Transport Ministry"). A spokesman's words given to the minister himself
    are a misattribution still: two people."""
    both = sorted({refs[m].document for m in group} & {refs[m].document for m in other})
    if both:
        return f"{labels[both[0]]} gives these words to both"
    bodies = [refs[m] for m in other if refs[m].speaker_label in ("ORG", "GPE")]
    if not bodies:
        return None
    names = {_key(ref.speaker) for ref in bodies}
    for m in group:
        for tie in refs[m].speaker_ties:
            if names & {_key(w) for w in _WORD.findall(tie)}:
                return f"{refs[m].speaker_text} is “{tie}” in {labels[refs[m].document]}"
    return None


def _translation_flags(order, pairs, reference, refs, words, share) -> list[QuoteFlag]:
    """``pairs``: the cluster's pairs of translations."""
    if not pairs:
        return []
    translated = {k for pair in pairs for k in pair} - {reference}  # each once: a quote is in many pairs
    others = sorted(k for k in translated if not _same_utterance(words[k].words, words[reference].words, share))
    if not others:
        return []
    return [QuoteFlag("translation_variant", [order[m] for m in others],
                      f"the same statement by {refs[reference].speaker_text} in other words: "
                      "probably another translation")]


def _translatable(ref: QuoteRef, words: _Words) -> bool:
    """Whether translation matching compares this quote by meaning: a named speaker, enough words."""
    return bool(ref.speaker) and len(words.words) >= TRANSLATION_MIN_WORDS


def translation_candidates(document, extraction) -> list[str]:
    """The quotes of one document translation matching may embed (``_translatable``), as texts."""
    refs = (_ref(0, k, document, quote, extraction, {}) for k, quote in enumerate(extraction.quotes))
    return [r.content for r in refs if _translatable(r, words_of(r.content))]


def quote_refs(documents: Sequence, extractions: dict) -> list[QuoteRef]:
    """Every quote of every document, in document order then text order: the list clusters index."""
    refs = []
    for n, doc in enumerate(documents):
        extraction = extractions[doc.key]
        described = _described(extraction) if extraction.quotes else {}
        for k, quote in enumerate(extraction.quotes):
            refs.append(_ref(n, k, doc, quote, extraction, described))
    return refs


def _described(extraction) -> dict[str, tuple[str, ...]]:
    """What a document calls each name wherever it names it, by the name's last word: roles
    and affiliations ("Press attaché" Petar Slovan, two paragraphs before "Slovan said")."""
    last_word = {e.start: e.text.split()[-1] for e in extraction.entities if e.text.split()}
    described: dict[str, tuple[str, ...]] = {}
    for r in extraction.roles:
        if r.mention_start in last_word:
            name = last_word[r.mention_start]
            described[name] = described.get(name, ()) + (" ".join(filter(None, (r.text, r.affiliation))),)
    return described


def _ref(n: int, k: int, doc, quote: Quote, extraction, described: dict[str, tuple[str, ...]]) -> QuoteRef:
    speaker = quote.speaker
    named = speaker is not None and speaker.head[:1].isupper()
    label, ties = None, ()
    if named:  # the entity the speaker is, and how the document describes them
        label = next((e.label for e in extraction.entities
                      if speaker.start <= e.start and e.end <= speaker.end and speaker.head in e.text), None)
        ties = (speaker.text,) + described.get(speaker.head, ())
    return QuoteRef(document=n, index=k, content=quote.content(doc.text),
                    speaker=speaker.head if named else None,
                    speaker_text=speaker.text if speaker else None, published=doc.published,
                    speaker_label=label, speaker_ties=ties)
