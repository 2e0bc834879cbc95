"""Benchmark: the whole pipeline against spaCy-only parsing of the same texts.

Prints, for each corpus size, total time, time per stage, peak memory, the ratio of
total time to a bare spaCy parse of the same texts in the same run (both models loaded
before either is timed), and the shares of linking and of embedding (the claim clauses
and quotes linking compares, embedded per document after extraction) in the total.
Figures, not pass/fail: speed is never checked by a timed test.

    .venv/bin/python bench/pipeline.py --sizes 100 1000 --jobs 2
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate  # noqa: E402

from newstrace.ingest import ingest  # noqa: E402
from newstrace.nlp.embeddings import load_embedder  # noqa: E402
from newstrace.nlp.models import load_spacy  # noqa: E402
from newstrace.pipeline.local import run  # noqa: E402
from newstrace.settings import Settings  # noqa: E402


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100])
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    settings = Settings(jobs=args.jobs)
    start = time.perf_counter()
    nlp = load_spacy(settings.spacy_model)
    load_embedder(settings.embedding_model, settings.embedding_device)(["warm up"])
    print(f"models loaded in {time.perf_counter() - start:.1f} s (before any timing, for both sides)")
    print(f"{'docs':>6} {'words':>9} {'spaCy s':>9} {'total s':>9} {'ratio':>6} {'link':>6} {'embed':>6} "
          f"{'peak MB':>8}  stages")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            generate(size, folder)
            texts = [d.text for d in ingest([str(folder)], settings).documents]
            words = sum(len(t.split()) for t in texts)
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=args.jobs):
                pass
            parse = time.perf_counter() - start
            start = time.perf_counter()
            result = run([str(folder)], settings, nlp=nlp)
            total = time.perf_counter() - start
        stages = " ".join(f"{k.replace(' ', '-')}={v:.2f}" for k, v in result.timings.items())
        link = sum(v for k, v in result.timings.items() if k.startswith("link"))
        embed = result.timings.get("embed", 0.0)
        print(f"{size:>6} {words:>9,} {parse:>9.2f} {total:>9.2f} {total / parse:>6.2f} {link / total:>6.0%} "
              f"{embed / total:>6.0%} {peak_memory_mb():>8.0f}  {stages}")


if __name__ == "__main__":
    main()
