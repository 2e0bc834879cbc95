"""PolNeAR for the benchmarks: the shared command line, the rows of a split, their extractions.

Reads ../shared/data/polnear/{dev,train}.jsonl; never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newstrace.model import Document
from newstrace.nlp.extract import extract_documents
from newstrace.nlp.models import load_spacy
from newstrace.settings import Settings

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"


def arguments(description: str, more=None) -> argparse.Namespace:
    """The shared options; ``more(parser)`` adds a script's own."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    if more is not None:
        more(parser)
    return parser.parse_args()


def read_split(args: argparse.Namespace, extract: bool = True) -> tuple[list[dict], list, object]:
    """The split's rows (the first ``--limit``), each one's extraction (none without ``extract``),
    and the spaCy model used."""
    path = DATA / f"{args.split}.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found: this benchmark reads the shared PolNeAR data")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    settings = Settings(jobs=1)
    nlp = load_spacy(settings.spacy_model)
    if not extract:
        return rows, [], nlp
    documents = [Document(source=row["doc_id"], text=row["text"]) for row in rows]
    return rows, list(extract_documents(documents, settings, nlp=nlp)), nlp
