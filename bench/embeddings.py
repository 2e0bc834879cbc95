"""Benchmark: sentence embedding speed (all-MiniLM-L6-v2) on the CPU and, when there is one, a GPU.

Embeds the sentences of a generated corpus and prints sentences per second per device.
The pipeline embeds only claim clauses and quotes, so this is a ceiling on what
embeddings can cost, not a share of every run.

    .venv/bin/python bench/embeddings.py --sentences 2000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate  # noqa: E402

from newstrace.ingest import ingest  # noqa: E402
from newstrace.nlp.embeddings import load_embedder, resolve_device  # noqa: E402
from newstrace.nlp.stance import sentences  # noqa: E402
from newstrace.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(max(10, args.sentences // 10), Path(tmp) / "corpus")
        texts = [d.text for d in ingest([str(Path(tmp) / "corpus")]).documents]
    pool = [t[a:b] for t in texts for a, b in sentences(t)][:args.sentences]
    devices = ["cpu"] + (["cuda"] if resolve_device("auto") == "cuda" else [])
    for device in devices:
        embed = load_embedder(Settings().embedding_model, device)
        embed(pool[:64])  # warm up: the first batch pays for loading onto the device
        start = time.perf_counter()
        embed(pool)
        elapsed = time.perf_counter() - start
        print(f"{device:>5}: {len(pool)} sentences in {elapsed:.2f} s, {len(pool) / elapsed:,.0f} sentences/s")
    if devices == ["cpu"]:
        print("  (no CUDA device here: the GPU figure needs a machine with one)")


if __name__ == "__main__":
    main()
