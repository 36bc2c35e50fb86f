"""Item 8: a query that matches every document, through the API, the CLI and the reader,
answers fast and in bounded memory (the 1 MB article is tested in test_robust_corpus; a corpus
of 100,000 articles and its peak RSS are the benchmark's: python bench/run.py --docs 100000)."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest
from helpers import write_corpus
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import MAX_LIMIT, SearchEngine
from phuong_reader.tui.screens.main import RESULT_LIMIT
from test_robust_support import many_articles, run_cli
from test_tui_support import main_screen, reader, settle

DOCS = 2000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of DOCS articles that all name "phường"."""
    root = tmp_path_factory.mktemp("limits")
    corpus = write_corpus(root / "corpus", many_articles(0, DOCS))
    update_index(corpus, root / "index")
    return root / "index"


@pytest.mark.parametrize("query", ["phường", "", "phuong", "phường OR xã", "k0*"])
@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_a_query_matching_everything_is_fast_and_bounded(big: Path, query: str, sort: str) -> None:
    engine = SearchEngine(big)
    engine.search("warm up")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = engine.search(query, sort=sort, limit=MAX_LIMIT)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.total == DOCS and len(result.hits) == DOCS
    assert elapsed < 5, f"{elapsed:.2f} s"
    assert peak < 100 * 1024 * 1024, f"{peak / 1e6:.0f} MB"
    page = engine.search(query, sort=sort, limit=20, offset=DOCS - 10)
    assert len(page.hits) == 10 and page.total == DOCS


def test_the_cli_lists_everything_up_to_its_limit(big: Path) -> None:
    code, out, _ = run_cli(
        "search", "phường", "--index-dir", str(big), "--limit", "100000", "--json"
    )
    assert code == 0 and len(json.loads(out)) == DOCS
    code, out, _ = run_cli("search", "phường", "--index-dir", str(big))
    assert code == 0 and f"{DOCS} result(s)" in out


@pytest.mark.asyncio
async def test_the_reader_shows_the_first_page_of_everything(big: Path) -> None:
    async with reader(big).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        assert f"{RESULT_LIMIT} of {DOCS}" in str(screen.results.border_title)
        await pilot.press("slash", *"phường", "enter")
        await settle(pilot)
        assert f"{RESULT_LIMIT} of {DOCS}" in str(screen.results.border_title)
        await pilot.press("G")
        await settle(pilot)
        assert screen.results.highlighted == RESULT_LIMIT - 1
        assert screen.article.article is not None
        assert screen.article.article.id == screen.results.hits[-1].id
