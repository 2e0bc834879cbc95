"""newstrace on Apache Spark in local mode gives the same dossier as the local pipeline."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import EXAMPLE

pytest.importorskip("pyspark")
pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java 17 (no java on PATH)")


@pytest.fixture(scope="module")
def spark():
    from newstrace.pipeline.spark import spark_session

    session = spark_session("local[2]", app="newstrace-test")
    yield session
    session.stop()


def _without_timestamp(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "generated_at"}


def test_spark_gives_the_local_dossier_and_parquet_tables(spark, example_dossier, settings, tmp_path):
    from newstrace.pipeline.spark import run_spark

    out = tmp_path / "out"
    dossier, timings = run_spark([str(EXAMPLE / "coverage")], settings, spark, output=out, partitions=3)
    assert _without_timestamp(dossier.data) == _without_timestamp(example_dossier.data)
    written = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert _without_timestamp(written) == _without_timestamp(example_dossier.data)
    tables = {name: spark.read.parquet(str(out / f"{name}.parquet")) for name in ("documents", "quotes",
                                                                                 "mentions", "reuse")}
    assert tables["documents"].count() == len(example_dossier.documents)
    assert tables["quotes"].count() == len(example_dossier["quotes"])
    assert tables["mentions"].count() == sum(len(c["mentions"]) for c in example_dossier["claims"])
    assert tables["reuse"].count() == len(example_dossier["reuse"])
    row = tables["quotes"].orderBy("id").first()
    doc = example_dossier.document(row["document"])
    assert doc["text"][row["start"]:row["end"]] == row["text"]  # offsets survive the trip
    assert {"ingest", "extract", "link reuse", "dossier"} <= set(timings)


def test_a_bad_file_is_skipped_on_spark_too(spark, settings, tmp_path):
    from newstrace.pipeline.spark import run_spark

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Cranes idle in Selmer\n\nDockers at the port of Selmer walked out on "
                                     "Tuesday over pay, the union said.\n", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    dossier, _ = run_spark([str(folder), str(tmp_path / "missing")], settings, spark)
    assert [d["title"] for d in dossier.documents] == ["Cranes idle in Selmer"]
    reasons = {s["source"].rsplit("/", 1)[-1]: s["reason"] for s in dossier.data["skipped"]}
    assert "binary" in reasons["photo.jpg"] and "no such file" in reasons["missing"]


def test_spark_command_with_nothing_readable_writes_nothing(spark, tmp_path):
    from click.testing import CliRunner

    from newstrace.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["spark", str(folder), "--output", str(tmp_path / "out"), "--master", "local[2]"])
    assert result.exit_code == 2
    assert "skipped" in result.output and "nothing was written" in result.output
    assert not (tmp_path / "out").exists()


def test_reuse_as_spark_jobs_finds_what_the_local_index_finds(spark, settings):
    """Stock phrases over the cap, repeats inside one document and edited copies alike."""
    import random
    from dataclasses import replace

    from newstrace.link.reuse import find_reuse
    from newstrace.model import Document
    from newstrace.pipeline.spark import spark_reuse

    rng = random.Random(5)
    vocabulary = "the port union said strike pay ferry harbour gate offer talks night islands".split()
    phrases = [" ".join(rng.choice(vocabulary) for _ in range(7)) for _ in range(12)]
    texts = [" ".join(rng.choice(phrases) + " " + rng.choice(vocabulary) for _ in range(rng.randint(2, 14)))
             for _ in range(30)]
    small = replace(settings, reuse_max_postings=15, reuse_min_words=8)
    documents = [Document(source=f"{k}.txt", text=t, published=f"2026-03-{1 + k % 5:02d}") for k, t in enumerate(texts)]
    expected = find_reuse(texts, [d.published for d in documents], settings=small)
    assert expected and any(p.a == p.b for p in expected)
    assert spark_reuse(spark.sparkContext, documents, small, 3) == expected
