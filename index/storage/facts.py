"""Who is named where, saved at index time beside each generation (``facts.sqlite``).

The reader's people line wants each person's roles over the whole corpus, and a people list
wants everyone. Read from the stored articles, that unpickles every article naming a person
(80-1,060 ms at 100,000 articles for one frequently named official). Saved once, when the
article is indexed, in a small SQLite table keyed by name, it is one indexed lookup.

SQLite (the standard library's) because it is made for this: indexed lookups without loading
the table, and updates of a few rows in place. The file is copied, never hard-linked, into the
next generation (``storage.store.new_generation``), so a published generation's file never
changes: readers open it read-only and immutable, without locks. The figures, the bulk of the
facts, are in shards an update adds to without copying them (``storage.figure_shards``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from contextlib import closing, suppress
from itertools import groupby
from pathlib import Path
from typing import Any

from phuong_reader.index.lang.vietnamese import sort_string
from phuong_reader.index.storage.figure_shards import FiguresWriter
from phuong_reader.index.storage.persons import (
    PersonRow,
    RoleRow,
    ends_key,
    listing_row,
    merge_variants,
    merged_state,
    no_state,
    person_state,
    removed_state,
    summary,
)
from phuong_reader.index.storage.sqlite_files import batches, connect_immutable
from phuong_reader.index.storage.store import FACTS_FILE

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
-- One row per person, kept in step with ``roles`` at each commit (for the names it touched):
-- the people list reads this, not every role row. JSON lists: each role once with its latest
-- date and article, latest first; wards by first appearance; article ids sorted.
-- firsts: each ward's first [date, article], in the wards' order (an update adds articles to
-- a summary with it, without reading the name's other rows: ``persons.merged_state``).
CREATE TABLE IF NOT EXISTS people(
    name TEXT PRIMARY KEY, articles INTEGER NOT NULL,
    history TEXT NOT NULL, wards TEXT NOT NULL, ids TEXT NOT NULL, ends TEXT NOT NULL,
    firsts TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS people_by_ends ON people(ends);
-- The people list: one row per person, spellings merged (``storage.persons``), in the list's
-- order (most articles, then Vietnamese alphabetical order of ``sort``).
CREATE TABLE IF NOT EXISTS listing(
    name TEXT PRIMARY KEY, ends TEXT NOT NULL, aliases TEXT NOT NULL, articles INTEGER NOT NULL,
    role TEXT NOT NULL, date TEXT NOT NULL, sort TEXT NOT NULL,
    history TEXT NOT NULL, wards TEXT NOT NULL, ids TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS listing_by_ends ON listing(ends);
CREATE INDEX IF NOT EXISTS listing_order ON listing(articles DESC, sort);
"""
_ROW_SELECT = "SELECT name, role, date, article, ward FROM roles"
_PERSON_COLUMNS = "name, articles, history, wards, ids"
_PERSON_SELECT = f"SELECT {_PERSON_COLUMNS}, ends FROM people"
# Above this many touched names, the people table is rebuilt whole (a full build).
_REBUILD_PEOPLE_FROM = 5_000


class FactsWriter:
    """Adds and removes articles' facts in a generation being built; nothing is visible until
    ``commit`` (and the generation itself is published only after that)."""

    def __init__(self, generation: Path) -> None:
        self._generation = generation
        self._figures = FiguresWriter(generation)
        self._db = sqlite3.connect(generation / FACTS_FILE)
        # The generation is fsynced whole before it is published, and thrown away on failure.
        self._db.execute("PRAGMA journal_mode=MEMORY")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript(_SCHEMA)
        self._touched: set[str] = set()  # names whose people row changes
        self._unnamed: dict[str, set[str]] = {}  # name → the removed articles that gave it
        self._added: list[str] = []  # articles added (their rows are added to the summaries)

    def remove(self, article_ids: Iterable[str]) -> None:
        """Forget these articles (removed, or about to be added again)."""
        ids = list(article_ids)
        self._figures.remove(ids)
        for batch, marks in batches(ids):
            named = f"SELECT name, article FROM roles WHERE article IN ({marks})"
            for name, article in self._db.execute(named, batch):
                self._unnamed.setdefault(name, set()).add(article)
            self._db.execute(f"DELETE FROM roles WHERE article IN ({marks})", batch)
            self._db.execute(f"DELETE FROM articles WHERE id IN ({marks})", batch)

    def add(
        self,
        article_id: str,
        date: str,
        ward: str,
        ward_key: str,
        persons: Sequence[tuple[str, str | None]],
        figures: Sequence[Sequence[object]] = (),
    ) -> None:
        """One article: its date (or inferred date, "" when none), primary ward, people and
        figures (each: start, end, text, value, high, of, qualifier, counted, unit, context,
        sentence start, sentence end)."""
        row = (article_id, date, ward, ward_key)
        self._db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)", row)
        self._db.executemany(
            "INSERT INTO roles VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, name, role or "", date, ward, ward_key) for name, role in persons],
        )
        self._touched.update(name for name, _ in persons)
        self._added.append(article_id)
        self._figures.add(article_id, date, ward, figures)

    def commit(self) -> None:
        self._figures.commit()
        self._refresh_people()
        self._db.commit()
        self._db.close()

    def _refresh_people(self) -> None:
        """The summaries of the names this build touched: a removed article is taken out of
        the summaries of the names it gave (``removed_state``), then the added articles' rows
        are merged into theirs; neither reads a name's other rows. Then the people list's rows
        of every group of names that can merge with them."""
        self._touched.update(self._unnamed)
        names = sorted(self._touched)
        if len(names) >= _REBUILD_PEOPLE_FROM:
            self._db.execute("DELETE FROM people")
            self._store_people(self._db.execute(f"{_ROW_SELECT} ORDER BY name"))
            self._db.execute("DELETE FROM listing")
            self._store_listing(self._db.execute(f"{_PERSON_SELECT} ORDER BY ends"))
            return
        self._take_out_removed()
        self._merge_added(self._touched)
        for batch, marks in batches(sorted({ends_key(name) for name in names})):
            # The sort strings these rows saved (a name's never changes: its code and data
            # are in the index version) spare computing them again, 40 µs each.
            saved = f"SELECT name, sort FROM listing WHERE ends IN ({marks})"
            sorts = dict(self._db.execute(saved, batch).fetchall())
            self._db.execute(f"DELETE FROM listing WHERE ends IN ({marks})", batch)
            query = f"{_PERSON_SELECT} WHERE ends IN ({marks}) ORDER BY ends"
            self._store_listing(self._db.execute(query, batch), sorts)

    def _take_out_removed(self) -> None:
        """The removed articles out of the summaries of the names they gave."""
        latest = "SELECT date, article FROM roles WHERE name = ? AND role = ? ORDER BY date DESC, article DESC LIMIT 1"  # noqa: E501
        first = "SELECT date, article FROM roles WHERE name = ? AND ward = ? ORDER BY date, article LIMIT 1"  # noqa: E501
        insert = "INSERT OR REPLACE INTO people VALUES (?, ?, ?, ?, ?, ?, ?)"
        for batch, marks in batches(sorted(self._unnamed)):
            query = f"SELECT {_PERSON_COLUMNS}, firsts FROM people WHERE name IN ({marks})"
            for *row, firsts in self._db.execute(query, batch).fetchall():
                name = row[0]
                state = removed_state(
                    tuple(row),  # type: ignore[arg-type]
                    firsts,
                    self._unnamed[name],
                    lambda role, n=name: self._db.execute(latest, (n, role)).fetchone(),
                    lambda ward, n=name: self._db.execute(first, (n, ward)).fetchone(),
                )
                if state is None:
                    self._db.execute("DELETE FROM people WHERE name = ?", (name,))
                else:
                    self._db.execute(insert, (*state[0], ends_key(name), state[1]))

    def _merge_added(self, names: set[str]) -> None:
        """Add the added articles' rows of ``names`` to their saved summaries (an update of a
        few articles reads their rows only, not the thousands of rows of a frequent name)."""
        added: dict[str, list[RoleRow]] = {}
        for batch, marks in batches(self._added):
            for row in self._db.execute(f"{_ROW_SELECT} WHERE article IN ({marks})", batch):
                if row[0] in names:
                    added.setdefault(row[0], []).append(row)
        saved: dict[str, tuple[PersonRow, str]] = {}
        for batch, marks in batches(sorted(added)):
            query = f"SELECT {_PERSON_COLUMNS}, firsts FROM people WHERE name IN ({marks})"
            for *row, firsts in self._db.execute(query, batch):
                saved[row[0]] = (tuple(row), firsts)  # type: ignore[assignment]
        insert = "INSERT OR REPLACE INTO people VALUES (?, ?, ?, ?, ?, ?, ?)"
        for name, rows in added.items():
            merged, new_firsts = merged_state(*saved.get(name, no_state(name)), rows)
            self._db.execute(insert, (*merged, ends_key(name), new_firsts))

    def _store_people(self, rows: Iterable[RoleRow]) -> None:
        """Group ``rows`` (ordered by name) by person and insert each name's summary."""
        insert = "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?)"
        for name, group in groupby(rows, key=lambda row: row[0]):
            row, firsts = person_state(list(group))
            self._db.execute(insert, (*row, ends_key(name), firsts))

    def _store_listing(
        self, rows: Iterable[tuple[object, ...]], sorts: dict[str, str] | None = None
    ) -> None:
        """The people list's rows of the names ``rows`` holds (ordered by their ends key);
        ``sorts``: sort strings known by name (the others are computed, once each)."""
        known = {} if sorts is None else sorts

        def sort_of(name: str) -> str:
            found = known.get(name)
            if found is None:
                found = known[name] = sort_string(name)
            return found

        insert = f"INSERT INTO listing VALUES ({','.join('?' * 10)})"
        for _, group in groupby(rows, key=lambda row: row[5]):
            people = [summary(row[:5]) for row in group]  # type: ignore[arg-type]
            merged = merge_variants(people, sort_of)
            self._db.executemany(insert, [listing_row(p, sort_of) for p in merged])

    def cancel(self) -> None:
        self._figures.cancel()
        self._db.close()


class FactsWhenCopied:
    """A FactsWriter for a generation whose facts file is still being copied into it
    (``store.new_generation``): its calls are held, in order, until the copy is done, then
    passed on, so the first articles are read while the file is copied."""

    def __init__(self, generation: Path, copied: Future[None]) -> None:
        self._generation, self._copied = generation, copied
        self._writer: FactsWriter | None = None
        self._held: list[tuple[str, tuple[Any, ...]]] = []
        self._committed = False

    def _ready(self, wait: bool = False) -> FactsWriter | None:
        if self._writer is None and (wait or self._copied.done()):
            self._copied.result()  # the copy's error, if it failed
            self._writer = FactsWriter(self._generation)
            for method, args in self._held:
                getattr(self._writer, method)(*args)
            self._held = []
        return self._writer

    def _call(self, method: str, *args: Any) -> None:
        writer = self._ready()
        if writer is None:
            self._held.append((method, args))
        else:
            getattr(writer, method)(*args)

    def add(self, *args: Any) -> None:
        """As ``FactsWriter.add``."""
        self._call("add", *args)

    def remove(self, article_ids: Iterable[str]) -> None:
        """As ``FactsWriter.remove``."""
        self._call("remove", list(article_ids))

    def commit(self) -> None:
        """As ``FactsWriter.commit``, once the copy is done."""
        writer = self._ready(wait=True)
        assert writer is not None
        writer.commit()
        self._committed = True

    def cancel(self) -> None:
        """As ``FactsWriter.cancel``; the copy is waited for (the folder is removed next).
        After ``commit``, nothing is left to cancel."""
        with suppress(BaseException):
            self._copied.result()
        if self._writer is not None and not self._committed:
            self._writer.cancel()


def _connect(generation: Path) -> sqlite3.Connection:
    return connect_immutable(generation / FACTS_FILE)


def latest_roles(generation: Path, names: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """(name, role, latest date, its article) for each role an article gives one of ``names``:
    aggregated by SQLite, so a person named in 5,000 articles costs a few rows, not 5,000."""
    out: list[tuple[str, str, str, str]] = []
    with closing(_connect(generation)) as db:
        for batch, marks in batches(names):
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


def listed_people(generation: Path, full: bool = True) -> list[tuple[object, ...]]:
    """The people list in its order: (name, aliases JSON, articles, latest role, its date),
    and with ``full`` also the history, wards and ids JSON."""
    columns = "name, aliases, articles, role, date" + (", history, wards, ids" if full else "")
    with closing(_connect(generation)) as db:
        return db.execute(f"SELECT {columns} FROM listing ORDER BY articles DESC, sort").fetchall()


def listed_person(generation: Path, name: str) -> tuple[object, ...] | None:
    """One person of the list by name: (name, aliases, articles, role, date, history, wards,
    ids), or None."""
    query = "SELECT name, aliases, articles, role, date, history, wards, ids FROM listing"
    with closing(_connect(generation)) as db:
        return db.execute(f"{query} WHERE name = ?", (name,)).fetchone()


def article_count(generation: Path) -> int:
    """Articles recorded (equal to the index's document count; the tests check it)."""
    with closing(_connect(generation)) as db:
        return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
