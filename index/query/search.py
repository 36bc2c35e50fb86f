"""The search API: queries in, plain dataclasses out.

One Whoosh searcher per thread (a shared searcher corrupts reads), and when the index has a new
generation a new searcher is opened; ``searcher.refresh()`` is never used because in the Whoosh
forks it can return deleted or duplicated documents.
"""

from __future__ import annotations

import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from phuong_reader.index.entities.gazetteer import load_gazetteer
from phuong_reader.index.entities.resolve import UnitMatch
from phuong_reader.index.errors import ArticleNotFoundError, QueryError
from phuong_reader.index.lang.vietnamese import sort_key
from phuong_reader.index.model import (
    Hit,
    Person,
    QueryTerms,
    SearchResult,
    Snippet,
    Span,
    StoredArticle,
    StoredBlock,
    WardCount,
)
from phuong_reader.index.query.comparing import Comparing
from phuong_reader.index.query.compile import (
    compile_as_words,
    compile_query,
    date_filter,
    resolve_ward,
    unit_notes,
    ward_filter,
)
from phuong_reader.index.query.marked import MarkSource, Scope, marked_docs
from phuong_reader.index.query.parser import parse, parse_date_range, parse_query
from phuong_reader.index.query.snippets import snippet_of
from phuong_reader.index.query.vectorized import (
    Matches,
    Unsupported,
    VectorSearcher,
    common_docs,
    intersect,
)
from phuong_reader.index.storage.listing import row_of
from phuong_reader.index.storage.store import read_pointer
from whoosh import query as wq
from whoosh import sorting
from whoosh.filedb.filestore import FileStorage

SORTS = ("relevance", "date", "oldest")  # "date": newest first; undated articles last in both
MAX_LIMIT = 10_000


class SearchEngine(Comparing):
    """Searches one index directory; safe to use from several threads."""

    def __init__(self, index_dir: Path, vectorized: bool = True) -> None:
        """``vectorized=False`` answers every query with Whoosh's own matchers (for comparison)."""
        self.index_dir = Path(index_dir)
        self.vectorized = vectorized
        read_pointer(self.index_dir)  # fail early, with IndexMissingError, if there is no index
        self._local = threading.local()
        # Per generation, what every thread's searcher may share (read-only numpy arrays of
        # the figures view, ``query.compare``): loaded once, not once per worker thread.
        self._shared: dict[str, dict[str, Any]] = {}

    def _searcher(self) -> Any:
        generation = read_pointer(self.index_dir)["generation"]
        local = self._local
        if getattr(local, "generation", None) != generation:
            if getattr(local, "searcher", None) is not None:
                local.searcher.close()
                local.searcher = local.generation = None  # never cache a closed searcher
            # Without mmap: a searcher opens in 2 ms with 35 MB instead of 40 ms with the whole
            # index mapped into the process (178 MB at 10,000 articles), and queries run as fast.
            storage = FileStorage(str(self.index_dir / generation), supports_mmap=False)
            local.searcher, local.generation = storage.open_index().searcher(), generation
            local.vectors = VectorSearcher(local.searcher, self.index_dir / generation)
            if generation not in self._shared:
                self._shared = {generation: {}}  # an older generation's arrays are let go
            local.vectors.extras = self._shared[generation]
        return local.searcher

    def open_here(self) -> None:
        """Open this thread's searcher now (a thread's first search opens it otherwise)."""
        self._searcher()

    def _vectors(self) -> VectorSearcher:
        self._searcher()
        return self._local.vectors

    def close(self) -> None:
        """Close this thread's searcher (others close when their threads end)."""
        if getattr(self._local, "searcher", None) is not None:
            self._local.searcher.close()
            self._local.searcher = self._local.generation = None

    def search(
        self,
        query: str = "",
        ward: str | None = None,
        since: str | None = None,
        until: str | None = None,
        sort: str = "relevance",
        limit: int = 20,
        offset: int = 0,
        marked: MarkSource | None = None,
    ) -> SearchResult:
        """Run ``query``; raises QueryError (a message for the user) when it is malformed.

        With an empty query, every article (in ``ward`` when given) is listed, newest first
        (oldest first with ``sort="oldest"``). ``sort="date"`` is newest first.
        ``marked`` answers the query's ``is:`` terms (a QueryError without it, when it has some).
        """
        started = time.perf_counter()
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r} (use relevance, date or oldest)")
        limit = max(0, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        parsed = parse(query)
        node = parsed.node
        within = marked_docs(self._vectors(), parsed.marks, marked)  # None: no is: terms
        if node is None:
            compiled, terms = wq.Every(), QueryTerms()
            sort = "oldest" if sort == "oldest" else "date"
        else:
            compiled, terms = compile_query(node)
        # The ward once: both groups and the note use it.
        place, dates = _place_and_dates(ward, since or "", until or "")
        run = partial(
            self._in_ward, place=place, scope=Scope(dates, within), page=(sort, limit, offset)
        )
        hits, total, exact, split = run(compiled)
        if total == 0 and node is not None:
            # "phường 10 quận 6" is an address, not the figure "10 quận": when the figure
            # reading finds nothing, the same words are searched as words.
            as_words = compile_as_words(node)
            if as_words != compiled:
                hits, total, exact, split = run(as_words)
        elapsed = (time.perf_counter() - started) * 1000
        notes = unit_notes(node, place)
        return SearchResult(
            query, hits, total, elapsed, terms, total_exact=exact, notes=notes, ward_split=split
        )

    def _in_ward(
        self,
        compiled: wq.Query,
        place: UnitMatch | None,
        scope: Scope,
        page: tuple[str, int, int],
    ) -> tuple[list[Hit], int, bool, tuple[int, int] | None]:
        """The query, or with a ward: the articles about it, then those that only mention it,
        each group in ``sort`` order. (hits, total, exact, (about, mentions) or None)."""
        sort, limit, offset = page
        if place is None:
            return (*self._run(compiled, scope, sort, limit, offset), None)
        # A ward is a rare term: intersecting with it is 3-4x faster than Whoosh's filter=,
        # which scores the whole query first. Its constant score of 0 leaves ranking alone.
        about_q = wq.ConstantScoreQuery(ward_filter(place), 0.0)
        named = wq.ConstantScoreQuery(ward_filter(place, field="wards_key"), 0.0)
        if self.vectorized:
            keys = frozenset(u.key for u in place.units)
            try:
                return self._vector_ward(compiled, keys, named, scope, page)
            except Unsupported:
                pass
        about = wq.And([compiled, about_q])
        mention = wq.And([compiled, named, wq.Not(about_q)])
        first, about_total, exact1 = self._run(about, scope, sort, limit, offset)
        rest_offset = max(0, offset - about_total)
        rest_limit = max(0, limit - len(first))
        rest, mention_total, exact2 = self._run(mention, scope, sort, rest_limit, rest_offset)
        total = about_total + mention_total
        return first + rest, total, exact1 and exact2, (about_total, mention_total)

    def _run(
        self, compiled: wq.Query, scope: Scope, sort: str, limit: int, offset: int
    ) -> tuple[list[Hit], int, bool]:
        """(hits, total, whether the total is exact): numpy when it can, else Whoosh."""
        try:
            if not self.vectorized:
                raise Unsupported("vectorized search is off")
            return self._vector_search(compiled, scope, sort, limit, offset)
        except Unsupported:
            hits, total = self._whoosh_search(compiled, scope, sort, limit, offset)
            return hits, total, True

    def _vector_search(
        self, compiled: wq.Query, scope: Scope, sort: str, limit: int, offset: int
    ) -> tuple[list[Hit], int, bool]:
        """numpy over whole posting lists (see index.vectorized): raises Unsupported.
        (hits, total, whether the total is exact rather than an upper bound)."""
        return self._vector_page(self._vector_matches(compiled, scope), sort, limit, offset)

    def _vector_matches(
        self,
        compiled: wq.Query,
        scope: Scope,
        within: np.ndarray | None = None,
    ) -> Matches:
        """The query's matches among ``within`` (sorted doc numbers, all when None) in
        ``scope``: the filters are applied to the leaves, before the query's parts combine."""
        allowed = scope.docs_in(self._vectors())
        if allowed is not None:
            within = allowed if within is None else common_docs(within, allowed)
        return self._vectors().run(compiled, within)

    def _vector_page(
        self, matches: Matches, sort: str, limit: int, offset: int
    ) -> tuple[list[Hit], int, bool]:
        """One page of ``matches`` (the phrases the last run left unchecked checked on the way)."""
        vectors = self._vectors()
        ranked, exact = vectors.top_checked(matches, offset + limit, by_date=_by_date(sort))
        total = len(matches)
        if not exact and len(ranked) < offset + limit:  # every candidate was checked
            total, exact = len(ranked), True
        top = ranked[offset:]
        scored = sort == "relevance"
        hits = [
            _hit(vectors.row(int(matches.docs[i])), matches.scores[i] if scored else 0.0)
            for i in top
        ]
        return hits, total, exact

    def _vector_ward(
        self,
        compiled: wq.Query,
        keys: frozenset[str],
        named: wq.Query,
        scope: Scope,
        page: tuple[str, int, int],
    ) -> tuple[list[Hit], int, bool, tuple[int, int]]:
        """The two groups of a ward's articles from one evaluation of the query: the articles
        naming the ward (``named``), split by whether their primary ward's key is in ``keys``
        (read from the saved ward ranks, not a second query)."""
        sort, limit, offset = page
        vectors = self._vectors()
        naming = vectors.run(named)  # a few hundred documents: the query is cut down to them
        found = self._vector_matches(compiled, scope, within=naming.docs)
        matches = intersect(found, naming)  # the score of And([compiled, named])
        inside = vectors.primary_in(matches.docs, keys)
        about = Matches(matches.docs[inside], matches.scores[inside])
        others = Matches(matches.docs[~inside], matches.scores[~inside])
        first, about_total, exact1 = self._vector_page(about, sort, limit, offset)
        rest_limit, rest_offset = max(0, limit - len(first)), max(0, offset - about_total)
        rest, mention_total, exact2 = self._vector_page(others, sort, rest_limit, rest_offset)
        split = (about_total, mention_total)
        return first + rest, about_total + mention_total, exact1 and exact2, split

    def _whoosh_search(
        self, compiled: wq.Query, scope: Scope, sort: str, limit: int, offset: int
    ) -> tuple[list[Hit], int]:
        """Whoosh's own matchers, for the query kinds the vector path does not score."""
        searcher = self._searcher()
        kwargs: dict[str, Any] = {"limit": max(1, offset + limit)}
        if scope.marked is not None:  # the documents as a set (Whoosh reads an empty one as none)
            allowed = scope.docs_in(self._vectors())
            if allowed is None or not len(allowed):
                return [], 0
            kwargs["filter"] = set(allowed.tolist())
        elif scope.dates is not None:  # a date range spans many terms: cheaper as a filter
            kwargs["filter"] = date_filter(*scope.dates)
        if sort == "date":
            kwargs["sortedby"] = [sorting.FieldFacet("date", reverse=True), sorting.ScoreFacet()]
        elif sort == "oldest":  # the undated ("") after the dated, as newest first has them
            undated = sorting.TranslateFacet(lambda date: not date, sorting.FieldFacet("date"))
            kwargs["sortedby"] = [undated, sorting.FieldFacet("date"), sorting.ScoreFacet()]
        results = searcher.search(compiled, **kwargs)
        scored = sort == "relevance"
        stored = self._vectors().stored  # cached: the snippets that follow read them again
        page = results[offset : offset + limit]
        hits = [_hit(row_of(stored(r.docnum)), r.score if scored else 0.0) for r in page]
        return hits, len(results)

    def snippet(self, article_id: str, terms: QueryTerms, width: int = 160) -> Snippet:
        """A one-line excerpt of the article around its best group of query matches."""
        vectors, number = self._vectors(), self._doc_number(article_id)
        doc = vectors.stored(number)["doc"]
        blocks = [StoredBlock(*b) for b in doc["blocks"]]
        return snippet_of(doc["text"], blocks, terms, width, vectors.text_tokens(number))

    def article(self, article_id: str) -> StoredArticle:
        """The stored article, ready to render."""
        return _stored_article(self._stored_fields(article_id))

    def _stored_fields(self, article_id: str) -> dict[str, Any]:
        return self._vectors().stored(self._doc_number(article_id))

    def _doc_number(self, article_id: str) -> int:
        """The live document of ``article_id``; raises ArticleNotFoundError."""
        doc = self._vectors().doc_number(article_id)
        if doc is None:
            raise ArticleNotFoundError(article_id)
        return doc

    def ward_counts(self, include_empty: bool = False) -> list[WardCount]:
        """Articles per primary ward, largest first; with ``include_empty``, all 168 units."""
        # Every ward's documents in one read when saved whole (deleted documents masked out).
        counts = {name: n for name, n in self._vectors().counts("ward").items() if n}
        named = self._vectors().counts("wards_key")  # by key: every article naming the unit
        units = load_gazetteer().units
        out = [
            WardCount(
                u.name,
                u.kind,
                u.code,
                counts.get(u.name, 0),
                max(0, named.get(u.key, 0) - counts.get(u.name, 0)),
            )
            for u in units
            if include_empty or counts.get(u.name)
        ]
        return sorted(out, key=lambda w: (-w.count, sort_key(w.name)))

    def _generation(self) -> Path:
        self._searcher()
        return self.index_dir / self._local.generation

    def _filters(
        self, query: str, ward: str | None, since: str, until: str
    ) -> tuple[wq.Query, UnitMatch | None, tuple[str, str] | None]:
        """(compiled query, the ward, the date range) as ``search`` reads them."""
        node = parse_query(query)
        compiled = wq.Every() if node is None else compile_query(node)[0]
        return (compiled, *_place_and_dates(ward, since, until))

    def doc_count(self) -> int:
        """Number of articles in the index."""
        return self._searcher().doc_count()


def _place_and_dates(
    ward: str | None, since: str, until: str
) -> tuple[UnitMatch | None, tuple[str, str] | None]:
    """The ward a filter names and the (start, end) of its dates, as ``search`` reads them."""
    dates = None
    if since or until:
        dates = (
            parse_date_range(since).start if since else "",
            parse_date_range(until).end if until else "",
        )
    return resolve_ward(ward) if ward else None, dates


def _by_date(sort: str) -> int:
    """The vectorized ranking's date order: 1 newest first, -1 oldest first, 0 by score."""
    return {"date": 1, "oldest": -1}.get(sort, 0)


def _hit(row: dict[str, str], score: float | None) -> Hit:
    return Hit(
        id=row["id"],
        path=row["path"],
        date=row["date"] or None,
        ward=row["ward"] or None,
        title=row["title"],
        score=round(float(score or 0.0), 4),
        content_hash=row["content_hash"],
    )


def _stored_article(fields: dict[str, Any]) -> StoredArticle:
    doc = fields["doc"]
    spans = [Span(start, end, kind) for start, end, kind in doc["spans"]]
    return StoredArticle(
        id=fields["id"],
        path=doc["path"],
        date=fields.get("date") or None,
        ward=fields.get("ward") or None,
        wards=list(doc["wards"]),
        title=doc["title"],
        text=doc["text"],
        blocks=[StoredBlock(*b) for b in doc["blocks"]],
        spans=spans,
        persons=[Person(name, role) for name, role in doc["persons"]],
        figures=list(doc["figures"]),
        orgs=list(doc["orgs"]),
        date_inferred=doc["date_inferred"],
        content_hash=fields.get("content_hash", ""),
    )
