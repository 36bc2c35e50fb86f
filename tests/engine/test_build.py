"""Building and updating: incremental by content hash, atomic, reported file by file."""

import json
import os

import pytest
from phuong_reader.index.build import scan as scan_module
from phuong_reader.index.build import writer as build_writer
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.errors import IndexBusyError
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.storage.store import POINTER, writer_lock


def fail_on_add(monkeypatch: pytest.MonkeyPatch, call: int) -> None:
    """Make the build raise when it adds its ``call``-th document (a crash half-way)."""
    real_add = build_writer.index_one
    calls = {"n": 0}

    def failing_add(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == call:
            raise RuntimeError("disk full (simulated)")
        return real_add(*args, **kwargs)

    monkeypatch.setattr(build_writer, "index_one", failing_add)


def test_first_build_indexes_everything_and_reports_skips(corpus, tmp_path, articles) -> None:
    (corpus / "notes.md").write_text("not an article")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text("  \n\n ")
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (corpus / "sub").mkdir()
    report = update_index(corpus, tmp_path / "ix")
    assert report.full_rebuild and report.rebuild_reason == "no index yet"
    assert sorted(report.added) == sorted(articles)
    reasons = {s.path.rsplit("/", 1)[1]: s.reason for s in report.skipped}
    assert reasons["notes.md"] == "not a .txt file"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "only whitespace"
    assert "binary" in reasons["photo.txt"]
    assert "folder" in reasons["sub"]


def test_second_run_changes_nothing(built, articles) -> None:
    corpus, index_dir = built
    before = json.loads((index_dir / POINTER).read_text())
    report = update_index(corpus, index_dir)
    assert (report.added, report.updated, report.removed) == ([], [], [])
    assert report.unchanged == len(articles)
    assert json.loads((index_dir / POINTER).read_text()) == before


def test_unchanged_files_are_not_read_again(built, monkeypatch, articles) -> None:
    """An update trusts the recorded hash of a file whose path, size and modification time are
    those of the last build; a file touched since is read (and found unchanged)."""
    corpus, index_dir = built
    read: list[str] = []
    real_hash = scan_module.file_hash
    monkeypatch.setattr(scan_module, "file_hash", lambda p: read.append(p.name) or real_hash(p))
    touched = corpus / "101_tansonhoa.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    report = update_index(corpus, index_dir)
    assert read == ["101_tansonhoa.txt"]
    assert report.unchanged == len(articles) and not report.updated
    read.clear()
    (corpus / "102_phuthanh.txt").write_text(articles["102_phuthanh"] + " Thêm.", "utf-8")
    report = update_index(corpus, index_dir)
    # The touched file is hashed until a build writes a new manifest (this one does).
    assert sorted(read) == ["101_tansonhoa.txt", "102_phuthanh.txt"]
    assert report.updated == ["102_phuthanh"]
    read.clear()
    assert update_index(corpus, index_dir).unchanged == len(articles)
    assert read == []


def test_add_change_delete_is_reported_one_one_one(built, articles, ids) -> None:
    corpus, index_dir = built
    engine = SearchEngine(index_dir)
    assert ids(engine, "hàu") == ["108_scattered"]
    (corpus / "109_new.txt").write_text("Xã Bình Chánh khai trương chợ đêm mới.\n\nLAN ANH")
    changed = articles["108_scattered"].replace("nuôi hàu", "nuôi cá bớp")
    (corpus / "108_scattered.txt").write_text(changed)
    (corpus / "107_anphu.txt").unlink()
    report = update_index(corpus, index_dir)
    assert (report.added, report.updated, report.removed) == (
        ["109_new"],
        ["108_scattered"],
        ["107_anphu"],
    )
    assert report.unchanged == len(articles) - 2
    # The same engine notices the new generation: no restart, no stale documents.
    assert ids(engine, "chợ đêm") == ["109_new"]
    assert ids(engine, "hàu") == []
    assert ids(engine, "cá bớp") == ["108_scattered"]
    assert "107_anphu" not in ids(engine, "an phu")
    assert engine.doc_count() == len(articles)


def test_identical_content_under_two_names_is_indexed_once(corpus, tmp_path, articles) -> None:
    (corpus / "999_copy.txt").write_text(articles["104_vanhoa"])
    report = update_index(corpus, tmp_path / "ix")
    assert "999_copy" not in report.added
    assert any("duplicate of 104_vanhoa.txt" in s.reason for s in report.skipped)


def test_a_failure_mid_build_leaves_the_previous_index_answering(
    built, monkeypatch, articles, ids
) -> None:
    corpus, index_dir = built
    engine = SearchEngine(index_dir)
    before = ids(engine, "phường")
    for article_id in articles:  # every file changed: a full pass over the corpus
        path = corpus / f"{article_id}.txt"
        path.write_text(path.read_text() + " ")
    fail_on_add(monkeypatch, 4)
    with pytest.raises(RuntimeError, match="simulated"):
        update_index(corpus, index_dir)
    assert ids(SearchEngine(index_dir), "phường") == before
    assert ids(engine, "phường") == before
    assert [p.name for p in index_dir.glob("gen-*.tmp")] == []  # the aside build was removed
    monkeypatch.undo()
    report = update_index(corpus, index_dir)  # and the next run completes
    assert len(report.updated) == len(articles)


def test_a_full_rebuild_failure_also_keeps_the_old_index(built, monkeypatch, ids) -> None:
    corpus, index_dir = built
    before = ids(SearchEngine(index_dir), "tan son hoa")

    def broken(*args, **kwargs):
        raise KeyboardInterrupt  # the user pressing Ctrl+C half-way

    monkeypatch.setattr(build_writer, "index_one", broken)
    with pytest.raises(KeyboardInterrupt):
        update_index(corpus, index_dir, rebuild=True)
    assert ids(SearchEngine(index_dir), "tan son hoa") == before


def test_an_older_index_version_is_rebuilt_with_a_reason(built, articles) -> None:
    corpus, index_dir = built
    pointer = json.loads((index_dir / POINTER).read_text())
    pointer["version"] = "3-0123456789"  # an index written by older code
    (index_dir / POINTER).write_text(json.dumps(pointer))
    report = update_index(corpus, index_dir)
    assert report.full_rebuild
    assert "index format changed" in report.rebuild_reason
    assert len(report.added) == len(articles)


def test_a_second_writer_gets_a_clear_message(built) -> None:
    corpus, index_dir = built
    with writer_lock(index_dir), pytest.raises(IndexBusyError, match="being written by"):
        update_index(corpus, index_dir)


def test_progress_is_reported(corpus, tmp_path, articles) -> None:
    seen = []
    update_index(
        corpus, tmp_path / "ix", progress=lambda done, total, name: seen.append((done, total))
    )
    assert seen[-1] == (len(articles), len(articles))
    assert [d for d, _ in seen] == list(range(1, len(articles) + 1))


def test_repaired_files_are_indexed_and_reported(corpus, tmp_path, ids) -> None:
    (corpus / "110_legacy.txt").write_bytes(
        "Phường Gia Định tổ chức lễ ra quân chiến dịch mùa hè xanh.\n\nTHÙY DUNG".encode("utf-16")
    )
    (corpus / "111_crlf.txt").write_bytes(
        b"Ph\xc6\xb0\xe1\xbb\x9dng An Kh\xc3\xa1nh h\xe1\xbb\x8dp.\x07\r\n\r\nMAI"
    )
    report = update_index(corpus, tmp_path / "ix")
    assert {"110_legacy", "111_crlf"} <= set(report.added)
    repaired = dict(report.repaired)
    assert any("111_crlf" in p for p in repaired)
    engine = SearchEngine(tmp_path / "ix")
    assert ids(engine, "mua he xanh") == ["110_legacy"]
    assert ids(engine, "an khanh")[0] == "111_crlf"


def test_a_skipped_file_is_reported_every_run_but_read_once(built) -> None:
    corpus, index_dir = built
    (corpus / "empty.txt").write_bytes(b"")
    first = update_index(corpus, index_dir)
    assert [s.reason for s in first.skipped] == ["empty file"]
    pointer = json.loads((index_dir / POINTER).read_text())
    again = update_index(corpus, index_dir)  # nothing changed: no new generation
    assert [s.reason for s in again.skipped] == ["empty file"]
    assert json.loads((index_dir / POINTER).read_text()) == pointer
    assert (again.added, again.updated, again.removed) == ([], [], [])
    (corpus / "empty.txt").write_text("Phường An Khánh mở lớp học bơi miễn phí.\n\nMAI")
    fixed = update_index(corpus, index_dir)
    assert fixed.added == ["empty"] and fixed.skipped == []
    (corpus / "empty.txt").write_bytes(b"")
    broken = update_index(corpus, index_dir)
    assert broken.removed == ["empty"]
    (corpus / "empty.txt").unlink()
    gone = update_index(corpus, index_dir)
    assert gone.removed == [] and gone.skipped == []


def test_an_update_freezes_what_it_read_and_lets_it_go_after(built, monkeypatch, articles) -> None:
    """While an update reads and writes articles, the manifest and the scan it made are out of
    the cycle collector's sight (``gc.freeze``); after it, they are back, even when it fails.
    In a process that froze objects of its own (the reader), the update leaves them frozen."""
    import gc

    corpus, index_dir = built
    frozen: list[int] = []
    real_write = build_writer._write

    def write(*args, **kwargs):
        frozen.append(gc.get_freeze_count())
        return real_write(*args, **kwargs)

    monkeypatch.setattr(build_writer, "_write", write)
    was_frozen = gc.get_freeze_count()
    gc.unfreeze()  # as in a fresh process (given back below)
    try:
        (corpus / "extra.txt").write_text(
            articles["108_scattered"].replace("hàu", "cá bớp"), "utf-8"
        )
        update_index(corpus, index_dir)
        assert frozen[0] > 100  # the manifest's entries at least
        assert gc.get_freeze_count() == 0
        fail_on_add(monkeypatch, 1)
        (corpus / "extra2.txt").write_text(articles["107_anphu"] + "\n\nThêm một dòng.", "utf-8")
        with pytest.raises(RuntimeError):
            update_index(corpus, index_dir)
        assert gc.get_freeze_count() == 0
        monkeypatch.undo()
        gc.freeze()  # the reader's own, frozen after its first results
        mine = gc.get_freeze_count()
        (corpus / "extra3.txt").write_text(articles["106_anphudong"] + "\n\nMột dòng nữa.", "utf-8")
        assert sorted(update_index(corpus, index_dir).added) == ["extra2", "extra3"]
        assert gc.get_freeze_count() > mine // 2  # not given back (a few died meanwhile)
    finally:
        if not was_frozen:
            gc.unfreeze()
