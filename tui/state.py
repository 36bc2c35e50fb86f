"""What the reader remembers between runs: per corpus the last ward, query, article, sort and
dates; for every corpus the theme and the search history.

Kept as one small JSON file in the user's data dir. A missing, unreadable or corrupt file means
"nothing remembered": the reader must start even if someone edited or truncated the file.

A corpus is named by ``corpus_id``: its resolved index directory (the bundled sample corpus by
name). The file before positions were kept per corpus held one position for all (version 1,
flat); the first corpus opened with such a file takes that position over, and the next save
files it under that corpus only.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from phuong_reader.tui.dates import kept_dates
from platformdirs import user_data_dir

STATE_FILE = "reader-state.json"
STATE_VERSION = 2
HISTORY_LIMIT = 200
CORPUS_LIMIT = 100  # positions kept, the corpora opened most recently
SAMPLE_CORPUS = "sample corpus"  # not-ui: the id of the bundled corpus, wherever installed
NO_CORPUS = ""  # a state not tied to a corpus (no index could be named)
SORTS = ("relevance", "date", "oldest")  # "date": newest first


def data_dir() -> Path:
    """The reader's folder in the user's data dir (created on first save)."""
    return Path(user_data_dir("phuong-reader"))


def corpus_id(index_dir: Path, bundled: bool = False) -> str:
    """The name a corpus's remembered position is kept under: its index directory, resolved
    (``phuong DIR`` and ``phuong --index-dir`` on that directory's index are one corpus). The
    bundled sample corpus is named by a word: reinstalling the package moves it and its index."""
    if bundled:
        return SAMPLE_CORPUS
    try:
        return str(index_dir.resolve())
    except (OSError, RuntimeError):  # a symlink loop, an unreadable parent
        return str(index_dir.absolute())


@dataclass
class Position:
    """Where the reader was in one corpus."""

    ward: str | None = None
    query: str = ""
    article: str | None = None
    sort: str = "relevance"
    since: str = ""  # the date filter, tui.dates forms ("" for an open end)
    until: str = ""

    @classmethod
    def from_json(cls, raw: object) -> Position:
        """A position read from the file; anything of the wrong type (or a date that does not
        read) is "not remembered"."""
        if not isinstance(raw, dict):
            return cls()
        sort = raw.get("sort")
        since, until = kept_dates(raw.get("since", ""), raw.get("until", ""))
        return cls(
            ward=_text(raw, "ward"),
            query=_text(raw, "query") or "",
            article=_text(raw, "article"),
            sort=sort if isinstance(sort, str) and sort in SORTS else "relevance",
            since=since,
            until=until,
        )


@dataclass
class ReaderState:
    """The reader's position in ``corpus`` (ward, query, article, sort, dates), and what is
    kept for every corpus (theme, history). Saved on exit, and when the screen decides to."""

    ward: str | None = None
    query: str = ""
    article: str | None = None
    sort: str = "relevance"
    since: str = ""
    until: str = ""
    theme: str | None = None
    history: list[str] = field(default_factory=list)
    corpus: str = NO_CORPUS  # whose position the first six fields are (see corpus_id)
    export_dir: str | None = None  # where ``e`` writes (for every corpus)
    export_format: str = "md"

    @classmethod
    def load(cls, folder: Path | None = None, corpus: str = NO_CORPUS) -> ReaderState:
        """The saved state with ``corpus``'s position, or defaults when there is none or the
        file cannot be read."""
        raw = _read(folder or data_dir())
        if raw is None:
            return cls(corpus=corpus)
        history = raw.get("history")
        state = cls(
            theme=_text(raw, "theme"),
            export_dir=_text(raw, "export_dir"),
            export_format=_text(raw, "export_format") or "md",
            history=[h for h in history if isinstance(h, str)][-HISTORY_LIMIT:]
            if isinstance(history, list)
            else [],
            corpus=corpus,
        )
        corpora = raw.get("corpora")
        if isinstance(corpora, dict):
            state.position = Position.from_json(corpora.get(corpus))
        elif "version" not in raw:  # version 1: one position for all, taken over by this corpus
            state.position = Position.from_json(raw)
        return state

    @property
    def position(self) -> Position:
        return Position(self.ward, self.query, self.article, self.sort, self.since, self.until)

    @position.setter
    def position(self, position: Position) -> None:
        self.ward, self.query = position.ward, position.query
        self.article, self.sort = position.article, position.sort
        self.since, self.until = position.since, position.until

    def save(self, folder: Path | None = None) -> None:
        """Write atomically, keeping the positions of other corpora as the file has them now
        (another reader may have saved since this one started); a read-only or full disk is not
        worth interrupting reading."""
        folder = folder or data_dir()
        corpora = (_read(folder) or {}).get("corpora")
        positions = {
            name: Position.from_json(raw)
            for name, raw in (corpora.items() if isinstance(corpora, dict) else ())
            if isinstance(name, str) and name != self.corpus
        }
        positions[self.corpus] = self.position  # the most recently used last
        kept = list(positions.items())[-CORPUS_LIMIT:]
        data = {
            "version": STATE_VERSION,
            "theme": self.theme,
            "export_dir": self.export_dir,
            "export_format": self.export_format,
            "history": self.history[-HISTORY_LIMIT:],
            "corpora": {name: asdict(position) for name, position in kept},
        }
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{STATE_FILE}.{os.getpid()}"
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
            tmp.replace(folder / STATE_FILE)
        except OSError:
            pass

    def remember_query(self, query: str) -> None:
        """Append to the history (most recent last, no consecutive or older duplicate)."""
        query = query.strip()
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY_LIMIT]


def _read(folder: Path) -> dict[str, Any] | None:
    """The file's object, or None when it is missing, unreadable or not a JSON object."""
    try:
        raw = json.loads((folder / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return raw if isinstance(raw, dict) else None


def _text(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return value if isinstance(value, str) and value else None


class HistoryCursor:
    """Up/Down through past queries, like a shell: the draft being typed is kept at the end."""

    def __init__(self, entries: list[str]) -> None:
        self.entries = entries
        self.position = len(entries)
        self.draft = ""

    def reset(self) -> None:
        self.position = len(self.entries)

    def older(self, current: str) -> str | None:
        """The previous query, or None at the oldest one."""
        if self.position == len(self.entries):
            self.draft = current
        if self.position == 0:
            return None
        self.position -= 1
        return self.entries[self.position]

    def newer(self) -> str | None:
        """The next query, the draft after the newest, None when already on the draft."""
        if self.position >= len(self.entries):
            return None
        self.position += 1
        if self.position == len(self.entries):
            return self.draft
        return self.entries[self.position]
