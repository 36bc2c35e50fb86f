"""The benchmark's corpus generator: deterministic, and in the real article format.

Only the generator is tested here (fast); the benchmark itself is run by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from phuong_reader.index.entities.gazetteer import load_gazetteer  # noqa: E402
from phuong_reader.index.entities.pipeline import parse_article  # noqa: E402

from bench.make_corpus import World, make_corpus, meta_path, write_articles  # noqa: E402

DOCS = 200  # more than the 168 units: the first 168 articles cover every unit once


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench") / "corpus"
    return out, make_corpus(out, DOCS, seed=3)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


def test_same_seed_same_bytes(corpus: tuple[Path, dict], tmp_path: Path) -> None:
    out, _ = corpus
    write_articles(World(3), tmp_path / "again", 0, 40)
    first = _files(out)
    again = _files(tmp_path / "again")
    assert again == {name: first[name] for name in again}
    write_articles(World(4), tmp_path / "other", 0, 40)
    assert set(_files(tmp_path / "other")).isdisjoint(again)


def test_real_format_and_primary_ward(corpus: tuple[Path, dict]) -> None:
    out, meta = corpus
    assert meta_path(out).is_file()
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


def test_vocabulary_is_realistic(corpus: tuple[Path, dict]) -> None:
    out, meta = corpus
    texts = [t.decode("utf-8").lower() for t in _files(out).values()]
    for common in ("phường", "đảng", "năm"):
        assert sum(common in t for t in texts) >= 0.8 * len(texts)
    units = {u.name for u in load_gazetteer().units}
    assert {a["ward"] for a in meta["articles"]} == units
    rare = [s for a in meta["articles"] for s in a["rare"]]
    assert len(set(rare)) > 50  # a long tail of generated names
    assert all(a["persons"] for a in meta["articles"])
