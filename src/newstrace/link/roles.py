"""Roles and affiliations per entity, and the conflicts between documents' accounts of them.

A role is what a document calls a person or organisation ("Press attaché",
"a diplomat at the Valdorian trade office in Lisbon"); its affiliation is the body the
role ties them to. Two documents that tie one person to bodies sharing few words (the
trade office in Lisbon, the embassy in Portugal) disagree about who the person is: an
``affiliation_conflict`` for the researcher to check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace.model import Role

if TYPE_CHECKING:  # entities.py builds on this module; the types only are needed here
    from newstrace.link.entities import Entity, MentionRef

_WORD = re.compile(r"\w+")
_FILLER = frozenset({"the", "a", "an", "of", "in", "at", "to", "for", "and", "on", "with", "from"})
CONFLICT_OVERLAP = 0.34  # affiliations sharing less than this share of their words disagree


@dataclass(frozen=True)
class RoleRef:
    entity: int  # index into the entities
    document: int
    role: Role


@dataclass(frozen=True)
class AffiliationConflict:
    entity: int
    first: RoleRef
    second: RoleRef


def entity_roles(entities: Sequence[Entity], mentions: Sequence[MentionRef],
                 roles_by_document: Sequence[Sequence[Role]]) -> list[RoleRef]:
    """The roles of each entity's mentions, in entity then document order."""
    owner = {}
    for e, entity in enumerate(entities):
        for i in entity.mentions:
            owner[(mentions[i].document, mentions[i].start)] = e
    found = []
    for document, roles in enumerate(roles_by_document):
        for role in roles:
            e = owner.get((document, role.mention_start))
            if e is not None:
                found.append(RoleRef(e, document, role))
    return sorted(found, key=lambda r: (r.entity, r.document, r.role.start))


def affiliation_conflicts(roles: Sequence[RoleRef]) -> list[AffiliationConflict]:
    """Pairs of documents that tie one entity to bodies with few words in common.

    Each entity's roles are compared only with each other (in the order given), and each
    pair of distinct affiliations is judged once."""
    conflicts = []
    seen = set()
    judged: dict[tuple[str, str], bool] = {}
    by_entity: dict = {}
    for r in roles:
        if r.role.affiliation:
            by_entity.setdefault(r.entity, []).append(r)
    for group in by_entity.values():
        for n, a in enumerate(group):
            for b in group[n + 1:]:
                key = (a.entity, a.document, b.document)
                if b.document == a.document or key in seen:
                    continue
                pair = (a.role.affiliation, b.role.affiliation)
                if pair not in judged:
                    judged[pair] = _disagree(*pair)
                if judged[pair]:
                    seen.add(key)
                    conflicts.append(AffiliationConflict(a.entity, a, b))
    return conflicts


def _disagree(x: str, y: str) -> bool:
    wx, wy = _content(x), _content(y)
    if not wx or not wy or wx <= wy or wy <= wx:
        return False
    return len(wx & wy) / len(wx | wy) < CONFLICT_OVERLAP


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _FILLER}


def role_name(role: Role) -> str:
    """A role as a list shows it: without a leading article."""
    return re.sub(r"^(?:a|an|the)\s+", "", role.text, flags=re.IGNORECASE)
