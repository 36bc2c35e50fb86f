"""Item 8: a query that matches every document answers fast and in bounded memory through the
API (the command line's and the reader's answers: tests/cli/test_robust_cli_limits.py and
tests/reader/test_robust_reader_limits.py; the 1 MB article is tested in test_robust_corpus; a
corpus of 100,000 articles and its peak RSS are the benchmark's: python bench/run.py --docs
100000)."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from phuong_reader.index.query.search import MAX_LIMIT, SearchEngine


@pytest.mark.parametrize("query", ["phường", "", "phuong", "phường OR xã", "k0*"])
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_a_query_matching_everything_is_fast_and_bounded(big_index, query: str, sort: str) -> None:
    docs = big_index.docs
    engine = SearchEngine(big_index.index_dir)
    engine.search("warm up")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = engine.search(query, sort=sort, limit=MAX_LIMIT)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.total == docs and len(result.hits) == docs
    assert elapsed < 5, f"{elapsed:.2f} s"
    assert peak < 100 * 1024 * 1024, f"{peak / 1e6:.0f} MB"
    page = engine.search(query, sort=sort, limit=20, offset=docs - 10)
    assert len(page.hits) == 10 and page.total == docs
