"""What the reader remembers between runs: last ward, query, article, theme, search history.

Kept as small JSON files in the user's data dir. A missing, unreadable or corrupt file means
"nothing remembered": the reader must start even if someone edited or truncated the file.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

STATE_FILE = "reader-state.json"
HISTORY_LIMIT = 200


def data_dir() -> Path:
    """The reader's folder in the user's data dir (created on first save)."""
    return Path(user_data_dir("phuong-reader"))


@dataclass
class ReaderState:
    """The reader's position, saved after each change so a crash loses nothing."""

    ward: str | None = None
    query: str = ""
    article: str | None = None
    sort: str = "relevance"
    theme: str | None = None
    history: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path | None = None) -> ReaderState:
        """The saved state, or defaults when there is none or it cannot be read."""
        path = (folder or data_dir()) / STATE_FILE
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        return cls._from_json(raw) if isinstance(raw, dict) else cls()

    @classmethod
    def _from_json(cls, raw: dict[str, Any]) -> ReaderState:
        def text(key: str) -> str | None:
            value = raw.get(key)
            return value if isinstance(value, str) and value else None

        history = raw.get("history")
        return cls(
            ward=text("ward"),
            query=text("query") or "",
            article=text("article"),
            sort="date" if raw.get("sort") == "date" else "relevance",
            theme=text("theme"),
            history=[h for h in history if isinstance(h, str)][-HISTORY_LIMIT:]
            if isinstance(history, list)
            else [],
        )

    def save(self, folder: Path | None = None) -> None:
        """Write atomically; a read-only or full disk is not worth interrupting reading."""
        folder = folder or data_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{STATE_FILE}.{os.getpid()}"
            tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), "utf-8")
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
