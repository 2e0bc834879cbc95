"""The same pipeline on Apache Spark, for coverage one machine cannot read in time.

Reading and per-document extraction run as Spark jobs: each file, URL or WARC (Common
Crawl News WARCs included) is read on an executor, and extraction runs in
``mapPartitions`` with one spaCy load per partition, exactly the code the local runner
uses, and so does the embedding of the claim predicates and quotes linking compares. Text
reuse runs as Spark jobs too: the n-gram postings are shuffled by n-gram into seeds, the
seeds by the pair of document blocks they join, and each pair of blocks is screened and
aligned on an executor that holds just those two blocks, with the local runner's code
(``screened_passages``). The
driver then links quotes, entities and claims and assembles the dossier with the shared
``pipeline.linking``. Output: ``dossier.json`` plus Parquet tables of documents, quotes,
claim mentions and reuse, for notebooks and warehouses.

Install with ``pip install 'newstrace[spark]'``; it needs Java 17 or later.
"""

from __future__ import annotations

import math
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from newstrace.dossier import Dossier, write_atomic
from newstrace.ingest import input_units, read_unit, report_of
from newstrace.link.reuse import Passage, Wording, casefolded_words, screened_passages
from newstrace.model import Document, Extraction, Skipped
from newstrace.pipeline.heap import long_lived_heap
from newstrace.pipeline.linking import link_and_build
from newstrace.pipeline.stage_clock import StageClock
from newstrace.pipeline.vectors import VectorStore, embed_documents
from newstrace.settings import Settings

BLOCK_DOCUMENTS = 1000  # documents in a block of reuse's Spark jobs (see spark_reuse)
TABLES = {
    "documents": "id string, source string, key string, title string, outlet string, url string, "
                 "published string, format string, text string",
    "quotes": "id string, document string, start int, `end` int, text string, speaker string, "
              "speaker_entity string, cue string, via string, cluster string",
    "mentions": "id string, claim string, document string, start int, `end` int, text string, stance string, "
                "attributed_to string, source_entity_id string, origin string, quantity_value double, "
                "quantity_low double, quantity_high double, quantity_qualifier string",
    "reuse": "a_document string, a_start int, a_end int, b_document string, b_start int, b_end int, "
             "similarity double, kind string, direction string",
}


def spark_session(master: str | None = None, app: str = "newstrace"):
    """A Spark session. Python workers run this interpreter unless PYSPARK_PYTHON says otherwise
    (on a cluster, point it at a Python with newstrace installed on every node)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    builder = SparkSession.builder.appName(app).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def run_spark(inputs: Sequence[str], settings: Settings, spark, output: str | Path | None = None,
              partitions: int | None = None) -> tuple[Dossier, dict[str, float]]:
    """Analyse ``inputs`` on ``spark``; with ``output``, write dossier.json and the Parquet tables there."""
    clock = StageClock()
    lap = clock.lap

    context = spark.sparkContext
    slices = partitions or context.defaultParallelism
    # One worker process per executor core already: extraction inside it runs in one process.
    worker_settings = replace(settings, jobs=1)

    units = list(input_units(inputs))
    readable = [(n, unit) for n, unit in enumerate(units) if not isinstance(unit, Skipped)]
    read = (context.parallelize(readable, max(1, min(slices, len(readable))))
            .flatMap(lambda nu: _read(nu, worker_settings)).collect())
    items_by_unit: dict[int, list] = {}
    for n, k, item in sorted(read, key=lambda row: (row[0], row[1])):
        items_by_unit.setdefault(n, []).append(item)
    report = report_of(item for n, unit in enumerate(units)
                       for item in ([unit] if isinstance(unit, Skipped) else items_by_unit.get(n, [])))
    documents = list(report.documents)
    lap("ingest")

    extracted = (context.parallelize(documents, max(1, min(slices, len(documents))))
                 .mapPartitions(lambda part: _extract_partition(part, worker_settings)).collect())
    extractions = {row["key"]: Extraction.from_dict(row) for kind, row in extracted if kind == "extraction"}
    vectors = VectorStore()
    for kind, row in extracted:
        if kind == "vectors":
            vectors.save_vectors(settings.embedding_model, row)
    lap("extract")  # and embed, in the same partitions

    with long_lived_heap() as settle:
        settle()  # the documents, extractions and vectors live to the end
        passages = spark_reuse(context, documents, settings, slices)
        dossier = link_and_build(documents, extractions, report, settings, lap, passages=passages, vectors=vectors)
    if output is not None and documents:  # with nothing analysed, nothing is written
        write_outputs(dossier, spark, Path(output))
        lap("write")
    return dossier, clock.timings


def _read(numbered_unit: tuple[int, str], settings: Settings) -> list[tuple[int, int, Document | Skipped]]:
    n, unit = numbered_unit
    return [(n, k, item) for k, item in enumerate(read_unit(unit, settings))]


def _extract_partition(documents: Iterable[Document], settings: Settings) -> Iterator[tuple[str, dict]]:
    """Extraction for one partition, then the vectors of what linking compares: spaCy and the
    embedding model are loaded once here, not once per document. Rows: ("extraction", its
    dict) per document, then ("vectors", digest -> vector bytes) once."""
    from newstrace.nlp.extract import extract_documents

    documents = list(documents)
    if not documents:
        return
    extractions = {e.key: e for e in extract_documents(documents, settings)}
    for extraction in extractions.values():
        yield "extraction", extraction.to_dict()
    store = VectorStore()
    embed_documents(documents, extractions, settings, store)
    yield "vectors", store.held(settings.embedding_model)


def spark_reuse(context, documents: Sequence[Document], settings: Settings, slices: int) -> list[Passage]:
    """What ``find_reuse`` finds among ``documents``, found by Spark jobs: seeds by shuffling
    n-gram postings, then the local screen and alignment where two blocks of documents meet.

    Seeds go to the pair of blocks their two documents are in, and each task receives those
    two blocks, so a block travels once for each block it shares seeds with (sending both
    documents to every seeded pair sent millions of copies for coverage full of stock
    phrases), and pairs that share only chance phrases are ruled out in bulk
    (``reuse_screen``) rather than aligned one by one. There are about as many pairs of
    blocks as slices, and more blocks where one would hold over BLOCK_DOCUMENTS documents,
    so a task's seeds stay within memory however few slices there are."""
    if not documents:
        return []
    n, cap, min_words = settings.reuse_ngram, settings.reuse_max_postings, settings.reuse_min_words
    blocks = max(math.isqrt(2 * slices), -(-len(documents) // BLOCK_DOCUMENTS))
    blocks = max(1, min(blocks, len(documents)))
    size = -(-len(documents) // blocks)  # documents a block
    docs = context.parallelize([(i, (d.text, d.published, d.outlet)) for i, d in enumerate(documents)],
                               blocks).cache()
    by_block = docs.groupBy(lambda row: row[0] // size).mapValues(list).cache()
    seeds = (docs.flatMap(lambda row: _postings(row, n))
             .groupByKey()
             .mapPartitions(lambda grams: _block_seeds(grams, size, cap, min_words))
             .groupByKey())
    with_first = (seeds.map(lambda group: (group[0][0], (group[0][1], [s for part in group[1] for s in part])))
                  .join(by_block)
                  .map(lambda row: (row[1][0][0], (row[1][0][1], row[1][1]))))  # second -> (seeds, first's documents)
    found = (with_first.join(by_block)
             .flatMap(lambda row: _aligned_blocks(row[1][0][0], row[1][0][1] + row[1][1], settings))
             .collect())
    docs.unpersist()
    by_block.unpersist()
    return [p for _, passages in sorted(found, key=lambda pair: pair[0]) for p in passages]


def _postings(row: tuple[int, tuple], n: int) -> Iterator[tuple[str, tuple[int, int]]]:
    """(n-gram, (document, position)) for every word n-gram of one document."""
    document, (text, _, _) = row
    words = casefolded_words(text)
    for position in range(len(words) - n + 1):
        yield " ".join(words[position:position + n]), (document, position)


def _gram_seeds(postings, cap: int, min_words: int) -> Iterator[tuple[int, int, int, int]]:
    """(a, b, position in a, position in b) for every pair of one n-gram's postings, as the
    local index makes them: an n-gram in more than ``cap`` places pairs each with the next
    only; inside one document only occurrences a passage apart count."""
    postings = sorted(postings)
    common = len(postings) > cap
    for k, (doc_a, pos_a) in enumerate(postings):
        for doc_b, pos_b in postings[k + 1:k + 2] if common else postings[k + 1:]:
            if doc_a != doc_b or pos_b - pos_a >= min_words:
                yield doc_a, doc_b, pos_a, pos_b


def _block_seeds(grams, size: int, cap: int, min_words: int) -> Iterator[tuple[tuple[int, int], list]]:
    """The seeds of a partition's n-grams, gathered by the pair of blocks their documents are
    in: one record a pair of blocks to shuffle, not one a seed."""
    by_blocks: dict[tuple[int, int], list] = defaultdict(list)
    for _, postings in grams:
        for seed in _gram_seeds(postings, cap, min_words):
            by_blocks[seed[0] // size, seed[1] // size].append(seed)
    return iter(by_blocks.items())


def _aligned_blocks(seeds, documents: list[tuple[int, tuple]], settings: Settings):
    """((a, b), passages) for the seeded pairs between two blocks of documents (or inside one),
    on the executor holding both."""
    rows = dict(documents)  # a block with itself comes twice
    texts, published, outlets = ({d: row[k] for d, row in rows.items()} for k in range(3))
    order = sorted(texts)
    ordered = [texts[d] for d in order]
    tokens = dict(zip(order, Wording.of(ordered).tokens(ordered)))
    return screened_passages(seeds, tokens, texts, published, outlets, settings)


def table_rows(dossier: Dossier) -> dict[str, list[tuple]]:
    """The dossier's documents, quotes, claim mentions and reuse as flat rows (columns in TABLES)."""
    documents = [(d["id"], d["source"], d.get("key"), d.get("title"), d.get("outlet"), d.get("url"),
                  d.get("published"), d.get("format"), d["text"]) for d in dossier.documents]
    quotes = [(q["id"], q["document"], q["start"], q["end"], q["text"],
               q["speaker"]["text"] if q.get("speaker") else None,
               q["speaker"].get("entity") if q.get("speaker") else None, q.get("cue"), q.get("via"), q.get("cluster"))
              for q in dossier["quotes"]]
    mentions = []
    for claim in dossier["claims"]:
        for m in claim["mentions"]:
            quantity = m.get("quantity") or {}
            mentions.append((m["id"], claim["id"], m["document"], m["start"], m["end"], m["text"], m["stance"],
                             m.get("attributed_to"), m.get("source_entity_id"), m.get("origin"),
                             _number(quantity.get("value")), _number(quantity.get("low")),
                             _number(quantity.get("high")), quantity.get("qualifier")))
    reuse = [(r["a"]["document"], r["a"]["start"], r["a"]["end"], r["b"]["document"], r["b"]["start"],
              r["b"]["end"], float(r["similarity"]), r["kind"], r["direction"]) for r in dossier["reuse"]]
    return {"documents": documents, "quotes": quotes, "mentions": mentions, "reuse": reuse}


def _number(value) -> float | None:
    return None if value is None else float(value)


def write_outputs(dossier: Dossier, spark, output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    for name, rows in table_rows(dossier).items():
        spark.createDataFrame(rows, schema=TABLES[name]).coalesce(1).write.mode("overwrite").parquet(
            str(output / f"{name}.parquet"))
    write_atomic(output / "dossier.json", dossier.to_json() + "\n")

