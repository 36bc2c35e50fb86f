"""The figures each article gives, in shards that an update adds to and never rewrites.

Every figure (its value read as Vietnamese writes numbers, ``entities.values``) is a row of one
shard: a SQLite file ``<shard>.db`` (the rows, for the figures' tables and an article's
figures) with its numpy columns (``storage.figure_arrays``, for grouping them fast). A build
writes one shard. An update writes one shard of the articles it adds, and marks the older
shards' rows of the articles it removes or replaces as dead in ``figures.json`` (the shards,
oldest first, each with its dead articles), the one file written again for each generation.
Shards are hard-linked from one generation to the next and never changed, so an update of 100
articles no longer copies every figure (200 MB and a second at 100,000 articles). Past
MAX_SHARDS, the small shards are merged into one (all of them, once the largest is a quarter
dead). An article's live figures are all in one shard.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from phuong_reader.index.storage.figure_arrays import (
    ColumnsWriter,
    FigureColumns,
    joined,
    read_shard_columns,
    shard_column_files,
    write_columns,
)
from phuong_reader.index.storage.sqlite_files import batches, connect_immutable
from phuong_reader.index.storage.store import write_new

LIST_FILE = "figures.json"
MAX_SHARDS = 6
MERGE_ALL_DEAD = 0.25  # the largest shard is merged too once this share of its figures is dead
_SCHEMA = """
CREATE TABLE figures(
    article TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    value REAL NOT NULL, high REAL, of REAL, qualifier TEXT NOT NULL, counted TEXT NOT NULL,
    unit TEXT NOT NULL, context TEXT NOT NULL, sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL, date TEXT NOT NULL, ward TEXT NOT NULL
);
"""
_INDEX = "CREATE INDEX figures_by_article ON figures(article, start)"
_INSERT = f"INSERT INTO figures VALUES ({','.join('?' * 15)})"
# (article, start, end, text, value, high, of, qualifier, counted, unit, context,
#  sentence start, sentence end, date, ward): one figure.
FigureRow = tuple[
    str, int, int, str, float, float | None, float | None, str, str, str, str, int, int, str, str
]
# A shard as ``figures.json`` lists it: name, figures (rows), dead (article ids), dead_figures.
Shard = dict[str, Any]


def shards_of(generation: Path) -> list[Shard] | None:
    """The generation's shards, oldest first; None for an index saved without them."""
    try:
        return json.loads((generation / LIST_FILE).read_text("utf-8"))["shards"]
    except FileNotFoundError:
        return None


class FiguresWriter:
    """Adds and removes articles' figures in a generation being built (see the module)."""

    def __init__(self, generation: Path) -> None:
        self._generation = generation
        self._shards = shards_of(generation) or []
        self._name = _next_name(generation, self._shards)
        self._db: sqlite3.Connection | None = None  # the new shard, opened at its first figure
        self._columns = ColumnsWriter(generation, self._name)
        self._gone: set[str] = set()  # articles whose figures in the older shards are dead
        self._rows = 0

    def remove(self, article_ids: Iterable[str]) -> None:
        self._gone.update(article_ids)

    def add(self, article_id: str, date: str, ward: str, figures: Sequence[Sequence[Any]]) -> None:
        """One article's figures (each: start, end, text, value, high, of, qualifier, counted,
        unit, context, sentence start, sentence end)."""
        self._gone.add(article_id)
        if not figures:
            return
        if self._db is None:
            self._db = _create(self._generation / f"{self._name}.db")
        self._db.executemany(_INSERT, [(article_id, *f, date, ward) for f in figures])
        self._columns.add(article_id, date, ward, figures)
        self._rows += len(figures)

    def commit(self) -> None:
        """Write the new shard and ``figures.json`` (merging shards when there are too many)."""
        for shard in self._shards:
            _mark_dead(self._generation, shard, self._gone)
        if self._db is not None:
            _finish(self._db)
            self._db = None
            self._columns.write()
            self._shards.append(_new_shard(self._name, self._rows))
        if len(self._shards) > MAX_SHARDS:
            self._merge()
        listing = json.dumps({"shards": self._shards}, ensure_ascii=False)
        write_new(self._generation / LIST_FILE, listing.encode())

    def cancel(self) -> None:
        if self._db is not None:
            self._db.close()

    def _merge(self) -> None:
        """The small shards as one (every shard, when the largest is a quarter dead)."""
        largest = max(self._shards, key=lambda s: s["figures"])
        keep = [] if largest["dead_figures"] > MERGE_ALL_DEAD * largest["figures"] else [largest]
        merged = [s for s in self._shards if s not in keep]
        name = _next_name(self._generation, self._shards)
        db = _create(self._generation / f"{name}.db")
        db.execute("CREATE TEMP TABLE dead(id TEXT PRIMARY KEY)")
        for shard in merged:
            source = self._generation / f"{shard['name']}.db"
            db.execute("ATTACH DATABASE ? AS old", (str(source),))  # read only, never written
            db.executemany("INSERT INTO dead VALUES (?)", [(i,) for i in shard["dead"]])
            db.execute("INSERT INTO figures SELECT * FROM old.figures WHERE article NOT IN dead")
            db.execute("DELETE FROM dead")
            db.commit()
            db.execute("DETACH DATABASE old")
        rows = int(db.execute("SELECT COUNT(*) FROM figures").fetchone()[0])
        _finish(db)
        parts = [(read_shard_columns(self._generation, s["name"]), set(s["dead"])) for s in merged]
        write_columns(self._generation, name, joined(parts))
        for shard in merged:  # this generation's links only: the live one keeps its files
            for file in [f"{shard['name']}.db", *shard_column_files(shard["name"])]:
                (self._generation / file).unlink()
        self._shards = [*keep, _new_shard(name, rows)]


def _create(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    # The generation is fsynced whole before it is published, and thrown away on failure.
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.executescript(_SCHEMA)
    return db


def _finish(db: sqlite3.Connection) -> None:
    db.execute(_INDEX)  # after the rows: one sort instead of an insert per row
    db.commit()
    db.close()


def _new_shard(name: str, rows: int) -> Shard:
    return {"name": name, "figures": rows, "dead": [], "dead_figures": 0}


def _next_name(generation: Path, shards: list[Shard]) -> str:
    taken = {s["name"] for s in shards} | {p.stem for p in generation.glob("figures-*.db")}
    number = 1 + max((int(name.rsplit("-", 1)[1]) for name in taken), default=0)
    return f"figures-{number:05d}"


def _mark_dead(generation: Path, shard: Shard, gone: set[str]) -> None:
    """Add to ``shard``'s dead articles those of ``gone`` it holds figures of."""
    dead = set(shard["dead"])
    wanted = sorted(gone - dead)
    with closing(connect_immutable(generation / f"{shard['name']}.db")) as db:
        for batch, marks in batches(wanted):
            query = f"SELECT article, COUNT(*) FROM figures WHERE article IN ({marks}) GROUP BY 1"
            for article, count in db.execute(query, batch):
                shard["dead"].append(article)
                shard["dead_figures"] += count


def figures_of(generation: Path, article_ids: Iterable[str]) -> list[FigureRow]:
    """Every figure of these articles, in article and text order."""
    wanted = [(i,) for i in article_ids]
    found: list[list[FigureRow]] = []
    for shard in shards_of(generation) or []:
        with closing(connect_immutable(generation / f"{shard['name']}.db")) as db:
            # An in-memory temporary table (the published file itself is read-only): one join
            # instead of a query per batch of ids.
            db.execute("PRAGMA temp_store=MEMORY")
            db.execute("CREATE TEMP TABLE wanted(id TEXT PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", wanted)
            query = (
                "SELECT figures.* FROM wanted JOIN figures ON figures.article = wanted.id"
                " ORDER BY figures.article, figures.start"
            )
            rows = db.execute(query).fetchall()
        dead = set(shard["dead"])
        found.append([row for row in rows if row[0] not in dead] if dead else rows)
    if len(found) == 1:
        return found[0]
    # Each shard's rows are in order and an article's live rows are in one shard.
    return list(heapq.merge(*found, key=lambda row: (row[0], row[1])))


def figures_at(generation: Path, places: Sequence[tuple[str, int]]) -> list[FigureRow]:
    """The figures at these (article id, offset) places, in that order (a few hundred at
    most: one indexed lookup each)."""
    query = "SELECT * FROM figures WHERE article = ? AND start = ?"
    shards = [
        (set(s["dead"]), connect_immutable(generation / f"{s['name']}.db"))
        for s in reversed(shards_of(generation) or [])
    ]
    found = []
    try:
        for place in places:
            for dead, db in shards:
                row = None if place[0] in dead else db.execute(query, place).fetchone()
                if row is not None:
                    found.append(row)
                    break
    finally:
        for _, db in shards:
            db.close()
    return found


def read_columns(generation: Path) -> FigureColumns | None:
    """The generation's live figures as columns, or None for an index saved without them."""
    shards = shards_of(generation)
    if shards is None:
        return None
    parts = [(read_shard_columns(generation, s["name"]), set(s["dead"])) for s in shards]
    if len(parts) == 1 and not parts[0][1]:
        return parts[0][0]
    return joined(parts)
