"""What the index holds of each corpus file (``manifest.sqlite``, beside each generation).

For every file of the corpus: the hash of its bytes, and the path, size and modification time
that vouch for it (a file with the same stat as then keeps its hash unread, ``build.corpus``),
and why it was skipped when it was not indexed. An update reads every entry (one query, ~0.1 s
at 100,000 files) and writes only the entries that changed: a JSON manifest was loaded, walked
and written whole, 0.7 s of an update of 100 articles at 100,000. The file is copied into the
next generation (``storage.store``), which updates it in place.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from phuong_reader.index.storage.sqlite_files import connect_immutable
from phuong_reader.index.storage.store import MANIFEST_FILE

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files(
    id TEXT PRIMARY KEY, hash TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, skipped TEXT NOT NULL
) WITHOUT ROWID;
"""
_COLUMNS = "id, hash, path, size, mtime_ns, skipped"


class Entry(NamedTuple):
    """One file as the index last saw it."""

    content_hash: str
    path: str
    size: int
    mtime_ns: int
    skipped: str = ""  # why it is not indexed; "" when it is


class Manifest(dict[str, Entry]):
    """The entries by article id (read as a dict), and which of them changed since they were
    read (written with ``set`` and ``drop`` only)."""

    def __init__(self, entries: dict[str, Entry] | None = None) -> None:
        super().__init__(entries or {})
        self._changed: set[str] = set()
        self._whole = entries is None  # a new index: every entry is written

    def set(self, article_id: str, entry: Entry) -> None:
        if self.get(article_id) != entry:
            self[article_id] = entry
            self._changed.add(article_id)

    def drop(self, article_id: str) -> Entry:
        self._changed.add(article_id)
        return self.pop(article_id)

    def indexed(self) -> int:
        """How many entries are of indexed articles."""
        return sum(1 for entry in self.values() if not entry.skipped)

    def save(self, generation: Path) -> None:
        """Write the changed entries into the generation's file (all of them for a new one)."""
        with closing(sqlite3.connect(generation / MANIFEST_FILE)) as db:
            # The generation is fsynced whole before it is published, and dropped on failure.
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            db.executescript(_SCHEMA)
            if self._whole:
                db.execute("DELETE FROM files")
            changed = list(self) if self._whole else sorted(self._changed)
            gone = [(i,) for i in changed if i not in self]
            db.executemany("DELETE FROM files WHERE id = ?", gone)
            rows = [(i, *self[i]) for i in changed if i in self]
            db.executemany(f"INSERT OR REPLACE INTO files({_COLUMNS}) VALUES (?,?,?,?,?,?)", rows)
            db.commit()


def read_manifest(generation: Path) -> Manifest:
    """The generation's manifest; sqlite3.Error when it has none or it is damaged."""
    with closing(connect_immutable(generation / MANIFEST_FILE)) as db:
        rows = db.execute(f"SELECT {_COLUMNS} FROM files").fetchall()
    return Manifest({i: Entry(h, p, s, m, k) for i, h, p, s, m, k in rows})
