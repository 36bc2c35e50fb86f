"""A searcher's documents: their stored fields (a few hundred kept), the rows a results list
shows of them (``storage.listing``), and the doc number of an article id."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import Any

import numpy as np
from phuong_reader.index.lang.analysis import folded_tokens
from phuong_reader.index.query.shared import shared
from phuong_reader.index.storage.listing import LISTED, row_of
from phuong_reader.index.storage.postings import Segment

STORED_CACHE = 512
TOKENS_CACHE = 64  # about 50 KB an article


class StoredDocuments:
    """What ``VectorSearcher`` reads of its documents (it sets these attributes)."""

    searcher: Any
    segments: list[Segment]
    extras: dict[str, Any]
    _stored: dict[int, dict[str, Any]]
    _doc_of: dict[str, int]  # article id → doc number, for the documents read lately
    _tokens: dict[int, tuple[list[str], list[tuple[int, int]]]]
    alive: Callable[[], np.ndarray]  # per doc number, False when the document is deleted

    def stored(self, doc: int) -> dict[str, Any]:
        """The stored fields of a document (kept for the last few hundred asked for: a page's
        hits are loaded for their titles, then again for phrase checks and snippets)."""
        found = self._stored.get(doc)
        if found is None:
            if len(self._stored) >= STORED_CACHE:
                gone = self._stored.pop(next(iter(self._stored)))
                self._doc_of.pop(gone["id"], None)
            found = self._stored[doc] = self.searcher.stored_fields(doc)
            if self.alive()[doc]:
                self._doc_of[found["id"]] = doc
        return found

    def text_tokens(self, doc: int) -> tuple[list[str], list[tuple[int, int]]]:
        """``folded_tokens`` of a document's stored text, kept for the last TOKENS_CACHE asked
        for: the snippets of consecutive keystrokes' results are mostly of the same articles."""
        found = self._tokens.get(doc)
        if found is None:
            if len(self._tokens) >= TOKENS_CACHE:
                self._tokens.pop(next(iter(self._tokens)))
            found = self._tokens[doc] = folded_tokens(self.stored(doc)["doc"]["text"])
        return found

    def row(self, doc: int) -> dict[str, str]:
        """What a results row shows of a document (``storage.listing.LISTED``): from its
        segment's saved listing, or from its stored fields when the segment has none."""
        seg = self.segments[bisect_right(self._offsets(), doc) - 1]
        listing = seg.listing()
        if listing is None:
            return row_of(self.stored(doc))
        fields = dict(zip(LISTED, listing.row(doc - seg.offset), strict=True))
        if self.alive()[doc]:
            if len(self._doc_of) >= 4 * STORED_CACHE:
                self._doc_of.pop(next(iter(self._doc_of)))
            self._doc_of[fields["id"]] = doc
        return fields

    def _offsets(self) -> list[int]:
        return shared(self.extras, "offsets", lambda: [seg.offset for seg in self.segments])

    def doc_number(self, article_id: str) -> int | None:
        """The live document of ``article_id`` (None when there is none): the hits just listed
        are known (their snippets follow), others are looked up in the ``id`` field."""
        doc = self._doc_of.get(article_id)
        return doc if doc is not None else self.searcher.document_number(id=article_id)
