"""Cross-document linking and the dossier, shared by every runner (local and Spark).

Given the documents (in dossier order) and each one's extraction, this runs the linking
stages (reuse, quote clusters, entities, claims) and assembles the dossier. ``lap(name)``
is called after each stage so a runner can time it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields

import numpy as np

from newstrace.dossier import Dossier, build_dossier
from newstrace.link.claims import claim_refs, cluster_claims, places_side_by_side
from newstrace.link.entity_layer import EntityLayer, entity_layer
from newstrace.link.missed_names import SCAN_VERSION, NameScan
from newstrace.link.quotes import cluster_quotes, quote_refs
from newstrace.link.reuse import TOKENIZER, KnownReuse, Passage, Wording, find_reuse, reuse_fingerprint
from newstrace.link.sources import family_names, quote_speakers
from newstrace.link.stories import document_profiles, find_stories
from newstrace.model import Document, Extraction, IngestReport
from newstrace.nlp.extract import EXTRACTOR_VERSION
from newstrace.pipeline.heap import collections_paused
from newstrace.pipeline.vectors import lazy_embedder
from newstrace.settings import Settings
from newstrace.texts import text_views

_PASSAGE_FIELDS = [f.name for f in fields(Passage)]
_STORED_IDS = np.dtype("<i4")  # word ids as the ledger keeps them: little-endian, whatever the machine
LINK_STAGES = 6  # the laps link_and_build reports: link reuse, quotes, entities, stories, claims, then dossier


def link_and_build(documents: Sequence[Document], extractions: dict[str, Extraction], report: IngestReport,
                   settings: Settings, lap: Callable[[str], None] = lambda stage: None,
                   ledger=None, passages: list[Passage] | None = None, vectors=None) -> Dossier:
    """``ledger`` keeps vectors, reuse and the scan for missed names between runs:
    only new sentences are embedded, only pairs new documents can change are aligned, and
    only texts new names can change are scanned. ``passages``: the reuse among the documents
    where a runner found it itself (Spark); ``vectors``: a vector store other than the
    ledger, holding what a runner embedded itself (``pipeline.vectors``)."""
    with collections_paused():  # linking makes many objects and few cycles: see pipeline.heap
        # Linking, timed per part: "link reuse", "link quotes" … (the bench adds them up).
        if passages is None:
            passages = _reuse(documents, settings, ledger)
        lap("link reuse")
        notices: list[str] = []
        ids = [f"doc-{n}" for n in range(1, len(documents) + 1)]
        # Quotes, names and claims are read in every text, headlines beside bodies; reuse and
        # stories are the documents' own.
        views = text_views(documents, extractions)
        texts, text_ids = views.texts, views.of_documents(ids)
        embed = lazy_embedder(settings, notices, vectors if vectors is not None else ledger)
        quotes = quote_refs(texts, views.extractions)
        clusters = cluster_quotes(quotes, views.labels(ids), embed=embed, settings=settings)
        lap("link quotes")
        entities = _entity_layer(texts, views.extractions, settings, ledger)
        speakers = quote_speakers(texts, views.extractions, entities, quotes, clusters)
        lap("link entities")
        profiles = document_profiles(documents, extractions, entities, views.body)
        stories = find_stories(profiles, threshold=settings.story_threshold)
        lap("link stories")
        mentions = claim_refs(texts, views.extractions, entities, speakers, views.of_documents(stories.story_of))
        families = family_names(passages, documents, ids)
        claims = cluster_claims(mentions, text_ids, {t: families[d] for t, d in enumerate(views.owner) if d in families},
                                views.of_documents([d.outlet for d in documents]), embed=embed,
                                side_by_side=places_side_by_side(texts, entities), threshold=settings.claim_threshold)
        lap("link claims")
        dossier = build_dossier(documents, extractions, report, passages=passages, quotes=quotes,
                                quote_clusters=clusters, notices=notices, entities=entities, mentions=mentions,
                                claims=claims, stories=stories, views=views)
        lap("dossier")
        return dossier


def _reuse(documents: Sequence[Document], settings: Settings, ledger=None) -> list[Passage]:
    """Reuse among the documents; with a ledger, starting from what the last run found over
    the documents it had then (the ledger only ever appends, in the order linked here), and
    from the words it tokenised."""
    keys, fingerprint = [d.key for d in documents], reuse_fingerprint(settings)
    known = None
    if stored := _kept(ledger, "reuse", fingerprint, keys):
        known = KnownReuse(len(stored["documents"]), [Passage(*row) for row in stored["passages"]])
        if known.documents == len(documents):
            return known.passages  # nothing new
    wording = _stored_wording(ledger, keys)
    tokenised, known_words = len(wording.ids), len(wording.vocabulary)
    passages = find_reuse([d.text for d in documents], [d.published for d in documents],
                          [d.outlet for d in documents], settings, known=known, wording=wording)
    if ledger is not None and len(wording.ids) > tokenised:
        ledger.save_words(TOKENIZER, wording.vocabulary, known_words,
                          {keys[k]: wording.ids[k].astype(_STORED_IDS).tobytes()
                           for k in range(tokenised, len(wording.ids))})
    if ledger is not None:
        ledger.save_link_result("reuse", {"fingerprint": fingerprint, "documents": keys,
                                          "passages": [[getattr(p, f) for f in _PASSAGE_FIELDS] for p in passages]})
    return passages


def _entity_layer(documents: Sequence[Document], extractions: dict[str, Extraction], settings: Settings,
                  ledger=None) -> EntityLayer:
    """The name layer; with a ledger, its scan for missed names starts from the last run's,
    kept with the documents it scanned and the extractions it read (their version)."""
    keys, fingerprint = [d.key for d in documents], f"scan {SCAN_VERSION}, extraction {EXTRACTOR_VERSION}"
    stored = _kept(ledger, "names", fingerprint, keys)
    known = NameScan.from_dict(stored["scan"]) if stored else None
    layer = entity_layer(documents, extractions, settings, known=known)
    if ledger is not None and layer.scan is not None and layer.scan != known:
        ledger.save_link_result("names", {"fingerprint": fingerprint, "documents": keys,
                                          "scan": layer.scan.to_dict()})
    return layer


def _kept(ledger, stage: str, fingerprint: str, keys: list[str]) -> dict | None:
    """What the ledger kept of ``stage`` from a run made under ``fingerprint`` over the first
    of these documents, else None."""
    stored = ledger.link_result(stage) if ledger is not None else None
    if stored and stored["fingerprint"] == fingerprint and stored["documents"] == keys[:len(stored["documents"])]:
        return stored
    return None


def _stored_wording(ledger, keys: list[str]) -> Wording:
    """The words of the first documents, as far as the ledger holds them in order."""
    vocabulary, stored = ledger.words(TOKENIZER) if ledger is not None else ([], {})
    ids = []
    for key in keys:
        if key not in stored:
            break
        ids.append(np.frombuffer(stored[key], dtype=_STORED_IDS))
    return Wording(vocabulary, ids)
