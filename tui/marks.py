"""What the reader marks in a corpus: the articles read and the bookmarks (with a note).

One SQLite file in the user's data dir, ``marks.sqlite``, a row per (corpus, article) in each
table; a corpus is named by ``state.corpus_id`` (its index directory), so the marks survive a
reindex, even a rebuild, of the same corpus. SQLite rather than JSON with an atomic replace:
the reader and a ``phuong bookmarks`` in another terminal write the same file, and each write
here is one statement in SQLite's own transaction, so neither loses the other's (a JSON file is
read, changed and replaced whole: the last writer would drop what the other wrote meanwhile).

- *Read* is for the content the article had: ``mark_read`` keeps the content hash the index
  gives (``Hit.content_hash``), and an article whose file changed since is unread again.
- A *bookmark* follows the article id: it stays when the article changes (``content_hash``
  says which content was bookmarked), with the title, date and ward it had then, so that the
  list reads the same when the article has left the corpus.

A damaged file is moved aside (``marks.sqlite.damaged-…``, nothing deleted) and the marks
start empty; a folder that cannot be written keeps them in memory for this run. Either way
``Marks.notice`` says so, for the reader or the command line to show.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from phuong_reader.index import fold
from phuong_reader.tui.i18n import _
from phuong_reader.tui.state import data_dir

MARKS_FILE = "marks.sqlite"
SCHEMA_VERSION = 1
BUSY_TIMEOUT = 10.0  # seconds another process may hold the write lock before a write fails
_SCHEMA = (
    "\n"  # not-ui: SQL
    "CREATE TABLE IF NOT EXISTS read (\n"
    "    corpus TEXT NOT NULL, article TEXT NOT NULL, hash TEXT NOT NULL, at TEXT NOT NULL,\n"
    "    PRIMARY KEY (corpus, article));\n"
    "CREATE TABLE IF NOT EXISTS bookmark (\n"
    "    corpus TEXT NOT NULL, article TEXT NOT NULL, hash TEXT NOT NULL, title TEXT NOT NULL,\n"
    "    date TEXT, ward TEXT, note TEXT NOT NULL, at TEXT NOT NULL,\n"
    "    PRIMARY KEY (corpus, article));\n"
)


class MarksError(Exception):
    """A mark that could not be saved (a read-only or full disk, a lock held too long)."""


@dataclass(frozen=True)
class Bookmark:
    """A bookmarked article as it was when bookmarked; ``when`` is the local time of the
    bookmark (ISO 8601 with its offset), ``note`` what the reader wrote ("" for none)."""

    id: str
    title: str
    date: str | None
    ward: str | None
    note: str
    when: str
    content_hash: str


class Marks:
    """The marks of one corpus; safe to use from several threads (one connection, locked)."""

    def __init__(
        self, db: sqlite3.Connection, corpus: str, notice: str | None = None, saved: bool = True
    ) -> None:
        """Use ``open``. ``saved``: False when the marks are kept in memory only."""
        self._db, self.corpus, self.notice, self.saved = db, corpus, notice, saved
        self._lock = threading.Lock()

    @classmethod
    def open(cls, corpus: str, folder: Path | None = None, create: bool = True) -> Marks:
        """The marks of ``corpus`` (see ``state.corpus_id``) in ``folder`` (the user's data
        dir). Without ``create``, a missing file is not made: there are no marks yet, and any
        written are kept in memory (for commands that only read them)."""
        path = (folder or data_dir()) / MARKS_FILE
        if not create and not path.exists():
            return cls(_memory(), corpus, saved=False)
        notice = None
        try:
            db = _connect(path)
        except sqlite3.DatabaseError as exc:
            kept = _set_aside(path)
            if kept is None:  # not damaged: the folder or file cannot be opened or written
                note = _(
                    "read marks and bookmarks cannot be saved in {folder} ({error}): "
                    "they last until this program exits"
                ).format(folder=path.parent, error=exc)
                return cls(_memory(), corpus, note, saved=False)
            notice = _("the marks file was damaged: kept as {name}, starting with no marks").format(
                name=kept.name
            )
            try:
                db = _connect(path)
            except sqlite3.DatabaseError as again:
                note = _(
                    "the marks file was damaged: kept as {name}, starting with no marks; "
                    "a new one cannot be made ({error}), so none are saved"
                ).format(name=kept.name, error=again)
                return cls(_memory(), corpus, note, saved=False)
        return cls(db, corpus, notice)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- read --------------------------------------------------------------------------------

    def mark_read(self, article_id: str, content_hash: str) -> None:
        """``article_id`` is read in the content of ``content_hash``."""
        self.set_read(article_id, content_hash, True)

    def set_read(self, article_id: str, content_hash: str, read: bool) -> None:
        if read:
            self._write(
                "INSERT INTO read VALUES (?, ?, ?, ?) "  # not-ui: SQL
                "ON CONFLICT (corpus, article) DO UPDATE "
                "SET hash = excluded.hash, at = excluded.at",
                (self.corpus, article_id, content_hash, _now()),
            )
        else:
            self._write(
                "DELETE FROM read WHERE corpus = ? AND article = ?",  # not-ui: SQL
                (self.corpus, article_id),
            )

    def toggle_read(self, article_id: str, content_hash: str) -> bool:
        """Read becomes unread and unread read (the reader's ``u``); the new state."""
        read = not self.is_read(article_id, content_hash)
        self.set_read(article_id, content_hash, read)
        return read

    def is_read(self, article_id: str, content_hash: str) -> bool:
        """Whether ``article_id`` was read in this content (False once its file changed)."""
        row = self._one(
            "SELECT hash FROM read WHERE corpus = ? AND article = ?",  # not-ui: SQL
            (self.corpus, article_id),
        )
        return row is not None and row[0] == content_hash

    def read_pairs(self) -> dict[str, str]:
        """Article id → the content hash it was read in (what ``is:unread`` is answered by)."""
        sql = "SELECT article, hash FROM read WHERE corpus = ?"  # not-ui: SQL
        rows = self._all(sql, (self.corpus,))
        return dict(rows)

    # -- bookmarks ---------------------------------------------------------------------------

    def bookmark(
        self,
        article_id: str,
        content_hash: str,
        note: str = "",
        *,
        title: str = "",
        date: str | None = None,
        ward: str | None = None,
    ) -> Bookmark:
        """Bookmark ``article_id`` (its title, date and ward as they are now), or replace the
        note, content and title of its bookmark, which keeps the time it was first made."""
        self._write(
            "INSERT INTO bookmark VALUES (?, ?, ?, ?, ?, ?, ?, ?) "  # not-ui: SQL
            "ON CONFLICT (corpus, article) "
            "DO UPDATE SET hash = excluded.hash, title = excluded.title, date = excluded.date, "
            "ward = excluded.ward, note = excluded.note",
            (self.corpus, article_id, content_hash, title, date, ward, note.strip(), _now()),
        )
        found = self.bookmark_of(article_id)
        if found is None:  # another process removed it at once
            raise MarksError(
                _("the bookmark of {id} was removed as it was saved").format(id=article_id)
            )
        return found

    def unbookmark(self, article_id: str) -> bool:
        """Remove the bookmark; False when there was none."""
        return (
            self._write(
                "DELETE FROM bookmark WHERE corpus = ? AND article = ?",  # not-ui: SQL
                (self.corpus, article_id),
            )
            > 0
        )

    def is_bookmarked(self, article_id: str) -> bool:
        return self.bookmark_of(article_id) is not None

    def bookmark_of(self, article_id: str) -> Bookmark | None:
        row = self._one(
            f"SELECT {_BOOKMARK_COLUMNS} FROM bookmark WHERE corpus = ? AND article = ?",  # not-ui
            (self.corpus, article_id),
        )
        return Bookmark(*row) if row is not None else None

    def bookmarks(self, matching: str = "") -> list[Bookmark]:
        """The bookmarks, most recent first; with ``matching``, those whose title, note, ward
        or id contain each of its words (accents and case optional)."""
        rows = self._all(
            f"SELECT {_BOOKMARK_COLUMNS} FROM bookmark WHERE corpus = ? "  # not-ui: SQL
            "ORDER BY at DESC, rowid DESC",
            (self.corpus,),
        )
        found = [Bookmark(*row) for row in rows]
        words = fold(matching).lower().split()
        if not words:
            return found
        return [b for b in found if all(w in _searchable(b) for w in words)]

    def bookmarked_ids(self) -> frozenset[str]:
        """The ids of the bookmarked articles (what ``is:bookmarked`` is answered by)."""
        sql = "SELECT article FROM bookmark WHERE corpus = ?"  # not-ui: SQL
        rows = self._all(sql, (self.corpus,))
        return frozenset(article for (article,) in rows)

    # -- SQLite ------------------------------------------------------------------------------

    def _write(self, sql: str, params: tuple[object, ...]) -> int:
        """Run one change in its own transaction; the rows changed. MarksError if not saved."""
        with self._locked() as db:
            try:
                with db:
                    return db.execute(sql, params).rowcount
            except sqlite3.Error as exc:
                raise MarksError(
                    _("the mark could not be saved: {error}").format(error=exc)
                ) from exc

    def _one(self, sql: str, params: tuple[object, ...]) -> tuple[object, ...] | None:
        with self._locked() as db:
            return db.execute(sql, params).fetchone()

    def _all(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        with self._locked() as db:
            return db.execute(sql, params).fetchall()

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db


_BOOKMARK_COLUMNS = "article, title, date, ward, note, at, hash"  # not-ui: SQL


def _searchable(bookmark: Bookmark) -> str:
    text = " ".join((bookmark.title, bookmark.note, bookmark.ward or "", bookmark.id))
    return fold(text).lower()


def _connect(path: Path) -> sqlite3.Connection:
    """The file opened, checked and with its tables; DatabaseError when it cannot be used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise sqlite3.OperationalError(exc.strerror or str(exc)) from exc
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, check_same_thread=False)
    try:
        if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise sqlite3.DatabaseError(_("the file failed its integrity check"))
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise sqlite3.OperationalError(
                _("written by a newer phuong-reader (v{version})").format(version=version)
            )
        if version < SCHEMA_VERSION:  # a new file (a read-only one is never written here)
            db.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        _check_tables(db)
    except sqlite3.Error:
        db.close()
        raise
    return db


def _check_tables(db: sqlite3.Connection) -> None:
    """A table of another shape under one of our names is damage too."""
    for table, wanted in (("read", 4), ("bookmark", 8)):
        columns = db.execute(f"PRAGMA table_info({table})").fetchall()
        if len(columns) != wanted:
            raise sqlite3.DatabaseError(
                _("the {table} table is not the one expected").format(table=table)
            )


def _set_aside(path: Path) -> Path | None:
    """Move a damaged file (and its journal) aside; where it went, or None when the file is
    not damaged (or gone, or cannot be moved) and should be left as it is."""
    if not _damaged(path):
        return None
    kept = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    try:
        path.replace(kept)
    except OSError:
        return None
    with suppress(OSError):
        path.with_name(path.name + "-journal").replace(kept.with_name(kept.name + "-journal"))
    return kept


def _damaged(path: Path) -> bool:
    """True when the file exists and SQLite says it is not a sound database (rather than,
    say, locked or in a folder that cannot be written)."""
    if not path.is_file():
        return False
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    except sqlite3.Error:
        return False
    try:
        if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
            return True
        _check_tables(db)
        return False
    except sqlite3.OperationalError as exc:
        return "locked" not in str(exc) and "readonly" not in str(exc)
    except sqlite3.DatabaseError:
        return True
    finally:
        db.close()


def _memory() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.executescript(_SCHEMA)
    return db


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class MarksOnDemand:
    """The marks of ``corpus`` for a search (``MarkSource``), opened on the first question,
    which only a query with ``is:`` terms asks, and without creating the file: a plain
    ``phuong search`` leaves the data dir alone."""

    def __init__(self, corpus: str, folder: Path | None = None) -> None:
        self.corpus, self.folder = corpus, folder
        self.opened: Marks | None = None

    def marks(self) -> Marks:
        if self.opened is None:
            self.opened = Marks.open(self.corpus, self.folder, create=False)
        return self.opened

    def read_pairs(self) -> dict[str, str]:
        return self.marks().read_pairs()

    def bookmarked_ids(self) -> frozenset[str]:
        return self.marks().bookmarked_ids()

    @property
    def notice(self) -> str | None:
        """What went wrong opening the file, once it was opened (see ``Marks.notice``)."""
        return self.opened.notice if self.opened is not None else None
