"""Posting lists as numpy arrays, read a whole block at a time from Whoosh's W3 segment files.

Whoosh's matchers cost about 5 µs per matching document in Python, so a word that is in every
article ("phường") takes half a second at 100,000 articles. The postings themselves are stored
in blocks of up to 128 (one pickle per block), so reading every block and handing the arrays to
numpy costs a few milliseconds instead. This reads W3 codec internals: whoosh-reloaded is pinned
to one version, and ``tests/engine/test_vectorized.py`` checks every answer against Whoosh's own.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import Any

import numpy as np
from phuong_reader.index.storage.hot import HOT_FOLDER, HotTerms, open_hot_terms
from phuong_reader.index.storage.listing import Listing, listing_stem, open_listing
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
EMPTY_IDS = np.zeros(0, dtype=np.int64)


class Postings:
    """One term's postings in one segment: sorted doc numbers (segment-relative) and weights."""

    __slots__ = ("ids", "weights")

    def __init__(self, ids: np.ndarray, weights: np.ndarray) -> None:
        self.ids, self.weights = ids, weights


NO_POSTINGS = Postings(EMPTY_IDS, np.zeros(0))


class Segment:
    """A segment reader and its offset in the searcher's doc numbering, with cached columns."""

    def __init__(self, reader: Any, offset: int, generation: Path | None = None) -> None:
        self.reader, self.offset, self.generation = reader, offset, generation
        self.doc_count = reader.doc_count_all()
        self._lengths: dict[str, np.ndarray] = {}
        self._hot: dict[str, HotTerms | None] = {}
        self._listing: list[Listing | None] = []  # opened on first use: [] not yet

    def listing(self) -> Listing | None:
        """The segment's saved rows for results lists, None when it has none."""
        if not self._listing:
            found = None
            if self.generation is not None:
                segment_id = self.reader.segment().segment_id()
                stem = listing_stem(self.generation / HOT_FOLDER, segment_id)
                found = open_listing(stem, self.doc_count)
            self._listing.append(found)
        return self._listing[0]

    def live_counts(self, field: str, alive: np.ndarray) -> dict[str, int] | None:
        """Every term of ``field`` with its number of live documents (``alive``: per doc
        number of this segment), when the field is saved whole; else None."""
        hot = self._hot_terms(field)
        return hot.live_counts(alive) if hot is not None else None

    def saved_terms(self, field: str) -> HotTerms | None:
        """The saved whole ``field`` (None when not saved), not kept by the segment: a field
        with one term per document is read once per generation (``ranked``)."""
        if field in self._hot:
            return self._hot[field]
        segment_id = self.reader.segment().segment_id()
        return open_hot_terms(self.generation, segment_id, field) if self.generation else None

    def _hot_terms(self, field: str) -> HotTerms | None:
        if field not in self._hot:
            self._hot[field] = self.saved_terms(field)
        return self._hot[field]

    def field_lengths(self, field: str) -> np.ndarray:
        """Every document's (lossily stored) length in ``field``, as Whoosh's scorer sees it."""
        if field not in self._lengths:
            codes = np.zeros(self.doc_count, dtype=np.uint8)
            column = self.reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
            if column is not None:
                raw = column._dbfile.get(column._basepos, column._count)
                codes[: len(raw)] = np.frombuffer(raw, dtype=np.uint8)
            self._lengths[field] = LENGTH_OF_BYTE[codes]
        return self._lengths[field]

    def deleted(self) -> np.ndarray:
        """Segment-relative numbers of deleted documents."""
        return np.fromiter(self.reader.deleted_docs_set, dtype=np.int64)

    def postings(self, field: str, term: str | bytes, direct: bool = False) -> Postings:
        """The term's postings: from the saved arrays of frequent terms (see hotpostings)
        unless ``direct``, else decoded from Whoosh's blocks."""
        if not direct and isinstance(term, str):
            hot = self._hot_terms(field)
            saved = hot.get(term) if hot is not None else None
            if saved is not None:
                return Postings(*saved)
        try:
            matcher = self.reader.postings(field, term)
        except TermNotFound:
            return NO_POSTINGS
        if isinstance(matcher, FilterMatcher):  # deleted documents: VectorSearcher drops them
            matcher = matcher.child
        deltas, weights = array("q"), array("d")
        previous_max = 0
        while True:
            matcher._read_data()
            block_ids, block_weights, _positions = matcher._data
            count = matcher._blocklength
            # The first id of a block is absolute: rebase it on the last id of the block before,
            # so that one cumulative sum decodes every block at once.
            deltas.append(block_ids[0] - previous_max)
            deltas.extend(block_ids[1:])
            previous_max = matcher._maxid
            if block_weights is None:
                weights.extend([1.0] * count)
            elif isinstance(block_weights, float):
                weights.extend([block_weights] * count)
            else:
                weights.extend(block_weights)
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
        ids = np.cumsum(np.frombuffer(deltas, dtype=np.int64))
        return Postings(ids, np.frombuffer(weights, dtype=np.float64))


def segments_of(searcher: Any, generation: Path | None = None) -> list[Segment]:
    """The searcher's segments in doc-number order (``generation``: where saved arrays are)."""
    reader = searcher.reader()
    if not reader.doc_count_all():
        return []  # an index of no articles has an EmptyReader, with no segment files
    if reader.is_atomic():
        return [Segment(reader, 0, generation)]
    return [Segment(r, offset, generation) for r, offset in reader.leaf_readers()]
