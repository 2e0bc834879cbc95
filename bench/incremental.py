"""Benchmark: adding a few articles to a ledger that already holds many.

Builds a ledger of N generated articles, then adds 10 more as a user would
(``newstrace analyze --db story.db new/``: only the new folder) and compares that run
with extracting the same 10 articles alone (spaCy and extractors, the model already
loaded), each the best of ``--repeat`` tries, the run on a fresh copy of the ledger each
time. Extraction alone is timed twice: parse and extractors, then with the embedding of
what linking compares in the articles too (``compared_texts``: claim clauses, quotes that
may be translations), which issue 8 counts as extraction and the run does. Target: the
run costs at most 2x extraction alone, plus rendering (assembling the dossier). Prints the
run's stages, so what still grows with the ledger shows.

    .venv/bin/python bench/incremental.py --size 1000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate  # noqa: E402

from newstrace.ingest import ingest  # noqa: E402
from newstrace.nlp.embeddings import load_embedder  # noqa: E402
from newstrace.nlp.extract import extract_documents  # noqa: E402
from newstrace.nlp.models import load_spacy  # noqa: E402
from newstrace.pipeline.local import run  # noqa: E402
from newstrace.pipeline.vectors import compared_texts  # noqa: E402
from newstrace.settings import Settings  # noqa: E402
from newstrace.store import Ledger  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--add", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings(jobs=args.jobs)
    nlp = load_spacy(settings.spacy_model)
    with tempfile.TemporaryDirectory() as tmp:
        everything = Path(tmp) / "all"
        generate(args.size + args.add, everything)
        base, new = Path(tmp) / "base", Path(tmp) / "new"
        base.mkdir(), new.mkdir()
        for k, path in enumerate(sorted(everything.iterdir())):
            shutil.move(str(path), str((base if k < args.size else new) / path.name))
        base_db = Path(tmp) / "base.db"
        start = time.perf_counter()
        run([str(base)], settings, db=base_db, nlp=nlp)
        built = time.perf_counter() - start

        added = ingest([str(new)], settings).documents
        embed = load_embedder(settings.embedding_model, settings.embedding_device)  # loaded by the run above
        alone, embedded, incremental = float("inf"), float("inf"), float("inf")
        for attempt in range(args.repeat):  # the best of a few: one run of a second is at the mercy of noise
            start = time.perf_counter()
            extractions = list(extract_documents(added, Settings(jobs=1), nlp=nlp))
            parsed = time.perf_counter()
            embed(sorted({t for d, e in zip(added, extractions) for t in compared_texts(d, e)}))  # as the run does
            alone = min(alone, parsed - start)
            embedded = min(embedded, time.perf_counter() - start)

            db = Path(tmp) / f"story-{attempt}.db"
            with Ledger(base_db) as ledger:  # a fresh copy of the ledger of N for each attempt
                ledger.conn.execute(f"VACUUM INTO '{db}'")
            start = time.perf_counter()
            attempt_result = run([str(new)], settings, db=db, nlp=nlp)
            elapsed = time.perf_counter() - start
            if elapsed < incremental:
                incremental, result = elapsed, attempt_result
    stages = " ".join(f"{k.replace(' ', '-')}={v:.2f}" for k, v in result.timings.items())
    rendering = result.timings.get("dossier", 0.0)
    print(f"ledger of {args.size} built in {built:.1f} s; adding {args.add} (extracted {result.extracted}) took "
          f"{incremental:.2f} s, {incremental - rendering:.2f} s before the dossier is assembled")
    print(f"  extracting them alone: {alone:.2f} s to parse and extract (x{(incremental - rendering) / alone:.1f}), "
          f"{embedded:.2f} s with what linking compares embedded as well "
          f"(x{(incremental - rendering) / embedded:.1f}; target <= 2)")
    print(f"  {stages}")


if __name__ == "__main__":
    main()
