"""The store of read marks and bookmarks (tui/marks.py, issue 15): kept per corpus across
instances, processes and reindexing; a changed article is unread again and keeps its bookmark;
concurrent writers lose nothing; a damaged file is kept aside and the marks start empty."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import phuong_reader.tui.marks as marks_module
import pytest
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.tui.marks import MARKS_FILE, Marks, MarksError, MarksOnDemand
from phuong_reader.tui.state import corpus_id, data_dir


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_marks_persist_across_instances_and_are_per_corpus(folder: Path) -> None:
    marks = Marks.open("corpus A", folder)
    marks.mark_read("101", "h1")
    marks.bookmark("102", "h2", "đọc lại", title="Phú Thạnh", date="2026-01-02", ward="Phú Thạnh")
    marks.close()
    again = Marks.open("corpus A", folder)
    assert again.notice is None and again.saved
    assert again.is_read("101", "h1") and not again.is_read("101", "h9")
    assert again.read_pairs() == {"101": "h1"}
    (bookmark,) = again.bookmarks()
    assert (bookmark.id, bookmark.note, bookmark.title, bookmark.date, bookmark.ward) == (
        "102",
        "đọc lại",
        "Phú Thạnh",
        "2026-01-02",
        "Phú Thạnh",
    )
    assert bookmark.content_hash == "h2" and bookmark.when[:2] == "20"
    other = Marks.open("corpus B", folder)
    assert other.read_pairs() == {} and other.bookmarks() == []


def test_read_toggles_and_follows_the_content_hash(folder: Path) -> None:
    marks = Marks.open("c", folder)
    assert marks.toggle_read("101", "h1") is True
    assert marks.is_read("101", "h1")
    marks.mark_read("101", "h2")  # read again in its new content: one mark, the new hash
    assert marks.read_pairs() == {"101": "h2"} and not marks.is_read("101", "h1")
    assert marks.toggle_read("101", "h2") is False
    assert marks.read_pairs() == {}
    marks.set_read("103", "h3", False)  # unread what was never read: nothing to do
    assert marks.read_pairs() == {}


def test_bookmarking_again_replaces_the_note_and_keeps_the_time(folder: Path) -> None:
    marks = Marks.open("c", folder)
    first = marks.bookmark("101", "h1", "  ghi chú  ", title="A")
    assert first.note == "ghi chú"
    second = marks.bookmark("101", "h2", "khác", title="A (sửa)")
    assert (second.note, second.content_hash, second.title) == ("khác", "h2", "A (sửa)")
    assert second.when == first.when
    assert marks.bookmarked_ids() == frozenset({"101"})
    assert marks.unbookmark("101") is True
    assert marks.unbookmark("101") is False
    assert not marks.is_bookmarked("101") and marks.bookmark_of("101") is None


def test_bookmarks_are_searchable_by_title_note_ward_and_id_without_accents(
    folder: Path,
) -> None:
    marks = Marks.open("c", folder)
    marks.bookmark(
        "101_tansonhoa", "h", "xem lại dịp Tết", title="Tổng kết năm", ward="Tân Sơn Hòa"
    )
    marks.bookmark("105_phuthohoa", "h", "", title="Tổ dân phố", ward="Phú Thọ Hòa")
    assert [b.id for b in marks.bookmarks("tet")] == ["101_tansonhoa"]
    assert [b.id for b in marks.bookmarks("TAN SON hoa")] == ["101_tansonhoa"]
    assert [b.id for b in marks.bookmarks("phuthohoa")] == ["105_phuthohoa"]
    assert {b.id for b in marks.bookmarks("hoa")} == {"101_tansonhoa", "105_phuthohoa"}
    assert marks.bookmarks("tết phú") == []  # every word must match
    assert [b.id for b in marks.bookmarks()] == ["105_phuthohoa", "101_tansonhoa"]  # newest first


def test_another_process_sees_the_marks_and_adds_its_own(folder: Path) -> None:
    Marks.open("c", folder).bookmark("101", "h1", "từ đây")
    script = (
        "import sys; from pathlib import Path; from phuong_reader.tui.marks import Marks\n"
        "m = Marks.open('c', Path(sys.argv[1]))\n"
        "print(','.join(b.note for b in m.bookmarks()))\n"
        "m.mark_read('102', 'h2')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "từ đây"
    assert Marks.open("c", folder).read_pairs() == {"102": "h2"}


WRITER = """
import sys
from pathlib import Path
from phuong_reader.tui.marks import Marks
marks = Marks.open("c", Path(sys.argv[1]))
name = sys.argv[2]
sys.stdin.readline()  # every writer starts together
for i in range(40):
    marks.bookmark(f"{name}-{i}", "h", f"note {i}")
    marks.mark_read(f"{name}-{i}", "h")
"""


def test_concurrent_processes_and_threads_lose_no_write(folder: Path) -> None:
    Marks.open("c", folder).close()  # the file exists before they race
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), f"p{n}"],
            stdin=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    shared = Marks.open("c", folder)

    def write(name: str) -> None:
        for i in range(40):
            shared.bookmark(f"{name}-{i}", "h")
            shared.mark_read(f"{name}-{i}", "h")

    threads = [threading.Thread(target=write, args=(f"t{n}",)) for n in range(2)]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0]
    final = Marks.open("c", folder)
    expected = {f"{name}-{i}" for name in ("p0", "p1", "p2", "t0", "t1") for i in range(40)}
    assert final.bookmarked_ids() == expected
    assert set(final.read_pairs()) == expected


def test_marks_survive_a_reindex_and_a_changed_article_is_unread_but_still_bookmarked(
    built: tuple[Path, Path], folder: Path
) -> None:
    corpus, index_dir = built
    name = corpus_id(index_dir)
    engine = SearchEngine(index_dir)
    marks = Marks.open(name, folder)
    for article_id in ("101_tansonhoa", "103_tansonnhat"):
        article = engine.article(article_id)
        marks.mark_read(article.id, article.content_hash)
        marks.bookmark(article.id, article.content_hash, title=article.title)
    marks.close()
    changed = corpus / "101_tansonhoa.txt"
    changed.write_text(changed.read_text("utf-8") + "\n\nPhường cập nhật số liệu.", "utf-8")
    update_index(corpus, index_dir)
    update_index(corpus, index_dir, rebuild=True)
    engine = SearchEngine(index_dir)
    again = Marks.open(corpus_id(index_dir), folder)  # a new instance, the same corpus
    now = engine.article("101_tansonhoa").content_hash
    assert not again.is_read("101_tansonhoa", now)
    assert again.is_read("103_tansonnhat", engine.article("103_tansonnhat").content_hash)
    assert again.bookmarked_ids() == {"101_tansonhoa", "103_tansonnhat"}
    assert again.bookmark_of("101_tansonhoa").content_hash != now  # type: ignore[union-attr]
    ids = {h.id for h in engine.search("is:unread", limit=50, marked=again).hits}
    assert "101_tansonhoa" in ids and "103_tansonnhat" not in ids
    ids = {h.id for h in engine.search("is:bookmarked tan son", limit=50, marked=again).hits}
    assert ids == {"101_tansonhoa", "103_tansonnhat"}


def test_a_damaged_file_is_kept_aside_and_the_marks_start_empty(folder: Path) -> None:
    folder.mkdir(parents=True)
    garbage = b"not SQLite at all\x00" * 300
    (folder / MARKS_FILE).write_bytes(garbage)
    marks = Marks.open("c", folder)
    assert marks.notice is not None and "damaged" in marks.notice
    (kept,) = folder.glob(f"{MARKS_FILE}.damaged-*")
    assert kept.name in marks.notice
    assert kept.read_bytes() == garbage  # nothing lost
    assert marks.saved and marks.bookmarks() == []
    marks.bookmark("101", "h")
    assert Marks.open("c", folder).notice is None
    assert Marks.open("c", folder).bookmarked_ids() == {"101"}


def test_a_database_of_another_shape_is_kept_aside_too(folder: Path) -> None:
    folder.mkdir(parents=True)
    with sqlite3.connect(folder / MARKS_FILE) as db:
        db.execute("CREATE TABLE bookmark (x)")
        db.execute("PRAGMA user_version = 1")
    marks = Marks.open("c", folder)
    assert marks.notice is not None and "damaged" in marks.notice
    assert len(list(folder.glob(f"{MARKS_FILE}.damaged-*"))) == 1
    marks.bookmark("101", "h")
    assert marks.bookmarked_ids() == {"101"}


def test_a_truncated_file_is_kept_aside(folder: Path) -> None:
    marks = Marks.open("c", folder)
    for i in range(300):
        marks.bookmark(f"{i:04d}", "h", "ghi chú " * 20)
    marks.close()
    whole = (folder / MARKS_FILE).read_bytes()
    (folder / MARKS_FILE).write_bytes(whole[: len(whole) // 2])
    reopened = Marks.open("c", folder)
    assert reopened.notice is not None and "damaged" in reopened.notice
    (kept,) = folder.glob(f"{MARKS_FILE}.damaged-*")
    assert kept.read_bytes() == whole[: len(whole) // 2]


def test_a_folder_that_cannot_be_made_keeps_marks_in_memory_and_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    marks = Marks.open("c", blocker / "data")
    assert marks.notice is not None and "cannot be saved" in marks.notice
    assert not marks.saved
    marks.mark_read("101", "h")
    assert marks.read_pairs() == {"101": "h"}
    assert blocker.read_text() == "in the way"


def test_a_write_that_cannot_be_made_is_a_marks_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(marks_module, "BUSY_TIMEOUT", 0)  # do not wait 10 s for the lock
    marks = Marks.open("c", folder)
    locker = sqlite3.connect(folder / MARKS_FILE, timeout=0)
    locker.execute("BEGIN EXCLUSIVE")  # another process holding the file as long as it likes
    try:
        with pytest.raises(MarksError, match="could not be saved"):
            marks.bookmark("101", "h")
    finally:
        locker.rollback()
        locker.close()
    marks.bookmark("101", "h")
    assert marks.bookmarked_ids() == {"101"}


def test_searching_reads_marks_on_demand_and_never_creates_the_file() -> None:
    on_demand = MarksOnDemand("c")
    assert on_demand.opened is None
    assert on_demand.read_pairs() == {} and on_demand.bookmarked_ids() == frozenset()
    assert on_demand.notice is None
    assert not (data_dir() / MARKS_FILE).exists()
    Marks.open("c").bookmark("101", "h")  # the user's data dir, as the reader uses it
    assert MarksOnDemand("c").bookmarked_ids() == {"101"}
