"""The name layer the dossier is built from: every name mention (the tagger's, and the ones it
missed: ``link.missed_names``), the entities they are linked into, their roles, and
conflicting affiliations.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from newstrace.link.entities import Entity, MentionRef, link_entities
from newstrace.link.missed_names import NameScan, missed_mentions
from newstrace.link.roles import AffiliationConflict, RoleRef, affiliation_conflicts, entity_roles
from newstrace.settings import Settings
from newstrace.texts import HeadlineText

_PREPOSITIONS = frozenset("at of in for with from to about on by near into over under against between within "
                          "without who which that".split())


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
    scan: NameScan | None = None  # the scan for missed names, for the next run to start from

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


def entity_layer(documents: Sequence, extractions: dict, settings: Settings | None = None,
                 known: NameScan | None = None) -> EntityLayer:
    """``known``: the scan for missed names an earlier run made of the first documents."""
    settings = settings or Settings()
    mentions, scan = mention_refs(documents, extractions), None
    if settings.entity_merge:
        missed, scan = missed_mentions(documents, extractions, mentions, known)
        mentions = mentions + missed
    headlines = frozenset(n for n, d in enumerate(documents) if isinstance(d, HeadlineText))
    entities = link_entities(mentions, [d.outlet for d in documents], settings, headlines)
    roles = entity_roles(entities, mentions, [extractions[d.key].roles for d in documents])
    return EntityLayer(mentions, entities, roles, affiliation_conflicts(roles), scan)
