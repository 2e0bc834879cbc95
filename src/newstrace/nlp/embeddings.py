"""Sentence embeddings, offline, for meaning-level comparison (translation variants, claim clusters)."""

from __future__ import annotations

import os

from newstrace.nlp.models import ModelError, embedding_model_path

# Loaded models by setting: read-only once loaded, so sharing one between runs changes no result.
_LOADED: dict[tuple[str, str], object] = {}


def resolve_device(device: str) -> str:
    """The torch device "auto" stands for here: "cuda" when a GPU is usable, else "cpu"."""
    if device != "auto":
        return device
    try:
        import torch
    except ImportError:
        return "cpu"
    return "cuda" if torch.cuda.is_available() else "cpu"


def load_embedder(setting: str, device: str = "auto"):
    """A function from a list of texts to unit vectors (a numpy array, one row a text).

    ``device`` "auto" uses a CUDA GPU when torch sees one, else the CPU. Raises ModelError
    when sentence-transformers or every model in ``setting`` is missing.
    """
    model = sentence_model(setting, device)

    def embed(texts: list[str]):
        return model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)

    return embed


def sentence_model(setting: str, device: str = "auto"):
    """The loaded sentence-transformers model itself (its tokenizer and transformer give the
    states of each word, for training), shared with ``load_embedder``. Raises ModelError as it does."""
    device = resolve_device(device)
    if (setting, device) not in _LOADED:
        _LOADED[setting, device] = _load(setting, device)
    return _LOADED[setting, device]


def _load(setting: str, device: str):
    path = embedding_model_path(setting)
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from sentence_transformers import SentenceTransformer  # heavy: imported where used
    except ImportError as exc:
        raise ModelError("sentence-transformers is not installed: pip install 'newstrace[embeddings]'") from exc
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return SentenceTransformer(path, device=device)
