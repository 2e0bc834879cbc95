"""The default runner: one machine, a SQLite ledger, extraction cached by content hash."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newstrace.dossier import Dossier, build_dossier
from newstrace.ingest import ingest
from newstrace.link.claims import claim_refs, cluster_claims, family_names, quote_speakers
from newstrace.link.entity_layer import entity_layer
from newstrace.link.quotes import cluster_quotes, quote_refs
from newstrace.link.reuse import find_reuse
from newstrace.model import IngestReport
from newstrace.nlp.embeddings import load_embedder
from newstrace.nlp.extract import EXTRACTOR_VERSION, extract_documents
from newstrace.nlp.models import ModelError
from newstrace.settings import Settings
from newstrace.store import Ledger

# progress(stage, done, total): called as work advances; the CLI draws a bar with it
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RunResult:
    dossier: Dossier
    report: IngestReport
    new_documents: int  # documents the ledger did not hold before this run
    extracted: int  # documents whose extraction was computed (not taken from the cache)
    timings: dict[str, float] = field(default_factory=dict)


def analyze(inputs: Iterable[str], settings: Settings | None = None, db: str | Path | None = None) -> Dossier:
    """Analyse files, folders and URLs into a dossier. With ``db``, results accumulate in that ledger."""
    return run(inputs, settings or Settings(), db).dossier


def run(inputs: Iterable[str], settings: Settings, db: str | Path | None = None,
        progress: Progress | None = None, nlp=None) -> RunResult:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - clock
        clock = now

    report = ingest(inputs, settings)
    lap("ingest")
    with Ledger(db or ":memory:") as ledger:
        new_keys = ledger.add_documents(report.documents)
        documents = list(ledger.documents())
        lap("store")

        cached = ledger.extractions((d.key for d in documents), EXTRACTOR_VERSION)
        todo = [d for d in documents if d.key not in cached]
        extractions = dict(cached)
        if todo:
            fresh = []
            for n, extraction in enumerate(extract_documents(todo, settings, nlp=nlp), start=1):
                fresh.append(extraction)
                if progress:
                    progress("extract", n, len(todo))
            ledger.save_extractions(fresh, EXTRACTOR_VERSION)
            extractions.update((e.key, e) for e in fresh)
        lap("extract")

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
    return RunResult(dossier=dossier, report=report, new_documents=len(new_keys),
                     extracted=len(todo), timings=timings)


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
