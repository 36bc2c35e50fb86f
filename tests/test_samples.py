"""The bundled sample corpus, parsed against facts written down by its author."""

import json
import unicodedata
from pathlib import Path

import pytest
from phuong_reader.index.build.corpus import bundled_corpus, read_corpus

EXPECTED = json.loads(
    (Path(__file__).parent / "data" / "sample_expectations.json").read_text("utf-8")
)


@pytest.fixture(scope="module")
def articles():
    read = list(read_corpus(bundled_corpus()))
    return {r.article.id: r.article for r in read if hasattr(r, "article")}


def test_every_sample_is_read(articles) -> None:
    assert sorted(articles) == sorted(EXPECTED)
    assert len(articles) >= 40


def test_samples_are_in_the_real_format() -> None:
    for path in bundled_corpus().glob("*.txt"):
        data = path.read_bytes()
        text = data.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name
        assert "\r" not in text and not text.endswith("\n"), path.name


def test_the_corpus_is_varied() -> None:
    wards = {e["primary_ward"] for e in EXPECTED.values()}
    dated = [e for e in EXPECTED.values() if e["date"]]
    assert len(wards) >= 20
    assert 0 < len(dated) < len(EXPECTED)
    assert any(e["old_tone"] for e in EXPECTED.values())


@pytest.mark.parametrize("article_id", sorted(EXPECTED))
def test_sample_parses_as_its_author_meant(articles, article_id: str) -> None:
    want = EXPECTED[article_id]
    article = articles[article_id]
    assert (article.date.isoformat() if article.date else None) == want["date"]
    assert article.primary_ward == want["primary_ward"]
    assert article.wards == want["wards"]
    assert article.byline == want["byline"]
    assert article.captions == want["captions"]
    assert article.noise == want["noise"]
    assert article.lead.startswith(want["lead_starts"])
