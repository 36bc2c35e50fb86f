"""What a results list shows of each article (id, date, ward, title, path, content hash), saved
beside each segment.

A page of 200 hits read each one's stored fields from Whoosh: a compressed pickle of the whole
article (text, blocks, spans, figures), 80–150 µs each, most of a keystroke's search at 100,000
articles. The six short strings a row needs are saved per segment instead, in document order,
as one file of UTF-8 strings end to end (``.lst``) and one of their ends (``.lse``, uint32 when
the strings fit, else uint64). A segment without them (written before, or the files not whole)
is answered from the stored fields as before.
"""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

LISTED = ("id", "date", "ward", "title", "path", "content_hash")
SUFFIXES = (".lst", ".lse")


def listing_stem(folder: Path, segment_id: str) -> Path:
    """The stem of one segment's listing files (named like its saved arrays, so that the
    files of a segment that merges removed go with them)."""
    return folder / f"{segment_id}-listing"


def listed_of(stored: dict[str, Any]) -> tuple[str, ...]:
    """A document's row (``LISTED``) from its stored fields ("" for what is missing)."""
    doc = stored.get("doc")
    doc = doc if isinstance(doc, dict) else {}
    inner = ("title", "path")
    return tuple(str((doc if name in inner else stored).get(name) or "") for name in LISTED)


def row_of(stored: dict[str, Any]) -> dict[str, str]:
    """A document's row by name (``LISTED``), from its stored fields."""
    return dict(zip(LISTED, listed_of(stored), strict=True))


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a path's undecodable bytes come back


class ListingWriter:
    """Collects one segment's rows as its documents are written, in document order."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._ends: list[int] = []
        self._size = 0

    def __len__(self) -> int:
        return len(self._ends) // len(LISTED)

    def add(self, stored: dict[str, Any]) -> None:
        """The next document's row, from its stored fields."""
        for text in listed_of(stored):
            data = _encoded(text)
            self._parts.append(data)
            self._size += len(data)
            self._ends.append(self._size)

    def write(self, stem: Path) -> None:
        """Write the two files (the ends last: a reader checks them against the strings)."""
        stem.with_suffix(".lst").write_bytes(b"".join(self._parts))
        wide = np.uint64 if self._size > 0xFFFFFFFF else np.uint32
        stem.with_suffix(".lse").write_bytes(np.asarray(self._ends, dtype=wide).tobytes())


class Listing:
    """One segment's saved rows, read a row at a time (never the whole file in memory)."""

    def __init__(self, stem: Path, ends: np.ndarray) -> None:
        self._path = stem.with_suffix(".lst")
        self._ends = ends
        self._file = open(self._path, "rb", buffering=0)  # noqa: SIM115 (closed when dropped)

    def row(self, docnum: int) -> tuple[str, ...]:
        """The row (``LISTED``) of the segment's document ``docnum``."""
        width = len(LISTED)
        first = docnum * width
        start = int(self._ends[first - 1]) if first else 0
        stops = self._ends[first : first + width].tolist()
        data = os.pread(self._file.fileno(), stops[-1] - start, start)
        cuts = [0, *(stop - start for stop in stops)]
        return tuple(data[a:b].decode("utf-8", "surrogatepass") for a, b in pairwise(cuts))


def open_listing(stem: Path, doc_count: int) -> Listing | None:
    """The saved rows of a segment of ``doc_count`` documents, or None when they are not
    there whole (a row per document, the ends matching the strings' file)."""
    ends_path, strings = stem.with_suffix(".lse"), stem.with_suffix(".lst")
    try:
        raw = ends_path.read_bytes()
        size = strings.stat().st_size
    except OSError:
        return None
    wanted = doc_count * len(LISTED)
    for dtype in (np.uint32, np.uint64):
        if len(raw) == wanted * np.dtype(dtype).itemsize:
            ends = np.frombuffer(raw, dtype=dtype)
            last = int(ends[-1]) if wanted else 0
            if last == size and (wanted == 0 or bool(np.all(np.diff(ends.astype(np.int64)) >= 0))):
                return Listing(stem, ends)
    return None
