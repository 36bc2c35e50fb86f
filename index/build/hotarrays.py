"""Write the saved arrays of frequent terms beside each new segment (read by ``storage.hot``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from phuong_reader.index.storage.hot import (
    FIELDS,
    HOT_FOLDER,
    MAX_TF,
    WHOLE_FIELDS,
    WHOLE_MULTI,
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


def _write_field(stem: Path, seg: Any, field: str, whole: bool) -> None:
    """Append each frequent term's arrays to two flat files (never the whole field in memory)."""
    index: dict[str, list[int]] = {}
    size = 0
    with open(stem.with_suffix(".ids"), "wb") as ids, open(stem.with_suffix(".tf"), "wb") as tfs:
        for term, info in seg.reader.iter_field(field):
            if not whole and info.doc_frequency() < HOT_MIN_POSTINGS:
                continue
            postings = seg.postings(field, term, direct=True)
            weights = postings.weights
            if weights.max() > MAX_TF or not np.all(weights == np.round(weights)):
                continue  # not a plain term frequency: leave it to Whoosh's blocks
            text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            index[text] = [size, size + len(postings.ids)]
            size += len(postings.ids)
            ids.write(postings.ids.astype(np.uint32).tobytes())
            tfs.write(weights.astype(np.uint16).tobytes())
    # The index last: its presence says the arrays are complete.
    stem.with_suffix(".json").write_text(json.dumps(index, ensure_ascii=False), "utf-8")
