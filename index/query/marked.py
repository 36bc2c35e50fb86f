"""The ``is:`` filters of a query (``is:unread``, ``is:read``, ``is:bookmarked``, negated or
not) answered with what the caller marked: the engine keeps no marks, the reader's store does
(``phuong_reader.tui.marks``), and the search receives it as a ``MarkSource``; ``Scope`` is
what a search is limited to (its dates and the documents its marks let through).

An article is *read* when the content hash it was read in is still the one indexed: a changed
file is unread again. A bookmark follows the article id, whatever its content now. Article ids
become doc numbers through the ids saved whole (no stored article is read); a hash is looked up
in the ``content_hash`` field the index already has (never computed again) once per generation
and kept (its doc never changes there).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from phuong_reader.index.errors import QueryError
from phuong_reader.index.query.compile import date_filter
from phuong_reader.index.query.parser import MarkFilter
from phuong_reader.index.query.vectorized import VectorSearcher, common_docs

HASH_DOCS = "marked_hash_docs"  # the generation's shared cache: content hash → live doc (-1)
HASH_DOCS_WHOLE = "marked_hash_docs_whole"  # True once every hash of the generation is there
WHOLE_PASS_RATIO = 16  # more hashes to look up than 1/16 of the articles: one pass over all


class MarkSource(Protocol):
    """What the caller marked in this corpus."""

    def read_pairs(self) -> Mapping[str, str]:
        """Article id → the content hash it was read in."""
        ...

    def bookmarked_ids(self) -> Collection[str]:
        """The ids of the bookmarked articles."""
        ...


@dataclass(frozen=True)
class Scope:
    """The documents a search is limited to: its dates, and those its ``is:`` terms let through
    (``marked``, sorted doc numbers; None for no such term)."""

    dates: tuple[str, str] | None
    marked: np.ndarray | None = None

    def docs_in(self, vectors: VectorSearcher) -> np.ndarray | None:
        """The sorted doc numbers in scope, None for every document."""
        if self.dates is None:
            return self.marked
        dated = vectors.range_docs(date_filter(*self.dates))
        return dated if self.marked is None else common_docs(dated, self.marked)


def marked_docs(
    vectors: VectorSearcher, marks: Sequence[MarkFilter], source: MarkSource | None
) -> np.ndarray | None:
    """The sorted live doc numbers passing every filter of ``marks``; None when there is none
    (every document passes). QueryError when there are filters and no ``source``."""
    if not marks:
        return None
    if source is None:
        wanted = " ".join(_written(m) for m in marks)
        raise QueryError(f"{wanted}: this search has no read or bookmark marks to filter by")
    allowed = vectors.live()
    for mark in marks:
        if mark.kind == "read":
            docs = read_docs(vectors, source.read_pairs())
        else:
            docs = id_docs(vectors, source.bookmarked_ids())
        if mark.wanted:
            allowed = common_docs(allowed, docs)
        else:
            allowed = np.setdiff1d(allowed, docs, assume_unique=True)
    return allowed


def id_docs(vectors: VectorSearcher, article_ids: Iterable[str]) -> np.ndarray:
    """The sorted live doc numbers of ``article_ids`` (ids not in the index are left out)."""
    docs = _docs_of(vectors, list(article_ids))
    return np.unique(docs[docs >= 0])


def read_docs(vectors: VectorSearcher, pairs: Mapping[str, str]) -> np.ndarray:
    """The live documents read in their indexed content: the id's doc holds the hash read."""
    article_ids = list(pairs)
    docs = _docs_of(vectors, article_ids)
    wanted = [(pairs[a], d) for a, d in zip(article_ids, docs.tolist(), strict=True) if d >= 0]
    of_hash = hash_docs(vectors, [digest for digest, _ in wanted])
    kept = [doc for digest, doc in wanted if of_hash.get(digest, -1) == doc]
    return np.unique(np.array(kept, dtype=np.int64))


def hash_docs(vectors: VectorSearcher, digests: Sequence[str]) -> dict[str, int]:
    """Content hash → its live doc number (-1 or absent: none), kept for the generation. A
    few hashes are looked up one by one (~0.1 ms each); many, by one pass over the field's
    terms (~8 µs an article), after which every hash is known."""
    known: dict[str, int] = vectors.extras.setdefault(HASH_DOCS, {})
    if vectors.extras.get(HASH_DOCS_WHOLE):
        return known
    missing = [d for d in dict.fromkeys(digests) if d not in known]
    if len(missing) * WHOLE_PASS_RATIO > vectors.doc_count:
        known.update(_every_hash_doc(vectors))
        vectors.extras[HASH_DOCS_WHOLE] = True
    else:
        known.update((digest, _hash_doc(vectors, digest)) for digest in missing)
    return known


def _every_hash_doc(vectors: VectorSearcher) -> dict[str, int]:
    """Every hash of the index with its live doc, from the term infos (a hash has one document
    in a segment: its first is it; a deleted one is left out, a live copy elsewhere kept)."""
    alive, found = vectors.alive(), {}
    for seg in vectors.segments:
        for text, info in seg.reader.iter_field("content_hash"):
            digest = text.decode() if isinstance(text, bytes) else text
            if info.min_id() != info.max_id():  # never written so, but read it right if it is
                found[digest] = _hash_doc(vectors, digest)
            elif alive[info.min_id() + seg.offset]:
                found[digest] = info.min_id() + seg.offset
    return found


def _docs_of(vectors: VectorSearcher, article_ids: list[str]) -> np.ndarray:
    """Per id, its live doc number or -1 (one pass over the saved id ranks, none per id)."""
    words, rank = vectors.ranked("id")
    doc_of_rank = np.full(len(words) + 1, -1, dtype=np.int64)
    live = vectors.live()
    doc_of_rank[rank[live]] = live  # rank -1 (no id) writes the spare last slot
    doc_of_rank[-1] = -1
    out = np.full(len(article_ids), -1, dtype=np.int64)
    for i, article_id in enumerate(article_ids):
        at = bisect_left(words, article_id)
        if at < len(words) and words[at] == article_id:
            out[i] = doc_of_rank[at]
    return out


def _hash_doc(vectors: VectorSearcher, digest: str) -> int:
    """The live doc holding ``digest``, -1 for none (its posting lists read)."""
    alive = vectors.alive()
    docs = [
        int(d)
        for seg in vectors.segments
        for d in (seg.postings("content_hash", digest, direct=True).ids + seg.offset)
        if alive[d]
    ]
    return docs[0] if docs else -1


def _written(mark: MarkFilter) -> str:
    if mark.kind == "bookmarked":
        return "is:bookmarked" if mark.wanted else "-is:bookmarked"
    return "is:read" if mark.wanted else "is:unread"
