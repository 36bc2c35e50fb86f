"""Small helpers shared by the SQLite files saved beside each generation."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import quote

_BATCH = 500  # SQLite's limit on bound parameters is 999 in old builds


def connect_immutable(path: Path) -> sqlite3.Connection:
    """A published generation's file, read-only: it never changes (copied or written new,
    never updated through a link), so SQLite may skip its locks."""
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)


def batches(items: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """``items`` in batches small enough to bind, each with its "?,?,…" marks."""
    for start in range(0, len(items), _BATCH):
        batch = list(items[start : start + _BATCH])
        yield batch, ",".join("?" * len(batch))
