"""What every human-readable report shows, computed once from the dossier for all renderers."""

from __future__ import annotations

from dataclasses import dataclass

from newstrace.dossier import Dossier


@dataclass(frozen=True)
class Summary:
    documents: int
    outlets: list[str]
    skipped: list[dict]
    duplicates: list[dict]
    counts: dict[str, int]


def summary(dossier: Dossier) -> Summary:
    outlets = sorted({d["outlet"] for d in dossier.documents if d.get("outlet")})
    return Summary(
        documents=len(dossier.documents),
        outlets=outlets,
        skipped=dossier.data.get("skipped", []),
        duplicates=dossier.data.get("duplicates", []),
        counts=dossier.counts(),
    )


def people_and_groups(dossier: Dossier, limit: int = 40) -> list[dict]:
    """Entities most mentioned first, names of things (not nationalities) only."""
    wanted = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
    return [e for e in dossier["entities"] if e["type"] in wanted][:limit]
