"""Item 3: `phuong index` killed (SIGKILL) at several points of a large build and of an
incremental update: the previous index opens and answers the same queries, no process of the
killed run lives on, and the next run completes, says the last one was interrupted, and leaves
no stale generation."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.storage import store as store_module
from phuong_reader.index.storage.store import (
    LOCK,
    RETIRED_GRACE_SECONDS,
    interrupted_writer,
    read_pointer,
)

QUERIES = ["phường", "tan son hoa", "k00042", "k01999", "k02400", "", "3 tập thể", "date:2026-01"]
BASE, ADDED = 2000, 500  # a full build of 2,500 files uses the 2-process writer


def answers(index_dir: Path) -> dict[str, tuple[int, list[str]]]:
    """What the index answers to QUERIES: total and the first 20 ids, and its size."""
    engine = SearchEngine(index_dir)
    try:
        out = {q: (r.total, [h.id for h in r.hits]) for q in QUERIES for r in [engine.search(q)]}
        out["#docs"] = (engine.doc_count(), [])
        return out
    finally:
        engine.close()


def processes_of(index_dir: Path) -> list[int]:
    """Pids of any process whose command line names ``index_dir`` (a killed run's children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if os.fsencode(index_dir) in cmdline:
                found.append(int(entry.name))
    return found


def kill_during(
    phuong_args: Callable[..., list[str]],
    args: list[str],
    index_dir: Path,
    seconds: float,
    writing: bool,
) -> None:
    """Start ``phuong ARGS`` and SIGKILL it ``seconds`` after it starts (``writing`` False) or
    after its new generation appears (True). Only the main process is killed: its indexing
    subprocesses must follow by themselves; the test waits until none is left. (The seconds
    choose where the kill lands: a machine that builds the corpus before the latest kill fails
    with "make the corpus larger". The 120 s deadlines only keep a stuck run from hanging the
    test; no speed is asserted.)"""
    proc = subprocess.Popen(
        phuong_args(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    started = time.monotonic()
    try:
        while writing and not list(index_dir.glob("gen-*.tmp")):
            if proc.poll() is not None or time.monotonic() - started > 120:
                pytest.fail("the build never started writing a generation")
            time.sleep(0.01)
        proc.wait(timeout=seconds)
        pytest.fail("the build finished before the kill: make the corpus larger")
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=120)
    deadline = time.monotonic() + 120
    while (left := processes_of(index_dir)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in left:  # clean up before failing, these are processes this test started
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes of the killed run still alive: {left}"


@pytest.fixture(scope="module")
def pending_update(
    tmp_path_factory: pytest.TempPathFactory, write_corpus, many_articles
) -> tuple[Path, Path, dict]:
    """(corpus, index_dir, answers): an index of BASE articles, then ADDED more in the folder
    and 200 changed, so that the next run has real work to do."""
    root = tmp_path_factory.mktemp("crash")
    corpus = write_corpus(root / "corpus", many_articles(0, BASE))
    update_index(corpus, root / "index")
    before = answers(root / "index")
    write_corpus(corpus, many_articles(BASE, BASE + ADDED))
    write_corpus(corpus, many_articles(0, 200, variant="b"))
    return corpus, root / "index", before


def lock_is_free(index_dir: Path) -> bool:
    """True when nobody holds the writer lock (checked without taking it for good)."""
    with open(index_dir / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return True


def assert_intact(index_dir: Path, before: dict, mid_write: bool) -> None:
    """Same answers, the lock free; a kill while writing is known to the next writer."""
    assert answers(index_dir) == before
    assert lock_is_free(index_dir)
    staged = list(index_dir.glob("gen-*.tmp"))
    if mid_write:
        assert staged, "killed before the build started writing: kill later"
    if staged:
        assert interrupted_writer(index_dir) is not None


# (seconds, counted from the start or from the first write): while Python starts, while the
# corpus is scanned, as the generation is created, and while both indexing processes write.
FULL_BUILD_KILLS = [(0.3, False), (1.0, False), (0.0, True), (0.8, True), (1.6, True)]


@pytest.mark.parametrize(("seconds", "writing"), FULL_BUILD_KILLS)
def test_killing_a_full_rebuild_keeps_the_previous_index(
    pending_update, phuong_args, seconds, writing
) -> None:
    corpus, index_dir, before = pending_update
    args = ["index", str(corpus), "--index-dir", str(index_dir), "--rebuild"]
    kill_during(phuong_args, args, index_dir, seconds, writing)
    assert_intact(index_dir, before, mid_write=writing)


@pytest.mark.parametrize("seconds", [0.05, 0.5])
def test_killing_an_incremental_update_keeps_the_previous_index(
    pending_update, phuong_args, seconds: float
) -> None:
    corpus, index_dir, before = pending_update
    args = ["index", str(corpus), "--index-dir", str(index_dir)]
    kill_during(phuong_args, args, index_dir, seconds, True)
    assert_intact(index_dir, before, mid_write=True)


def test_the_next_run_completes_and_cleans_up(pending_update, phuong) -> None:
    """Runs after the kills above (file order); on its own it checks a clean update."""
    corpus, index_dir, before = pending_update
    killed = interrupted_writer(index_dir)
    proc = phuong("index", str(corpus), "--index-dir", str(index_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    assert ("was interrupted before it finished" in proc.stderr) is (killed is not None)
    after = answers(index_dir)
    assert after["#docs"][0] == BASE + ADDED
    assert after["k02400"][1] == ["02400"] and before["k02400"][0] == 0
    assert after["k01999"] == before["k01999"]  # unchanged
    assert after["k00042"] == (0, []) and before["k00042"] == (1, ["00042"])  # changed
    assert_clean(index_dir)
    assert interrupted_writer(index_dir) is None  # a clean exit leaves nothing to report


def assert_clean(index_dir: Path) -> None:
    """No leftover of a killed run; retired generations go once their minute of grace is over
    (the next run that has nothing to do still cleans up)."""
    live = read_pointer(index_dir)["generation"]
    assert not list(index_dir.glob("gen-*.tmp")) and not (index_dir / "current.json.tmp").exists()
    for retired in index_dir.glob("gen-*"):
        if retired.name != live:
            os.utime(retired, (0, time.time() - 2 * RETIRED_GRACE_SECONDS))
    update_index(Path(read_pointer(index_dir)["corpus"]), index_dir)
    assert [p.name for p in index_dir.glob("gen-*")] == [live]


# -- a crash at each step of publishing, exactly (os._exit in a forked child = a kill) --------


@pytest.mark.parametrize("step", ["fsync", "rename", "pointer", "replace"])
def test_a_crash_at_each_step_of_publishing_leaves_a_working_index(
    tmp_path: Path, step: str, articles, write_corpus, many_articles
) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    update_index(corpus, index_dir)
    before = answers(index_dir)
    write_corpus(corpus, many_articles(0, 3))
    pid = os.fork()
    if pid == 0:  # the child dies at ``step``, as if killed there
        _die_at(step)
        try:
            update_index(corpus, index_dir)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    after = answers(index_dir)
    new_is_live = step == "replace"  # the pointer was replaced: the update is published
    assert (after == before) is not new_is_live
    assert read_pointer(index_dir)["generation"]
    note = interrupted_writer(index_dir)
    assert note is not None and str(pid) in note
    report = update_index(corpus, index_dir)  # the next run completes
    assert report.total == len(articles) + 3
    assert_clean(index_dir)


def _die_at(step: str) -> None:
    """Patch index.store (in the forked child only) so that it exits at ``step``."""
    store = store_module
    real_rename = Path.rename

    def exit_now(*_args: object, **_kwargs: object) -> None:
        os._exit(9)

    def rename_then_exit(self: Path, target: Path) -> None:
        real_rename(self, target)
        os._exit(9)

    if step == "fsync":  # the generation is complete, not yet flushed nor renamed
        store._fsync_tree = exit_now  # type: ignore[assignment]
    elif step == "rename":  # renamed from .tmp, not yet named by the pointer
        Path.rename = rename_then_exit  # type: ignore[assignment,method-assign]
    elif step == "pointer":  # the new pointer written aside, not yet in place
        store.os.replace = exit_now  # type: ignore[assignment]
    else:  # the pointer replaced: published, but the old generation not yet removed
        store.remove_stale = exit_now  # type: ignore[assignment]
