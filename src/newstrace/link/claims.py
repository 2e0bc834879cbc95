"""Claims across the coverage: which mentions report one fact, from how many independent
sources, and where the reports conflict.

Clusters. Mentions of one event type (detention, death …) join when their sentences say
the same thing: embedding cosine at least ``claim_similarity`` (all-MiniLM-L6-v2), or,
without the model, a share of content words in common. A denial joins the claim of its
event type it is closest to. Two mentions whose facts clash (places, the named actor, or
the calendar date) join only when they say nearly the same words otherwise ("police
detained 40 in Argun" and "… in Grozny"): then they are one claim with a conflict; else two
claims. Two places clash unless one mention names none, they are one entity, or the
coverage writes them side by side ("Argun, Chechnya", "Argun, near Grozny"), which is how
it says one lies in or by the other. Dates clash only when both are written out with a
month and a day ("on 12 March" and "on 14 March"): "on Monday" depends on the day the
article came out.

Independence. Each supporting mention has an origin:

- the named person or organisation it is attributed to (entity names, so four
  articles citing one newspaper are one source, whatever they call it);
- otherwise (the outlet's own voice, or an unnamed source such as "monitors say"),
  the outlet itself, or its copy family when it copied from another article. An
  unsourced account counts only when it is not later than the first named
  attribution of the claim: a later one may retell the named source, and nothing
  shows that it does not.

Conflicts. Counts whose ranges cannot both hold (``nlp.quantities.compatible``),
side by side; denials, with who denies; other facts that clash (where, who did it, on what day).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import combinations
from statistics import median

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from newstrace.link.groups import UnionFind
from newstrace.link.reuse import copy_families
from newstrace.data_files import data_words
from newstrace.link.entities import ORGANISATION_WORDS
from newstrace.model import ClaimMention
from newstrace.nlp.dates import CalendarDate, calendar_dates, same_day
from newstrace.nlp.quantities import Quantity, compatible, plain_number

_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset("the and that with from have has had were was are been this they their them said says "
                  "for into since who which about after would will".split())
LEXICAL_SIMILARITY = 0.2  # content-word Jaccard used when no embedding model is available
MAX_CONFLICT_PAIRS = 20
MAX_FACT_SIGNATURES = 200  # distinct place/actor/date readings compared per claim: the first 200


@dataclass(frozen=True)
class ClaimRef:
    document: int
    index: int
    mention: ClaimMention
    text: str  # the sentence
    clause: str  # the event's clause: what mentions are compared on
    published: str | None
    source_name: str | None  # the entity the mention is attributed to, when it names one
    places: frozenset[str] = frozenset()  # the places its clause names (entity names)
    actors: frozenset[str] = frozenset()  # the people or bodies it says did it (entity names)
    dates: frozenset[CalendarDate] = frozenset()  # the calendar dates its clause writes out


@dataclass
class Conflict:
    kind: str  # numeric | denial | other
    members: list[int]
    detail: str


@dataclass
class Claim:
    members: list[int]  # indices into the refs
    statement: int  # the member whose sentence states the claim
    origins: dict[str, list[int]]  # origin -> members that count toward it
    not_counted: dict[int, str]  # member -> why it adds no source
    conflicts: list[Conflict] = field(default_factory=list)
    figures: dict | None = None


def quantity_of(mention: ClaimMention) -> Quantity | None:
    if not mention.quantity:
        return None
    value, low, high, qualifier, text, _ = mention.quantity
    return Quantity(value, low, high, qualifier, text)


def cluster_claims(refs: Sequence[ClaimRef], labels: Sequence[str], family_of: dict[int, str],
                   outlets: Sequence[str | None], embed: Callable | None = None,
                   threshold: float = 0.4, side_by_side: frozenset = frozenset()) -> list[Claim]:
    """Group claim mentions into claims, count their independent sources, find conflicts.

    ``labels`` name documents in details; ``family_of`` maps a document to its copy family's
    label; ``outlets`` are the documents' outlets; ``side_by_side`` holds the pairs of place
    names the coverage writes together (``places_side_by_side``)."""
    sets = UnionFind(len(refs))
    by_event: dict[str, list[int]] = defaultdict(list)
    for i, ref in enumerate(refs):
        by_event[ref.mention.event].append(i)
    facts = _Facts(refs, side_by_side)
    scores = _Scores(refs, embed, threshold, facts)
    for members in by_event.values():
        support = [i for i in members if refs[i].mention.stance != "denies"]
        for group in scores.linked(support):
            for other in group[1:]:
                sets.union(group[0], other)
        denials = [i for i in members if refs[i].mention.stance == "denies"]
        if support:
            for i, closest in zip(denials, scores.closest(denials, support)):
                sets.union(i, closest)

    claims = [_claim(members, refs, labels, family_of, outlets, facts) for members in sets.groups()]
    claims.sort(key=lambda c: (-len({refs[m].document for m in c.members}), c.members[0]))
    return claims


class _Facts:
    """Whether two mentions' places, named actors and dates can all hold. A kind clashes when
    both mentions name some, and none of one's can be one of the other's: the same place or
    two the coverage writes side by side, the same actor, a day both dates can be. Decided
    over arrays for many pairs at once: a big event has tens of thousands of pairs to check."""

    KINDS = ("places", "actors", "dates")  # checked in this order: a clash is named by the first

    def __init__(self, refs: Sequence[ClaimRef], side_by_side: frozenset):
        index: dict[tuple[frozenset, frozenset, frozenset], int] = {}
        self.of = np.array([index.setdefault((r.places, r.actors, r.dates), len(index)) for r in refs],
                           dtype=np.int64)  # mentions with the same facts share a signature
        self.sets = [_Sets([r.places for r in refs], lambda members: _side_by_side(members, side_by_side)),
                     _Sets([r.actors for r in refs], lambda members: ()),
                     _Sets([r.dates for r in refs], _same_days)]

    def clashing(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """For pairs of refs, a mask of those whose facts clash."""
        return self.clashes(rows, cols) >= 0

    def clashes(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """For pairs of refs, the first kind (an index into KINDS) whose facts clash, else -1."""
        kind = np.full(len(rows), -1, dtype=np.int64)
        for k in reversed(range(len(self.KINDS))):
            kind[self.sets[k].apart(rows, cols)] = k
        return kind


class _Sets:
    """One kind of fact of every mention: the distinct sets, each as ids of its members, and
    the pairs of distinct members that can be one (``together(members)`` names them)."""

    def __init__(self, sets: list[frozenset], together: Callable[[dict], Iterable[tuple]]):
        distinct: dict[frozenset, int] = {}
        self.of = np.array([distinct.setdefault(one, len(distinct)) for one in sets], dtype=np.int64)
        ids: dict = {}
        self.members = np.array([ids.setdefault(member, len(ids)) for one in distinct for member in one],
                                dtype=np.int64)
        self.sizes = np.array([len(one) for one in distinct], dtype=np.int64)
        self.starts = np.cumsum(self.sizes) - self.sizes
        self.count, self.distinct = len(ids), len(distinct)
        self.together = np.unique(np.array([min(ids[x], ids[y]) * self.count + max(ids[x], ids[y])
                                            for x, y in together(ids)], dtype=np.int64))

    def apart(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """For pairs of mentions, a mask of those that both have members and no two that can be one."""
        x, y = self.of[rows], self.of[cols]
        both = (self.sizes[x] > 0) & (self.sizes[y] > 0)
        if not both.any():
            return both
        # Each pair of distinct sets once: a big event's mention pairs share a few thousand.
        pairs, inverse = np.unique(np.minimum(x, y) * self.distinct + np.maximum(x, y), return_inverse=True)
        x, y = np.divmod(pairs, self.distinct)
        width = self.sizes[y]
        combos = self.sizes[x] * width  # every member of one set against every member of the other
        pair = np.repeat(np.arange(len(pairs)), combos)
        k = np.arange(combos.sum()) - np.repeat(np.cumsum(combos) - combos, combos)
        u = self.members[self.starts[x][pair] + k // width[pair]]
        v = self.members[self.starts[y][pair] + k % width[pair]]
        one = (u == v) | np.isin(np.minimum(u, v) * self.count + np.maximum(u, v), self.together)
        return both & (np.bincount(pair, weights=one, minlength=len(pairs)) == 0)[inverse.reshape(-1)]


def _side_by_side(places: dict, side_by_side: frozenset) -> Iterator[tuple]:
    """The pairs of places that the coverage writes side by side (``places_side_by_side``)."""
    for pair in side_by_side:
        if len(pair) == 2 and all(place in places for place in pair):
            yield tuple(pair)


def _same_days(dates: dict) -> Iterator[tuple]:
    """The pairs of distinct dates that can be one day (``same_day``: the same month and day)."""
    by_day: dict[tuple[int, int], list] = defaultdict(list)
    for date in dates:
        by_day[(date.month, date.day)].append(date)
    for same in by_day.values():
        yield from ((a, b) for a, b in combinations(same, 2) if same_day(a, b))


class _Scores:
    """How close two mentions' event clauses are: embedding cosine, else shared content words.

    Pairs come from blocks of matrix products (or from an inverted index of words), so the
    work is never a Python loop over all pairs. A pair whose facts clash links only at
    ``same_words``, halfway from the threshold to identical."""

    BLOCK = 256  # rows of the similarity matrix at a time: bounds the close pairs held at once

    def __init__(self, refs: Sequence[ClaimRef], embed: Callable | None, threshold: float, facts: _Facts):
        vectors = embed([r.clause for r in refs]) if embed is not None and refs else None
        self.vectors = np.asarray(vectors) if vectors is not None else None
        self.threshold = threshold if vectors is not None else LEXICAL_SIMILARITY
        self.same_words = (1 + self.threshold) / 2
        self.facts = facts
        self.refs = refs

    @cached_property
    def words(self) -> list[set[str]]:
        """Each mention's content words: what pairs are scored on without vectors."""
        return [{w for w in _WORD.findall(r.clause.lower()) if w not in _STOP} for r in self.refs]

    def score(self, i: int, j: int) -> float:
        if self.vectors is not None:
            return float(self.vectors[i] @ self.vectors[j])
        union = self.words[i] | self.words[j]
        return len(self.words[i] & self.words[j]) / len(union) if union else 0.0

    def linked(self, members: list[int]) -> list[list[int]]:
        """``members`` grouped by chains of close pairs (single linkage), each group ascending.

        The close pairs of a block of rows at a time form a sparse graph whose connected
        components scipy finds in C, together with one edge from each member to its component
        so far: a big cluster has hundreds of millions of close pairs, far too many to hold
        at once or to join one by one in Python."""
        if not members:
            return []
        count, index = len(members), np.array(members, dtype=np.int64)
        positions = np.arange(count)
        labels = positions
        for rows, cols, scores in self._close_pairs(members, lambda: labels):
            joining = labels[rows] != labels[cols]  # a pair inside one component so far changes nothing
            rows, cols, scores = rows[joining], cols[joining], scores[joining]
            joins = ~(self.facts.clashing(index[rows], index[cols]) & (scores < self.same_words))
            if not joins.any():
                continue
            first = np.full(count, count)
            np.minimum.at(first, labels, positions)  # each component so far, by its first member
            rows = np.concatenate([rows[joins], positions])
            cols = np.concatenate([cols[joins], first[labels]])
            graph = coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(count, count))
            _, labels = connected_components(graph, directed=False)
        groups: dict[int, list[int]] = {}
        for member, label in zip(members, labels):
            groups.setdefault(int(label), []).append(member)
        return [sorted(g) for g in groups.values()]

    def _close_pairs(self, members: list[int], components: Callable[[], np.ndarray]):
        """Blocks of (rows, cols, scores): positions in ``members`` of pairs at or above the
        threshold. ``components()`` gives each position's component so far: pairs inside the
        largest are not worked out, as they could join nothing (once one claim holds most of
        an event, most of the products)."""
        if self.vectors is None:
            scored = sorted((i, j, self.score(i, j)) for i, j in self._sharing_words(members))
            scored = [pair for pair in scored if pair[2] >= self.threshold]
            position = {m: k for k, m in enumerate(members)}
            yield (np.array([position[i] for i, _, _ in scored], dtype=np.int64),
                   np.array([position[j] for _, j, _ in scored], dtype=np.int64),
                   np.array([score for _, _, score in scored], dtype=np.float64))
            return
        block, count = self.vectors[members], len(members)
        for start in range(0, count, self.BLOCK):
            rows, cols = np.arange(start, min(start + self.BLOCK, count)), np.arange(start, count)  # each pair once
            labels = components()
            largest = np.bincount(labels).argmax()
            inside = labels[rows] == largest
            for part_rows, part_cols in ((rows[~inside], cols), (rows[inside], cols[labels[cols] != largest])):
                if len(part_rows) and len(part_cols):
                    similarity = block[part_rows] @ block[part_cols].T
                    a, b = np.nonzero(similarity >= self.threshold)
                    keep = part_rows[a] < part_cols[b]
                    yield part_rows[a[keep]], part_cols[b[keep]], similarity[a[keep], b[keep]]

    def _sharing_words(self, members: list[int]) -> set[tuple[int, int]]:
        index: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for w in self.words[i]:
                index[w].append(i)
        pairs = set()
        for postings in index.values():
            if len(postings) <= 200:  # a word every mention has tells nothing
                pairs.update(combinations(postings, 2))
        return pairs

    def closest(self, mentions: list[int], members: list[int]) -> list[int]:
        """For each of ``mentions``, the one of ``members`` it is closest to (first on ties)."""
        if self.vectors is None:
            return [max(members, key=lambda j: (self.score(i, j), -j)) for i in mentions]
        candidates = self.vectors[members]
        closest = []
        for start in range(0, len(mentions), self.BLOCK):
            best = np.argmax(self.vectors[mentions[start:start + self.BLOCK]] @ candidates.T, axis=1)
            closest += [members[int(k)] for k in best]
        return closest


def _claim(members, refs, labels, family_of, outlets, facts) -> Claim:
    support = [m for m in members if refs[m].mention.stance != "denies"]
    # The statement: the first report that states it (a sentence, not a question), with a count if any.
    statement = min(support or members, key=lambda m: (refs[m].text.rstrip(" ”\"’").endswith("?"),
                                                       refs[m].mention.stance == "questions",
                                                       not refs[m].mention.quantity,
                                                       refs[m].published or "9999", m))
    origins, not_counted = _independence(support, refs, labels, family_of, outlets)
    claim = Claim(members, statement, origins, not_counted)
    claim.conflicts = (_numeric_conflicts(support, refs, labels) + _denials(members, support, refs, labels, outlets)
                       + _fact_conflicts(support, refs, labels, facts))
    claim.figures = _figures(support, refs)
    return claim


def _independence(support, refs, labels, family_of, outlets) -> tuple[dict[str, list[int]], dict[int, str]]:
    named_dates = [refs[m].published[:10] for m in support if refs[m].source_name and refs[m].published]
    named_any = any(refs[m].source_name for m in support)
    first_named = min(named_dates) if named_dates else None
    origins: dict[str, list[int]] = defaultdict(list)
    not_counted: dict[int, str] = {}
    for m in support:
        ref = refs[m]
        if ref.source_name:
            origins[ref.source_name].append(m)
            continue
        date = (ref.published or "")[:10]
        own = family_of.get(ref.document) or outlets[ref.document] or labels[ref.document]
        if (first_named and date and date <= first_named) or not named_any:
            origins[own].append(m)
        elif first_named and date:
            not_counted[m] = f"unsourced, published {date}, after the claim was attributed on {first_named}"
        else:
            not_counted[m] = "unsourced and undated, while other reports name a source"
    return dict(origins), not_counted


def _numeric_conflicts(support, refs, labels) -> list[Conflict]:
    counted = [(m, quantity_of(refs[m].mention)) for m in support if refs[m].mention.quantity]
    conflicts, seen = [], set()
    for (i, qi), (j, qj) in _incompatible_pairs(counted):
        key = (qi.text.lower(), qj.text.lower(), refs[i].document, refs[j].document)
        if key in seen:
            continue
        seen.add(key)
        conflicts.append(Conflict("numeric", [i, j], f"“{qi.text}” ({labels[refs[i].document]}) vs "
                                                     f"“{qj.text}” ({labels[refs[j].document]})"))
        if len(conflicts) >= MAX_CONFLICT_PAIRS:
            break
    return conflicts


def _incompatible_pairs(counted: list[tuple[int, Quantity]]):
    """The pairs of ``counted`` whose counts cannot both hold, in the order of
    ``combinations(counted, 2)``. Many mentions repeat one count, so compatibility is
    decided once per pair of distinct counts, not once per pair of mentions."""
    keys = [(q.value, q.low, q.high, q.qualifier) for _, q in counted]
    first: dict[tuple, Quantity] = {}
    positions: dict[tuple, list[int]] = defaultdict(list)
    for k, (key, (_, q)) in enumerate(zip(keys, counted)):
        first.setdefault(key, q)
        positions[key].append(k)
    clashing = {a: [b for b in first if not compatible(first[a], first[b])] for a in first}
    for x, key in enumerate(keys):
        later = sorted(y for other in clashing[key] for y in positions[other] if y > x)
        for y in later:
            yield counted[x], counted[y]


def _denials(members, support, refs, labels, outlets) -> list[Conflict]:
    conflicts = []
    for m in members:
        ref = refs[m]
        if ref.mention.stance != "denies":
            continue
        who = ref.mention.attributed_to or outlets[ref.document] or labels[ref.document]
        quoted = ref.text if len(ref.text) <= 160 else ref.text[:157] + "…"
        conflicts.append(Conflict("denial", [m] + support[:1],
                                  f"denied by {who} in {labels[ref.document]}: “{quoted}”"))
    return conflicts


def _fact_conflicts(support, refs, labels, facts) -> list[Conflict]:
    """Reports of one claim that name clashing places, actors or dates: one conflict per pair
    of signatures (the first MAX_FACT_SIGNATURES), between their first reports."""
    firsts: dict[int, int] = {}
    for m in support:
        if (refs[m].places or refs[m].actors or refs[m].dates) and len(firsts) < MAX_FACT_SIGNATURES:
            firsts.setdefault(int(facts.of[m]), m)
    pairs = list(combinations(sorted(firsts.values()), 2))
    if not pairs:
        return []
    clashes = facts.clashes(*np.array(pairs, dtype=np.int64).T).tolist()  # one call for the claim's pairs
    conflicts = []
    for (i, j), kind in zip(pairs, clashes):
        if kind < 0:
            continue
        what = facts.KINDS[kind]
        word = {"places": "in", "actors": "by", "dates": "on"}[what]
        a, b = (f"{word} {' / '.join(sorted(map(str, getattr(refs[m], what))))} ({labels[refs[m].document]})"
                for m in (i, j))
        conflicts.append(Conflict("other", [i, j], f"{a} vs {b}"))
        if len(conflicts) >= MAX_CONFLICT_PAIRS:
            break
    return conflicts


def _figures(support, refs) -> dict | None:
    """Low, best and high over the reported counts (the lowest named figure is the conservative one)."""
    quantities = [quantity_of(refs[m].mention) for m in support if refs[m].mention.quantity]
    if not quantities:
        return None
    named = [q.low if q.low is not None else q.value for q in quantities]
    highs = [q.high if q.high is not None else q.value for q in quantities]
    values = [q.value for q in quantities if q.value is not None]
    distinct = list({(q.value, q.low, q.high, q.qualifier): q for q in quantities}.values())
    agree = all(compatible(a, b) for a, b in combinations(distinct, 2))
    return {"low": plain_number(min(named)), "best": plain_number(median(values)) if values else None,
            "high": plain_number(max(highs)), "reports": len(quantities), "compatible": agree}


def claim_refs(documents: Sequence, extractions: dict, layer, quote_speakers: dict | None = None) -> list[ClaimRef]:
    """Every claim mention, in document then text order, with the entity its source names.

    ``quote_speakers`` maps (document, quote index) to the speaker most versions of that quote
    give: a claim inside a misattributed quote counts toward the speaker, not the misattribution."""
    speaks_for = _affiliations(layer)
    refs = []
    for n, doc in enumerate(documents):
        extraction = extractions[doc.key]
        names = [(a, b, layer.entities[e].name, layer.entities[e].type) for a, b, _, e in layer.in_document(n)]
        for k, mention in enumerate(extraction.claims):
            clause = mention.clause or (mention.start, mention.end)
            told = mention.source or (0, 0)
            places = frozenset(name for a, b, name, typ in names if typ in PLACE_TYPES and clause[0] <= a
                               and b <= clause[1] and not (told[0] <= a and b <= told[1]))
            actors = frozenset() if mention.actor is None else frozenset(
                name for a, b, name, typ in names if typ in ("PERSON", "ORG")
                and mention.actor[0] <= a and b <= mention.actor[1])
            compared = clause_text(doc.text, mention)
            dates = frozenset(calendar_dates(compared))
            name = _named(mention.source, names) or _described(mention, doc.text, names)
            quoted = next((q for q, quote in enumerate(extraction.quotes) if quote.speaker is not None
                           and (quote.speaker.start, quote.speaker.end) == mention.source), None)
            if quoted is not None and quote_speakers and (n, quoted) in quote_speakers:
                name = quote_speakers[(n, quoted)]
            name = speaks_for.get(name, name)
            refs.append(ClaimRef(n, k, mention, doc.text[mention.start:mention.end], compared,
                                 doc.published, name, places, actors, dates))
    return refs


def clause_text(text: str, mention: ClaimMention) -> str:
    """What a mention is compared on: its event clause, else the whole mention."""
    return text[slice(*(mention.clause or (mention.start, mention.end)))]


PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
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


def _named(span: tuple[int, int] | None, names: list[tuple[int, int, str, str]]) -> str | None:
    """The person, else the organisation, named inside a source span; a place is no source."""
    if span is None:
        return None
    inside = [(start, name, typ) for start, end, name, typ in names if span[0] <= start and end <= span[1]]
    for wanted in ("PERSON", "ORG"):
        found = sorted((start, name) for start, name, typ in inside if typ == wanted)
        if found:
            return found[0][1]
    return None


_DESCRIPTION = re.compile(r"^the (?:\w+ )?(\w+)$", re.IGNORECASE)


def _described(mention: ClaimMention, text: str, names: list[tuple[int, int, str, str]]) -> str | None:
    """"the newspaper said", "the group says": the organisation the article named last before."""
    if mention.source is None:
        return None
    match = _DESCRIPTION.match(text[slice(*mention.source)].strip())
    if not match or match.group(1).lower() not in data_words(ORGANISATION_WORDS):
        return None
    before = [name for start, end, name, typ in names if typ == "ORG" and end <= mention.source[0]]
    return before[-1] if before else None


def _affiliations(layer) -> dict[str, str]:
    """People who speak for one organisation the coverage names: Dana Holt -> Open Rivers Watch."""
    named_in = _names_inside([e.name for e in layer.entities if e.type == "ORG"])
    bodies: dict[str, set[str]] = defaultdict(set)
    for ref in layer.roles:
        entity = layer.entities[ref.entity]
        if entity.type == "PERSON":
            bodies[entity.name].update(named_in(ref.role.affiliation or ""))
    return {person: next(iter(orgs)) for person, orgs in bodies.items() if len(orgs) == 1}


def _names_inside(names: list[str]) -> Callable[[str], list[str]]:
    """A function from a text to the ``names`` written in it (``name in text``), which looks
    only at the names that begin with one of the text's three-letter runs: trying every
    name on every text grew with the square of the coverage."""
    by_start: dict[str, list[str]] = defaultdict(list)
    short = []  # names under three letters: tried on every text
    for name in names:
        (by_start[name[:3]] if len(name) >= 3 else short).append(name)

    @lru_cache(maxsize=None)  # one coverage's affiliations, most of them said many times
    def inside(text: str) -> list[str]:
        runs = {text[k:k + 3] for k in range(len(text) - 2)}
        return [name for run in runs for name in by_start.get(run, ()) if name in text] + [
            name for name in short if name in text]
    return inside


def quote_speakers(documents: Sequence, extractions: dict, layer, refs, clusters) -> dict[tuple[int, int], str]:
    """(document, quote index) -> the entity most versions of that quote are given to."""
    speakers = {}
    for cluster in clusters:
        ref = refs[cluster.reference]
        speaker = extractions[documents[ref.document].key].quotes[ref.index].speaker
        entity = None if speaker is None else layer.entity_named(ref.document, speaker.start, speaker.end,
                                                                  speaker.head)
        if entity is not None:
            for m in cluster.members:
                speakers[(refs[m].document, refs[m].index)] = layer.entities[entity].name
    return speakers


def family_names(passages, documents, ids) -> dict[int, str]:
    """Each copied document's family, named after its earliest member: copies are one source."""
    names = {}
    for members in copy_families(passages, len(documents)):
        first = min(members, key=lambda i: ((documents[i].published or "9999")[:10], i))
        name = documents[first].outlet or ids[first]
        names.update((i, name) for i in members)
    return names
