"""A fresh build in worker processes (``index.build.parallel``): the same index as one process
writes, segments bounded by memory, and nothing published when a worker or the parent fails."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from phuong_reader.index import IndexBuildError
from phuong_reader.index.build import changes as changes_module
from phuong_reader.index.build import parallel, segwriter
from phuong_reader.index.build import writer as build_writer
from phuong_reader.index.build.scan import scan_corpus
from phuong_reader.index.build.shares import PackedShare
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.query.people import people_lines
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.storage.store import live_generation
from whoosh import index as whoosh_index

QUERIES = ["phường", "tan son hoa", "ủy ban nhân dân", "nguyen", "2025", "hoà", "trường học"]


def answers(index_dir: Path) -> dict[str, Any]:
    engine = SearchEngine(index_dir)
    try:
        found = {q: sorted(h.id for h in engine.search(q, limit=500).hits) for q in QUERIES}
        found["#docs"] = engine.doc_count()
        found["people"] = sorted(map(repr, people_lines(live_generation(index_dir))))
        return found
    finally:
        engine.close()


def segment_count(index_dir: Path) -> int:
    with whoosh_index.open_dir(str(next(index_dir.glob("gen-*")))).searcher() as searcher:
        return len(searcher.reader().leaf_readers())


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The worker processes the builds of the test start (Popen objects)."""
    procs: list[Any] = []
    real = parallel._spawn

    def recording(*args: Any) -> Any:
        proc, log = real(*args)
        procs.append(proc)
        return proc, log

    monkeypatch.setattr(parallel, "_spawn", recording)
    return procs


@pytest.fixture
def big_corpus(tmp_path: Path, write_corpus, many_articles) -> Path:
    return write_corpus(tmp_path / "corpus", many_articles(0, 60))


@pytest.fixture
def write_big(big_corpus: Path, write_corpus, many_articles) -> Any:
    """``write_big(start, stop, variant="")``: those of ``many_articles`` into ``big_corpus``."""
    return lambda *args, **kwargs: write_corpus(big_corpus, many_articles(*args, **kwargs))


def test_workers_build_what_one_process_builds(
    big_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[Any]
) -> None:
    update_index(big_corpus, tmp_path / "one")
    assert started == []  # below PARALLEL_FROM: this process wrote it
    monkeypatch.setattr(build_writer, "PARALLEL_FROM", 10)
    report = update_index(big_corpus, tmp_path / "two")
    assert len(started) == 2 and all(p.returncode == 0 for p in started)
    assert report.total == 60 and len(report.added) == 60
    one = answers(tmp_path / "one")
    assert one["people"] and all(one[q] for q in ("phường", "tan son hoa"))
    assert answers(tmp_path / "two") == one
    assert segment_count(tmp_path / "two") == 2


def test_a_writer_writes_a_segment_each_time_its_postings_reach_the_limit(
    big_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    update_index(big_corpus, tmp_path / "one")
    monkeypatch.setattr(build_writer, "SEGMENT_MB", 0.014)  # about 14 KB of postings
    monkeypatch.setattr(segwriter, "SMALL_SEGMENTS", 1_000)  # the last commit merges none
    update_index(big_corpus, tmp_path / "here")  # one process, below PARALLEL_FROM
    monkeypatch.setattr(build_writer, "PARALLEL_FROM", 10)
    update_index(big_corpus, tmp_path / "workers")
    expected = answers(tmp_path / "one")
    assert segment_count(tmp_path / "one") == 1
    # One process commits a segment at each limit (its last commit would merge them, with
    # more than SMALL_SEGMENTS: ``segwriter.merge_small``); workers leave theirs as they are.
    assert segment_count(tmp_path / "here") > 1
    assert segment_count(tmp_path / "workers") > 6
    for built in ("here", "workers"):
        assert answers(tmp_path / built) == expected
    # An update afterwards (one process, Whoosh merging the small segments) answers the same.
    (big_corpus / "extra.txt").write_text("Phường Tân Sơn Hòa mở lớp học bơi.\n\nMAI", "utf-8")
    assert update_index(big_corpus, tmp_path / "workers").added == ["extra"]
    assert "extra" in answers(tmp_path / "workers")["tan son hoa"]


def kill_a_worker(started: list[Any]) -> Any:
    def kill_one(done: int, total: int, name: str) -> None:
        if done == 3:
            os.kill(started[0].pid, signal.SIGKILL)

    return kill_one


def interrupt_the_parent(started: list[Any]) -> Any:
    def interrupt(done: int, total: int, name: str) -> None:
        if done == 5:
            raise KeyboardInterrupt

    return interrupt


FAILURES = [
    (kill_a_worker, IndexBuildError, r"indexing process stopped \(exit code -9\)"),
    (interrupt_the_parent, KeyboardInterrupt, None),
]


@pytest.mark.parametrize("kind", ["full build", "update"])
@pytest.mark.parametrize(("failure", "error", "message"), FAILURES)
def test_a_failed_build_stops_every_worker_and_the_previous_index_answers(
    big_corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    started: list[Any],
    write_big: Any,
    kind: str,
    failure: Any,
    error: type[BaseException],
    message: str | None,
) -> None:
    """A full build in two workers, or an update in the worker that stood by while it
    scanned: a worker killed or the parent interrupted stops them all, publishes nothing."""
    index_dir = tmp_path / "ix"
    update_index(big_corpus, index_dir)
    before = answers(index_dir)
    if kind == "update":
        write_big(0, 60, variant="b")  # every article changed
        monkeypatch.setattr(build_writer, "WORKER_UPDATE_FROM", 60)
    else:
        monkeypatch.setattr(build_writer, "PARALLEL_FROM", 10)
    with pytest.raises(error, match=message):
        rebuild = kind == "full build"
        update_index(big_corpus, index_dir, progress=failure(started), rebuild=rebuild)
    assert len(started) == (2 if kind == "full build" else 1)
    assert all(p.poll() is not None for p in started)
    assert answers(index_dir) == before
    assert not list(index_dir.glob("gen-*.tmp"))


def test_a_lost_segment_publishes_nothing(
    big_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count check stays: an index holding fewer articles than its manifest lists is never
    published (Whoosh's own 2-process writer once dropped a late segment without a word)."""
    index_dir = tmp_path / "ix"
    update_index(big_corpus, index_dir)
    before = answers(index_dir)
    monkeypatch.setattr(build_writer, "PARALLEL_FROM", 10)
    real = build_writer.commit_segments
    monkeypatch.setattr(build_writer, "commit_segments", lambda ix, segs: real(ix, segs[1:]))
    with pytest.raises(IndexBuildError, match=r"holds \d+ of the 60 articles read"):
        update_index(big_corpus, index_dir, rebuild=True)
    assert answers(index_dir) == before
    assert not list(index_dir.glob("gen-*.tmp"))


def report_summary(report: Any) -> tuple[Any, ...]:
    skipped = sorted((Path(s.path).name, s.reason) for s in report.skipped)
    lists = (report.added, report.updated, report.removed)
    return (*map(sorted, lists), skipped, report.unchanged, report.total)


def test_an_update_of_a_large_corpus_reads_in_a_worker_started_before_the_scan(
    big_corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    started: list[Any],
    write_big: Any,
) -> None:
    """From ``writer.WORKER_UPDATE_FROM`` files, an update starts a worker before it scans the
    folder and gives it the articles to read; from ``PARALLEL_FROM`` articles to read, it
    starts ``WORKERS`` then: the same index and report as one process."""
    for name in ("here", "worker", "two"):
        update_index(big_corpus, tmp_path / name)
    write_big(60, 64)  # new
    write_big(0, 40, variant="b")  # changed: over one batch
    (big_corpus / "00041.txt").unlink()
    (big_corpus / "00042.txt").write_bytes(b"")  # indexed before, not any more
    here = update_index(big_corpus, tmp_path / "here")
    assert started == []  # below WORKER_UPDATE_FROM
    monkeypatch.setattr(build_writer, "WORKER_UPDATE_FROM", 60)
    at_scan: list[int] = []
    real_scan = changes_module.scan_corpus

    def scan(*args: Any) -> Any:
        at_scan.append(len(started))
        return real_scan(*args)

    monkeypatch.setattr(changes_module, "scan_corpus", scan)
    there = update_index(big_corpus, tmp_path / "worker")
    assert at_scan == [1] and len(started) == 1 and started[0].returncode == 0
    assert report_summary(there) == report_summary(here)
    assert len(here.added) == 4 and len(here.updated) == 40 and len(here.removed) == 2
    assert answers(tmp_path / "worker") == answers(tmp_path / "here")
    monkeypatch.setattr(build_writer, "WORKER_UPDATE_FROM", 50_000)
    monkeypatch.setattr(build_writer, "PARALLEL_FROM", 10)  # 48 to read
    two = update_index(big_corpus, tmp_path / "two")
    assert at_scan == [1, 1] and len(started) == 3
    assert all(proc.returncode == 0 for proc in started[1:])
    assert report_summary(two) == report_summary(here)
    assert answers(tmp_path / "two") == answers(tmp_path / "here")


def test_a_worker_standing_by_is_stopped_when_the_update_has_nothing_to_read(
    big_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[Any]
) -> None:
    index_dir = tmp_path / "ix"
    update_index(big_corpus, index_dir)
    live = live_generation(index_dir)
    monkeypatch.setattr(build_writer, "WORKER_UPDATE_FROM", 60)
    assert update_index(big_corpus, index_dir).unchanged == 60
    assert live_generation(index_dir) == live  # nothing published
    (big_corpus / "00007.txt").unlink()
    assert update_index(big_corpus, index_dir).removed == ["00007"]
    assert len(started) == 2 and all(proc.poll() is not None for proc in started)
    assert "00007" not in answers(index_dir)["phường"]


def test_a_worker_standing_by_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    """Killed before it handed anything out, the update leaves no worker behind: the worker
    waits for its share on a pipe that the parent's death closes."""
    script = (
        "import sys, pathlib\n"
        "from phuong_reader.index.build.parallel import standing_by\n"
        "with standing_by(pathlib.Path(sys.argv[1]), True) as procs:\n"
        "    print(procs[0][0].pid, flush=True)\n"
        "    sys.stdin.read()\n"
    )
    pipe = subprocess.PIPE
    parent = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdin=pipe, stdout=pipe, text=True
    )
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 60  # only keeps a stuck worker from hanging the test
    while Path(f"/proc/{worker}").exists() and _state(worker) != "Z":
        assert time.monotonic() < deadline, "the worker outlived its parent"
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_an_article_no_worker_reports_publishes_nothing(
    big_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every article handed out comes back as indexed or not, or the build fails: its facts
    would be missing (they are committed when the last one comes)."""
    index_dir = tmp_path / "ix"
    update_index(big_corpus, index_dir)
    before = answers(index_dir)
    monkeypatch.setattr(build_writer, "PARALLEL_FROM", 10)
    real = parallel.Running.__iter__

    def losing_one(self: Any) -> Any:
        outcomes = real(self)
        for outcome in outcomes:
            if isinstance(outcome, parallel.Indexed):
                break  # the first article's report is lost
            yield outcome
        yield from outcomes

    monkeypatch.setattr(parallel.Running, "__iter__", losing_one)
    with pytest.raises(IndexBuildError, match=r"reported 59 of the 60 articles"):
        update_index(big_corpus, index_dir, rebuild=True)
    assert answers(index_dir) == before
    assert not list(index_dir.glob("gen-*.tmp"))


def _segment_sizes(big_corpus: Path, staged: Path, sizes: tuple[float, float]) -> list[int]:
    """The documents of each segment one worker writes (in this process) for the corpus."""
    whoosh_index.create_in(str(staged), build_writer.make_schema())
    files, _ = scan_corpus(big_corpus)
    messages: list[Any] = []
    parallel._work(
        str(staged), PackedShare.of(list(enumerate(files))), sizes, messages.append, os.getppid()
    )
    assert messages[-1][0] == "segments", messages[-1]
    return [segment.doc_count_all() for segment in messages[-1][1]]


def test_the_workers_write_their_first_segments_at_different_sizes(
    big_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker k of n writes its first segment at (k + 1) / n of the limit, so the workers'
    peaks of memory (a full pool, then its sort) come at different times; the segments after
    it are full ones."""
    (tmp_path / "even").mkdir()
    (tmp_path / "first-half").mkdir()
    even = _segment_sizes(big_corpus, tmp_path / "even", (0.04, 0.04))
    staggered = _segment_sizes(big_corpus, tmp_path / "first-half", (0.02, 0.04))
    assert sum(even) == sum(staggered) == 60 and len(even) >= 3
    assert staggered[0] < even[0] and staggered[1] >= even[0] - 2
    files, _ = scan_corpus(big_corpus)  # two workers, as a build runs them
    (tmp_path / "two").mkdir()
    whoosh_index.create_in(str(tmp_path / "two"), build_writer.make_schema())
    with closing(parallel.run_workers(tmp_path / "two", files, 0.04, workers=2)) as running:
        firsts = sorted(out[0].doc_count_all() for out in running if isinstance(out, list))
    assert len(firsts) == 2 and firsts[0] <= 0.75 * firsts[1]


def test_a_worker_maps_its_large_blocks_at_any_size(tmp_path: Path) -> None:
    """Workers run with glibc's mmap threshold fixed (``parallel.MALLOC_ENV``): the memory of
    a segment's arrays goes back to the system once the segment is written."""
    with parallel.standing_by(tmp_path, True) as procs:
        proc = Path(f"/proc/{procs[0][0].pid}")
        deadline = time.monotonic() + 60  # only keeps a stuck start from hanging the test
        while b"phuong_reader" not in (proc / "cmdline").read_bytes():  # until it has exec'd
            assert time.monotonic() < deadline, "the worker did not start"
            time.sleep(0.01)
        environ = (proc / "environ").read_bytes().split(b"\0")
    assert b"MALLOC_MMAP_THRESHOLD_=1048576" in environ
