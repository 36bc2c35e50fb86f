"""The numpy evaluator (index.vectorized) answers exactly what Whoosh's own matchers answer:
the same documents with the same BM25F scores, in one segment and in several with deletions.

The reference is Whoosh scoring every document (``limit=None, optimize=False``): with a limit,
Whoosh's block-skipping collector both miscounts totals and can miss top documents (measured at
10,000 articles: 1,280 counted for 1,710 matching), so it is not a reference.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phuong_reader.index.build import hotarrays
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.errors import QueryError
from phuong_reader.index.query import vectorized as vectorized_module
from phuong_reader.index.query.compile import compile_as_words, compile_query
from phuong_reader.index.query.parser import parse_query
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.query.vectorized import Unsupported
from phuong_reader.index.storage import hot as hotpostings
from phuong_reader.index.storage.store import read_pointer

WriteCorpus = Callable[..., Path]

QUERIES = [
    "phường",
    "tan son hoa",
    "Tân Sơn Hòa",
    "Tân Sơn Hoà",
    "hòa",
    "hoa",
    "đảng ủy",
    "dang uy phuong",
    "3 tập thể",
    "33 tập thể",
    "32/33",
    '"chuyển đổi số"',
    '"hội nghị tổng kết"',
    '"tổng kết công tác năm"',
    "khen thưởng -nghèo",
    "(hộ OR nghèo) AND năm",
    "hộ OR nghèo OR xã",
    "năm NOT phường",
    "xã -phường",
    "hội (năm OR -phường)",
    'ward:"tan son hoa"',
    'ward:"phú thạnh" năm',
    "person:lâm",
    'person:"lâm quốc trung"',
    "org:đảng",
    "date:2026-01",
    "date:2025..2026-01-31 phường",
    "date:2026 OR hội",
    "nothingatall",
    "phường nothingatall",
]


def reference(engine: SearchEngine, text: str) -> list[tuple[str, float]]:
    """Whoosh scoring every matching document, best first (ties: doc number, as Whoosh does),
    of the query the engine runs: the figure reading, or the words when that finds nothing."""
    node = parse_query(text)
    compiled, _ = compile_query(node)
    results = engine._searcher().search(compiled, limit=None, optimize=False)
    if not len(results):
        as_words = compile_as_words(node)
        results = engine._searcher().search(as_words, limit=None, optimize=False)
    return [(r["id"], r.score) for r in results]


def vectorized(engine: SearchEngine, text: str) -> list[tuple[str, float]]:
    result = engine.search(text, limit=10_000)
    return [(h.id, h.score) for h in result.hits]


def assert_same(engine: SearchEngine, text: str) -> None:
    expected = reference(engine, text)
    got = vectorized(engine, text)
    assert engine.search(text, limit=1).total == len(expected), text
    assert dict(got) == pytest.approx({i: round(s, 4) for i, s in expected}, abs=2e-4), text
    # Order: by score; documents whose scores differ only by float noise may swap.
    scores = [s for _, s in got]
    assert scores == sorted(scores, reverse=True), text
    assert [i for i, _ in got[:5]] == [i for i, _ in expected[:5]] or len(set(scores[:6])) < 6


@pytest.fixture(params=["blocks", "saved"])
def hot(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run with postings read from Whoosh's blocks, and with every term's postings saved as
    arrays (the fixture corpus is too small for any term to reach the real threshold)."""
    if request.param == "saved":
        monkeypatch.setattr(hotarrays, "HOT_MIN_POSTINGS", 1)
    return request.param == "saved"


@pytest.fixture
def single(hot: bool, tmp_path: Path, write_corpus: WriteCorpus) -> SearchEngine:
    update_index(write_corpus(tmp_path / "corpus"), tmp_path / "index")
    engine = SearchEngine(tmp_path / "index")
    assert _uses_saved_arrays(engine) == hot
    return engine


def _uses_saved_arrays(engine: SearchEngine) -> bool:
    generation = engine.index_dir / read_pointer(engine.index_dir)["generation"]
    saved = hotpostings.describe(generation)
    return bool(saved) and saved["body_folded"]["terms"] > 0


@pytest.mark.parametrize("text", QUERIES)
def test_same_answers_as_whoosh(single: SearchEngine, text: str) -> None:
    assert_same(single, text)


def test_queries_find_something(engine: SearchEngine) -> None:
    """The comparison above is not vacuous: most of the queries match articles."""
    found = [q for q in QUERIES if engine.search(q).total]
    assert len(found) >= len(QUERIES) - 2


@pytest.fixture
def segmented(
    hot: bool, tmp_path: Path, articles: Mapping[str, str], write_corpus: WriteCorpus
) -> SearchEngine:
    """An index of several segments with deleted documents: built, then changed twice."""
    corpus = write_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    update_index(corpus, index_dir)
    first, second, *_ = sorted(articles)
    (corpus / f"{first}.txt").unlink()
    (corpus / f"{second}.txt").write_text(
        articles[second] + "\n\nThêm một đoạn về phường.", "utf-8"
    )
    update_index(corpus, index_dir)
    (corpus / "109_new.txt").write_text(articles[second].replace("Năm qua", "Quý vừa qua"), "utf-8")
    update_index(corpus, index_dir)
    engine = SearchEngine(index_dir)
    reader = engine._searcher().reader()
    assert not reader.is_atomic() and reader.has_deletions()
    assert _uses_saved_arrays(engine) == hot
    return engine


@pytest.mark.parametrize("text", QUERIES)
def test_same_answers_with_segments_and_deletions(segmented: SearchEngine, text: str) -> None:
    assert_same(segmented, text)


def test_deleted_articles_are_never_found(
    segmented: SearchEngine, articles: Mapping[str, str]
) -> None:
    first = sorted(articles)[0]
    everything = segmented.search("", limit=10_000)
    assert first not in {h.id for h in everything.hits}
    assert everything.total == len(articles) == segmented.doc_count()  # one gone, one new


def test_date_sort_and_filters_match_whoosh(engine: SearchEngine) -> None:
    whoosh = SearchEngine(engine.index_dir, vectorized=False)
    for options in (
        {"query": ""},
        {"query": "phường", "sort": "date"},
        {"query": "năm", "since": "2026-01", "until": "2026-02"},
        {"query": "", "ward": "Tân Sơn Hòa"},
        {"query": "phường", "ward": "tan son hoa", "since": "2025"},
        {"query": "phường", "sort": "oldest"},
        {"query": "", "sort": "oldest"},
        {"query": "năm", "sort": "oldest", "ward": "Tân Sơn Hòa", "until": "2026-01"},
    ):
        ours = engine.search(limit=10_000, **options)  # type: ignore[arg-type]
        theirs = whoosh.search(limit=10_000, **options)  # type: ignore[arg-type]
        assert [h.id for h in ours.hits] == [h.id for h in theirs.hits], options
        assert ours.total == len(ours.hits) == len(theirs.hits), options
        assert ours.ward_split == theirs.ward_split, options
        if options.get("sort") in ("date", "oldest") or not options["query"]:
            # With a ward: the articles about it, then those that only name it, each by date.
            about = ours.ward_split[0] if ours.ward_split else len(ours.hits)
            newest = options.get("sort") != "oldest"
            for group in (ours.hits[:about], ours.hits[about:]):
                dates = [h.date or "" for h in group]  # the undated last in both orders
                order = sorted(dates, reverse=True) if newest else sorted(dates, key=_undated_last)
                assert dates == order, options


def _undated_last(date: str) -> tuple[bool, str]:
    return (not date, date)


def test_prefix_queries_fall_back_to_whoosh(engine: SearchEngine) -> None:
    """Whoosh scores prefixes through its own multi-term rules: they are left to Whoosh."""
    compiled, _ = compile_query(parse_query("khen*"))
    with pytest.raises(Unsupported):
        engine._vectors().run(compiled)
    assert engine.search("khen*").total == len(reference(engine, "khen*")) > 0


@pytest.fixture(scope="module")
def fuzz_engine(
    tmp_path_factory: pytest.TempPathFactory, write_corpus: WriteCorpus
) -> SearchEngine:
    root = tmp_path_factory.mktemp("vector-fuzz")
    update_index(write_corpus(root / "corpus"), root / "index")
    return SearchEngine(root / "index")


@settings(
    deadline=None, database=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=st.data())
def test_generated_queries_match_whoosh(
    fuzz_engine: SearchEngine, grammar_queries: st.SearchStrategy[str], data: st.DataObject
) -> None:
    """grammar_queries: the query fuzz's queries (tests/fixtures/strategies.py)."""
    for text in data.draw(st.lists(grammar_queries, min_size=10, max_size=10), label="texts"):
        try:
            node = parse_query(text)
            if node is None:
                continue
            fuzz_engine._vectors().run(compile_query(node)[0])
        except (QueryError, Unsupported):
            continue
        assert_same(fuzz_engine, text)


PAIR_TRAP = {
    "201_phrase": " date 2026-03-02 Phường Bến Thành đẩy mạnh chuyển đổi số trong thủ tục.\n\nHT",
    # Every adjacent pair of the phrase, never the phrase: "chuyển đổi" and "đổi số" apart.
    "202_pairs": (
        " date 2026-03-01 Phường Bến Thành chuyển đổi mô hình họp tổ dân phố, thay đổi số "
        "lượng tổ.\n\nHT"
    ),
    "203_other": " date 2026-03-03 Phường Bến Thành ra quân dọn vệ sinh kênh rạch.\n\nHT",
}


@pytest.mark.parametrize("check_limit", [300, 0])
def test_long_phrases_are_checked_word_by_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check_limit: int, write_corpus: WriteCorpus
) -> None:
    """A phrase of three words matches by its adjacent pairs, then is checked in the article;
    with many candidates (limit 0 here) only as far down the ranking as the page needs, and the
    total is then flagged as an upper bound until every candidate has been checked."""
    monkeypatch.setattr(vectorized_module, "PHRASE_CHECK_LIMIT", check_limit)
    update_index(write_corpus(tmp_path / "c", PAIR_TRAP), tmp_path / "ix")
    engine = SearchEngine(tmp_path / "ix")
    full = engine.search('"chuyển đổi số"', limit=10)
    assert [h.id for h in full.hits] == ["201_phrase"]
    assert (full.total, full.total_exact) == (1, True)
    first = engine.search('"chuyen doi so"', limit=1)
    assert [h.id for h in first.hits] == ["201_phrase"]
    lazy = check_limit == 0
    assert (first.total, first.total_exact) == ((2, False) if lazy else (1, True))
    assert engine.search('"chuyển đổi số" -kênh', limit=10).total == 1
    assert engine.search('"đổi số lượng"', limit=10).total == 1


def test_phrases_in_names_are_checked_in_the_names(
    tmp_path: Path, write_corpus: WriteCorpus
) -> None:
    """person:"…" is a phrase over the names, one per line (positions run on across lines, as
    Whoosh indexed them), not over the body: "an tran" spans two names and is in no sentence."""
    article = (
        " date 2026-03-02 Phường Bến Thành tổng kết năm.\n\n"
        "Bí thư Đảng ủy phường Nguyễn Văn An phát biểu. "
        "Chủ tịch UBND phường Trần Bình Minh trao thưởng.\n\nHT"
    )
    update_index(write_corpus(tmp_path / "c", {"301_names": article}), tmp_path / "ix")
    engine = SearchEngine(tmp_path / "ix")
    for text in ('person:"an tran"', 'person:"van an"', 'person:"binh minh"', 'person:"an binh"'):
        assert_same(engine, text)
    assert engine.search('person:"an tran binh"').total == 1
    assert engine.search('person:"an binh"').total == 0


def test_ward_counts_and_date_order_without_saved_arrays(
    segmented: SearchEngine, articles: Mapping[str, str]
) -> None:
    """An index written before the arrays existed (or with them removed) gives the same ward
    counts (articles about each unit and naming it) and newest-first order from Whoosh's posting lists."""
    corpus = segmented.index_dir.parent / "corpus"  # one article about a unit, naming another
    (corpus / "110_two.txt").write_text(
        " date 2026-02-03 Phường Tân Sơn Hòa phối hợp với phường Phú Thạnh dọn kênh.\n\n"
        "Hai phường huy động 120 người dân.",
        "utf-8",
    )
    update_index(corpus, segmented.index_dir)
    segmented = SearchEngine(segmented.index_dir)
    counts = segmented.ward_counts()
    newest = [h.id for h in segmented.search("", limit=100).hits]
    ranged = [
        h.id for h in segmented.search("date:2026-01 OR phường", since="2026", limit=100).hits
    ]
    assert ranged
    generation = segmented.index_dir / read_pointer(segmented.index_dir)["generation"]
    for field in hotpostings.WHOLE_FIELDS + hotpostings.WHOLE_MULTI:  # the counts' saved arrays
        assert list((generation / hotpostings.HOT_FOLDER).glob(f"*{field}.json")), field
    shutil.rmtree(generation / hotpostings.HOT_FOLDER)
    fresh = SearchEngine(segmented.index_dir)
    assert fresh.ward_counts() == counts and sum(w.count for w in counts) == len(articles) + 1
    assert any(w.mentions for w in counts)  # articles that name a unit they are not about
    assert [h.id for h in fresh.search("", limit=100).hits] == newest
    again = fresh.search("date:2026-01 OR phường", since="2026", limit=100).hits
    assert [h.id for h in again] == ranged


@settings(max_examples=60, deadline=None)
@given(
    st.sets(st.integers(0, 3000), max_size=400),
    st.sets(st.integers(0, 3000), max_size=400),
)
def test_common_positions_are_those_of_intersect1d(left: set[int], right: set[int]) -> None:
    """Both ways of meeting two doc-number sets (a binary search of the shorter side, a table
    by doc number) give np.intersect1d's positions, whichever side is longer."""
    import numpy as np
    from phuong_reader.index.query import docsets

    a = np.array(sorted(left), dtype=np.int64)
    b = np.array(sorted(right), dtype=np.int64)
    _, ia, ib = np.intersect1d(a, b, assume_unique=True, return_indices=True)
    for ratio in (0, 10**9):  # always a binary search, always a table
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(docsets, "DENSE_RATIO", ratio)
            got_a, got_b = docsets.common_positions(a, b)
        assert got_a.tolist() == ia.tolist() and got_b.tolist() == ib.tolist()
