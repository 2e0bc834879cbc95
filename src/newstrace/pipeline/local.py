"""The default runner: one machine, a SQLite ledger, extraction cached by content hash."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newstrace.dossier import Dossier
from newstrace.ingest import ingest
from newstrace.model import IngestReport
from newstrace.nlp.extract import EXTRACTOR_VERSION, extract_documents
from newstrace.pipeline.heap import long_lived_heap
from newstrace.pipeline.linking import LINK_STAGES, link_and_build
from newstrace.pipeline.stage_clock import StageClock
from newstrace.pipeline.vectors import embed_documents
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
    clock = StageClock()
    lap = clock.lap

    report = ingest(inputs, settings)
    lap("ingest")
    with Ledger(db or ":memory:") as ledger, long_lived_heap() as settle:
        new_keys = ledger.add_documents(report.documents)
        documents = list(ledger.documents())
        lap("store")

        cached = ledger.extractions((d.key for d in documents), EXTRACTOR_VERSION)
        settle()  # the documents and extractions live to the end
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
        # Per-document too: the claim predicates and quotes linking compares, embedded once and kept.
        embed_documents(todo, extractions, settings, ledger,
                        progress and (lambda done, total: progress("embed", done, total)))
        lap("embed")
        settle()  # so do the fresh extractions and the models

        linked = 0

        def link_lap(stage: str) -> None:  # the linking stages as one bar: reuse, quotes, entities, claims, dossier
            nonlocal linked
            lap(stage)
            linked += 1
            if progress:
                progress("link", linked, LINK_STAGES)

        dossier = link_and_build(documents, extractions, report, settings, link_lap, ledger=ledger)
    return RunResult(dossier=dossier, report=report, new_documents=len(new_keys),
                     extracted=len(todo), timings=clock.timings)
