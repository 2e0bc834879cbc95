"""Who a claim mention's source is, as an entity of the coverage: the person or organisation
its source span names, the organisation "the newspaper" stands for, the body a spokesman
speaks for, the speaker most versions of a quote are given to; and copy families, which
count as one source."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from newstrace.data_files import data_words
from newstrace.link.entities import ORGANISATION_WORDS
from newstrace.link.reuse import copy_families
from newstrace.link.spelling import form_of


def source_entity(mention, text: str, names: list[tuple[int, int, str, str]]) -> str | None:
    """The entity a mention's source names: a person or organisation inside its source span,
    else the organisation "the newspaper" or "the group" stands for, else the name as
    written where the tagger missed it ("according to the Kessel Post")."""
    return _named(mention.source, names) or _described(mention, text, names) or _missed_name(mention, text)


def via_entity(mention, names: list[tuple[int, int, str, str]]) -> str | None:
    """The entity that passed the claim on, where the text says so ("the Courier, citing
    officials, reported"): the person or organisation its span names."""
    return _named(mention.source_via, names)


def named_kind(kind: str, entity_type: str | None) -> str:
    """A source's kind once its words resolve to an entity of the coverage: the entity's type,
    agreed over all its mentions, says whether it is a person or a body better than one
    mention's tag ("Kessel Courier" tagged a person once); a description that stands for a
    named body ("the newspaper") is that body."""
    if entity_type is None or kind not in ("named_person", "named_organisation", "unnamed"):
        return kind
    if entity_type == "PERSON":
        return "named_person"
    return "named_organisation" if entity_type in ("ORG", "NORP", "GPE") else kind


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


_DESCRIPTION = re.compile(r"^[Tt]he (?:[a-z]+ )?([a-z]+)$")  # lower case: "the Washington Post" is a name
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.&'’-]*|of|for|and|on|de|van|von|al)$")


def _described(mention, text: str, names: list[tuple[int, int, str, str]]) -> str | None:
    """"the newspaper said", "the group says": the organisation the article named last before."""
    if mention.source is None:
        return None
    match = _DESCRIPTION.match(text[slice(*mention.source)].strip())
    if not match or match.group(1) not in data_words(ORGANISATION_WORDS):
        return None
    before = [name for start, end, name, typ in names if typ == "ORG" and end <= mention.source[0]]
    return before[-1] if before else None


def _missed_name(mention, text: str) -> str | None:
    """A source that reads as a name the tagger did not tag, as entity names are written
    (without "the" or a title): a source four articles name is one origin whether or not the
    tagger saw it each time. Capitalised function words ("Two Australians", "US") are none."""
    if mention.source is None or mention.source_kind not in ("named_person", "named_organisation"):
        return None
    words = form_of(text[slice(*mention.source)])[0].split()
    if words and words[0][:1].isupper() and words[-1][:1].isupper() and all(map(_NAME_WORD.match, words)) and not any(
            w.lower() in STOP_WORDS for w in words if w[:1].isupper()):
        return " ".join(words)
    return None


def affiliations(layer) -> dict[str, str]:
    """People who speak for one organisation the coverage names: Dana Holt, its spokeswoman ->
    Open Rivers Watch. Only a role that is a voice of the body counts (``VOICE_ROLES``): a
    member of a committee, an analyst or an astronomer at a university speaks for themselves."""
    named_in = names_inside([e.name for e in layer.entities if e.type == "ORG"])
    voices = data_words(VOICE_ROLES)
    bodies: dict[str, set[str]] = defaultdict(set)
    for ref in layer.roles:
        entity = layer.entities[ref.entity]
        if entity.type == "PERSON" and voices.intersection(_ROLE_WORD.findall(ref.role.text.lower())):
            bodies[entity.name].update(named_in(ref.role.affiliation or ""))
    return {person: next(iter(orgs)) for person, orgs in bodies.items() if len(orgs) == 1}


VOICE_ROLES = "link/data/voice_roles.txt"
_ROLE_WORD = re.compile(r"[^\W\d_]+")


def names_inside(names: list[str]) -> Callable[[str], list[str]]:
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
    """(document, quote index) -> the entity most versions of that quote are given to (the
    reference version's on a tie)."""
    speakers = {}
    for cluster in clusters:
        given = Counter()
        for m in sorted(cluster.members, key=lambda m: m != cluster.reference):  # the reference first: ties
            ref = refs[m]
            speaker = extractions[documents[ref.document].key].quotes[ref.index].speaker
            entity = None if speaker is None else layer.entity_named(ref.document, speaker.start, speaker.end,
                                                                      speaker.head)
            if entity is not None:
                given[layer.entities[entity].name] += 1
        if given:
            name = given.most_common(1)[0][0]
            for m in cluster.members:
                speakers[(refs[m].document, refs[m].index)] = name
    return speakers


def family_names(passages, documents, ids) -> dict[int, str]:
    """Each copied document's family, named after its earliest member: copies are one source."""
    names = {}
    for members in copy_families(passages, len(documents)):
        first = min(members, key=lambda i: ((documents[i].published or "9999")[:10], i))
        name = documents[first].outlet or ids[first]
        names.update((i, name) for i in members)
    return names
