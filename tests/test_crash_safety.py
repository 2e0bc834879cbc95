"""Crash safety and concurrent writers: a ledger survives SIGKILL at any moment, and two
runs on one ledger both succeed. Writes its figures to test-artifacts/reliability.txt.

NEWSTRACE_KILLS sets how many kills to try (default 6, to keep CI on two cores quick).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newstrace.model import Document
from newstrace.store.ledger import Ledger

KILLS = int(os.environ.get("NEWSTRACE_KILLS", "6"))
BATCH = 4
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
TOWNS = ["Selmer", "Orsk", "Tarn", "Ulvik", "Brenna", "Kolla", "Vessa", "Amrin", "Dravo", "Marvel"]


def _batch(folder: Path, n: int) -> Path:
    """BATCH short articles of our own, different in every batch."""
    batch = folder / f"batch-{n}"
    batch.mkdir(parents=True)
    for k in range(BATCH):
        town = TOWNS[(n + k) % len(TOWNS)]
        (batch / f"{k}.txt").write_text(
            f"Dockers strike in {town} (batch {n}, article {k})\n\n"
            f"Dockers at the port of {town} walked out on Tuesday over pay, the union said. "
            f"Police detained {n * 10 + k + 2} of them outside the gates, according to the union.\n\n"
            f"“We have waited two years for an offer,” said Ana Rieu, a crane driver in {town}.\n",
            encoding="utf-8")
    return batch


def _newstrace() -> list[str]:
    return [str(Path(sys.executable).parent / "newstrace")]


def _check_ledger(path: Path) -> dict[str, int]:
    """The ledger opens, passes integrity_check, and every batch is stored whole or not at all."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Ledger(path) as ledger:
        documents = list(ledger.documents())
        keys = {d.key for d in documents}
        for doc in documents:  # a row is the whole document: its key is the hash of its text
            assert doc.key == Document(source=doc.source, text=doc.text).key
        rows = ledger.conn.execute("SELECT key, data FROM extractions").fetchall()
        for key, data in rows:
            assert key in keys and json.loads(data)["key"] == key
    per_batch: dict[str, int] = {}
    for doc in documents:
        batch = Path(doc.source).parent.name
        per_batch[batch] = per_batch.get(batch, 0) + 1
    assert all(count == BATCH for count in per_batch.values()), per_batch
    return per_batch


def test_sigkill_at_random_moments_never_corrupts_the_ledger_or_the_output(tmp_path):
    ledger, out = tmp_path / "story.db", tmp_path / "dossier.json"
    rng = random.Random(2026)
    # One clean run first: the ledger then holds an old state, and its length spreads the kills
    # over a whole run (start-up, model loading, extraction, the writes, the dossier).
    start = time.perf_counter()
    clean = subprocess.run(_newstrace() + ["analyze", "--db", str(ledger), str(_batch(tmp_path / "in", 0)),
                                           "-o", str(out), "--jobs", "1", "-q"], capture_output=True, text=True)
    assert clean.returncode == 0, clean.stderr
    length = time.perf_counter() - start
    killed = finished = 0
    for n in range(1, KILLS + 1):
        batch = _batch(tmp_path / "in", n)
        process = subprocess.Popen(_newstrace() + ["analyze", "--db", str(ledger), str(batch), "-o", str(out),
                                                   "--jobs", "1", "-q"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.1) * length)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        else:
            finished += 1
        process.wait()
        if ledger.exists():
            _check_ledger(ledger)
        if out.exists():  # written whole or not at all
            json.loads(out.read_text(encoding="utf-8"))
    # Nothing is lost: one uninterrupted run over every batch gives every document.
    done = subprocess.run(_newstrace() + ["analyze", "--db", str(ledger), str(tmp_path / "in"), "-o", str(out),
                                          "--jobs", "1", "-q"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == (KILLS + 1) * BATCH
    assert sum(_check_ledger(ledger).values()) == (KILLS + 1) * BATCH
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "reliability.txt", "a", encoding="utf-8") as log:
        log.write(f"kill runs\t{KILLS}\tkilled mid-run {killed}\tfinished before the kill {finished}\t"
                  f"documents lost 0 of {(KILLS + 1) * BATCH}\n")


def test_two_runs_on_one_ledger_at_once_both_succeed(tmp_path):
    ledger = tmp_path / "story.db"
    first, second = _batch(tmp_path / "in", 1), _batch(tmp_path / "in", 2)
    runs = [subprocess.Popen(_newstrace() + ["analyze", "--db", str(ledger), str(folder),
                                             "-o", str(tmp_path / f"out-{k}.json"), "--jobs", "1", "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for k, folder in enumerate((first, second))]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    assert sum(_check_ledger(ledger).values()) == 2 * BATCH  # no document lost


def test_an_extraction_process_that_dies_fails_the_run_with_a_clear_message(tmp_path, monkeypatch):
    """A worker killed mid-batch (say, out of memory) must not hang the run, and nothing is saved."""
    import pytest

    import newstrace.nlp.extract as extract
    from newstrace.pipeline.local import run
    from newstrace.settings import Settings

    extract_one = extract.extract_one

    def dying(document, doc):  # forked workers inherit this
        if "detained 4 of them" in document.text:
            os._exit(1)
        return extract_one(document, doc)

    monkeypatch.setattr(extract, "extract_one", dying)
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("spawned workers do not inherit the patch")
    db = tmp_path / "story.db"
    with pytest.raises(extract.WorkerDied, match="extraction process died"):
        run([str(_batch(tmp_path, 0))], Settings(jobs=2, batch_size=1), db=db)
    with Ledger(db) as ledger:
        assert ledger.conn.execute("SELECT COUNT(*) FROM extractions").fetchone()[0] == 0
