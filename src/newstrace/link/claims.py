"""Claims across the coverage: which mentions report one real-world fact, its statement, its
independent sources, and where the reports conflict.

Mentions join within a story (``link.stories``): a pairwise scorer (``link.claim_pairs``)
gives how likely two mentions report one fact, from their predicates, their arguments and
their documents, and mentions join by average linkage over those probabilities: a claim
holds together as a whole, never through one sentence that bridges two facts. Different
counts for one fact stay one claim (a numeric conflict); the same predicate at another
time, place or with other participants is another claim.

A claim's statement is built from its arguments, a reader's check at a glance: the gist of
its clearest report (a plain statement, with a count, the earliest), then where and when
("More than 60 environmental activists have been detained — Dravo — last month").
Independence is counted by ``link.independence``, conflicts by ``link.conflicts``.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newstrace.link.claim_pairs import BLOCK, MentionTable, candidate_pairs, pair_features, pair_model
from newstrace.link.conflicts import Conflict, clash, claim_conflicts, figures, identity, quantity_of
from newstrace.link.groups import average_linkage
from newstrace.link.independence import independent_origins
from newstrace.link.sources import affiliations, named_kind, source_entity, via_entity
from newstrace.model import ClaimMention
from newstrace.texts import HeadlineText

__all__ = ["Claim", "ClaimRef", "Conflict", "claim_refs", "cluster_claims", "clause_text", "places_side_by_side",
           "quantity_of"]

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PARTICIPANT_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_EMPTY: frozenset = frozenset()  # what every mention that names no one shares (see _frozen)
KEEP = 0.05  # pairs less likely than this are left out of linkage: they count as 0 either way, nearly
_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset("the and that with from have has had were was are been this they their them said says "
                  "for into since who which about after would will his her its our one two".split())
_DETERMINERS = frozenset("the a an this that these those his her its their our my your some any all".split())
_NO_HEADS = frozenset("he she him her it they them we us i you anyone anybody nobody someone somebody everyone "
                      "everybody nothing something everything anything none".split())  # say nothing of who


@dataclass(frozen=True)
class ClaimRef:
    """A claim mention as linking reads it: where it is, and its arguments as entity names."""

    document: int
    index: int
    mention: ClaimMention
    text: str  # the sentence
    published: str | None
    source_name: str | None  # the entity the mention is attributed to, when it names one
    source_kind: str = "outlet_own"  # named_person | named_organisation | unnamed | document | pronoun | outlet_own
    via_name: str | None = None  # the entity that passed it on ("the Courier, citing officials, said"), if named
    places: frozenset[str] = frozenset()  # the places it names (entity names)
    agents: frozenset[str] = frozenset()  # who it says did it (entity names)
    participants: frozenset[str] = frozenset()  # everyone its arguments name (entity names)
    people: frozenset[str] = frozenset()  # the people among them
    heads: frozenset[str] = frozenset()  # the head words of its arguments ("activists")
    agent_head: str = ""  # the head word of who did it
    patient_head: str = ""  # the head word of whom or what it befell
    words: tuple[str, ...] = ()  # the content words of its clause, each once (a tuple: a quarter of a set's size)
    days: tuple[int, int] | None = None  # the first and last day it can mean (ordinals)
    day_of_year: tuple[int, int] | None = None  # (month, day) when it names one day, whatever the year
    time_text: str = ""  # its date as written
    subject: str = ""  # what it befell or what a state is about, as written
    attribute: str = ""  # its predicate as written ("storeroom")
    story: int = 0
    in_headline: bool = False  # read in the article's title, not its body


@dataclass
class Claim:
    members: list[int]  # indices into the refs
    representative: int  # the member whose gist states the claim
    statement: str
    origins: dict[str, list[int]]  # origin -> members that count toward it
    not_counted: dict[int, str]  # member -> why it adds no source
    story: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    figures: dict | None = None
    when: tuple[str, str] | None = None  # the days its reports allow, as ISO dates
    where: list[str] = field(default_factory=list)  # the places its reports name, most named first


def cluster_claims(refs: Sequence[ClaimRef], labels: Sequence[str], family_of: dict[int, str],
                   outlets: Sequence[str | None], embed: Callable | None = None,
                   side_by_side: frozenset = frozenset(), model=None, threshold: float = 0.0) -> list[Claim]:
    """Group claim mentions into claims, count their independent sources, find conflicts.

    ``labels`` name documents in details; ``family_of`` maps a document to its copy family's
    label; ``outlets`` are the documents' outlets; ``embed`` embeds lemmas (None: predicates
    compare by their words alone); mentions join only within their ``ClaimRef.story``;
    ``side_by_side`` holds the pairs of place
    names the coverage writes together (``places_side_by_side``); ``threshold``: how likely, on
    average, two groups of mentions must report one fact to join (0: the trained model's)."""
    if not refs:
        return []
    vectors = word_vectors(refs, embed)
    model = model or pair_model(vectors is not None)
    table = MentionTable(refs, vectors, side_by_side)
    story_of = np.array([r.story for r in refs], dtype=np.int64)
    rows, cols, weights = linked_pairs(table, story_of, model, refs)
    headline = np.array([r.in_headline for r in refs], dtype=bool)
    threshold = threshold or model.threshold
    # The bodies' mentions are grouped first, story by story; headlines join afterwards.
    body = ~headline[rows] & ~headline[cols]
    order = np.argsort(story_of[rows[body]], kind="stable")
    body_rows, body_cols, body_weights = rows[body][order], cols[body][order], weights[body][order]
    stories = np.unique(story_of[~headline])
    bounds = np.searchsorted(story_of[body_rows], stories, side="left").tolist() + [len(body_rows)]
    groups = []
    for k, story in enumerate(stories.tolist()):
        members = np.flatnonzero((story_of == story) & ~headline)
        local = np.full(table.count, -1, dtype=np.int64)
        local[members] = np.arange(len(members))
        r, c = body_rows[bounds[k]:bounds[k + 1]], body_cols[bounds[k]:bounds[k + 1]]
        found = average_linkage(len(members), local[r].tolist(), local[c].tolist(),
                                body_weights[bounds[k]:bounds[k + 1]].tolist(), threshold)
        groups += _by_category([members[group].tolist() for group in found], refs, side_by_side)
    if headline.any():
        groups = _with_headlines(groups, headline, rows, cols, weights, threshold)
    claims = [_claim(members, refs, labels, family_of, outlets, side_by_side) for members in groups]
    claims.sort(key=lambda c: (-len({refs[m].document for m in c.members}), c.members[0]))
    return claims


def _with_headlines(groups: list[list[int]], headline: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                    weights: np.ndarray, threshold: float) -> list[list[int]]:
    """Each headline's mention joins the claim of the bodies it most likely reports, on
    average over that claim's mentions, where that average reaches ``threshold``; those that
    join none group among themselves (three outlets' one headline). Headlines join after
    the bodies are grouped, so a headline's few words (a region for a town, a verb for a
    noun) never split or bridge what the articles themselves report. Over arrays: the sums
    of each headline's pairs per claim come from one sort."""
    group_of = np.full(len(headline), -1, dtype=np.int64)
    for g, members in enumerate(groups):
        group_of[members] = g
    sizes = np.array([len(members) for members in groups] or [1])
    across = headline[rows] != headline[cols]  # a headline and a body
    mention = np.where(headline[rows], rows, cols)[across]
    group = group_of[np.where(headline[rows], cols, rows)[across]]
    keys, inverse = np.unique(mention * len(sizes) + group, return_inverse=True)
    averages = np.bincount(inverse, weights=weights[across], minlength=len(keys)) / sizes[keys % len(sizes)]
    best = np.lexsort((keys % len(sizes), -averages, keys // len(sizes)))  # by mention, likeliest first
    joined = [list(members) for members in groups]
    seen, attached = set(), set()
    for k in best.tolist():
        h = int(keys[k] // len(sizes))
        if h not in seen and averages[k] >= threshold:  # its likeliest claim, likely enough
            joined[int(keys[k] % len(sizes))].append(h)
            attached.add(h)
        seen.add(h)
    alone = [h for h in np.flatnonzero(headline).tolist() if h not in attached]
    if alone:
        local = np.full(len(headline), -1, dtype=np.int64)
        local[alone] = np.arange(len(alone))
        both = (local[rows] >= 0) & (local[cols] >= 0)
        for found in average_linkage(len(alone), local[rows[both]].tolist(), local[cols[both]].tolist(),
                                     weights[both].tolist(), threshold):
            joined.append([alone[k] for k in found])
    return sorted((sorted(members) for members in joined), key=lambda g: g[0])


def _by_category(groups: list[list[int]], refs, side_by_side: frozenset) -> list[list[int]]:
    """Claims of one story and one of the old kinds of violence (detention, death …) that
    nothing tells apart are one: "detained", "held", "taken to a depot" and "thrown into a
    cell" are how reporters word one detention, and word vectors see little alike in them.
    Two stay apart when their reports name other places, perpetrators, people or days."""
    merged: list[list[int]] = []
    for group in groups:
        kinds = {refs[m].mention.category for m in group} - {None}
        target = None
        if len(kinds) == 1 and all(refs[m].mention.kind != "state" for m in group):
            target = next((other for other in merged if {refs[m].mention.category for m in other} - {None} == kinds
                           and not _told_apart(other, group, refs, side_by_side)), None)
        if target is None:
            merged.append(list(group))
        else:
            target += group
            target.sort()
    return sorted(merged, key=lambda g: g[0])


def _told_apart(first: list[int], second: list[int], refs, side_by_side: frozenset) -> bool:
    for a in first:
        for b in second:
            x, y = refs[a], refs[b]
            if x.people and y.people and not x.people & y.people:
                return True
            if clash(x, y, side_by_side) is not None:
                return True
    return False


def linked_pairs(table: MentionTable, story_of: np.ndarray, model, refs=()):
    """The candidate pairs likely enough to weigh in linkage, with their probabilities:
    scored a block at a time, every story at once. States about one subject ("the depot is
    a prison", "the depot is a warehouse") are one disputed fact whatever they say it is."""
    rows, cols = candidate_pairs(table, story_of)
    subjects: dict[tuple[int, str], list[int]] = {}
    for m, ref in enumerate(refs):
        if identity(ref.mention) and ref.patient_head:
            subjects.setdefault((ref.story, ref.patient_head), []).append(m)
    disputed = [(a, b) for same in subjects.values() for k, a in enumerate(same) for b in same[k + 1:]]
    kept_rows = [np.array([a for a, _ in disputed], dtype=np.int64)]
    kept_cols = [np.array([b for _, b in disputed], dtype=np.int64)]
    kept = [np.ones(len(disputed))]
    if disputed:
        scored = ~np.isin(rows * table.count + cols, [a * table.count + b for a, b in disputed])
        rows, cols = rows[scored], cols[scored]
    for start in range(0, len(rows), BLOCK):
        r, c = rows[start:start + BLOCK], cols[start:start + BLOCK]
        probability = model.probability(pair_features(table, r, c))
        keep = probability >= KEEP
        kept_rows.append(r[keep])
        kept_cols.append(c[keep])
        kept.append(probability[keep])
    return np.concatenate(kept_rows), np.concatenate(kept_cols), np.concatenate(kept)


def word_vectors(refs: Sequence[ClaimRef], embed: Callable | None) -> dict[str, np.ndarray] | None:
    """One vector per distinct predicate lemma (a few thousand at most, where embedding each
    clause would be one per mention), or None without a model."""
    if embed is None:
        return None
    words = sorted({r.mention.lemma for r in refs})
    vectors = embed(words)
    if vectors is None:
        return None
    return dict(zip(words, np.asarray(vectors, dtype=np.float64)))


def _claim(members, refs, labels, family_of, outlets, side_by_side) -> Claim:
    # What denies a claim is no support for it; a claim only ever said in the negative ("the
    # office did not answer") is a negative claim, and its reports support it.
    support = [m for m in members if refs[m].mention.stance != "denies"] or list(members)
    said = Counter(refs[m].mention.lemma for m in support or members)
    representative = min(support or members, key=lambda m: _clearest(refs[m], m, said))
    origins, not_counted = independent_origins(support, refs, labels, family_of, outlets)
    days = [refs[m].days for m in support if refs[m].days]
    when = None
    if days:
        when = (date.fromordinal(min(d[0] for d in days)).isoformat(),
                date.fromordinal(max(d[1] for d in days)).isoformat())
    where = Counter(place for m in support for place in refs[m].places)
    claim = Claim(members, representative, statement(refs[representative]), origins, not_counted,
                  story=refs[members[0]].story, figures=figures(support, refs), when=when,
                  where=[p for p, _ in sorted(where.items(), key=lambda item: (-item[1], item[0]))])
    claim.conflicts = claim_conflicts(members, support, refs, labels, outlets, side_by_side)
    return claim


def _clearest(ref: ClaimRef, index: int, said: Counter) -> tuple:
    """How a mention ranks as the one whose words state its claim: a plain statement first, in
    the words most of its reports use (not one outlet's colourful verb), in an article's body
    rather than its headline (a headline's words are squeezed), then one with a count, more
    arguments, the earliest published."""
    m = ref.mention
    filled = sum(x is not None and x != () for x in (m.agent, m.patient, m.places, m.time))
    return (m.stance == "questions", -said[m.lemma], ref.in_headline, not m.quantity, -filled,
            ref.published or "9999", index)


def statement(ref: ClaimRef) -> str:
    """The claim in a line: its gist, then where and when, where its gist does not say."""
    gist = ref.mention.gist or ref.text
    parts = [gist[:1].upper() + gist[1:]]
    places = [p for p in sorted(ref.places) if p not in gist]
    if places:
        parts.append(", ".join(places))
    if ref.time_text and ref.time_text not in gist:
        parts.append(ref.time_text)
    return " — ".join(parts)


def claim_refs(documents: Sequence, extractions: dict, layer, quote_speakers: dict | None = None,
               story_of: Sequence[int] | None = None) -> list[ClaimRef]:
    """Every claim mention, in document then text order, with its arguments as entity names.

    ``quote_speakers`` maps (document, quote index) to the speaker most versions of that quote
    give: a claim inside a misattributed quote counts toward the speaker, not the
    misattribution. ``story_of`` gives each document's story."""
    speaks_for = affiliations(layer)
    type_of = {e.name: e.type for e in layer.entities}
    refs = []
    for n, doc in enumerate(documents):
        extraction = extractions[doc.key]
        text = doc.text
        names = [(a, b, layer.entities[e].name, layer.entities[e].type) for a, b, _, e in layer.in_document(n)]
        starts = [a for a, _, _, _ in names]
        for k, mention in enumerate(extraction.claims):
            name = source_entity(mention, text, names)
            kind = named_kind(mention.source_kind, type_of.get(name))
            via = via_entity(mention, names)
            quoted = next((q for q, quote in enumerate(extraction.quotes) if quote.speaker is not None
                           and (quote.speaker.start, quote.speaker.end) == mention.source), None)
            if quoted is not None and quote_speakers and (n, quoted) in quote_speakers:
                name = quote_speakers[(n, quoted)]
            name = speaks_for.get(name, name)
            refs.append(_ref(n, k, mention, doc, names, name, kind, via, 0 if story_of is None else story_of[n],
                             starts))
    return refs


def _ref(n: int, k: int, mention: ClaimMention, doc, names, source_name, source_kind: str, via_name, story: int,
         starts=None) -> ClaimRef:
    text = doc.text
    starts = [a for a, _, _, _ in names] if starts is None else starts

    def inside(span) -> list[tuple[str, str]]:
        """(name, type) of the entities named inside a span (names sorted by start)."""
        if span is None:
            return []
        first, last = bisect_left(starts, span[0]), bisect_left(starts, span[1])
        return [(name, typ) for _, b, name, typ in names[first:last] if b <= span[1]]

    places = _frozen(set().union(*({name for name, typ in inside(p) if typ in PLACE_TYPES} or {text[slice(*p)]}
                                   for p in mention.places)))
    in_agent, in_patient = inside(mention.agent), inside(mention.patient)
    referred = [(name, typ) for _, a, b in mention.referents for name, typ in inside((a, b)) if typ == "PERSON"]
    agents = _frozen(name for name, typ in in_agent if typ in ("PERSON", "ORG", "NORP"))
    named = in_agent + in_patient + referred  # the people pronoun arguments stand for count too
    participants = _frozen(name for name, typ in named if typ in PARTICIPANT_TYPES)
    people = _frozen(name for name, typ in named if typ == "PERSON")
    agent_head, patient_head = _role_head(text, mention.agent), _role_head(text, mention.patient)
    words = tuple(sorted({sys.intern(w[:6]) for w in _WORD.findall(clause_text(text, mention).lower())
                          if w not in _STOP}))
    days, time_text, day_of_year = None, "", None
    if mention.time:
        time_text = text[mention.time[0]:mention.time[1]]
        first, last = mention.time[2:]
        if first and not first.startswith("--"):
            days = (date.fromisoformat(first).toordinal(), date.fromisoformat(last).toordinal())
        if first and first == last:
            day_of_year = (int(first[-5:-3]), int(first[-2:]))
    return ClaimRef(n, k, mention, text[mention.start:mention.end], doc.published, source_name, source_kind,
                    via_name, places, agents,
                    participants, people, _frozen({agent_head, patient_head} - {""}), agent_head, patient_head,
                    words, days, day_of_year, time_text,
                    text[slice(*mention.patient)] if mention.patient else "", text[slice(*mention.predicate)], story,
                    isinstance(doc, HeadlineText))


def _frozen(items) -> frozenset:
    """A frozenset, the one empty one where there is nothing: a pile holds hundreds of
    thousands of mentions, most of which name no one and nowhere (216 bytes each)."""
    found = frozenset(items)
    return found if found else _EMPTY


_HEAD_WORD = re.compile(r"[\w-]+")
_POSSESSIVE = re.compile(r"['’]s\b")


def _head(phrase: str) -> str:
    words = [w for w in _HEAD_WORD.findall(_POSSESSIVE.sub("", phrase.lower())) if w not in _DETERMINERS]
    return words[-1] if words else ""


def _role_head(text: str, span: tuple[int, int] | None) -> str:
    """The head word of an argument as written, lower-cased; none for a pronoun."""
    head = _head(text[slice(*span)]) if span else ""
    return "" if head in _NO_HEADS else head


def clause_text(text: str, mention: ClaimMention) -> str:
    """A mention's own clause, else the whole mention."""
    return text[slice(*(mention.clause or (mention.start, mention.end)))]


_APART = re.compile(r"\b(?:and|or|nor|to|from|but|while|versus|vs)\b|[.;:!?]", re.IGNORECASE)


def places_side_by_side(documents: Sequence, layer) -> frozenset[frozenset[str]]:
    """Pairs of place names some article writes next to each other, at most three words apart
    and not as a list or a route ("Argun, Chechnya", "Argun, near Grozny", "the Grozny suburb
    of Argun"; not "Argun and Grozny", "from Argun to Grozny"): the coverage's own word that one
    lies in or by the other, so reports naming either can tell of one event."""
    pairs = set()
    for n, doc in enumerate(documents):
        places = [(a, b, layer.entities[e].name) for a, b, _, e in layer.in_document(n)
                  if layer.entities[e].type in PLACE_TYPES]
        for (_, end, first), (start, _, second) in zip(places, places[1:]):
            gap = doc.text[end:start]
            if first != second and len(gap.split()) <= 3 and "\n" not in gap and not _APART.search(gap):
                pairs.add(frozenset((first, second)))
    return frozenset(pairs)
