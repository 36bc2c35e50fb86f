"""The rows a results list shows, saved beside each segment (``storage.listing``): the same as
the stored fields give, for a build's segments and an update's merged ones, read without a
stored article, and a segment without them (or with broken files) answered as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.corpora import WriteCorpus
from phuong_reader.index import SearchEngine, update_index
from phuong_reader.index.build import segwriter
from phuong_reader.index.storage.hot import HOT_FOLDER
from phuong_reader.index.storage.listing import LISTED, ListingWriter, open_listing, row_of
from phuong_reader.index.storage.store import live_generation

QUERIES = ("phường", "hộ nghèo", "ubnd", "", "Tân Định")


def _listings(index_dir: Path) -> list[Path]:
    return sorted((live_generation(index_dir) / HOT_FOLDER).glob("*-listing.lst"))


def _every_row_matches_the_stored_fields(engine: SearchEngine) -> int:
    vectors = engine._vectors()
    checked = 0
    for seg in vectors.segments:
        assert seg.listing() is not None
        for local in range(seg.doc_count):
            doc = seg.offset + local
            assert vectors.row(doc) == row_of(vectors.stored(doc))
            checked += 1
    return checked


def _answers(engine: SearchEngine) -> list[list[tuple]]:
    return [
        [(h.id, h.path, h.date, h.ward, h.title, h.score, h.content_hash) for h in hits]
        for hits in (engine.search(q, limit=200).hits for q in QUERIES)
    ]


def test_build_and_merged_segments_list_what_their_stored_fields_hold(
    tmp_path: Path, write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segwriter, "SMALL_DOCS", 3)
    monkeypatch.setattr(segwriter, "SMALL_SEGMENTS", 1)
    corpus, index_dir = write_corpus(tmp_path / "corpus"), tmp_path / "index"
    update_index(corpus, index_dir)
    for step in range(3):  # updates of one article: the third merges the small segments
        title = f"Phường Tân Định\tcó {step + 20} hộ nghèo\x1b[31m"  # text is data, escapes too
        (corpus / f"9{step:02d}_added.txt").write_text(
            f"{title}\n\nPhường Tân Định còn {step + 20} hộ nghèo.", "utf-8"
        )
        update_index(corpus, index_dir)
    engine = SearchEngine(index_dir)
    assert len(engine._vectors().segments) == len(_listings(index_dir)) >= 2
    assert _every_row_matches_the_stored_fields(engine) == engine.doc_count()
    found = {h.id: h.title for h in engine.search("Tân Định", limit=200).hits}
    for step in range(3):  # the tab kept, the escape character dropped (as the stored title)
        assert f"Tân Định\tcó {step + 20} hộ nghèo[31m" in found[f"9{step:02d}_added"]


def test_a_page_of_hits_reads_no_stored_article(
    tmp_path: Path, write_corpus: WriteCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = write_corpus(tmp_path / "corpus"), tmp_path / "index"
    update_index(corpus, index_dir)
    engine = SearchEngine(index_dir)
    vectors = engine._vectors()
    reads: list[int] = []
    original = vectors.searcher.stored_fields

    def counted(doc: int) -> dict:
        reads.append(doc)
        return original(doc)

    monkeypatch.setattr(vectors.searcher, "stored_fields", counted)
    result = engine.search("phường", limit=200)
    assert len(result.hits) >= 3 and reads == []
    engine.snippet(result.hits[0].id, result.terms)  # a snippet reads its article, once
    assert len(reads) == 1


@pytest.mark.parametrize("damage", ["removed", "truncated", "ends-short"])
def test_a_segment_without_whole_listing_files_answers_from_stored_fields(
    tmp_path: Path, write_corpus: WriteCorpus, damage: str
) -> None:
    corpus, index_dir = write_corpus(tmp_path / "corpus"), tmp_path / "index"
    update_index(corpus, index_dir)
    expected = _answers(SearchEngine(index_dir))
    for strings in _listings(index_dir):
        ends = strings.with_suffix(".lse")
        if damage == "removed":
            strings.unlink()
        elif damage == "truncated":
            strings.write_bytes(strings.read_bytes()[:-3])
        else:
            ends.write_bytes(ends.read_bytes()[:-4])
    engine = SearchEngine(index_dir)
    assert all(seg.listing() is None for seg in engine._vectors().segments)
    assert _answers(engine) == expected
    assert any(expected)


def test_rows_keep_any_text_and_undecodable_file_names(tmp_path: Path) -> None:
    stem = tmp_path / "seg-listing"
    odd_path = "/corpus/b\udcc3d\udca9.txt"  # a name's undecodable bytes, as os.fsdecode gives
    rows = [
        {"id": "a", "date": "2025-07-01", "ward": "Bến Thành", "content_hash": "ff00"},
        {"id": "b", "doc": {"title": "Dòng 1\nDòng 2\x00", "path": odd_path}},
        {},
    ]
    writer = ListingWriter()
    for stored in rows:
        writer.add(stored)
    writer.write(stem)
    listing = open_listing(stem, len(rows))
    assert listing is not None
    assert listing.row(0) == ("a", "2025-07-01", "Bến Thành", "", "", "ff00")
    assert listing.row(1) == ("b", "", "", "Dòng 1\nDòng 2\x00", odd_path, "")
    assert listing.row(2) == ("",) * len(LISTED)
    assert open_listing(stem, len(rows) + 1) is None  # a row per document, or none used
