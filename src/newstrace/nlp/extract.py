"""Per-document extraction: a pure map from Document to Extraction, batched through spaCy."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from newstrace.model import Document, Extraction
from newstrace.nlp.claims import claim_mentions
from newstrace.nlp.entities import entity_mentions, entity_roles
from newstrace.nlp.loaded_language import loaded_language
from newstrace.nlp.models import load_spacy
from newstrace.nlp.quotes import direct_quotes
from newstrace.settings import Settings
from newstrace.time_budget import OverBudget, time_budget

# Bump when extraction output changes: cached extractions of another version are recomputed.
EXTRACTOR_VERSION = "10"


def job_count(settings: Settings) -> int:
    return settings.jobs if settings.jobs > 0 else (os.cpu_count() or 1)


def extract_documents(documents: Iterable[Document], settings: Settings, nlp=None) -> Iterator[Extraction]:
    """Yield one Extraction per document, in input order."""
    documents = list(documents)
    if not documents:
        return
    nlp = nlp or load_spacy(settings.spacy_model)
    nlp.max_length = max(nlp.max_length, settings.max_document_chars)  # ingest enforces the setting
    processes = min(job_count(settings), max(1, len(documents) // settings.batch_size))
    texts = (d.text for d in documents)
    parsed = nlp.pipe(texts, batch_size=settings.batch_size, n_process=processes)
    for document, doc in zip(documents, parsed):
        try:
            with time_budget(settings.document_time_budget, "extraction"):
                extraction = extract_one(document, doc)
        except OverBudget as exc:  # the document stays, with what was parsed; the run goes on
            extraction = Extraction(key=document.key, notices=(f"{exc}; nothing was extracted from it",))
        yield extraction


def extract_one(document: Document, doc) -> Extraction:
    """Everything newstrace reads from one parsed document."""
    quotes, warnings = direct_quotes(doc, document.blockquotes)
    return Extraction(key=document.key, entities=entity_mentions(doc), roles=entity_roles(doc),
                      quotes=quotes, claims=claim_mentions(doc, quotes), notices=warnings,
                      loaded=loaded_language(doc, quotes))
