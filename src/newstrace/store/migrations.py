"""Schema migrations for the ledger, applied in order; PRAGMA user_version records the last one."""

MIGRATIONS: tuple[str, ...] = (
    # 1: documents keyed by content hash, every source that gave them, cached extractions
    """
    CREATE TABLE documents (
        key TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        title TEXT, outlet TEXT, url TEXT, published TEXT,
        removed TEXT NOT NULL DEFAULT '[]',
        format TEXT NOT NULL,
        added_seq INTEGER NOT NULL
    );
    CREATE TABLE sources (
        source TEXT PRIMARY KEY,
        key TEXT NOT NULL REFERENCES documents(key)
    );
    CREATE TABLE extractions (
        key TEXT NOT NULL REFERENCES documents(key),
        version TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (key, version)
    );
    """,
    # 2: where HTML <blockquote> blocks sit in the text
    """
    ALTER TABLE documents ADD COLUMN blockquotes TEXT NOT NULL DEFAULT '[]';
    """,
    # 3: sentence vectors by model and text hash, so a later run embeds only new sentences
    """
    CREATE TABLE vectors (
        model TEXT NOT NULL,
        digest TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (model, digest)
    );
    """,
    # 4: what a linking stage found last time, so adding documents redoes only what they change
    """
    CREATE TABLE link_results (
        stage TEXT PRIMARY KEY,
        data TEXT NOT NULL
    );
    """,
    # 5: each document's words as ids into one vocabulary (reuse's Wording), so adding documents
    # tokenises only the new ones
    """
    CREATE TABLE vocabulary (
        id INTEGER PRIMARY KEY,
        word TEXT NOT NULL
    );
    CREATE TABLE words (
        key TEXT PRIMARY KEY REFERENCES documents(key),
        ids BLOB NOT NULL
    );
    """,
)
