"""Cross-document linking and the dossier, shared by every runner (local and Spark).

Given the documents (in dossier order) and each one's extraction, this runs the linking
stages (reuse, quote clusters, entities, claims) and assembles the dossier. ``lap(name)``
is called after each stage so a runner can time it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newstrace.dossier import Dossier, build_dossier
from newstrace.link.claims import claim_refs, cluster_claims, family_names, quote_speakers
from newstrace.link.entity_layer import entity_layer
from newstrace.link.quotes import cluster_quotes, quote_refs
from newstrace.link.reuse import find_reuse
from newstrace.model import Document, Extraction, IngestReport
from newstrace.nlp.embeddings import load_embedder
from newstrace.nlp.models import ModelError
from newstrace.settings import Settings


def link_and_build(documents: Sequence[Document], extractions: dict[str, Extraction], report: IngestReport,
                   settings: Settings, lap: Callable[[str], None] = lambda stage: None) -> Dossier:
    # Linking, timed per part: "link reuse", "link quotes" … (the bench adds them up).
    passages = find_reuse([d.text for d in documents], [d.published for d in documents],
                          [d.outlet for d in documents], settings)
    lap("link reuse")
    notices: list[str] = []
    ids = [f"doc-{n}" for n in range(1, len(documents) + 1)]
    embed = _lazy_embedder(settings, notices)
    quotes = quote_refs(documents, extractions)
    clusters = cluster_quotes(quotes, ids, embed=embed, settings=settings)
    lap("link quotes")
    entities = entity_layer(documents, extractions, settings)
    speakers = quote_speakers(documents, extractions, entities, quotes, clusters)
    lap("link entities")
    claims = cluster_claims(claim_refs(documents, extractions, entities, speakers), ids,
                            family_names(passages, documents, ids), [d.outlet for d in documents],
                            embed=embed, threshold=settings.claim_similarity)
    lap("link claims")
    dossier = build_dossier(documents, extractions, report, passages=passages, quote_clusters=clusters,
                            notices=notices, entities=entities, claims=claims, quote_speakers=speakers)
    lap("dossier")
    return dossier


def _lazy_embedder(settings: Settings, notices: list[str]):
    """Load the embedding model only when a stage asks for vectors; without one, say what was skipped."""
    if not settings.embedding_model.strip():
        return None

    def embed(texts: list[str]):
        try:
            return load_embedder(settings.embedding_model, settings.embedding_device)(texts)
        except ModelError as exc:
            message = f"no embedding model, so quote translations were not checked and claims were grouped by words: {exc}"
            if message not in notices:
                notices.append(message)
            return None

    return embed
