"""Item 4: a reader stays open while `phuong index` in another process updates the index, and
answers with the new articles without a restart (the API at once, the reader within its watch
interval or on Ctrl+R); two `phuong index` on one corpus: the second exits with a clear message,
the first completes, nothing is corrupted."""

from __future__ import annotations

import asyncio
import subprocess
import threading
import time
from pathlib import Path

import pytest
from helpers import ARTICLES, write_corpus
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.storage.store import LOCK
from phuong_reader.tui.screens import main as main_screen_module
from test_robust_support import many_articles, phuong, phuong_args
from test_tui_support import main_screen, opened, settle

NEW = (
    " date 2027-01-05 Phường Tân Định khai trương thư viện số mới cho người dân.\n\n"
    "UBND phường Tân Định cho biết thư viện mở cửa cả tuần.\n\nLAN ANH"
)


def test_a_searcher_in_another_thread_sees_each_update_and_never_fails(
    built: tuple[Path, Path],
) -> None:
    corpus, index_dir = built
    engine = SearchEngine(index_dir)
    errors: list[BaseException] = []
    counts: set[int] = set()
    stop = threading.Event()

    def read_all_the_time() -> None:
        while not stop.is_set():
            try:
                result = engine.search("phường", limit=50)
                for hit in result.hits[:3]:
                    engine.article(hit.id)
                engine.ward_counts()
                counts.add(engine.doc_count())
            except BaseException as exc:  # any failure during an update is the bug
                errors.append(exc)
                return

    reader_thread = threading.Thread(target=read_all_the_time)
    reader_thread.start()
    try:
        for batch in range(3):  # three updates, each published while the thread reads
            write_corpus(corpus, many_articles(batch * 100, (batch + 1) * 100))
            proc = phuong("index", str(corpus), "--index-dir", str(index_dir))
            assert proc.returncode == 0, proc.stderr
            time.sleep(0.2)
    finally:
        stop.set()
        reader_thread.join(30)
    assert errors == []
    assert engine.doc_count() == len(ARTICLES) + 300  # the same engine, no restart
    assert [h.id for h in engine.search("k00250").hits] == ["00250"]
    assert len(ARTICLES) + 300 in counts  # the thread saw the last update as well


def test_readers_opening_the_index_while_it_is_replaced_never_fail(
    built: tuple[Path, Path],
) -> None:
    """Between reading the pointer and opening the generation it names, a reader may see that
    generation retired: it is kept a minute, and a missing one makes the pointer be re-read."""
    corpus, index_dir = built
    engine = SearchEngine(index_dir)
    errors: list[str] = []
    stop = threading.Event()

    def search_all_the_time() -> None:
        while not stop.is_set():
            try:
                engine.search("phường")
                engine.doc_count()
            except Exception as exc:
                errors.append(repr(exc))

    threads = [threading.Thread(target=search_all_the_time) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for i in range(25):  # 25 generations published in quick succession
            write_corpus(corpus, many_articles(i, i + 1))
            update_index(corpus, index_dir)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    assert errors == []
    assert engine.doc_count() == len(ARTICLES) + 25


@pytest.mark.asyncio
async def test_the_reader_shows_articles_indexed_by_another_process(
    built: tuple[Path, Path],
) -> None:
    corpus, index_dir = built
    async with opened(index_dir) as pilot:
        app = pilot.app
        screen = main_screen(app)
        assert screen.wards.total == len(ARTICLES)
        (corpus / "300_new.txt").write_text(NEW, "utf-8")
        proc = await asyncio.to_thread(phuong, "index", str(corpus), "--index-dir", str(index_dir))
        assert proc.returncode == 0, proc.stderr
        deadline = time.monotonic() + 3 * main_screen_module.WATCH_SECONDS + 5
        while screen.wards.total != len(ARTICLES) + 1 and time.monotonic() < deadline:
            await pilot.pause(0.1)
        await settle(pilot)
        assert screen.wards.total == len(ARTICLES) + 1
        assert screen.results.hits[0].id == "300_new"  # newest first
        still_open = screen.article.article
        assert (
            still_open is not None and still_open.id == "105_phuthohoa"
        )  # what was read stays open
        assert any("index was updated" in n.message for n in app._notifications)


@pytest.mark.asyncio
async def test_ctrl_r_shows_the_update_at_once(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index_dir = built
    monkeypatch.setattr(main_screen_module, "WATCH_SECONDS", 3600.0)  # no help from the timer
    async with opened(index_dir) as pilot:
        app = pilot.app
        screen = main_screen(app)
        await pilot.press("slash", *"thư viện số", "enter")
        await settle(pilot)
        assert screen.results.hits == []
        (corpus / "300_new.txt").write_text(NEW, "utf-8")
        proc = await asyncio.to_thread(phuong, "index", str(corpus), "--index-dir", str(index_dir))
        assert proc.returncode == 0, proc.stderr
        await pilot.pause(0.3)
        assert screen.results.hits == []  # not yet: the timer is off
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert [h.id for h in screen.results.hits] == ["300_new"]
        assert screen.wards.total == len(ARTICLES) + 1


def test_a_second_phuong_index_exits_with_a_clear_message(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", many_articles(0, 1500))
    index_dir = tmp_path / "index"
    first = subprocess.Popen(
        phuong_args("index", str(corpus), "--index-dir", str(index_dir)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _lock_holder(index_dir):  # the first run has taken the writer lock
            assert first.poll() is None and time.monotonic() < deadline, "never took the lock"
            time.sleep(0.02)
        second = phuong("index", str(corpus), "--index-dir", str(index_dir))
        assert second.returncode == 1
        message = " ".join(second.stderr.split())
        assert f"is being written by phuong index (pid {first.pid})" in message
        assert "try again when it finishes" in message and "Traceback" not in message
        out, err = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode == 0, err
    assert "Indexed 1500 new" in " ".join(out.split())
    assert SearchEngine(index_dir).doc_count() == 1500
    assert [p.name for p in index_dir.glob("gen-*.tmp")] == []


def _lock_holder(index_dir: Path) -> str:
    try:
        return (index_dir / LOCK).read_text().strip()
    except OSError:
        return ""
