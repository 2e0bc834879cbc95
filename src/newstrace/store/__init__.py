"""The SQLite ledger: documents and cached per-document extractions."""

from newstrace.store.ledger import Ledger, LedgerError

__all__ = ["Ledger", "LedgerError"]
