"""Write the saved arrays of frequent terms beside each new segment (read by ``storage.hot``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from phuong_reader.index.storage.hot import (
    FIELDS,
    HOT_FOLDER,
    IDS_SUFFIXES,
    MAX_TF,
    WHOLE_FIELDS,
    WHOLE_MULTI,
    ids_suffix,
    stem_of,
)
from phuong_reader.index.storage.postings import segments_of
from whoosh.filedb.filestore import FileStorage

HOT_MIN_POSTINGS = 1024  # below this, Whoosh's blocks are read in about a millisecond


def write_hot_postings(generation: Path) -> None:
    """Save the frequent terms of every segment of ``generation`` that has none saved yet, and
    drop the files of segments that merges have removed."""
    folder = generation / HOT_FOLDER
    folder.mkdir(exist_ok=True)
    # Without mmap, like the search engine: a mapped index counts its touched pages as memory.
    searcher = FileStorage(str(generation), supports_mmap=False).open_index().searcher()
    try:
        segments = segments_of(searcher)
        wanted = {seg.reader.segment().segment_id() for seg in segments}
        for path in folder.iterdir():
            if path.name.split("-", 1)[0] not in wanted:
                path.unlink()
        for seg in segments:
            for field in FIELDS + WHOLE_FIELDS + WHOLE_MULTI:
                stem = stem_of(folder, seg.reader.segment().segment_id(), field)
                if field in searcher.schema and not stem.with_suffix(".json").exists():
                    _write_field(stem, seg, field, field not in FIELDS)
    finally:
        searcher.close()


class HotFieldWriter:
    """One segment's saved arrays for one field, term by term in the index's order: appended to
    two flat files (never the whole field in memory), the ``.json`` index written last (its
    presence says the arrays are complete)."""

    def __init__(self, stem: Path, whole: bool, doc_count: int) -> None:
        self._stem, self._whole = stem, whole
        self._index: dict[str, list[int]] = {}
        self._size = 0
        suffix = ids_suffix(doc_count)
        self._ids_type = IDS_SUFFIXES[suffix]
        self._ids = open(stem.with_suffix(suffix), "wb")  # noqa: SIM115 (closed by close)
        self._tfs = open(stem.with_suffix(".tf"), "wb")  # noqa: SIM115

    def wants(self, doc_frequency: int) -> bool:
        """Whether a term with this many postings is saved."""
        return self._whole or doc_frequency >= HOT_MIN_POSTINGS

    def add(self, term: bytes | str, ids: Any, weights: Any) -> None:
        """Save one term's postings (doc numbers ascending, weights as Whoosh stores them)."""
        weights = np.asarray(weights, dtype=np.float32)
        if weights.max() > MAX_TF or not np.all(weights == np.round(weights)):
            return  # not a plain term frequency: leave it to Whoosh's blocks
        text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
        self._index[text] = [self._size, self._size + len(weights)]
        self._size += len(weights)
        self._ids.write(np.asarray(ids, dtype=self._ids_type).tobytes())
        self._tfs.write(weights.astype(np.uint16).tobytes())

    def close(self) -> None:
        """Finish the arrays, then write the index."""
        self._ids.close()
        self._tfs.close()
        text = json.dumps(self._index, ensure_ascii=False)
        self._stem.with_suffix(".json").write_text(text, "utf-8")

    def cancel(self) -> None:
        """Close the files, the index not written (so the arrays are not used)."""
        self._ids.close()
        self._tfs.close()


def hot_writers(
    generation: Path, segment_id: str, schema: Any, doc_count: int
) -> dict[str, HotFieldWriter]:
    """A HotFieldWriter for each saved field of ``schema``, for a segment being written (of
    ``doc_count`` documents)."""
    folder = generation / HOT_FOLDER
    folder.mkdir(exist_ok=True)
    return {
        field: HotFieldWriter(stem_of(folder, segment_id, field), field not in FIELDS, doc_count)
        for field in FIELDS + WHOLE_FIELDS + WHOLE_MULTI
        if field in schema
    }


def _write_field(stem: Path, seg: Any, field: str, whole: bool) -> None:
    """Save a written segment's frequent terms, read back from Whoosh's blocks."""
    saved = HotFieldWriter(stem, whole, seg.doc_count)
    try:
        for term, info in seg.reader.iter_field(field):
            if saved.wants(info.doc_frequency()):
                postings = seg.postings(field, term, direct=True)
                saved.add(term, postings.ids, postings.weights)
    except BaseException:
        saved.cancel()
        raise
    saved.close()
