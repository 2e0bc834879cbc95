"""Sentence embeddings, offline, for meaning-level comparison (translation variants, claim clusters)."""

from __future__ import annotations

import os

from newstrace.nlp.models import ModelError, embedding_model_path

# Loaded models by setting: read-only once loaded, so sharing one between runs changes no result.
_LOADED: dict[str, object] = {}


def load_embedder(setting: str):
    """A function from a list of texts to unit vectors (a numpy array, one row a text).

    Raises ModelError when sentence-transformers or every model in ``setting`` is missing.
    """
    if setting not in _LOADED:
        _LOADED[setting] = _load(setting)
    model = _LOADED[setting]

    def embed(texts: list[str]):
        return model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)

    return embed


def _load(setting: str):
    path = embedding_model_path(setting)
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from sentence_transformers import SentenceTransformer  # heavy: imported where used
    except ImportError as exc:
        raise ModelError("sentence-transformers is not installed: pip install 'newstrace[embeddings]'") from exc
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return SentenceTransformer(path, device="cpu")
