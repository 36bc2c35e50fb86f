"""Posting lists of the most frequent terms, saved as plain arrays beside each Whoosh segment.

A word in nearly every article ("phường", "dân") has 100,000 postings at 100,000 articles:
decoding them from Whoosh's pickled, compressed blocks takes 50-100 ms per term, every query.
Saved once per segment as numpy arrays (doc numbers as uint16 or uint32, term frequencies as
uint16) and read back, the same list takes well under a millisecond. Segments never change once
written, so each segment's arrays are written once, when the segment first appears in a
generation (``hot/`` is hard-linked into later generations with the rest of the folder).
Positions are not saved: phrases are checked in the stored article (``index.phrases``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

HOT_FOLDER = "hot"
FIELDS = ("body_folded", "body", "pairs", "persons", "orgs")
# Saved whole, every term: the reader's first screen sorts every article by date and counts
# every ward, which is one read of each of these instead of ~1,500 posting lists.
# The article ids too: the people and figures views map the query's documents to the facts
# saved by article id (``storage.facts``) without unpickling a stored article.
WHOLE_FIELDS = ("date", "ward", "id")
# Saved whole too, but several terms per document (not ranked): every unit an article names,
# the ward list's "mentioned" counts (334 posting lists read at the first screen otherwise).
WHOLE_MULTI = ("wards_key",)
MAX_TF = np.iinfo(np.uint16).max
# The doc numbers' file: ``.i16`` (uint16) for a segment of at most 65,536 documents (a build's
# segments hold ~7,400: half the size of ``.ids``, uint32, which larger segments and indexes
# written before keep).
IDS_SUFFIXES = {".i16": np.uint16, ".ids": np.uint32}


def ids_suffix(doc_count: int) -> str:
    """The suffix of the doc numbers' file of a segment of ``doc_count`` documents."""
    return ".i16" if doc_count <= 1 << 16 else ".ids"


class HotTerms:
    """One segment's saved postings for one field, read term by term."""

    def __init__(self, stem: Path) -> None:
        self._index: dict[str, list[int]] = json.loads(stem.with_suffix(".json").read_text())
        short = stem.with_suffix(".i16")
        self._ids_path = short if short.exists() else stem.with_suffix(".ids")
        self._ids_type = IDS_SUFFIXES[self._ids_path.suffix]
        self._tf_path = stem.with_suffix(".tf")

    def live_counts(self, alive: np.ndarray) -> dict[str, int]:
        """Each saved term's number of live documents (``alive``: per doc number of the
        segment), from one read of the file: one pass, not one array per term (the ward
        list's counts were 10,000 of them at 100,000 articles, 50 ms of the first frame)."""
        ids = self._every_id()
        live = np.zeros(len(ids) + 1, dtype=np.int64)  # live[p]: live postings before p
        np.cumsum(alive[ids], dtype=np.int64, out=live[1:])
        starts, ends = self._spans()
        return dict(zip(self._index, (live[ends] - live[starts]).tolist(), strict=True))

    def terms(self) -> list[str]:
        """The saved terms."""
        return list(self._index)

    def ranks(self, order: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, the rank in ``order`` of each one's term, -1 for a term not in it)
        of a field with one term per document, from one read of the file and without an
        array per term (the ``id`` field has one term per article: 100,000 arrays)."""
        ids = self._every_id().astype(np.int64)
        count = len(ids)
        term_rank = np.array([order.get(term, -1) for term in self._index], dtype=np.int64)
        starts, ends = self._spans()
        # Each posting's term: its span's. Spans are disjoint, so a posting at position p
        # belongs to the span with the largest start <= p (sorted by start).
        by_start = np.argsort(starts, kind="stable")
        positions = np.arange(count)
        span = by_start[np.searchsorted(starts[by_start], positions, side="right") - 1]
        inside = (positions >= starts[span]) & (positions < ends[span]) if len(span) else span
        return ids[inside], term_rank[span[inside]]

    def _spans(self) -> tuple[np.ndarray, np.ndarray]:
        """(start, end) in the doc-number file of each saved term, in the index's order."""
        spans = np.array(list(self._index.values()), dtype=np.int64).reshape(-1, 2)
        return spans[:, 0], spans[:, 1]

    def _every_id(self) -> np.ndarray:
        """The whole doc-number file, every saved term's postings one after the other."""
        count = self._ids_path.stat().st_size // np.dtype(self._ids_type).itemsize
        return _read(self._ids_path, self._ids_type, 0, count)

    def get(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(doc numbers, frequencies) of ``term``, or None when it is not a saved term."""
        span = self._index.get(term)
        if span is None:
            return None
        start, end = span
        ids = _read(self._ids_path, self._ids_type, start, end)
        return ids.astype(np.int64), _read(self._tf_path, np.uint16, start, end).astype(np.float64)


def _read(path: Path, dtype: type, start: int, end: int) -> np.ndarray:
    """Items [start, end) of a flat array file. Read, not memory-mapped: mapped pages stay
    counted in the reader's memory (300 MB after the benchmark's queries at 100,000)."""
    size = np.dtype(dtype).itemsize
    with open(path, "rb") as handle:
        handle.seek(start * size)
        return np.frombuffer(handle.read((end - start) * size), dtype=dtype)


def stem_of(folder: Path, segment_id: str, field: str) -> Path:
    """The files of one segment's field: ``.json`` (term → slice), ``.i16`` or ``.ids``, ``.tf``."""
    return folder / f"{segment_id}-{field}"


def open_hot_terms(generation: Path, segment_id: str, field: str) -> HotTerms | None:
    """The saved postings of ``field`` in that segment, or None when there are none."""
    stem = stem_of(generation / HOT_FOLDER, segment_id, field)
    return HotTerms(stem) if stem.with_suffix(".json").exists() else None


def describe(generation: Path) -> dict[str, Any]:
    """Counts for reports and tests: saved terms and postings per field."""
    out: dict[str, Any] = {}
    for path in sorted((generation / HOT_FOLDER).glob("*.json")):
        field = path.stem.split("-", 1)[1]
        spans = json.loads(path.read_text())
        entry = out.setdefault(field, {"terms": 0, "postings": 0})
        entry["terms"] += len(spans)
        entry["postings"] += sum(end - start for start, end in spans.values())
    return out
