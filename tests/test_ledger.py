"""The SQLite ledger: migrations, content-hash keys, cached extraction, all-or-nothing writes."""

from __future__ import annotations

import sqlite3

import pytest

from newstrace.model import Document, EntityMention, Extraction, content_key
from newstrace.pipeline.local import run
from newstrace.store import Ledger, LedgerError
from newstrace.store.migrations import MIGRATIONS

DOC = Document(source="a.txt", text="Dockers at the port of Selmer walked out on Tuesday.", title="Cranes idle")


def test_new_ledger_is_migrated_to_the_latest_schema(tmp_path):
    with Ledger(tmp_path / "story.db") as ledger:
        assert ledger.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert ledger.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_ledger_from_a_newer_newstrace_is_refused(tmp_path):
    path = tmp_path / "story.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}").connection.close()
    with pytest.raises(LedgerError, match="newer newstrace"):
        Ledger(path)


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(LedgerError, match="not a usable newstrace ledger"):
        Ledger(path)


def test_documents_are_keyed_by_content(tmp_path):
    with Ledger(tmp_path / "story.db") as ledger:
        assert ledger.add_documents([DOC]) == [DOC.key]
        copy = Document(source="b.txt", text=DOC.text + "\n", title="Other title")
        assert ledger.add_documents([copy]) == []
        assert ledger.count_documents() == 1


def test_documents_come_back_with_their_stored_key(tmp_path):
    with Ledger(tmp_path / "story.db") as ledger:
        ledger.add_documents([DOC])
        [stored] = ledger.documents()
        assert vars(stored)["key"] == DOC.key  # set from the ledger, not hashed again
        assert stored == DOC and stored.key == content_key(stored.text)


def test_vectors_are_read_back_in_many_chunks():
    stored = {f"digest-{k}": bytes([k % 256]) * 8 for k in range(1234)}
    with Ledger() as ledger:
        ledger.save_vectors("model", stored)
        wanted = [*stored, "missing"]
        assert ledger.vectors("model", wanted) == stored
        assert ledger.vectors("other model", wanted) == {}


def test_extractions_round_trip_by_version():
    extraction = Extraction(key=DOC.key, entities=(EntityMention(27, 33, "Selmer", "GPE"),), notices=("odd quotes",))
    with Ledger() as ledger:
        ledger.add_documents([DOC])
        ledger.save_extractions([extraction], "v1")
        assert ledger.extractions([DOC.key], "v1") == {DOC.key: extraction}
        assert ledger.extractions([DOC.key], "v2") == {}


def test_word_ids_are_kept_under_one_tokenizer():
    """Ids index one vocabulary: kept words come back only under the same tokenizer, and a run
    that numbered new words from a vocabulary another run has grown since keeps nothing."""
    with Ledger() as ledger:
        ledger.add_documents([DOC])
        ledger.save_words("t1", ["port", "strike"], 0, {DOC.key: b"ids"})
        assert ledger.words("t1") == (["port", "strike"], {DOC.key: b"ids"})
        ledger.save_words("t1", ["port", "pay"], 0, {DOC.key: b"other ids"})  # numbered from nothing: clashes
        assert ledger.words("t1") == (["port", "strike"], {DOC.key: b"ids"})
        ledger.save_words("t1", ["port", "strike", "gate"], 2, {DOC.key: b"more ids"})
        assert ledger.words("t1") == (["port", "strike", "gate"], {DOC.key: b"more ids"})
        assert ledger.words("t2") == ([], {})
        ledger.save_words("t2", ["gate"], 0, {DOC.key: b"new ids"})  # another tokenizer starts afresh
        assert ledger.words("t2") == (["gate"], {DOC.key: b"new ids"}) and ledger.words("t1") == ([], {})


def test_a_failed_write_leaves_the_previous_state(tmp_path):
    path = tmp_path / "story.db"
    with Ledger(path) as ledger:
        ledger.add_documents([DOC])

    def documents():
        yield Document(source="c.txt", text="A second article about ferries running late.")
        raise RuntimeError("killed half-way")

    with Ledger(path) as ledger:
        with pytest.raises(RuntimeError):
            ledger.add_documents(documents())
        assert ledger.count_documents() == 1


def test_second_run_on_the_same_ledger_reuses_stored_extraction(tmp_path, settings):
    folder = tmp_path / "coverage"
    folder.mkdir()
    (folder / "a.txt").write_text("Cranes idle\n\nDockers at the port of Selmer walked out, Ana Rieu said.")
    db = tmp_path / "story.db"
    first = run([str(folder)], settings, db=db)
    assert (first.new_documents, first.extracted) == (1, 1)
    (folder / "b.txt").write_text("Ferries late\n\nFerries from Selmer ran late on Friday, Port Watch said.")
    second = run([str(folder)], settings, db=db)
    assert (second.new_documents, second.extracted) == (1, 1)
    assert len(second.dossier.documents) == 2
    third = run([str(folder)], settings, db=db)
    assert (third.new_documents, third.extracted) == (0, 0)
    assert third.dossier.data["entities"] == second.dossier.data["entities"]


def test_a_run_hands_the_objects_it_kept_from_the_collector_back(tmp_path, settings):
    import gc

    (tmp_path / "a.txt").write_text("Cranes idle\n\nDockers at the port of Selmer walked out, Ana Rieu said.")
    run([str(tmp_path / "a.txt")], settings)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a caller that freezes its own objects keeps them frozen
    try:
        run([str(tmp_path / "a.txt")], settings)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_later_run_embeds_only_what_the_ledger_has_not_seen(tmp_path, settings, monkeypatch):
    import numpy as np

    import newstrace.pipeline.vectors as vectors

    embedded: list[str] = []

    def fake_embedder(model, device="auto"):
        def embed(texts):
            embedded.extend(texts)
            return np.array([[float(len(t) % 7 + 1), float(len(t) % 3)] for t in texts], dtype=np.float32)
        return embed

    monkeypatch.setattr(vectors, "load_embedder", fake_embedder)
    folder = tmp_path / "coverage"
    folder.mkdir()
    (folder / "a.txt").write_text("Strike in Selmer\n\nPolice detained 40 dockers in Selmer on Monday, the union said. "
                                  "“We will not go back,” said Ana Rieu.\n")
    db = tmp_path / "story.db"
    first = run([str(folder)], settings, db=db)
    assert "detain" in embedded and "We will not go back" in embedded  # claim predicates, quotes
    seen = len(embedded)
    again = run([str(folder)], settings, db=db)
    assert len(embedded) == seen  # nothing new to embed
    assert again.dossier.to_json().replace(again.dossier.data["generated_at"], "") == \
        first.dossier.to_json().replace(first.dossier.data["generated_at"], "")


def test_adding_documents_to_a_ledger_gives_the_dossier_of_a_fresh_run(tmp_path, settings, monkeypatch):
    """Reuse starts from what the ledger kept: only pairs with a new document are aligned; so
    does the scan for names the tagger missed: only the new document is scanned."""
    import newstrace.link.missed_names as missed_names
    import newstrace.link.reuse as reuse

    wire = ("Dockers at the port of Selmer walked out on Tuesday after talks on pay collapsed late on Monday "
            "night. The union said 1,200 workers had joined the strike and that pickets would stand at every "
            "gate until the port authority made a new offer.")
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    (first / "wire.txt").write_text("Dock strike\n\n" + wire)
    (first / "ferries.txt").write_text("Ferries late\n\nFerries from Selmer ran late on Friday, Port Watch said.")
    (later / "copy.txt").write_text("Strike at Selmer\n\nFrom the wire. " + wire)
    db = tmp_path / "story.db"
    run([str(first)], settings, db=db)

    aligned: list[tuple[int, int]] = []
    passage = reuse._passage

    def counting(a, b, *rest):
        aligned.append((a, b))
        return passage(a, b, *rest)

    monkeypatch.setattr(reuse, "_passage", counting)
    tokenised: list[str] = []
    words = reuse.casefolded_words
    monkeypatch.setattr(reuse, "casefolded_words", lambda text: tokenised.append(text) or words(text))
    scanned: list[str] = []
    scan_one = missed_names._names_and_slips
    monkeypatch.setattr(missed_names, "_names_and_slips",
                        lambda text, *rest: scanned.append(text) or scan_one(text, *rest))
    added = run([str(later)], settings, db=db).dossier
    assert aligned and all(b == 2 for _, b in aligned)  # only pairs with the new document
    assert ["From the wire" in text for text in tokenised] == [True]  # the others' words were kept
    assert scanned == [text for text in scanned if "From the wire" in text or text == "Strike at Selmer"]
    assert len(scanned) == 2  # the new document's body and its headline, nothing else
    fresh = run([str(first), str(later)], settings).dossier

    def stable(dossier):
        return dossier.to_json().replace(dossier.data["generated_at"], "")

    assert stable(added) == stable(fresh) and len(added.data["reuse"]) == 1


def _open_when_all_are_ready(path, barrier) -> str:
    barrier.wait()
    try:
        with Ledger(path) as ledger:
            ledger.conn.execute("SELECT 1")
        return ""
    except LedgerError as exc:
        return str(exc)


def test_many_runs_opening_a_new_ledger_at_once_all_get_it(tmp_path):
    """SQLite answers "locked" at once to a switch to WAL while another process opens the same new
    file: the ledger waits its turn instead of refusing the file (this failed about one time
    in six with four processes)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(4) as pool:
        for trial in range(12):
            barrier = manager.Barrier(4)
            path = tmp_path / f"story-{trial}.db"
            assert pool.starmap(_open_when_all_are_ready, [(path, barrier)] * 4) == [""] * 4
