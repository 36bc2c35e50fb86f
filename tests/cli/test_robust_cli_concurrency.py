"""Item 4 through the command line: two `phuong index` on one corpus: the second exits with a
clear message naming the first, the first completes, nothing is corrupted. The first is paused
(SIGSTOP) while it holds the writer lock, so that the second meets it however fast the machine
builds; the deadline only keeps a run that never takes the lock from hanging the test."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.storage.store import LOCK


def test_a_second_phuong_index_exits_with_a_clear_message(
    tmp_path: Path, write_corpus, many_articles, phuong, phuong_args
) -> None:
    corpus = write_corpus(tmp_path / "corpus", many_articles(0, 1500))
    index_dir = tmp_path / "index"
    first = subprocess.Popen(
        phuong_args("index", str(corpus), "--index-dir", str(index_dir)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not _lock_holder(index_dir):  # the first run has taken the writer lock
            assert first.poll() is None and time.monotonic() < deadline, "never took the lock"
            time.sleep(0.02)
        os.kill(first.pid, signal.SIGSTOP)  # it holds the lock until it is let go on
        try:
            second = phuong("index", str(corpus), "--index-dir", str(index_dir))
        finally:
            os.kill(first.pid, signal.SIGCONT)
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
