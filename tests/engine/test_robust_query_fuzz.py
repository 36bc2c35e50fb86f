"""Item 5: generated queries (random Unicode, unbalanced quotes and brackets, unknown fields,
huge numbers, 10,000-character strings, lone operators) through the search API: only QueryError
escapes, every answer is results or a readable message, and its work is bounded whatever the
query (counted, not timed: a compiled query of at most MAX_QUERY_NODES nodes, at most
MAX_POSTING_LISTS posting lists opened, no document unpickled twice). (The same queries through
the command line: tests/cli/test_robust_cli_query_fuzz.py; the strategies: tests/fixtures/strategies.py.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.errors import QueryError
from phuong_reader.index.model import SearchResult
from phuong_reader.index.query.search import SearchEngine

# A query is cut at 2,000 characters, 32 words and 4 prefixes (index/query/parser.py), so its
# work has a bound however it was typed: measured over this module's 10,250 queries, at most 52
# compiled nodes and 8 posting lists (each hit's id, looked up for its snippet). Without the cuts,
# the 10,000-character queries below compile to thousands of nodes.
MAX_QUERY_NODES = 512
MAX_POSTING_LISTS = 128
BATCH = 20  # queries per generated example: Hypothesis costs more per example than a search
RUN: Counter[str] = Counter()
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
Queries = st.SearchStrategy[str]
CountWork = Callable[[], AbstractContextManager[Counter[str]]]


@pytest.fixture(scope="module")
def fuzz_engine(
    tmp_path_factory: pytest.TempPathFactory, write_corpus: Callable[..., Path]
) -> SearchEngine:
    root = tmp_path_factory.mktemp("fuzz")
    corpus = write_corpus(root / "corpus")
    update_index(corpus, root / "index")
    return SearchEngine(root / "index")


def answer(
    engine: SearchEngine, count_work: CountWork, query: str = "", **options: object
) -> SearchResult | str:
    """The result or the QueryError message; fails the test on anything else or if the work
    of the answer (the search, then a snippet of every hit) is beyond the bounds."""
    with count_work() as work:
        try:
            result: SearchResult | str = engine.search(query, **options)  # type: ignore[arg-type]
        except QueryError as exc:
            result = str(exc)
            assert result and "Traceback" not in result
        if isinstance(result, SearchResult):
            assert result.total >= len(result.hits)
            for hit in result.hits:  # every hit can be opened and has a snippet
                engine.snippet(hit.id, result.terms)
    assert_bounded(work, engine.doc_count(), query)
    RUN["api"] += 1
    return result


def assert_bounded(work: Counter[str], docs: int, query: str) -> None:
    assert work["query_nodes"] <= MAX_QUERY_NODES, (query, work)
    assert work["posting_lists"] <= MAX_POSTING_LISTS, (query, work)
    assert work["unpickled"] <= docs, (query, work)  # no document read twice


@settings(FUZZ, max_examples=300)
@given(data=st.data())
def test_query_language_soup(
    fuzz_engine: SearchEngine, count_work: CountWork, grammar_queries: Queries, data: st.DataObject
) -> None:
    for query in data.draw(st.lists(grammar_queries, min_size=BATCH, max_size=BATCH)):
        answer(fuzz_engine, count_work, query)


@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_random_unicode(
    fuzz_engine: SearchEngine, count_work: CountWork, unicode_queries: Queries, data: st.DataObject
) -> None:
    for query in data.draw(st.lists(unicode_queries, min_size=BATCH, max_size=BATCH)):
        answer(fuzz_engine, count_work, query)


@settings(FUZZ, max_examples=100)
@given(data=st.data(), length=st.integers(min_value=1_000, max_value=10_000))
def test_huge_queries(
    fuzz_engine: SearchEngine,
    count_work: CountWork,
    query_words: list[str],
    data: st.DataObject,
    length: int,
) -> None:
    unit = data.draw(st.one_of(st.sampled_from(query_words), st.text(min_size=1, max_size=5)))
    for query in (
        (unit * length)[:length],
        ((unit + " ") * length)[:length],
        ('"' + "a " * length)[:length],
        ("(" * length)[:length],
        (" OR ".join(["hòa"] * length))[:length],
    ):
        answer(fuzz_engine, count_work, query)


def options(grammar_queries: Queries) -> st.SearchStrategy[dict[str, object]]:
    """Every option of a search at once, sane or not."""
    return st.fixed_dictionaries(
        {
            "query": grammar_queries,
            "ward": st.one_of(
                st.none(), st.text(max_size=20), st.sampled_from(["Tân Sơn Hòa", "tsh"])
            ),
            "since": st.one_of(
                st.none(), st.text(max_size=12), st.sampled_from(["2026", "9" * 30])
            ),
            "until": st.one_of(
                st.none(), st.text(max_size=12), st.sampled_from(["2026-12", "0000"])
            ),
            "sort": st.sampled_from(["relevance", "relevance", "date", "date", "bogus"]),
            "limit": st.one_of(st.integers(-5, 300), st.integers(-(10**30), 10**30)),
            "offset": st.one_of(st.integers(-5, 300), st.integers(-(10**30), 10**30)),
        }
    )


@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_every_option_at_once(
    fuzz_engine: SearchEngine, count_work: CountWork, grammar_queries: Queries, data: st.DataObject
) -> None:
    calls = st.lists(options(grammar_queries), min_size=BATCH // 4, max_size=BATCH // 4)
    for call in data.draw(calls):
        answer(fuzz_engine, count_work, **call)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "query",
    [
        "hòa " * 500 + "x",  # 2,001 characters
        " ".join(["hòa"] * 33),  # 33 words
        "ab* cd* ef* gh* ij*",  # 5 prefixes
        "a* phường",  # a one-letter prefix
        "(" * 21 + "hòa" + ")" * 21,  # 21 nested parentheses
        '"À"À' * 17,  # 34 terms with no space between them (found by test_huge_queries)
    ],
    ids=["chars", "words", "prefixes", "short-prefix", "nesting", "glued-terms"],
)
def test_the_cuts_that_bound_the_work_refuse_longer_queries(
    fuzz_engine: SearchEngine, count_work: CountWork, query: str
) -> None:
    """The bounds above hold because the parser cuts queries: beyond, a message, no search."""
    with count_work() as work, pytest.raises(QueryError):
        fuzz_engine.search(query)
    assert work["query_nodes"] == work["posting_lists"] == 0, work


def test_enough_queries_were_tried() -> None:
    """The item asks for at least 10,000 queries; this module runs them in the tests above
    (10,250 through the API; the command line's run in tests/cli)."""
    if RUN["api"] < 1000:
        pytest.skip("only part of the module ran")
    assert RUN["api"] >= 10_000, RUN
