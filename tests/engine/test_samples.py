"""The bundled sample corpus, parsed against facts written down by its author."""

import unicodedata

import pytest
from phuong_reader.index.build.corpus import bundled_corpus, read_corpus


@pytest.fixture(scope="module")
def samples():
    read = list(read_corpus(bundled_corpus()))
    return {r.article.id: r.article for r in read if hasattr(r, "article")}


def test_every_sample_is_read(samples, sample_expectations) -> None:
    assert sorted(samples) == sorted(sample_expectations)
    assert len(samples) >= 40


def test_samples_are_in_the_real_format() -> None:
    for path in bundled_corpus().glob("*.txt"):
        data = path.read_bytes()
        text = data.decode("utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name
        assert "\r" not in text and not text.endswith("\n"), path.name


def test_the_corpus_is_varied(sample_expectations) -> None:
    expected = sample_expectations
    wards = {e["primary_ward"] for e in expected.values()}
    dated = [e for e in expected.values() if e["date"]]
    assert len(wards) >= 20
    assert 0 < len(dated) < len(expected)
    assert any(e["old_tone"] for e in expected.values())


def test_sample_parses_as_its_author_meant(samples, sample_expectations, sample_id: str) -> None:
    want = sample_expectations[sample_id]  # sample_id: each bundled sample (engine/conftest.py)
    article = samples[sample_id]
    assert (article.date.isoformat() if article.date else None) == want["date"]
    assert article.primary_ward == want["primary_ward"]
    assert article.wards == want["wards"]
    assert article.byline == want["byline"]
    assert article.captions == want["captions"]
    assert article.noise == want["noise"]
    assert article.lead.startswith(want["lead_starts"])
