"""The saved arrays' doc numbers: two bytes each in a segment of at most 65,536 documents, four
in a larger one, and files an older build wrote (four bytes, ``.ids``) still read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from phuong_reader.index.build.hotarrays import HotFieldWriter
from phuong_reader.index.storage.hot import HotTerms, stem_of


def saved(folder: Path, doc_count: int, postings: dict[str, list[int]]) -> HotTerms:
    stem = stem_of(folder, f"seg{doc_count}", "body_folded")
    writer = HotFieldWriter(stem, whole=True, doc_count=doc_count)
    for term, ids in postings.items():
        writer.add(term, ids, [1.0 + i % 3 for i in range(len(ids))])
    writer.close()
    return HotTerms(stem)


def test_a_small_segment_saves_two_bytes_a_doc_number(tmp_path: Path) -> None:
    postings = {"phuong": [0, 7, 65_535], "dan": [3, 4]}
    hot = saved(tmp_path, 65_536, postings)
    assert (tmp_path / "seg65536-body_folded.i16").stat().st_size == 2 * 5
    assert not (tmp_path / "seg65536-body_folded.ids").exists()
    ids, tfs = hot.get("phuong")  # type: ignore[misc]
    assert ids.tolist() == [0, 7, 65_535] and tfs.tolist() == [1.0, 2.0, 3.0]
    assert hot.live_counts(np.array([True] * 65_536)) == {"phuong": 3, "dan": 2}


def test_a_large_segment_and_an_older_build_keep_four_bytes(tmp_path: Path) -> None:
    postings = {"phuong": [1, 65_536, 99_999]}
    hot = saved(tmp_path, 100_000, postings)
    assert (tmp_path / "seg100000-body_folded.ids").stat().st_size == 4 * 3
    assert hot.get("phuong")[0].tolist() == [1, 65_536, 99_999]  # type: ignore[index]
    # An index written before: the same arrays as four-byte ``.ids``, read as they were.
    small = saved(tmp_path, 10, {"dan": [2, 9]})
    short = tmp_path / "seg10-body_folded.i16"
    older = short.with_suffix(".ids")
    older.write_bytes(np.frombuffer(short.read_bytes(), np.uint16).astype(np.uint32).tobytes())
    short.unlink()
    assert HotTerms(older.with_suffix("")).get("dan")[0].tolist() == [2, 9]  # type: ignore[index]
    assert small.terms() == ["dan"]
