"""Build or update the index of a corpus folder: only what changed is re-read, nothing is lost.

Every run writes a new generation aside and publishes it atomically (see ``index.store``), so an
exception or a kill in the middle leaves the previous index answering queries.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phuong_reader.index.build.changes import (
    Changes,
    LiveState,
    current_state,
    find_changes,
    refresh_stamps,
)
from phuong_reader.index.build.hotarrays import write_hot_postings
from phuong_reader.index.build.manifest import Manifest
from phuong_reader.index.build.parallel import (
    Indexed,
    NotIndexed,
    commit_segments,
    index_one,
    run_workers,
    standing_by,
    storage_of,
)
from phuong_reader.index.build.scan import CorpusFile, Skipped
from phuong_reader.index.build.schema import make_schema
from phuong_reader.index.build.segwriter import ArraySegmentWriter
from phuong_reader.index.errors import IndexBuildError
from phuong_reader.index.storage.facts import FactsWhenCopied
from phuong_reader.index.storage.store import new_generation, publish, remove_stale, writer_lock
from phuong_reader.index.storage.version import INDEX_VERSION

PARALLEL_FROM = 1000  # a fresh build of at least this many files uses WORKERS processes
WORKERS = 2
# An update of a corpus of at least this many files starts a worker before it scans: reading
# the manifest and scanning take ~0.7 s at 100,000 files here (so about half at 50,000), which
# hides the worker's start (0.3–0.4 s); below, the update waits for the worker or reads itself.
WORKER_UPDATE_FROM = 50_000
SEGMENT_MB = 55  # a worker's postings in memory before it writes a segment (~7,400 articles)
Progress = Callable[[int, int, str], None]


@dataclass
class BuildReport:
    """What a run of ``update_index`` did, file by file."""

    index_dir: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    repaired: list[tuple[str, list[str]]] = field(default_factory=list)
    full_rebuild: bool = False
    rebuild_reason: str = ""
    seconds: float = 0.0

    @property
    def total(self) -> int:
        """Articles in the index after the run."""
        return self.unchanged + len(self.added) + len(self.updated)


def update_index(
    corpus: Path,
    index_dir: Path,
    progress: Progress | None = None,
    rebuild: bool = False,
) -> BuildReport:
    """Bring the index in ``index_dir`` up to date with the ``*.txt`` files of ``corpus``."""
    started = time.perf_counter()
    report = BuildReport(str(index_dir))
    with writer_lock(index_dir):
        with _collector_paused():
            state = current_state(index_dir, corpus, rebuild)
        with standing_by(index_dir, _worth_a_worker(state)) as helpers:
            with _collector_paused():
                changes = find_changes(corpus, state.manifest)
            report.skipped, report.unchanged = changes.skipped, changes.unchanged
            report.full_rebuild, report.rebuild_reason = state.base is None, state.rebuild_reason
            if state.base is not None and not changes.to_read and not changes.removed:
                remove_stale(index_dir, keep=state.base.name)
                report.seconds = time.perf_counter() - started
                return report
            with _long_lived_frozen():
                _stage(index_dir, corpus, state, changes, helpers, report, progress)
    report.seconds = time.perf_counter() - started
    return report


def _worth_a_worker(state: LiveState) -> bool:
    """An update of a corpus large enough that its scan outlasts a worker's start: the worker
    starts and loads the parser's tables on the other core while this process scans, then
    reads the changed articles and writes their segment while this one files their facts."""
    return (
        state.base is not None
        and len(state.manifest) >= WORKER_UPDATE_FROM
        and (os.cpu_count() or 1) > 1
    )


def _stage(
    index_dir: Path,
    corpus: Path,
    state: LiveState,
    changes: Changes,
    helpers: list[Any],
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """Write the new generation aside and publish it; nothing is published on failure."""
    manifest = state.manifest
    staged, copied = new_generation(index_dir, state.base)
    try:
        _write(staged, copied, state.base is None, changes, helpers, manifest, report, progress)
        refresh_stamps(manifest, changes.files)
        copied.result()  # the manifest's copy is in place (the facts' commit waited too)
        manifest.save(staged)
        write_hot_postings(staged)
    except BaseException:
        with suppress(BaseException):
            copied.result()  # the copying thread is done with the folder
        shutil.rmtree(staged, ignore_errors=True)
        raise
    publish(index_dir, staged, {"version": INDEX_VERSION, "corpus": str(corpus.resolve())})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the manifest is read and the folder scanned: they
    make ~500,000 long-lived objects and no cycle, and each full collection on the way walks
    them all (at 100,000 files, 0.6 s → 0.25 s to read the manifest, 1.3 s → 1.0 s to scan)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _long_lived_frozen() -> Iterator[None]:
    """The objects made so far (the manifest and the scan: ~500,000 at 100,000 files, none
    garbage) out of the cycle collector's sight while the articles are read and written, and
    back in it after (``gc.freeze``). Parsing allocates enough to trigger full collections,
    and each walked them all: 0.17 s of an update of 100 articles at 100,000, 0.05 s frozen.

    Only in a process that has frozen nothing itself: the reader freezes its index's arrays
    once its first results are shown, and ``gc.unfreeze`` would give them back too."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _write(
    staged: Path,
    copied: Future[None],
    fresh: bool,
    changes: Changes,
    helpers: list[Any],
    manifest: Manifest,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """Index the files to read, forget the removed ones; ``manifest`` is brought up to date."""
    if fresh:
        ix = storage_of(staged).create_index(make_schema())
    else:
        ix = storage_of(staged).open_index()
    facts = FactsWhenCopied(staged, copied)
    to_read, removed = changes.to_read, changes.removed
    big = len(to_read) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
    try:
        if big or (helpers and to_read):  # a large update too (the workers added here)
            more = WORKERS - len(helpers) if big else 0
            workers = Workers(staged, helpers, more)
            _write_in_workers(ix, workers, to_read, removed, manifest, facts, report, progress)
        else:
            _write_here(ix, to_read, removed, manifest, facts, report, progress)
            facts.commit()
    except BaseException:
        facts.cancel()
        raise
    _check_count(staged, manifest)


@dataclass
class Workers:
    """Where a build's articles are read and written: ``started`` (standing by) and ``more``."""

    staged: Path
    started: list[Any]
    more: int


def _write_in_workers(
    ix: Any,
    workers: Workers,
    to_read: list[CorpusFile],
    removed: list[str],
    manifest: Manifest,
    facts: FactsWhenCopied,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """Workers parse the articles and write segments of their own; this process deletes what
    is gone or changed, files the facts, and publishes the segments with its deletions."""
    # The workers start on the articles first; the deletions are made while they read.
    running = run_workers(workers.staged, to_read, SEGMENT_MB, workers.more, workers.started)
    with closing(running):  # the workers are stopped before the writer cancels
        writer = ArraySegmentWriter(ix, save_hot=True)
        try:
            _remove(writer, facts, removed, manifest, report)
            before = _delete_changed(writer, facts, to_read, manifest)
            segments: list[Any] = []
            done = 0
            for outcome in running:
                if isinstance(outcome, list):
                    segments += outcome
                    continue
                file = to_read[outcome.position]
                _file_outcome(outcome, file, file.id in before, manifest, facts, report)
                done += 1
                if progress:
                    progress(done, len(to_read), file.path.name)
                if done == len(to_read):  # while the workers write their last segments
                    facts.commit()
            if done != len(to_read):
                raise IndexBuildError(
                    f"the indexing processes reported {done} of the {len(to_read)} articles "
                    "given them: nothing was published, the previous index is unchanged"
                )
            commit_segments(writer, segments)
        except BaseException:
            if not writer.is_closed:
                writer.cancel()
            raise


def _delete_changed(
    writer: ArraySegmentWriter,
    facts: FactsWhenCopied,
    to_read: list[CorpusFile],
    manifest: Manifest,
) -> set[str]:
    """Delete the articles indexed before that are read again (a worker adds them back);
    their ids."""
    before = set()
    for file in to_read:
        previous = manifest.get(file.id)
        if previous is not None and not previous.skipped:
            writer.delete_by_term("id", file.id)
            facts.remove([file.id])
            before.add(file.id)
    return before


def _file_outcome(
    outcome: Indexed | NotIndexed,
    file: CorpusFile,
    indexed_before: bool,
    manifest: Manifest,
    facts: FactsWhenCopied,
    report: BuildReport,
) -> None:
    """What a worker did with ``file``, in the facts, the manifest and the report."""
    if isinstance(outcome, NotIndexed):
        report.skipped.append(Skipped(file.where, outcome.reason))
        if indexed_before:
            report.removed.append(file.id)
        manifest.set(file.id, file.stamp(outcome.reason))
        return
    facts.add(*outcome.facts)
    (report.updated if indexed_before else report.added).append(outcome.article_id)
    if outcome.repairs:
        report.repaired.append((file.where, outcome.repairs))
    manifest.set(file.id, file.stamp())


def _remove(
    writer: ArraySegmentWriter,
    facts: FactsWhenCopied,
    removed: list[str],
    manifest: Manifest,
    report: BuildReport,
) -> None:
    """Forget the files gone from the folder."""
    for doc_id in removed:
        if not manifest.drop(doc_id).skipped:  # a skipped file was never indexed
            writer.delete_by_term("id", doc_id)
            facts.remove([doc_id])
            report.removed.append(doc_id)


def _write_here(
    ix: Any,
    to_read: list[CorpusFile],
    removed: list[str],
    manifest: Manifest,
    facts: FactsWhenCopied,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """An update (or a small build) in this process, with one writer: each file read and
    added as a worker does it (``parallel.index_one``), its outcome filed as a worker's is."""
    writer = ArraySegmentWriter(ix, save_hot=True)
    try:
        _remove(writer, facts, removed, manifest, report)
        before = _delete_changed(writer, facts, to_read, manifest)
        for done, file in enumerate(to_read, 1):
            outcome = index_one(writer, done - 1, file)
            _file_outcome(outcome, file, file.id in before, manifest, facts, report)
            if writer.pool.nbytes() >= SEGMENT_MB * 2**20:  # memory stays bounded
                writer.commit(merge=False)
                writer = ArraySegmentWriter(ix, save_hot=True)
            if progress:
                progress(done, len(to_read), file.path.name)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise


def _check_count(staged: Path, manifest: Manifest) -> None:
    """The staged index holds every article its manifest says it does, or the build fails
    (and the previous index stays live).

    Whoosh's 2-process writer drops a subprocess's segment without a word when its result is
    not on the queue within a second of the process ending (``MpWriter._commit``:
    ``resultqueue.get(timeout=1)``, ``except queue.Empty: pass``), and then deletes the segment's
    files as unreferenced. Seen once here: a 100,000-article build from the reader, on a loaded
    machine, published an index of 0 articles whose manifest listed all 100,000 as indexed,
    so that no later update would ever add them."""
    expected = manifest.indexed()
    with storage_of(staged).open_index().searcher() as searcher:
        found = searcher.doc_count()
    if found != expected:
        raise IndexBuildError(
            f"the index written holds {found} of the {expected} articles read (an indexing "
            "process lost its part): nothing was published, the previous index is unchanged; "
            "run the build again"
        )
