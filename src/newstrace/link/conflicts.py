"""Where the reports of one claim disagree, and the figures they give.

- **numeric**: counts whose ranges cannot both hold (``nlp.quantities.compatible``), side by
  side ("4 killed" vs "around 3" cannot both be; "at least 3" fits both);
- **denial**: a mention that denies the claim, with who denies it;
- **other**: reports that put the fact in other places (unless the coverage writes the two
  side by side: "Argun, Chechnya"), give it other perpetrators, or other days;
- **contradiction**: what something is, disputed: two reports that say one thing is two
  different things ("a prison" vs "a warehouse"), or a report that says what others call one
  thing is another ("the alleged secret prison is a storeroom").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from statistics import median

import numpy as np

from newstrace.nlp.quantities import Quantity, compatible, plain_number

MAX_CONFLICT_PAIRS = 20
MAX_FACT_SIGNATURES = 200  # distinct place/actor/day readings compared per claim: the first 200
_DISTANCING = re.compile(r"\b(?:alleged|so-called|supposed|purported|reported)\b|[“”\"]|(?:^|\s)[‘']", re.IGNORECASE)


@dataclass
class Conflict:
    kind: str  # numeric | denial | other | contradiction
    members: list[int]
    detail: str


def quantity_of(mention) -> Quantity | None:
    if not mention.quantity:
        return None
    value, low, high, qualifier, text, _ = mention.quantity
    return Quantity(value, low, high, qualifier, text)


def claim_conflicts(members: list[int], support: list[int], refs, labels, outlets,
                    side_by_side: frozenset) -> list[Conflict]:
    return (numeric_conflicts(support, refs, labels) + denials(members, support, refs, labels, outlets)
            + fact_conflicts(support, refs, labels, side_by_side) + contradictions(support, refs, labels))


def numeric_conflicts(support, refs, labels) -> list[Conflict]:
    counted = [(m, quantity_of(refs[m].mention)) for m in support if refs[m].mention.quantity]
    conflicts, seen = [], set()
    if len(counted) < 2:
        return conflicts
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
    distinct = list(first)
    ranges = np.array([first[key].range() for key in distinct])  # as ``compatible`` reads them
    apart = (ranges[:, None, 0] > ranges[None, :, 1]) | (ranges[None, :, 0] > ranges[:, None, 1])
    clashing = {a: [distinct[y] for y in np.flatnonzero(apart[x])] for x, a in enumerate(distinct)}
    for x, key in enumerate(keys):
        later = sorted(y for other in clashing[key] for y in positions[other] if y > x)
        for y in later:
            yield counted[x], counted[y]


def denials(members, support, refs, labels, outlets) -> list[Conflict]:
    conflicts = []
    if all(refs[m].mention.stance == "denies" for m in support):
        return conflicts  # a negative claim: nothing it denies is claimed
    for m in members:
        ref = refs[m]
        if ref.mention.stance != "denies":
            continue
        who = ref.mention.attributed_to or outlets[ref.document] or labels[ref.document]
        quoted = ref.text if len(ref.text) <= 160 else ref.text[:157] + "…"
        conflicts.append(Conflict("denial", [m] + support[:1], f"denied by {who} in {labels[ref.document]}: “{quoted}”"))
    return conflicts


def fact_conflicts(support, refs, labels, side_by_side: frozenset) -> list[Conflict]:
    """Reports of one claim that name clashing places, perpetrators or days: one conflict per
    pair of distinct readings (the first MAX_FACT_SIGNATURES), between their first reports."""
    firsts: dict[tuple, int] = {}
    for m in support:
        ref = refs[m]
        if (ref.places or ref.agents or ref.days or ref.day_of_year) and len(firsts) < MAX_FACT_SIGNATURES:
            firsts.setdefault((ref.places, ref.agents, ref.days, ref.day_of_year), m)
    conflicts = []
    for i, j in combinations(sorted(firsts.values()), 2):
        found = clash(refs[i], refs[j], side_by_side)
        if found is None:
            continue
        word, what = found
        a, b = (f"{word} {what(refs[m])} ({labels[refs[m].document]})" for m in (i, j))
        conflicts.append(Conflict("other", [i, j], f"{a} vs {b}"))
        if len(conflicts) >= MAX_CONFLICT_PAIRS:
            break
    return conflicts


def clash(a, b, side_by_side: frozenset):
    """The first kind of fact two reports clash on, as (word, how to write a report's), or None."""
    if a.places and b.places and not a.places & b.places and not any(
            frozenset((x, y)) in side_by_side for x in a.places for y in b.places):
        return "in", lambda r: " / ".join(sorted(r.places))
    if a.agents and b.agents and not a.agents & b.agents:
        return "by", lambda r: " / ".join(sorted(r.agents))
    if a.days and b.days and (a.days[1] < b.days[0] or b.days[1] < a.days[0]) or (
            not (a.days and b.days) and a.day_of_year and b.day_of_year and a.day_of_year != b.day_of_year):
        return "on", lambda r: r.time_text  # another day; or, the year unknown, another day of the year
    return None


def contradictions(support, refs, labels) -> list[Conflict]:
    """States of one claim that say one thing is two different things, and states that say
    what a label names is something else ("the alleged secret prison is a storeroom")."""
    states = [m for m in support if identity(refs[m].mention)]
    conflicts = []
    by_subject: dict[str, list[int]] = defaultdict(list)
    for m in states:
        by_subject[_head(refs[m].subject)].append(m)
    for subject, ms in by_subject.items():
        firsts: dict[str, int] = {}
        for m in ms:
            firsts.setdefault(refs[m].mention.lemma, m)
        for i, j in combinations(sorted(firsts.values()), 2):
            conflicts.append(Conflict("contradiction", [i, j], f"{refs[i].subject}: “{refs[i].attribute}” "
                                      f"({labels[refs[i].document]}) vs “{refs[j].attribute}” ({labels[refs[j].document]})"))
    for m in states:
        ref = refs[m]
        if _head(ref.subject) != ref.mention.lemma and _DISTANCING.search(ref.subject):
            who = ref.mention.attributed_to or labels[ref.document]
            conflicts.append(Conflict("contradiction", [m], f"what is called “{ref.subject}” is “{ref.attribute}”, "
                                      f"according to {who} ({labels[ref.document]})"))
    return conflicts[:MAX_CONFLICT_PAIRS]


def identity(mention) -> bool:
    """Whether a mention says what something is, or its condition ("a storeroom", "dead"), as
    against where it is ("in Chechnya"), which two reports can both say of one thing."""
    return mention.kind == "state" and mention.patient is not None and " " not in mention.lemma


def _head(phrase: str) -> str:
    words = re.findall(r"[\w-]+", phrase.lower())
    return words[-1] if words else ""


def figures(support, refs) -> dict | None:
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
