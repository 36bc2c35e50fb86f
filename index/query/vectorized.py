"""Evaluate compiled queries with numpy over whole posting lists (read by ``index.postings``).

The scores are the ones Whoosh's matchers give, computed for every document at once: a Term
scores boost × BM25F; And and Or add their children's scores; AndMaybe adds the optional side
where it matches; a ConstantScoreQuery gives its constant; a Not is the complement, scoring 1.
A phrase is checked in the stored articles (``index.phrases``) its siblings in an And allow.
Query kinds whose scoring is not reproduced here (prefixes, ranges outside a constant score)
raise ``Unsupported`` and Whoosh answers; ``tests/engine/test_vectorized.py`` compares both.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from math import log
from pathlib import Path
from typing import Any

import numpy as np
from phuong_reader.index.entities.gazetteer import ward_key
from phuong_reader.index.query.docsets import DENSE_RATIO, common_positions
from phuong_reader.index.query.documents import StoredDocuments
from phuong_reader.index.query.phrases import contains_phrase, field_tokens
from phuong_reader.index.query.shared import TermCache, shared
from phuong_reader.index.storage.hot import WHOLE_FIELDS
from phuong_reader.index.storage.postings import EMPTY_IDS, Segment, segments_of
from whoosh import query as wq

PHRASE_CHECK_LIMIT = 300  # candidates all checked (exact total); beyond, a page at a time
TERM_CACHE_POSTINGS = 2_000_000  # scored terms kept for the next queries: 32 MB at most


class Unsupported(Exception):
    """A query node this evaluator does not score the way Whoosh does."""


@dataclass(frozen=True)
class Matches:
    """Matching documents (sorted, unique searcher doc numbers) and their scores."""

    docs: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.docs)


NOTHING = Matches(EMPTY_IDS, np.zeros(0))


class VectorSearcher(StoredDocuments):
    """Answers queries for one Whoosh searcher (one thread, one generation)."""

    def __init__(self, searcher: Any, generation: Path | None = None) -> None:
        self.searcher = searcher
        self.segments: list[Segment] = segments_of(searcher, generation)
        self.doc_count = searcher.doc_count_all()
        weighting = searcher.weighting
        self._k1 = weighting.K1
        self._b = weighting.B
        self._field_b = weighting._field_B
        self.unchecked: list[wq.Phrase] = []
        self._stored: dict[int, dict[str, Any]] = {}
        self._doc_of: dict[str, int] = {}  # article id → doc number, for the cached ones
        self._tokens: dict[int, tuple[list[str], list[tuple[int, int]]]] = {}
        # Shared by the engine's threads for this generation (query.shared): the arrays below,
        # the scored terms, and other modules' (compare.py).
        self.extras: dict[str, Any] = {}

    # -- documents ---------------------------------------------------------------------------

    def alive(self) -> np.ndarray:
        """Per doc number, False when the document is deleted."""
        return shared(self.extras, "alive", self._alive)

    def _alive(self) -> np.ndarray:
        alive = np.ones(self.doc_count, dtype=bool)
        for seg in self.segments:
            alive[seg.deleted() + seg.offset] = False
        return alive

    def live(self) -> np.ndarray:
        """Doc numbers of the documents that are not deleted, sorted."""
        return shared(self.extras, "live", lambda: np.flatnonzero(self.alive()).astype(np.int64))

    def every(self) -> Matches:
        docs = self.live()
        return Matches(docs, np.ones(len(docs)))

    def range_docs(self, query: wq.TermRange) -> np.ndarray:
        """Doc numbers with a ``query.fieldname`` term in the range (dates as ISO strings).

        A field of one term per document saved whole (date, ward) is answered from its ranks,
        one comparison over every document; another field reads each term's postings.
        """
        field = query.fieldname
        if field in WHOLE_FIELDS:
            words, rank = self.ranked(field)
            low = (bisect_right if query.startexcl else bisect_left)(words, query.start)
            high = (bisect_left if query.endexcl else bisect_right)(words, query.end)
            return np.flatnonzero((rank >= low) & (rank < high)).astype(np.int64)
        words = list(query._btexts(self.searcher.reader()))
        parts = [self._postings_docs(field, w) for w in words]
        return np.unique(np.concatenate(parts)) if parts else EMPTY_IDS

    def date_order(self, docs: np.ndarray, by_date: int) -> np.ndarray:
        """Sort keys of ``docs``, newest (``by_date`` 1) or oldest (-1) first, the undated (no
        date, or the date "") last in both: sorting by date is one argsort."""
        words, rank = self.ranked("date")
        dated = rank[docs] >= (1 if words and not words[0] else 0)
        return np.where(dated, -by_date * rank[docs], len(words))

    def ids_of(self, docs: np.ndarray) -> list[str]:
        """The article ids of ``docs`` (from the ids saved whole, no stored article read)."""
        words, rank = self.ranked("id")
        return [words[r] for r in rank[docs].tolist() if r >= 0]

    def ranked(self, field: str) -> tuple[list[str], np.ndarray]:
        """(the sorted terms of a one-term-per-document ``field``, and per doc number the rank
        of its term among them, -1 for none); computed once per generation, for every thread."""
        return shared(self.extras, f"ranks:{field}", lambda: self._ranked(field))

    def _ranked(self, field: str) -> tuple[list[str], np.ndarray]:
        rank = np.full(self.doc_count, -1, dtype=np.int64)
        saved = [seg.saved_terms(field) for seg in self.segments]
        if all(hot is not None for hot in saved):  # the lexicon, without Whoosh's merge of it
            words = sorted(set().union(*(hot.terms() for hot in saved if hot is not None)))
        else:
            words = self._lexicon(field)
        order = {w: i for i, w in enumerate(words)}
        for seg, hot in zip(self.segments, saved, strict=True):
            if hot is None:  # an index without the saved arrays: the posting lists
                for word in words:
                    rank[seg.postings(field, word, direct=True).ids + seg.offset] = order[word]
            else:
                docs, ranks = hot.ranks(order)
                rank[docs + seg.offset] = ranks
        return words, rank

    def _lexicon(self, field: str) -> list[str]:
        return [w.decode() if isinstance(w, bytes) else w for w in self.searcher.lexicon(field)]

    def primary_in(self, docs: np.ndarray, keys: frozenset[str]) -> np.ndarray:
        """Per document of ``docs``, whether its primary ward is one of ``keys`` (``ward_key``
        forms): the ``ward_key`` terms' answer, read from the ward ranks (saved whole)."""
        words, rank = self.ranked("ward")
        ward_keys = shared(self.extras, "ward_keys", lambda: [ward_key(w) for w in words])
        wanted = np.array([k in keys for k in ward_keys] + [False])  # rank -1: no ward
        return wanted[rank[docs]]

    def counts(self, field: str) -> dict[str, int]:
        """Live documents per term of ``field`` (the ward list's counts): from the saved
        arrays when the index has them (Whoosh's lexicon, merged over every segment, is read
        only for a segment without them), else from the posting lists."""
        alive, counts = self.alive(), {}
        words: list[str] | None = None
        for seg in self.segments:
            here = alive[seg.offset : seg.offset + seg.doc_count]
            found = seg.live_counts(field, here)
            if found is None:
                words = self._lexicon(field) if words is None else words
                ids = (seg.postings(field, w, direct=True).ids for w in words)
                found = {w: int(here[docs].sum()) for w, docs in zip(words, ids, strict=True)}
            for word, live in found.items():
                counts[word] = counts.get(word, 0) + live
        return counts

    def top(self, matches: Matches, k: int, by_date: int) -> np.ndarray:
        """Positions into ``matches`` of the ``k`` best: by score (or date, then score), then by
        doc number, which is Whoosh's order for equal scores (``by_date``: see date_order)."""
        docs, scores = matches.docs, matches.scores
        if k <= 0:
            return EMPTY_IDS
        keys = [docs, -scores]
        if by_date:
            keys.append(self.date_order(docs, by_date))
        elif k < len(scores):
            # Only the documents scoring at least the k-th best score can be in the top k.
            threshold = np.partition(scores, len(scores) - k)[len(scores) - k]
            candidates = np.flatnonzero(scores >= threshold)
            order = np.lexsort((docs[candidates], -scores[candidates]))
            return candidates[order[:k]]
        return np.lexsort(keys)[:k]

    def has_phrase(self, doc: int, phrase: wq.Phrase) -> bool:
        tokens = field_tokens(self.stored(doc), phrase.fieldname)
        return contains_phrase(tokens, list(phrase.words))

    def top_checked(self, matches: Matches, k: int, by_date: int) -> tuple[np.ndarray, bool]:
        """``top`` with the phrases ``run`` left unchecked checked on the way down the ranking:
        (positions, True) when no phrase was left unchecked, else (positions, False) and the
        count of ``matches`` is only an upper bound."""
        if not self.unchecked:
            return self.top(matches, k, by_date), True
        kept: list[int] = []
        for position in self.top(matches, len(matches), by_date).tolist():
            doc = int(matches.docs[position])
            if all(self.has_phrase(doc, phrase) for phrase in self.unchecked):
                kept.append(position)
                if len(kept) >= k:
                    break
        return np.array(kept, dtype=np.int64), False

    # -- evaluation --------------------------------------------------------------------------

    def run(self, node: wq.Query, within: np.ndarray | None = None) -> Matches:
        """Every document ``node`` matches, with its score; raises Unsupported. When phrases are
        left ``unchecked``, the matches are candidates: take hits through ``top_checked``.
        ``within`` (sorted doc numbers): only those documents are wanted (a filter's), so the
        leaves are cut down to them before they are combined; the result is among them."""
        self.unchecked = []
        matches = self._eval(node, within, required=True)
        if within is not None:
            matches = _restricted(matches, within)
        keep = self.alive()[matches.docs]
        return matches if keep.all() else Matches(matches.docs[keep], matches.scores[keep])

    def _eval(self, node: wq.Query, within: np.ndarray | None, required: bool = False) -> Matches:
        """``required``: every hit of the whole query must match ``node``. ``within``: the
        caller keeps only these documents of the result, so a node may leave the others out
        (a term does: combining whole posting lists only to drop most of them is the cost)."""
        if isinstance(node, wq.Term):
            return self._term(node.fieldname, node.text, node.boost, within)
        if isinstance(node, wq.And):
            return self._and(node.subqueries, within, required)
        if isinstance(node, wq.Or):
            children = [self._eval(c, within) for c in node.subqueries]
            return _boosted(_union(children), node.boost)
        if isinstance(node, wq.AndMaybe):
            core = self._eval(node.a, within, required)
            return _add_where(core, self._eval(node.b, core.docs))
        if isinstance(node, wq.ConstantScoreQuery):
            child = node.child
            if isinstance(child, wq.TermRange) and not (child.startexcl or child.endexcl):
                docs = self.range_docs(child)
                if within is not None:
                    docs = docs[common_positions(docs, within)[0]]
            else:
                docs = self._eval(child, within).docs
            # Whoosh gives a constant of 0 as 1 (ListMatcher treats all_weights=0.0 as unset).
            return Matches(docs, np.full(len(docs), float(node.score) or 1.0))
        if isinstance(node, wq.Not):
            excluded = self._eval(node.query, None).docs
            docs = np.setdiff1d(self.live(), excluded, assume_unique=True)
            return Matches(docs, np.ones(len(docs)))
        if isinstance(node, wq.Phrase):
            return self._phrase(node, within, required)
        if isinstance(node, wq.Every):
            return self.every()
        raise Unsupported(type(node).__name__)

    def _and(self, children: list[wq.Query], within: np.ndarray | None, required: bool) -> Matches:
        # Phrases last: by then the other children have narrowed the documents to check.
        ordered = sorted(children, key=lambda c: isinstance(c, wq.Phrase))
        result: Matches | None = None
        for child in ordered:
            matches = self._eval(child, result.docs if result is not None else within, required)
            result = matches if result is None else intersect(result, matches)
            if not len(result):
                return NOTHING
        return result if result is not None else NOTHING

    # -- leaves ------------------------------------------------------------------------------

    def _postings_docs(self, field: str, word: str | bytes) -> np.ndarray:
        parts = [seg.postings(field, word).ids + seg.offset for seg in self.segments]
        return np.concatenate(parts) if parts else EMPTY_IDS

    def _term(
        self, field: str, text: str, boost: float, within: np.ndarray | None = None
    ) -> Matches:
        """The term's scored postings (cached), only the documents of ``within`` when given."""
        terms = shared(self.extras, "terms", lambda: TermCache(TERM_CACHE_POSTINGS))
        found = terms.get((field, text), lambda: self._score_term(field, text))
        if within is not None:
            found = _restricted(found, within)
        return _boosted(found, boost)

    def _score_term(self, field: str, text: str) -> Matches:
        searcher = self.searcher
        if field not in searcher.schema:
            return NOTHING
        frequency = searcher.doc_frequency(field, text)
        if not frequency:
            return NOTHING
        scorable = searcher.schema[field].scorable
        idf = log(self.doc_count / (frequency + 1)) + 1
        average = searcher.avg_field_length(field) or 1
        b, k1 = self._field_b.get(field, self._b), self._k1
        docs, scores = [], []
        for seg in self.segments:
            postings = seg.postings(field, text)
            if not len(postings.ids):
                continue
            tf = postings.weights
            if scorable:
                lengths = seg.field_lengths(field)[postings.ids]
                tf = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * lengths / average)))
            docs.append(postings.ids + seg.offset)
            scores.append(tf)
        if not docs:
            return NOTHING
        return Matches(np.concatenate(docs), np.concatenate(scores))

    def _phrase(self, node: wq.Phrase, within: np.ndarray | None, required: bool) -> Matches:
        """Documents with the words at consecutive positions; scored as Whoosh's SpanNear2 does
        (the sum of the words' scores). A phrase every hit must contain (``required``) with
        many candidates is left unchecked here, for ``top_checked``."""
        if node.slop != 1 or not node.words:
            raise Unsupported("phrase with slop")
        words = [self._term(node.fieldname, w, 1.0, within) for w in node.words]
        candidates = _intersect_all(words)
        if not len(candidates):
            return NOTHING
        if required and len(candidates) > PHRASE_CHECK_LIMIT:
            # Many candidates (pairs of common words): check only the ones a page shows.
            self.unchecked.append(node)
            return _boosted(candidates, node.boost)
        keep = np.array([self.has_phrase(int(doc), node) for doc in candidates.docs], dtype=bool)
        return _boosted(Matches(candidates.docs[keep], candidates.scores[keep]), node.boost)


def _boosted(matches: Matches, boost: float) -> Matches:
    return matches if boost == 1.0 else Matches(matches.docs, matches.scores * boost)


def _restricted(matches: Matches, within: np.ndarray) -> Matches:
    """``matches`` for the documents of ``within`` only."""
    if len(matches) == 0:
        return matches
    keep, _ = common_positions(matches.docs, within)
    if len(keep) == len(matches):
        return matches
    return Matches(matches.docs[keep], matches.scores[keep])


def intersect(a: Matches, b: Matches) -> Matches:
    """The documents in both, scored as their sum (an And's score)."""
    ia, ib = common_positions(a.docs, b.docs)
    return Matches(a.docs[ia], a.scores[ia] + b.scores[ib])


def common_docs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The doc numbers in both sorted, unique arrays."""
    return a[common_positions(a, b)[0]]


def _intersect_all(items: list[Matches]) -> Matches:
    result = items[0]
    for item in items[1:]:
        result = intersect(result, item)
    return result


def _union(items: list[Matches]) -> Matches:
    items = [m for m in items if len(m)]
    if not items:
        return NOTHING
    if len(items) == 1:
        return items[0]
    every = np.concatenate([m.docs for m in items])
    weights = np.concatenate([m.scores for m in items])
    size = int(max(m.docs[-1] for m in items)) + 1
    if len(every) * DENSE_RATIO < size:
        docs, inverse = np.unique(every, return_inverse=True)
        return Matches(docs, np.bincount(inverse, weights, len(docs)))
    # Many documents: sum into a table by doc number (same additions, in the same order).
    docs = np.flatnonzero(np.bincount(every, minlength=size)).astype(np.int64)
    return Matches(docs, np.bincount(every, weights, size)[docs])


def _add_where(base: Matches, extra: Matches) -> Matches:
    """``base`` with ``extra``'s scores added where both match (AndMaybe)."""
    ia, ib = common_positions(base.docs, extra.docs)
    scores = base.scores.copy()
    scores[ia] += extra.scores[ib]
    return Matches(base.docs, scores)
