"""ECB+ for the benchmarks and the training script: rows of a split, as newstrace Documents.

Reads ../shared/data/ecbplus/{train,dev}.jsonl (never copied into the project): real news
articles in topics, each topic two similar but different events (sub-topics), with every
event mention of the annotated sentences and which mentions are one event across documents.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from newstrace.model import Document

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus"


def read_split(split: str) -> list[dict]:
    path = DATA / f"{split}.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found: this script reads the shared ECB+ data")
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def documents(rows: list[dict]) -> list[Document]:
    """One Document a row; ECB+ gives no outlet or date."""
    return [Document(source=row["doc_id"], text=row["text"]) for row in rows]


def annotated(row: dict, offset: int) -> bool:
    """Whether a character offset lies in one of the row's annotated sentences."""
    return any(a <= offset < b for a, b in row["annotated_sentences"])


def gold_events(row: dict, start: int, end: int) -> list[dict]:
    """The gold event mentions overlapping [start, end)."""
    return [e for e in row["events"] if e["start"] < end and start < e["end"]]


def extracted(split: str, rows: list[dict], docs: list[Document] | None = None):
    """The split's documents (``docs``, else one a row), each one's newstrace extraction (kept
    in bench/.cache under a hash of the extraction code and its data, so any change there
    extracts again), and their entity layer."""
    import hashlib
    import pickle

    from newstrace.link.entity_layer import entity_layer
    from newstrace.nlp.extract import EXTRACTOR_VERSION, extract_documents
    from newstrace.settings import Settings

    code = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "nlp"
    stamp = hashlib.sha1(EXTRACTOR_VERSION.encode())
    for path in sorted(code.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".json"):
            stamp.update(path.read_bytes())
    stamp = stamp.hexdigest()
    cache = Path(__file__).parent / ".cache" / f"extracted-{split}-{stamp[:12]}.pickle"
    docs = docs if docs is not None else documents(rows)
    if cache.exists():
        extractions = pickle.loads(cache.read_bytes())
    else:
        extractions = {e.key: e for e in extract_documents(docs, Settings(jobs=2))}
        cache.parent.mkdir(exist_ok=True)
        cache.write_bytes(pickle.dumps(extractions))
    return docs, extractions, entity_layer(docs, extractions)


def mention_chains(rows: list[dict], refs) -> list[tuple[str | None, bool, bool]]:
    """For each claim mention: (the chain of the gold event its predicate is, whether that chain
    crosses documents, whether the mention lies in an annotated sentence)."""
    out = []
    for ref in refs:
        row = rows[ref.document]
        a, b = ref.mention.predicate
        events = gold_events(row, a, b)
        out.append((events[0]["chain"] if events else None, bool(events) and events[0]["cross_doc"],
                    annotated(row, a)))
    return out


def document_pairs(groups: list[list[int]], sub: list) -> tuple[float, float]:
    """Precision and recall of documents "in one group" against "one gold sub-topic" (``sub``
    gives each document's)."""
    predicted = hits = 0
    for members in groups:
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                predicted += 1
                hits += sub[a] == sub[b]
    gold = sum(n * (n - 1) // 2 for n in Counter(sub).values())
    return (hits / predicted if predicted else 0.0), (hits / gold if gold else 0.0)


def pairwise(groups: list[list[int]], chains, document_of, cross_only: bool = True) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of mentions in two documents, both holding a gold
    event: predicted "in one group" against gold "one cross-document chain"."""
    group_of = {m: g for g, members in enumerate(groups) for m in members}
    scored = [m for m, (chain, _, inside) in enumerate(chains) if chain is not None and inside]
    by_chain: dict[str, list[int]] = {}
    for m in scored:
        if chains[m][1] or not cross_only:
            by_chain.setdefault(chains[m][0], []).append(m)
    gold = sum(1 for members in by_chain.values() for i, a in enumerate(members) for b in members[i + 1:]
               if document_of[a] != document_of[b])
    by_group: dict[int, list[int]] = {}
    for m in scored:
        by_group.setdefault(group_of.get(m, -1 - m), []).append(m)
    predicted = hits = 0
    for members in by_group.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if document_of[a] != document_of[b]:
                    predicted += 1
                    hits += chains[a][0] == chains[b][0] and (chains[a][1] or not cross_only)
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if hits else 0.0
