"""Item 5: generated queries (random Unicode, unbalanced quotes and brackets, unknown fields,
huge numbers, 10,000-character strings, lone operators) through the search API and the CLI:
only QueryError escapes, every answer is results or a readable message, within 2 s."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from helpers import write_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.errors import QueryError
from phuong_reader.index.model import SearchResult
from phuong_reader.index.query.search import SearchEngine
from test_robust_support import run_cli

MAX_SECONDS = 2.0
BATCH = 20  # queries per generated example: Hypothesis costs more per example than a search
RUN: Counter[str] = Counter()
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WORDS = [
    "phường",
    "tan",
    "son",
    "hoa",
    "Tân Sơn Hòa",
    "hòa",
    "hóa",
    "xã",
    "đảng",
    "98%",
    "3 tập thể",
    "68-NQ/TW",
    "khen*",
    "*",
    "**",
    "a*b",
    "-",
    "--",
    "-xã",
    "AND",
    "OR",
    "NOT",
    "and",
    "(",
    ")",
    "((",
    "))",
    '"',
    '""',
    '"chuyển đổi số',
    'chuyển đổi số"',
    ":",
    "::",
    "ward:",
    "date:",
    "person:",
    "org:",
    "foo:",
    'ward:"',
    'ward:"tan son',
    "date:..",
    "date:2026-13",
    "date:2026-02-30",
    "date:0000",
    "date:9999-12-31..0001-01-01",
    "date:2026-01..",
    "\\",
    "'",
    "`",
    "[bold]",
    "\x1b[2J",
    "\u202e",
    "\u200b",
    "\x00",
    "\ufeff",
    "%",
    "NaN",
    "inf",
]
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.builds(
        lambda field, value: f"{field}:{value}",
        st.sampled_from(["ward", "date", "person", "org", "Ward", "DATE", "x", "phường", "a1"]),
        st.one_of(st.text(max_size=12), st.integers(-(10**30), 10**30).map(str)),
    ),
    st.text(alphabet='()"-*: ANDORT', max_size=8),
)
GRAMMAR_QUERIES = st.lists(TOKENS, max_size=14).map(" ".join)
UNICODE_QUERIES = st.text(st.characters(exclude_categories=()), max_size=60)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SearchEngine:
    root = tmp_path_factory.mktemp("fuzz")
    corpus = write_corpus(root / "corpus")
    update_index(corpus, root / "index")
    return SearchEngine(root / "index")


def answer(engine: SearchEngine, query: str = "", **options: object) -> SearchResult | str:
    """The result or the QueryError message; fails the test on anything else or if slow."""
    started = time.perf_counter()
    try:
        result: SearchResult | str = engine.search(query, **options)  # type: ignore[arg-type]
    except QueryError as exc:
        result = str(exc)
        assert result and "Traceback" not in result
    elapsed = time.perf_counter() - started
    assert elapsed < MAX_SECONDS, f"{query!r} took {elapsed:.2f} s"
    if isinstance(result, SearchResult):
        assert result.total >= len(result.hits)
        for hit in result.hits:  # every hit can be opened and has a snippet
            engine.snippet(hit.id, result.terms)
    RUN["api"] += 1
    return result


@settings(FUZZ, max_examples=300)
@given(queries=st.lists(GRAMMAR_QUERIES, min_size=BATCH, max_size=BATCH))
def test_query_language_soup(engine: SearchEngine, queries: list[str]) -> None:
    for query in queries:
        answer(engine, query)


@settings(FUZZ, max_examples=150)
@given(queries=st.lists(UNICODE_QUERIES, min_size=BATCH, max_size=BATCH))
def test_random_unicode(engine: SearchEngine, queries: list[str]) -> None:
    for query in queries:
        answer(engine, query)


@settings(FUZZ, max_examples=100)
@given(
    unit=st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=5)),
    length=st.integers(min_value=1_000, max_value=10_000),
)
def test_huge_queries(engine: SearchEngine, unit: str, length: int) -> None:
    for query in (
        (unit * length)[:length],
        ((unit + " ") * length)[:length],
        ('"' + "a " * length)[:length],
        ("(" * length)[:length],
        (" OR ".join(["hòa"] * length))[:length],
    ):
        answer(engine, query)


OPTIONS = st.fixed_dictionaries(
    {
        "query": GRAMMAR_QUERIES,
        "ward": st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["Tân Sơn Hòa", "tsh"])),
        "since": st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["2026", "9" * 30])),
        "until": st.one_of(st.none(), st.text(max_size=12), st.sampled_from(["2026-12", "0000"])),
        "sort": st.sampled_from(["relevance", "relevance", "date", "date", "bogus"]),
        "limit": st.one_of(st.integers(-5, 300), st.integers(-(10**30), 10**30)),
        "offset": st.one_of(st.integers(-5, 300), st.integers(-(10**30), 10**30)),
    }
)


@settings(FUZZ, max_examples=150)
@given(calls=st.lists(OPTIONS, min_size=BATCH // 4, max_size=BATCH // 4))
def test_every_option_at_once(engine: SearchEngine, calls: list[dict[str, object]]) -> None:
    for options in calls:
        answer(engine, **options)  # type: ignore[arg-type]


@settings(FUZZ, max_examples=300)
@given(query=st.one_of(GRAMMAR_QUERIES, UNICODE_QUERIES.filter(lambda q: "\x00" not in q)))
def test_the_cli_answers_results_or_a_message(engine: SearchEngine, query: str) -> None:
    started = time.perf_counter()
    # "--" so that a query starting with "-" is a query, not an option (as a shell user must).
    code, out, err = run_cli("search", "--index-dir", str(engine.index_dir), "--", query)
    assert time.perf_counter() - started < MAX_SECONDS
    assert (code, err == "") == (0, True) or (code == 2 and err.startswith("Query error: "))
    assert "Traceback" not in out + err
    RUN["cli"] += 1


def test_the_cli_survives_arguments_that_are_not_utf8(tmp_path: Path, engine: SearchEngine) -> None:
    """Bytes that are not UTF-8 arrive as lone surrogates; they must not crash the printing."""
    import os
    import subprocess
    import sys

    for raw in (b"ph\xff\xfeng", b"\xc3(", b"ward:\xed\xa0\x80"):
        proc = subprocess.run(
            [
                sys.executable.encode(),
                b"-m",
                b"phuong_reader",
                b"search",
                raw,
                b"--index-dir",
                os.fsencode(engine.index_dir),
            ],
            capture_output=True,
            check=False,
            timeout=60,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert proc.returncode in (0, 2), proc.stderr
        assert b"Traceback" not in proc.stderr
        RUN["cli"] += 1


def test_enough_queries_were_tried() -> None:
    """The item asks for at least 10,000 queries; this module runs them in the tests above."""
    if not RUN["cli"] or RUN["api"] < 1000:
        pytest.skip("only part of the module ran")
    assert RUN["api"] + RUN["cli"] >= 10_000, RUN
