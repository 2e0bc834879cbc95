"""Benchmark: cross-document linking alone, as the collection grows (N = 1,000 to 10,000).

For each size, a child process generates the corpus and extracts it into a ledger (kept
under ``--cache``, so a second run goes straight to linking); then a fresh child process
reads the documents and extractions back, embeds the claim clauses and quotes anew as a
first run does (timed apart: it is per-document work, done after extraction), and runs
the linking stages and the dossier ``--repeat`` times, each from empty caches, with what
lives for the whole run kept out of garbage collection as ``pipeline.local.run`` keeps
it. The fastest run counts: on a shared machine one run of 1,000 articles took anywhere
from 0.9 to 1.5 s, which swung the growth figure from 8 to 17 times. Each size in its own
process, so peak memory is linking's own (the documents, extractions, indexes and
vectors it holds).

Prints per size: linking seconds per stage and in all, embedding seconds, peak memory;
then how linking grew against the documents. Targets (issue 8): 10x the documents costs
at most 15x the time; peak memory at most 2 GB at 10,000 articles.

    .venv/bin/python bench/linking.py --sizes 1000 3000 10000 --cache bench/.cache
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def prepare(size: int, cache: Path, jobs: int) -> None:
    """Generate the corpus and extract it into ``cache``'s ledger for ``size``, unless done."""
    from corpus import VERSION, generate

    from newstrace.ingest import ingest
    from newstrace.nlp.extract import EXTRACTOR_VERSION, extract_documents
    from newstrace.settings import Settings
    from newstrace.store import Ledger

    settings = Settings(jobs=jobs)
    folder = cache / f"corpus-{VERSION}-{size}"
    if not folder.exists():
        generate(size, folder)
    with Ledger(cache / f"ledger-{VERSION}-{size}.db") as ledger:
        ledger.add_documents(ingest([str(folder)], settings).documents)
        documents = list(ledger.documents())
        done = ledger.extractions((d.key for d in documents), EXTRACTOR_VERSION)
        todo = [d for d in documents if d.key not in done]
        if todo:
            ledger.save_extractions(list(extract_documents(todo, settings)), EXTRACTOR_VERSION)


def link(size: int, cache: Path, repeat: int) -> dict:
    """Embed the extracted collection once and link it ``repeat`` times: seconds per stage of
    the fastest run (the machine's other work only ever slows one down), and peak memory."""
    from newstrace.model import IngestReport
    from newstrace.nlp.embeddings import load_embedder
    from newstrace.nlp.extract import EXTRACTOR_VERSION
    from newstrace.pipeline.heap import long_lived_heap
    from newstrace.pipeline.linking import link_and_build
    from newstrace.pipeline.stage_clock import StageClock
    from newstrace.pipeline.vectors import VectorStore, embed_documents
    from newstrace.settings import Settings
    from newstrace.store import Ledger

    from corpus import VERSION

    settings = Settings(jobs=1)
    load_embedder(settings.embedding_model, settings.embedding_device)(["warm up"])  # a constant, not linking
    with Ledger(cache / f"ledger-{VERSION}-{size}.db") as ledger:
        documents = list(ledger.documents())
        extractions = ledger.extractions((d.key for d in documents), EXTRACTOR_VERSION)
    with long_lived_heap() as settle:  # as pipeline.local.run keeps them: out of garbage collection
        settle()
        clock, vectors = StageClock(), VectorStore()
        embed_documents(documents, extractions, settings, vectors)
        clock.lap("embed")
        embedding = clock.timings["embed"]
        settle()
        fastest = None
        for _ in range(max(repeat, 1)):
            _forget_cached_results()  # each run as cold as a first one
            clock = StageClock()
            link_and_build(documents, extractions, IngestReport(documents=tuple(documents)), settings, clock.lap,
                           vectors=vectors)
            if fastest is None or sum(clock.timings.values()) < sum(fastest.values()):
                fastest = clock.timings
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"documents": len(documents), "timings": {"embed": embedding, **fastest}, "peak_mb": peak}


def _forget_cached_results() -> None:
    """Empty every newstrace function's cache (spellings, name keys, quote alignments …), so a
    repeated linking run does not start from what the one before it worked out."""
    for name, module in list(sys.modules.items()):
        if name.startswith("newstrace"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def child(*args: str) -> str:
    done = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2, help="processes for the extraction that prepares each size")
    parser.add_argument("--cache", type=Path, help="keep corpora and ledgers here between runs (default: a temp dir)")
    parser.add_argument("--repeat", type=int, default=3, help="link each size this many times; the fastest counts")
    parser.add_argument("--phase", choices=["prepare", "link"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "prepare":
        prepare(args.size, args.cache, args.jobs)
        return
    if args.phase == "link":
        print(json.dumps(link(args.size, args.cache, args.repeat)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        cache.mkdir(parents=True, exist_ok=True)
        results = []
        print(f"{'docs':>6} {'link s':>8} {'embed s':>8} {'peak MB':>8}  stages")
        for size in args.sizes:
            child("--phase", "prepare", "--size", str(size), "--cache", str(cache), "--jobs", str(args.jobs))
            result = json.loads(child("--phase", "link", "--size", str(size), "--cache", str(cache),
                                      "--repeat", str(args.repeat)))
            timings = result["timings"]
            embedding = timings.pop("embed")
            total = sum(timings.values())
            stages = " ".join(f"{k.replace(' ', '-')}={v:.2f}" for k, v in timings.items())
            print(f"{result['documents']:>6} {total:>8.2f} {embedding:>8.2f} {result['peak_mb']:>8.0f}  {stages}",
                  flush=True)
            results.append((result["documents"], total, timings))
        steps = list(zip(results, results[1:]))
        if len(results) > 2:
            steps.append((results[0], results[-1]))  # the whole range too
        for (n1, t1, s1), (n2, t2, s2) in steps:
            growth = " ".join(f"{k.replace(' ', '-')}={s2[k] / s1[k]:.1f}x" for k in s1 if s1[k] > 0 and k in s2)
            print(f"{n2 / n1:.0f}x the documents: {t2 / t1:.1f}x the linking time (target <= 15x for 10x); {growth}")


if __name__ == "__main__":
    main()
