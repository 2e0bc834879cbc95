"""Sentence vectors for what linking compares by meaning, made per document and kept by content hash.

Linking compares claim predicates (their lemmas), and quotes that may be translations of
each other, by embedding cosine. Which texts those are is known per document once it is extracted, so
they are embedded right after extraction (``embed_documents``: on an executor under
Spark), and kept in a vector store by model and text hash: the ledger's vectors table,
or a ``VectorStore`` in memory. Linking then reads them back (``lazy_embedder``) and
embeds only what no store holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from newstrace.link.quotes import translation_candidates
from newstrace.model import Document, Extraction
from newstrace.nlp.embeddings import load_embedder
from newstrace.nlp.models import ModelError
from newstrace.settings import Settings
from newstrace.texts import text_views

EMBED_BATCH = 256  # texts embedded and saved at a time: progress moves, and a store write stays small


class VectorStore:
    """Vectors in memory, by model and text hash: the ledger's interface, for runs without one."""

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], bytes] = {}

    def vectors(self, model: str, digests: Iterable[str]) -> dict[str, bytes]:
        return {d: self._vectors[model, d] for d in digests if (model, d) in self._vectors}

    def save_vectors(self, model: str, vectors: dict[str, bytes]) -> None:
        self._vectors.update(((model, d), blob) for d, blob in vectors.items())

    def held(self, model: str) -> dict[str, bytes]:
        """Every vector held for ``model``, by text hash."""
        return {d: blob for (m, d), blob in self._vectors.items() if m == model}


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def compared_texts(document: Document, extraction: Extraction) -> list[str]:
    """What linking compares by meaning in one document: the lemmas of its claims' predicates
    (a word each, so cheap to embed and shared across the coverage) and the quotes
    translation matching may pair."""
    return sorted({m.lemma for m in extraction.claims}) + translation_candidates(document, extraction)


def embed_documents(documents: Sequence[Document], extractions: dict[str, Extraction], settings: Settings,
                    store, progress: Callable[[int, int], None] | None = None) -> int:
    """Embed what linking will compare in ``documents`` into ``store``, skipping texts it
    already holds; returns how many texts were embedded. Without an embedding model nothing
    is embedded: linking says what it could not compare."""
    model = settings.embedding_model
    if not model.strip():
        return 0
    views = text_views(documents, extractions)  # headlines too
    texts = {digest(t): t for d in views.texts for t in compared_texts(d, views.extractions[d.key])}
    held = store.vectors(model, set(texts))
    missing = sorted((d, t) for d, t in texts.items() if d not in held)
    if not missing:
        return 0
    try:
        embed = load_embedder(model, settings.embedding_device)
    except ModelError:
        return 0
    for start in range(0, len(missing), EMBED_BATCH):
        _compute_and_keep(missing[start:start + EMBED_BATCH], embed, store, model)
        if progress:
            progress(min(start + EMBED_BATCH, len(missing)), len(missing))
    return len(missing)


def lazy_embedder(settings: Settings, notices: list[str], store=None):
    """Linking's embedder: vectors a ``store`` holds are read back, others computed (and kept
    there); the model loads only when something is missing. Without a model, it says what
    was skipped in ``notices`` and returns None."""
    if not settings.embedding_model.strip():
        return None

    def compute(texts: list[str]):
        return load_embedder(settings.embedding_model, settings.embedding_device)(texts)

    def embed(texts: list[str]):
        try:
            if store is None or not texts:
                return compute(texts)
            return _through_store(texts, compute, store, settings.embedding_model)
        except ModelError as exc:
            message = f"no embedding model, so quote translations were not checked and claims were grouped by words: {exc}"
            if message not in notices:
                notices.append(message)
            return None

    return embed


def _through_store(texts: list[str], compute, store, model: str) -> np.ndarray:
    digests = [digest(t) for t in texts]
    stored = store.vectors(model, set(digests))
    missing = sorted({d: t for d, t in zip(digests, texts) if d not in stored}.items())
    if missing:
        stored.update(_compute_and_keep(missing, compute, store, model))
    return np.stack([np.frombuffer(stored[d], dtype=np.float32) for d in digests])


def _compute_and_keep(missing: list[tuple[str, str]], compute, store, model: str) -> dict[str, bytes]:
    """Embed (digest, text) pairs and save the vectors in ``store``; returns them by digest."""
    rows = np.asarray(compute([t for _, t in missing]), dtype=np.float32)
    new = {d: row.tobytes() for (d, _), row in zip(missing, rows)}
    store.save_vectors(model, new)
    return new
