"""Per-document extraction: a pure map from Document to Extraction, batched through spaCy."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from newstrace.model import Document, Extraction
from newstrace.nlp.claims import claim_mentions
from newstrace.nlp.doc_text import cased_like_body, keep_text, parsing_text
from newstrace.nlp.entities import entity_mentions, entity_roles
from newstrace.nlp.loaded_language import loaded_language
from newstrace.nlp.models import load_spacy
from newstrace.nlp.quotes import direct_quotes
from newstrace.settings import Settings
from newstrace.texts import headline, title_key
from newstrace.time_budget import OverBudget, time_budget

# Bump when extraction output changes: cached extractions of another version are recomputed.
EXTRACTOR_VERSION = "24"


def job_count(settings: Settings) -> int:
    return settings.jobs if settings.jobs > 0 else (os.cpu_count() or 1)


def extract_documents(documents: Iterable[Document], settings: Settings, nlp=None) -> Iterator[Extraction]:
    """Yield one Extraction per document, in input order."""
    documents = list(documents)
    if not documents:
        return
    processes = min(job_count(settings), max(1, len(documents) // settings.batch_size))
    if processes == 1:
        yield from _extract_batch(documents, nlp or load_spacy(settings.spacy_model), settings)
        return
    # Each worker parses and extracts whole batches, so only the small Extractions come back;
    # nlp.pipe(n_process=) would send every parsed Doc back to be read again in this process.
    # Forked workers share the pipeline loaded here; spawned ones load their own.
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    shared = (nlp or load_spacy(settings.spacy_model)) if forking else None
    batches = [documents[k:k + settings.batch_size] for k in range(0, len(documents), settings.batch_size)]
    # An executor, not a Pool: a worker that dies (out of memory) fails the run instead of hanging it.
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_start_worker,
                             initargs=(settings, shared)) as workers:
        try:
            for extractions in workers.map(_extract_in_worker, batches):
                yield from extractions
        except BrokenProcessPool as exc:
            raise WorkerDied("an extraction process died (out of memory, or killed) while reading documents; "
                             "nothing from this run was saved: try fewer --jobs") from exc


class WorkerDied(RuntimeError):
    """An extraction worker process ended without finishing its documents."""


_WORKER: dict = {}  # in a worker process: its spaCy pipeline and settings


def _start_worker(settings: Settings, nlp) -> None:
    _WORKER.update(settings=settings, nlp=nlp or load_spacy(settings.spacy_model))


def _extract_in_worker(documents: list[Document]) -> list[Extraction]:
    return list(_extract_batch(documents, _WORKER["nlp"], _WORKER["settings"]))


def _extract_batch(documents: list[Document], nlp, settings: Settings) -> Iterator[Extraction]:
    nlp.max_length = max(nlp.max_length, settings.max_document_chars)  # ingest enforces the setting
    titles = [headline(d) for d in documents]
    # One stream, each body followed by its headline: the headlines share the bodies' batches.
    # A headline is parsed as its body cases its words (Title Case reads as a row of names).
    texts = (parsing_text(text) for d, title in zip(documents, titles)
             for text in (d.text, cased_like_body(title, d.text) if title else None) if text is not None)
    parsed = nlp.pipe(texts, batch_size=settings.batch_size)
    for document, title in zip(documents, titles):
        doc = keep_text(next(parsed), document.text)
        title_doc = keep_text(next(parsed), title) if title else None
        try:
            with time_budget(settings.document_time_budget, "extraction"):
                extraction = extract_one(document, doc)
                if title_doc is not None:  # read on its own: offsets into the title
                    read = extract_one(Document(source=document.source, text=title, published=document.published),
                                       title_doc)
                    extraction = replace(extraction, title=replace(read, key=title_key(document.key)))
        except OverBudget as exc:  # the document stays, with what was parsed; the run goes on
            extraction = Extraction(key=document.key, notices=(f"{exc}; nothing was extracted from it",))
        yield extraction


def extract_one(document: Document, doc) -> Extraction:
    """Everything newstrace reads from one parsed document."""
    quotes, warnings = direct_quotes(doc, document.blockquotes)
    return Extraction(key=document.key, entities=entity_mentions(doc), roles=entity_roles(doc),
                      quotes=quotes, claims=claim_mentions(doc, quotes, document.published), notices=warnings,
                      loaded=loaded_language(doc, quotes))
