"""The ledger: one SQLite file per story.

Documents are keyed by content hash, so adding the same article again changes
nothing. Extractions (by extractor version), sentence vectors (by model and text
hash), each document's words as reuse numbers them, and what linking stages found are
kept, so a later run computes only what is new. Every write is one transaction: a run
killed half-way leaves the previous state. WAL mode and a busy timeout let a second
writer wait its turn.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from newstrace.model import Document, Extraction
from newstrace.store.migrations import MIGRATIONS


VECTORS_PER_QUERY = 500  # digests looked up in one SELECT, under SQLite's limit on parameters


class LedgerError(RuntimeError):
    """The ledger file cannot be used (not a ledger, newer than this newstrace, locked too long)."""


def _wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Put the file in WAL mode. SQLite answers "locked" at once, without waiting out the busy
    timeout, while another connection opens a new file at the same moment: try again until
    the timeout has passed."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class Ledger:
    def __init__(self, path: str | Path = ":memory:", busy_timeout: float = 60.0):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                _wal(self.conn, busy_timeout)
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{self.path} is not a usable newstrace ledger: {exc}") from exc

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _migrate(self) -> None:
        while True:
            version = self._schema_version()
            if version > len(MIGRATIONS):
                raise LedgerError(f"{self.path} was written by a newer newstrace (schema {version})")
            if version == len(MIGRATIONS):
                return
            with self._transaction():
                # Read again under the write lock: another newstrace may have migrated meanwhile.
                version = self._schema_version()
                if version >= len(MIGRATIONS):
                    continue
                for statement in filter(str.strip, MIGRATIONS[version].split(";")):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {version + 1}")

    def _schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _transaction(self):
        return _Transaction(self.conn)

    # documents ------------------------------------------------------------

    def add_documents(self, documents: Iterable[Document]) -> list[str]:
        """Store documents not yet in the ledger; return the keys that were new."""
        new = []
        with self._transaction():
            seq = self.conn.execute("SELECT COALESCE(MAX(added_seq), 0) FROM documents").fetchone()[0]
            for doc in documents:
                key = doc.key
                exists = self.conn.execute("SELECT 1 FROM documents WHERE key = ?", (key,)).fetchone()
                if not exists:
                    seq += 1
                    self.conn.execute(
                        "INSERT INTO documents (key, source, text, title, outlet, url, published, removed,"
                        " format, added_seq, blockquotes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (key, doc.source, doc.text, doc.title, doc.outlet, doc.url, doc.published,
                         json.dumps(list(doc.removed), ensure_ascii=False), doc.format, seq,
                         json.dumps([list(b) for b in doc.blockquotes])),
                    )
                    new.append(key)
                self.conn.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)", (doc.source, key))
        return new

    def documents(self) -> Iterator[Document]:
        rows = self.conn.execute(
            "SELECT key, source, text, title, outlet, url, published, removed, format, blockquotes"
            " FROM documents ORDER BY added_seq"
        )
        for key, source, text, title, outlet, url, published, removed, fmt, blocks in rows:
            document = Document(source=source, text=text, title=title, outlet=outlet, url=url,
                                published=published, removed=tuple(json.loads(removed)), format=fmt,
                                blockquotes=tuple(tuple(b) for b in json.loads(blocks)))
            vars(document)["key"] = key  # stored under content_key(text): hashing every text again cost 0.15 s
            yield document

    def count_documents(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    # extractions ----------------------------------------------------------

    def extractions(self, keys: Iterable[str], version: str) -> dict[str, Extraction]:
        wanted = set(keys)
        # One pass over the version's rows: a query per key cost more than decoding at 1,000 documents.
        rows = self.conn.execute("SELECT key, data FROM extractions WHERE version = ?", (version,))
        return {key: Extraction.from_dict(json.loads(data)) for key, data in rows if key in wanted}

    def save_extractions(self, extractions: Iterable[Extraction], version: str) -> None:
        with self._transaction():
            for ex in extractions:
                self.conn.execute(
                    "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)",
                    (ex.key, version, json.dumps(ex.to_dict(), ensure_ascii=False)),
                )

    # sentence vectors ------------------------------------------------------

    def vectors(self, model: str, digests: Iterable[str]) -> dict[str, bytes]:
        found, digests = {}, list(digests)
        for k in range(0, len(digests), VECTORS_PER_QUERY):
            chunk = digests[k:k + VECTORS_PER_QUERY]
            rows = self.conn.execute(f"SELECT digest, vector FROM vectors WHERE model = ? AND digest IN"
                                     f" ({', '.join('?' * len(chunk))})", (model, *chunk))
            found.update(rows)
        return found

    def save_vectors(self, model: str, vectors: dict[str, bytes]) -> None:
        with self._transaction():
            self.conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                                  [(model, digest, blob) for digest, blob in vectors.items()])

    # words ------------------------------------------------------------------

    def words(self, tokenizer: str) -> tuple[list[str], dict[str, bytes]]:
        """The vocabulary stored word ids index, and each document's words as ids (the bytes
        linking made of them), by document key; nothing if made under another ``tokenizer``."""
        if self.link_result("words") != {"tokenizer": tokenizer}:
            return [], {}
        vocabulary = [word for (word,) in self.conn.execute("SELECT word FROM vocabulary ORDER BY id")]
        return vocabulary, dict(self.conn.execute("SELECT key, ids FROM words"))

    def save_words(self, tokenizer: str, vocabulary: list[str], known: int, ids: dict[str, bytes]) -> None:
        """Keep documents' word ids, and the words of ``vocabulary`` from id ``known`` on (the
        ones ``words`` did not give). If another run added words first, ids would clash:
        nothing is kept, and a later run tokenises those documents again."""
        with self._transaction():
            if self.link_result("words") != {"tokenizer": tokenizer}:
                self.conn.execute("DELETE FROM words")
                self.conn.execute("DELETE FROM vocabulary")
                self.conn.execute("INSERT OR REPLACE INTO link_results VALUES ('words', ?)",
                                  (json.dumps({"tokenizer": tokenizer}),))
            if self.conn.execute("SELECT COUNT(*) FROM vocabulary").fetchone()[0] != known:
                return
            self.conn.executemany("INSERT INTO vocabulary VALUES (?, ?)",
                                  enumerate(vocabulary[known:], start=known))
            self.conn.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)", ids.items())

    # linking results --------------------------------------------------------

    def link_result(self, stage: str) -> dict | None:
        """What ``save_link_result`` last kept for ``stage``, or None."""
        row = self.conn.execute("SELECT data FROM link_results WHERE stage = ?", (stage,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_link_result(self, stage: str, data: dict) -> None:
        with self._transaction():
            self.conn.execute("INSERT OR REPLACE INTO link_results VALUES (?, ?)",
                              (stage, json.dumps(data, ensure_ascii=False)))


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error: all of a write or none of it."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LedgerError(f"the ledger is busy (another newstrace is writing to it): {exc}") from exc
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
        return False
