"""``is:unread``, ``is:read`` and ``is:bookmarked`` (issue 15): parsed apart from the query's
words, answered with the caller's marks (read is for the content hash, a bookmark for the id),
combined with words, ``ward:``/``--ward`` and dates on both evaluation paths, and left out of
the terms that snippets and highlighting use."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import phuong_reader.index.query.marked as marked_module
import pytest
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.errors import QueryError
from phuong_reader.index.query.parser import (
    DateField,
    MarkFilter,
    Not,
    WardField,
    Words,
    parse,
    parse_query,
)
from phuong_reader.index.query.search import SearchEngine

PHUONG = {"101_tansonhoa", "103_tansonnhat", "107_anphu", "106_anphudong", "105_phuthohoa",
          "102_phuthanh"}  # fmt: skip  # the fixture articles with the word "phường"
EVERY = PHUONG | {"104_vanhoa", "108_scattered"}


@dataclass
class Marked:
    """A MarkSource of the test's own: what a reader would have marked."""

    read: dict[str, str] = field(default_factory=dict)
    bookmarked: set[str] = field(default_factory=set)
    asked: int = 0

    def read_pairs(self) -> Mapping[str, str]:
        self.asked += 1
        return self.read

    def bookmarked_ids(self) -> Collection[str]:
        self.asked += 1
        return self.bookmarked


@pytest.fixture(params=[True, False], ids=["vectorized", "whoosh"])
def either(request: pytest.FixtureRequest, built: tuple[Path, Path]) -> SearchEngine:
    """The engine on the fixture index, answering with numpy or with Whoosh's matchers."""
    return SearchEngine(built[1], vectorized=request.param)


@pytest.fixture(params=[0, 10**9], ids=["hash-by-hash", "one-pass"])
def lookup(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hashes looked up one by one, or all in one pass over the field (what many read marks
    on a small corpus get)."""
    monkeypatch.setattr(marked_module, "WHOLE_PASS_RATIO", request.param)


def hashes(engine: SearchEngine) -> dict[str, str]:
    return {h.id: h.content_hash for h in engine.search("", limit=50).hits}


def found(engine: SearchEngine, query: str, marked: Marked, **options: object) -> set[str]:
    result = engine.search(query, limit=50, marked=marked, **options)  # type: ignore[arg-type]
    assert result.total == len(result.hits)
    return {h.id for h in result.hits}


# -- the parser ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "marks"),
    [
        ("is:unread", (MarkFilter("read", False),)),
        ("is:read", (MarkFilter("read", True),)),
        ("is:bookmarked", (MarkFilter("bookmarked", True),)),
        ("-is:bookmarked", (MarkFilter("bookmarked", False),)),
        ("NOT is:unread", (MarkFilter("read", True),)),
        ("IS:Unread is:bookmarked", (MarkFilter("read", False), MarkFilter("bookmarked", True))),
    ],
)
def test_is_terms_are_filters_apart_from_the_tree(query: str, marks: tuple[MarkFilter]) -> None:
    parsed = parse(query)
    assert parsed.node is None
    assert parsed.marks == marks


def test_words_on_both_sides_of_an_is_term_are_one_run_again() -> None:
    parsed = parse("tân is:unread sơn hòa")
    assert parsed.node == Words(("tân", "sơn", "hòa"))
    assert parse_query("tân is:unread sơn hòa") == parse_query("tân sơn hòa")


def test_a_minus_before_a_field_negates_the_field() -> None:
    node = parse_query('phường -ward:"Tân Sơn Hòa" -date:2026')
    assert node is not None and node.children[1:] == (  # type: ignore[union-attr]
        Not(WardField("Tân Sơn Hòa")),
        Not(DateField("2026-01-01", "2026-12-31")),
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("is:starred", "unknown is:starred (use is:unread, is:read, is:bookmarked)"),
        ("phường is:", "is: needs a value, e.g. is:unread"),
        ("phường OR is:unread", "is:unread filters the whole query"),
        ("(phường is:read) xã", "is:read filters the whole query"),
        ("phường (xã OR -is:bookmarked)", "is:bookmarked filters the whole query"),
        ("-is:read -xã", "NOT needs something to search for first"),
    ],
)
def test_misplaced_or_unknown_is_terms_are_readable_errors(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(query)


# -- the engine ------------------------------------------------------------------------------


def test_without_marks_an_is_term_is_an_error_and_a_query_without_one_never_asks(
    engine: SearchEngine,
) -> None:
    with pytest.raises(QueryError, match="is:unread: this search has no read or bookmark marks"):
        engine.search("phường is:unread")
    marked = Marked(bookmarked={"101_tansonhoa"})
    assert {h.id for h in engine.search("phường", limit=50, marked=marked).hits} == PHUONG
    assert marked.asked == 0


@pytest.mark.usefixtures("lookup")
def test_read_is_for_the_content_hash_the_index_has(either: SearchEngine) -> None:
    current = hashes(either)
    marked = Marked(read={"101_tansonhoa": current["101_tansonhoa"], "107_anphu": "0" * 64})
    assert found(either, "is:read", marked) == {"101_tansonhoa"}  # 107's hash is not its own
    assert found(either, "is:unread", marked) == EVERY - {"101_tansonhoa"}
    assert found(either, "tan son hoa is:unread", marked) == {"103_tansonnhat"}
    assert found(either, "NOT is:unread phường", marked) == {"101_tansonhoa"}


def test_hits_carry_the_hash_of_the_file_as_indexed(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    engine = SearchEngine(index_dir)
    digest = hashlib.sha256((corpus / "101_tansonhoa.txt").read_bytes()).hexdigest()
    assert hashes(engine)["101_tansonhoa"] == digest
    assert engine.article("101_tansonhoa").content_hash == digest


@pytest.mark.parametrize(
    ("query", "options", "expected"),
    [
        ("is:bookmarked", {}, {"101_tansonhoa", "105_phuthohoa", "108_scattered"}),
        ("phường is:bookmarked", {}, {"101_tansonhoa", "105_phuthohoa"}),
        ("-is:bookmarked phường", {}, PHUONG - {"101_tansonhoa", "105_phuthohoa"}),
        ("is:bookmarked", {"ward": "Tân Sơn Hòa"}, {"101_tansonhoa"}),
        ('is:bookmarked ward:"Phú Thọ Hòa"', {}, {"105_phuthohoa"}),
        ("is:bookmarked date:2026", {}, {"101_tansonhoa", "105_phuthohoa"}),
        ("is:bookmarked", {"since": "2026-02"}, {"105_phuthohoa"}),
        ("is:bookmarked", {"until": "2025-12"}, {"108_scattered"}),
        ("is:bookmarked is:unread", {}, {"105_phuthohoa", "108_scattered"}),
        ("is:bookmarked is:read", {}, {"101_tansonhoa"}),
        ("is:read -is:bookmarked", {}, {"103_tansonnhat"}),
    ],
)
def test_is_terms_combine_with_words_wards_and_dates(
    either: SearchEngine, query: str, options: dict[str, str], expected: set[str]
) -> None:
    current = hashes(either)
    marked = Marked(
        read={i: current[i] for i in ("101_tansonhoa", "103_tansonnhat")},
        bookmarked={"101_tansonhoa", "105_phuthohoa", "108_scattered", "999_not_indexed"},
    )
    assert found(either, query, marked, **options) == expected


@pytest.mark.parametrize("query", ["phư*", "tân* hội", "date:2026 phường", "tổng kết"])
def test_an_is_term_keeps_the_query_s_results_that_pass_it(
    either: SearchEngine, query: str
) -> None:
    # Prefixes are answered by Whoosh's matchers even on the vectorized engine.
    marked = Marked(bookmarked={"101_tansonhoa", "105_phuthohoa", "108_scattered"})
    without = found(either, query, marked)
    kept = found(either, f"{query} is:bookmarked", marked)
    assert kept == without & marked.bookmarked
    assert found(either, f"-is:bookmarked {query}", marked) == without - marked.bookmarked


def test_no_article_passing_is_no_result_on_both_paths(either: SearchEngine) -> None:
    # Whoosh reads an empty filter as no filter at all: the engine must not hand it one.
    for query in ("is:bookmarked", "is:bookmarked phư*", "is:bookmarked phường"):
        result = either.search(query, marked=Marked())
        assert (result.total, result.hits) == (0, [])


@pytest.mark.parametrize(
    ("bookmarked", "split"),
    [({"103_tansonnhat"}, (0, 1)), ({"101_tansonhoa"}, (1, 0)), (set(EVERY), (1, 1))],
)
def test_the_ward_groups_count_only_the_articles_passing(
    either: SearchEngine, bookmarked: set[str], split: tuple[int, int]
) -> None:
    assert either.search("phường", ward="Tân Sơn Hòa").ward_split == (1, 1)
    marked = Marked(bookmarked=bookmarked)
    result = either.search("phường is:bookmarked", ward="Tân Sơn Hòa", marked=marked)
    assert result.ward_split == split
    assert {h.id for h in result.hits} == bookmarked & {"101_tansonhoa", "103_tansonnhat"}


def test_snippets_and_highlighting_ignore_is_terms(engine: SearchEngine) -> None:
    marked = Marked(bookmarked={"101_tansonhoa"})
    plain = engine.search("tan son hoa", limit=1)
    filtered = engine.search("tan son hoa is:bookmarked", limit=1, marked=marked)
    assert filtered.terms == plain.terms
    assert not any("is" in word or "bookmarked" in word for word in filtered.terms.words)
    assert filtered.hits[0].id == plain.hits[0].id == "101_tansonhoa"
    assert engine.snippet("101_tansonhoa", filtered.terms) == engine.snippet(
        "101_tansonhoa", plain.terms
    )


def test_facets_count_with_the_marks_and_leave_is_terms_out_without_them(
    engine: SearchEngine,
) -> None:
    marked = Marked(bookmarked={"101_tansonhoa", "105_phuthohoa", "108_scattered"})
    counted = engine.facets("phường is:bookmarked", marked=marked)
    assert counted.wards == {"Tân Sơn Hòa": 1, "Phú Thọ Hòa": 1}
    assert counted.months == {"2026-01": 1, "2026-03": 1}
    assert engine.facets("phường is:bookmarked") == engine.facets("phường")


@pytest.mark.usefixtures("lookup")
def test_read_marks_of_an_updated_or_removed_article_no_longer_count(
    built: tuple[Path, Path],
) -> None:

    corpus, index_dir = built
    before = hashes(SearchEngine(index_dir))
    marked = Marked(read={i: before[i] for i in ("101_tansonhoa", "103_tansonnhat", "107_anphu")})
    path = corpus / "101_tansonhoa.txt"
    path.write_text(path.read_text("utf-8") + "\n\nPhường bổ sung tin mới.", "utf-8")
    (corpus / "103_tansonnhat.txt").unlink()
    update_index(corpus, index_dir)
    engine = SearchEngine(index_dir)
    assert found(engine, "is:read", marked) == {"107_anphu"}
    assert "101_tansonhoa" in found(engine, "is:unread", marked)
    assert "103_tansonnhat" not in found(engine, "is:unread", marked)
