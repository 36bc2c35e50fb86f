"""Item 8: a query that matches every document answers with bounded work and memory through the
API: documents are unpickled only for the hits returned, each posting list is read once (work
linear in the corpus, whatever the machine), and the peak of traced memory stays under 100 MB.
(The command line's and the reader's answers: tests/cli/test_robust_cli_limits.py and
tests/reader/test_robust_reader_limits.py; the 1 MB article is tested in test_robust_corpus; a
corpus of 100,000 articles, its times and its peak RSS are the benchmark's: python bench/run.py
--docs 100000.)"""

from __future__ import annotations

import tracemalloc

import pytest
from phuong_reader.index.query.search import MAX_LIMIT, SearchEngine

# Postings read per query, in documents of the corpus: the query's posting lists (a word has two,
# its folded and its exact form; "phường OR xã" four) each read once, plus the date ranks when
# sorting by date (measured: 3.5 at most, for "phường OR xã" by date). A list read twice, or the
# ranking done through Whoosh's per-document matchers over every term, goes beyond.
POSTINGS_PER_DOC = 4


@pytest.mark.parametrize("query", ["phường", "", "phuong", "phường OR xã", "k0*"])
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_a_query_matching_everything_does_bounded_work(
    big_index, count_work, query: str, sort: str
) -> None:
    docs = big_index.docs
    engine = SearchEngine(big_index.index_dir)
    engine.search("warm up")
    tracemalloc.start()
    try:
        with count_work() as work:
            result = engine.search(query, sort=sort, limit=MAX_LIMIT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.total == docs and len(result.hits) == docs
    assert work["unpickled"] <= len(result.hits), work  # each hit's stored fields, once
    assert work["postings"] + work["saved_postings"] <= POSTINGS_PER_DOC * docs, work
    assert peak < 100 * 1024 * 1024, f"{peak / 1e6:.0f} MB"

    fresh = SearchEngine(big_index.index_dir)  # no cached documents or terms
    with count_work() as work:
        page = fresh.search(query, sort=sort, limit=20, offset=docs - 10)
    assert len(page.hits) == 10 and page.total == docs
    # Ranking 2,000 matches reads none of their documents: only the page's ten are unpickled.
    assert work["unpickled"] <= len(page.hits), work
    assert work["postings"] + work["saved_postings"] <= POSTINGS_PER_DOC * docs, work
