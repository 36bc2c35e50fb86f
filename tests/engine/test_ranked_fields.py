"""The one-term-per-document fields ranked from their saved arrays (``VectorSearcher.ranked``:
date order, ward counts, article ids for the people and figures views) agree with Whoosh's
own lexicon, posting lists and stored fields, over several segments and a replaced article."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.storage.postings import Segment

FIELDS = ("date", "ward", "id")


@pytest.fixture
def updated(corpus: Path, tmp_path: Path) -> Path:
    """An index of two segments: the fixture corpus, then one article replaced, one added."""
    index_dir = tmp_path / "index"
    update_index(corpus, index_dir)
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(first.read_text("utf-8").replace("phường", "Phường", 1), "utf-8")
    (corpus / "999_added.txt").write_text((corpus / "102_phuthanh.txt").read_text("utf-8"))
    update_index(corpus, index_dir)
    return index_dir


@pytest.mark.parametrize("field", FIELDS)
def test_ranks_from_the_saved_arrays_are_whooshs(
    updated: Path, field: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors = SearchEngine(updated)._vectors()
    assert len(vectors.segments) >= 2
    words, rank = vectors.ranked(field)
    lexicon = [w.decode() if isinstance(w, bytes) else w for w in vectors.searcher.lexicon(field)]
    assert words == lexicon  # same order: date sorting and id lookups rely on it
    alive = vectors.alive()
    for doc in range(vectors.doc_count):
        if alive[doc]:
            stored = vectors.searcher.stored_fields(doc)[field]
            assert rank[doc] >= 0 and words[rank[doc]] == stored, doc

    monkeypatch.setattr(Segment, "saved_terms", lambda self, field: None)
    fresh = SearchEngine(updated)._vectors()  # the same from Whoosh's posting lists
    posting_words, posting_rank = fresh._ranked(field)
    assert posting_words == words
    assert (posting_rank[alive] == rank[alive]).all()


@pytest.mark.parametrize("field", ("ward", "wards_key"))
def test_live_counts_from_the_saved_arrays_are_whooshs(updated: Path, field: str) -> None:
    """The ward list's counts (one pass over each segment's saved field) are the number of
    live documents Whoosh's own searcher finds for each term: the replaced article's old
    version is not counted."""
    from whoosh.query import Term

    vectors = SearchEngine(updated)._vectors()
    assert any(len(seg.deleted()) for seg in vectors.segments)  # the replaced article
    counts = vectors.counts(field)
    lexicon = [w.decode() if isinstance(w, bytes) else w for w in vectors.searcher.lexicon(field)]
    found = {w: len(vectors.searcher.search(Term(field, w), limit=None)) for w in lexicon}
    assert {w: n for w, n in counts.items() if n} == {w: n for w, n in found.items() if n}
    assert sum(found.values()) > 0
