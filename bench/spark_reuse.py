"""Benchmark: text reuse as Spark jobs (``newstrace spark``) against the local runner.

Generates the corpus of ``bench/corpus.py`` (or reads it from ``--cache``), then finds
reuse with ``spark_reuse`` in ``local[N]`` and with ``find_reuse`` on the same machine, and
prints both times and whether they found the same passages. Spark's own start-up is not
timed. Needs pyspark and Java 17 (``make install`` has pyspark).

    .venv/bin/python bench/spark_reuse.py --sizes 1000 3000 --cache bench/.cache
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import VERSION, generate  # noqa: E402

from newstrace.ingest import ingest  # noqa: E402
from newstrace.link.reuse import find_reuse  # noqa: E402
from newstrace.pipeline.spark import spark_reuse, spark_session  # noqa: E402
from newstrace.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--cores", type=int, default=2, help="Spark runs in local[CORES]")
    parser.add_argument("--slices", type=int, default=8)
    parser.add_argument("--cache", type=Path, help="keep generated corpora here between runs (default: a temp dir)")
    args = parser.parse_args()
    if shutil.which("java") is None:
        print("Spark needs Java 17 (no java on PATH): skipped")
        return
    settings = Settings()
    spark = spark_session(f"local[{args.cores}]", app="newstrace-bench")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cache = args.cache or Path(tmp)
            for size in args.sizes:
                folder = cache / f"corpus-{VERSION}-{size}"
                if not folder.exists():
                    generate(size, folder)
                documents = ingest([str(folder)], settings).documents
                start = time.perf_counter()
                on_spark = spark_reuse(spark.sparkContext, documents, settings, args.slices)
                middle = time.perf_counter()
                local = find_reuse([d.text for d in documents], [d.published for d in documents],
                                   [d.outlet for d in documents], settings)
                end = time.perf_counter()
                print(f"{size:>6} articles: Spark local[{args.cores}] {middle - start:.1f} s, local runner "
                      f"{end - middle:.1f} s, {len(local)} passages, "
                      f"{'the same' if on_spark == local else 'NOT the same'} on both", flush=True)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
