"""One meaning for "a ward's articles": those about it first, then those that only name it,
with both counts, in the API, the CLI and the reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from phuong_reader.index import SearchEngine
from phuong_reader.tui.cli import main

# In the fixture corpus 101 is about Tân Sơn Hòa; 103, about Tân Sơn Nhất, names it once.


def test_a_wards_articles_are_those_about_it_then_those_naming_it(engine: SearchEngine) -> None:
    result = engine.search("", ward="Tân Sơn Hòa")
    assert [h.id for h in result.hits] == ["101_tansonhoa", "103_tansonnhat"]
    assert result.ward_split == (1, 1)
    assert result.total == 2
    paged = engine.search("", ward="Tân Sơn Hòa", limit=1, offset=1)
    assert [h.id for h in paged.hits] == ["103_tansonnhat"]
    assert engine.search("phường").ward_split is None  # no ward chosen: no split


def test_ward_counts_give_articles_about_and_naming(engine: SearchEngine) -> None:
    counts = {w.name: (w.count, w.mentions) for w in engine.ward_counts()}
    assert counts["Tân Sơn Hòa"] == (1, 1)
    assert counts["Tân Sơn Nhất"] == (1, 0)


def test_the_cli_says_both_counts(
    built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = str(built[1])
    assert main(["search", "--ward", "Tân Sơn Hòa", "--index-dir", index_dir]) == 0
    assert "2 result(s) (1 about · 1 mention)" in capsys.readouterr().out
    assert main(["wards", "--index-dir", index_dir]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "Tân Sơn Hòa" in ln)
    assert line.strip().startswith("1  Tân Sơn Hòa") and line.endswith("+1 mention")
    assert main(["wards", "--index-dir", index_dir, "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert (rows["Tân Sơn Hòa"]["count"], rows["Tân Sơn Hòa"]["mentions"]) == (1, 1)


# Queries naming no ward: a ward's name in the query is scored by its own ward_key boost.
@pytest.mark.parametrize("query", ["", "phường", "năm phường", '"chuyển đổi số"'])
def test_the_split_is_read_from_the_ward_ranks_not_a_second_query(
    engine: SearchEngine, built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """The vector path scores no ``ward_key`` term (the group of each article comes from the
    saved ward ranks) and answers as Whoosh's two queries do."""
    from phuong_reader.index.query import vectorized

    scored: list[str] = []
    original = vectorized.VectorSearcher._score_term

    def counting(self: vectorized.VectorSearcher, field: str, text: str) -> vectorized.Matches:
        scored.append(field)
        return original(self, field, text)

    monkeypatch.setattr(vectorized.VectorSearcher, "_score_term", counting)
    got = engine.search(query, ward="Tân Sơn Hòa", limit=50)
    assert "ward_key" not in scored
    whoosh = SearchEngine(built[1], vectorized=False).search(query, ward="Tân Sơn Hòa", limit=50)
    assert [h.id for h in got.hits] == [h.id for h in whoosh.hits]
    assert (got.total, got.ward_split) == (whoosh.total, whoosh.ward_split)
