"""Who is named where, saved at index time beside each generation (``facts.sqlite``).

The reader's people line wants each person's roles over the whole corpus, and a people list
wants everyone. Read from the stored articles, that unpickles every article naming a person
(80-1,060 ms at 100,000 articles for one frequently named official). Saved once, when the
article is indexed, in a small SQLite table keyed by name, it is one indexed lookup.

SQLite (the standard library's) because it is made for this: indexed lookups without loading
the table, and updates of a few rows in place. The file is copied, never hard-linked, into the
next generation (``storage.store.new_generation``), so a published generation's file never
changes: readers open it read-only and immutable, without locks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path

FACTS_FILE = "facts.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY, date TEXT NOT NULL, ward TEXT NOT NULL, ward_key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS roles(
    article TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
    date TEXT NOT NULL, ward TEXT NOT NULL, ward_key TEXT NOT NULL
);
-- Covering: a person's roles with their latest dates are read from the index alone.
CREATE INDEX IF NOT EXISTS roles_by_name ON roles(name, role, date, article);
CREATE INDEX IF NOT EXISTS roles_by_article ON roles(article);
"""
# (name, role, date, article id, primary ward) for each time an article names someone.
RoleRow = tuple[str, str, str, str, str]
_ROW_SELECT = "SELECT name, role, date, article, ward FROM roles"
_BATCH = 500  # SQLite's limit on bound parameters is 999 in old builds


class FactsWriter:
    """Adds and removes articles' facts in a generation being built; nothing is visible until
    ``commit`` (and the generation itself is published only after that)."""

    def __init__(self, generation: Path) -> None:
        self._db = sqlite3.connect(generation / FACTS_FILE)
        # The generation is fsynced whole before it is published, and thrown away on failure.
        self._db.execute("PRAGMA journal_mode=MEMORY")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript(_SCHEMA)

    def remove(self, article_ids: Iterable[str]) -> None:
        """Forget these articles (removed, or about to be added again)."""
        ids = list(article_ids)
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            self._db.execute(f"DELETE FROM roles WHERE article IN ({marks})", batch)
            self._db.execute(f"DELETE FROM articles WHERE id IN ({marks})", batch)

    def add(
        self,
        article_id: str,
        date: str,
        ward: str,
        ward_key: str,
        persons: Sequence[tuple[str, str | None]],
    ) -> None:
        """One article: its date (or inferred date, "" when none), primary ward and people."""
        row = (article_id, date, ward, ward_key)
        self._db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)", row)
        self._db.executemany(
            "INSERT INTO roles VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, name, role or "", date, ward, ward_key) for name, role in persons],
        )

    def commit(self) -> None:
        self._db.commit()
        self._db.close()

    def cancel(self) -> None:
        self._db.close()


def _connect(generation: Path) -> sqlite3.Connection:
    # immutable: the file of a published generation never changes (it is copied, not linked).
    return sqlite3.connect(f"file:{generation / FACTS_FILE}?mode=ro&immutable=1", uri=True)


def latest_roles(generation: Path, names: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """(name, role, latest date, its article) for each role an article gives one of ``names``:
    aggregated by SQLite, so a person named in 5,000 articles costs a few rows, not 5,000."""
    out: list[tuple[str, str, str, str]] = []
    with closing(_connect(generation)) as db:
        for start in range(0, len(names), _BATCH):
            batch = list(names[start : start + _BATCH])
            marks = ",".join("?" * len(batch))
            # SQLite gives the bare column (the article) from the row holding the MAX.
            query = (
                "SELECT name, role, MAX(date), article FROM roles"
                f" WHERE name IN ({marks}) AND role != '' GROUP BY name, role"
            )
            out += db.execute(query, batch).fetchall()
    return out


def every_row(generation: Path, ward_keys: Sequence[str] | None = None) -> list[RoleRow]:
    """Every time an article names someone; only articles about ``ward_keys`` when given."""
    with closing(_connect(generation)) as db:
        if ward_keys is None:
            return db.execute(_ROW_SELECT).fetchall()
        marks = ",".join("?" * len(ward_keys))
        query = f"{_ROW_SELECT} WHERE ward_key IN ({marks})"
        return db.execute(query, list(ward_keys)).fetchall()


def article_count(generation: Path) -> int:
    """Articles recorded (equal to the index's document count; the tests check it)."""
    with closing(_connect(generation)) as db:
        return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
