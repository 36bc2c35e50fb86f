"""The benchmark's corpus generator: deterministic, and in the real article format.

Only the generator is tested here (fast); the benchmark itself is run by hand.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from phuong_reader.index.entities.gazetteer import load_gazetteer
from phuong_reader.index.entities.pipeline import parse_article

DOCS = 200  # more than the 168 units: the first 168 articles cover every unit once


@pytest.fixture(scope="module")
def bench_corpus(
    corpus_generator: ModuleType, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict]:
    """(folder, its metadata): DOCS articles from bench/make_corpus.py, seed 3."""
    out = tmp_path_factory.mktemp("bench") / "corpus"
    return out, corpus_generator.make_corpus(out, DOCS, seed=3)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


def test_same_seed_same_bytes(
    corpus_generator: ModuleType, bench_corpus: tuple[Path, dict], tmp_path: Path
) -> None:
    out, _ = bench_corpus
    write_articles, World = corpus_generator.write_articles, corpus_generator.World
    write_articles(World(3), tmp_path / "again", 0, 40)
    first = _files(out)
    again = _files(tmp_path / "again")
    assert again == {name: first[name] for name in again}
    write_articles(World(4), tmp_path / "other", 0, 40)
    assert set(_files(tmp_path / "other")).isdisjoint(again)


def test_real_format_and_primary_ward(
    corpus_generator: ModuleType, bench_corpus: tuple[Path, dict]
) -> None:
    out, meta = bench_corpus
    assert corpus_generator.meta_path(out).is_file()
    articles = meta["articles"]
    assert len(articles) == len(_files(out)) == DOCS
    dated = 0
    for info in articles:
        raw = (out / f"{info['id']}.txt").read_bytes()
        assert 1500 <= len(raw) <= 4000 and not raw.endswith(b"\n")
        text = raw.decode("utf-8")
        article = parse_article(text, info["id"])
        assert article.primary_ward == info["ward"], info["id"]
        assert article.captions and article.paragraphs and article.lead
        assert article.byline and article.byline == article.byline.upper()
        assert (article.date is not None) == (info["date"] is not None)
        assert text.startswith(" date ") == (info["date"] is not None)
        dated += article.date is not None
    assert 0.65 * DOCS <= dated <= 0.95 * DOCS


def test_vocabulary_is_realistic(bench_corpus: tuple[Path, dict]) -> None:
    out, meta = bench_corpus
    texts = [t.decode("utf-8").lower() for t in _files(out).values()]
    for common in ("phường", "đảng", "năm"):
        assert sum(common in t for t in texts) >= 0.8 * len(texts)
    units = {u.name for u in load_gazetteer().units}
    assert {a["ward"] for a in meta["articles"]} == units
    rare = [s for a in meta["articles"] for s in a["rare"]]
    assert len(set(rare)) > 50  # a long tail of generated names
    assert all(a["persons"] for a in meta["articles"])
