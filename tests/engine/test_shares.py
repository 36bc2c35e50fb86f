"""A worker's share of the files, packed: the same files come out, for a fraction of the memory."""

from __future__ import annotations

import pickle
import tracemalloc

from phuong_reader.index.build.scan import CorpusFile
from phuong_reader.index.build.shares import PackedShare


def share_of(count: int) -> list[tuple[int, CorpusFile]]:
    names = ["bài-viết", "Tân Sơn Hòa (1)", "a.b", "bad-\udcff-name"]  # not UTF-8 on disk
    return [
        (
            i * 2 + 1,
            CorpusFile(
                f"{names[i % 4]}-{i}",
                f"/kho/tin tức/{names[i % 4]}-{i}.txt",
                f"{i:064x}",
                10 + i,
                20 + i,
                True,
            ),
        )
        for i in range(count)
    ]


def test_the_packed_share_gives_back_each_files_position_id_path_and_hash() -> None:
    share = share_of(50)
    packed = pickle.loads(pickle.dumps(PackedShare.of(share)))
    back = list(packed.files())
    assert len(back) == 50
    assert [(p, f.id, f.where, f.content_hash) for p, f in back] == [
        (p, f.id, f.where, f.content_hash) for p, f in share
    ]
    assert list(PackedShare.of([]).files()) == []
    one = share_of(1)
    assert [(p, f.where) for p, f in PackedShare.of(one).files()] == [(1, one[0][1].where)]


def held(blob: bytes) -> int:
    """Bytes still allocated by what unpickling ``blob`` made."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = pickle.loads(blob)
        size = tracemalloc.get_traced_memory()[0] - before
        del kept
        return size
    finally:
        tracemalloc.stop()


def test_a_packed_share_holds_a_quarter_of_the_memory_of_its_files() -> None:
    share = share_of(2_000)
    assert held(pickle.dumps(PackedShare.of(share))) * 4 < held(pickle.dumps(share))
