"""Build or update the index of a corpus folder: only what changed is re-read, nothing is lost.

Every run writes a new generation aside and publishes it atomically (see ``index.store``), so an
exception or a kill in the middle leaves the previous index answering queries.
"""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phuong_reader.index.build.corpus import ReadArticle, read_article
from phuong_reader.index.build.hotarrays import write_hot_postings
from phuong_reader.index.build.manifest import Manifest, read_manifest
from phuong_reader.index.build.parallel import (
    NotIndexed,
    commit_segments,
    facts_of,
    run_workers,
    storage_of,
)
from phuong_reader.index.build.scan import CorpusFile, Skipped, scan_corpus
from phuong_reader.index.build.schema import make_schema, to_document
from phuong_reader.index.build.segwriter import ArraySegmentWriter
from phuong_reader.index.errors import IndexBuildError, IndexMissingError
from phuong_reader.index.storage.facts import FactsWhenCopied
from phuong_reader.index.storage.store import (
    live_generation,
    new_generation,
    publish,
    read_pointer,
    remove_stale,
    writer_lock,
)
from phuong_reader.index.storage.version import INDEX_VERSION

PARALLEL_FROM = 1000  # a fresh build of at least this many files uses WORKERS processes
WORKERS = 2
SEGMENT_MB = 96  # a worker's postings in memory before it writes them as a segment
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
            manifest, base, files, to_read, removed = _changes(index_dir, corpus, rebuild, report)
        if base is not None and not to_read and not removed:
            remove_stale(index_dir, keep=base.name)
            report.seconds = time.perf_counter() - started
            return report
        with _long_lived_frozen():
            staged, copied = new_generation(index_dir, base)
            try:
                _write(staged, copied, base is None, to_read, removed, manifest, report, progress)
                _refresh_stamps(manifest, files)
                copied.result()  # the manifest's copy is in place (the facts' commit waited too)
                manifest.save(staged)
                write_hot_postings(staged)
            except BaseException:
                with suppress(BaseException):
                    copied.result()  # the copying thread is done with the folder
                shutil.rmtree(staged, ignore_errors=True)
                raise
            publish(index_dir, staged, {"version": INDEX_VERSION, "corpus": str(corpus.resolve())})
    report.seconds = time.perf_counter() - started
    return report


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


def _changes(
    index_dir: Path, corpus: Path, rebuild: bool, report: BuildReport
) -> tuple[Manifest, Path | None, list[CorpusFile], list[CorpusFile], list[str]]:
    """(the live manifest, its generation or None for a full build, the corpus files, those
    to read, the ids removed); the report gets the skipped files and the unchanged count."""
    manifest, base, reason = _current_state(index_dir, corpus, rebuild)
    files, report.skipped = scan_corpus(corpus, manifest)
    files = _drop_duplicates(files, report.skipped)
    report.full_rebuild, report.rebuild_reason = base is None, reason
    wanted = {f.id: f for f in files}
    removed = [doc_id for doc_id in manifest if doc_id not in wanted]
    # One lookup per file: a changed or new file is read; one skipped before and unchanged
    # since is reported again, not read again.
    to_read: list[CorpusFile] = []
    still_skipped = 0
    get = manifest.get
    for file in files:
        entry = get(file.id)
        if entry is None or entry.content_hash != file.content_hash:
            to_read.append(file)
        elif entry.skipped:
            report.skipped.append(Skipped(file.where, entry.skipped))
            still_skipped += 1
    report.unchanged = len(files) - len(to_read) - still_skipped
    return manifest, base, files, to_read, removed


def _drop_duplicates(files: list[CorpusFile], skipped: list[Skipped]) -> list[CorpusFile]:
    first_with: dict[str, CorpusFile] = {}
    kept = []
    for file in files:
        if file.content_hash in first_with:
            original = first_with[file.content_hash].path.name
            skipped.append(Skipped(file.where, f"duplicate of {original} (same content)"))
        else:
            first_with[file.content_hash] = file
            kept.append(file)
    return kept


def _refresh_stamps(manifest: Manifest, files: list[CorpusFile]) -> None:
    """Unchanged files keep their entry, with the stat that vouches for it now (a file
    touched, or copied back, is hashed once more, not on every update). A file the scan
    vouched for by its stat has the entry's stat already."""
    for file in files:
        entry = None if file.vouched else manifest.get(file.id)
        if entry is not None and entry.content_hash == file.content_hash:
            manifest.set(file.id, file.stamp(entry.skipped))


def _current_state(
    index_dir: Path, corpus: Path, rebuild: bool
) -> tuple[Manifest, Path | None, str]:
    """(manifest of the live index, its folder or None for a full build, why a full build)."""
    if rebuild:
        return Manifest(), None, "rebuild requested"
    try:
        pointer = read_pointer(index_dir)
    except IndexMissingError:
        return Manifest(), None, "no index yet"
    if pointer.get("version") != INDEX_VERSION:
        old = pointer.get("version")
        return (
            Manifest(),
            None,
            f"index format changed ({old} → {INDEX_VERSION}: new extraction or schema), rebuilding",
        )
    if pointer.get("corpus") != str(corpus.resolve()):
        return Manifest(), None, f"the index was built from {pointer.get('corpus')}"
    try:
        base = live_generation(index_dir)
        manifest = read_manifest(base)
    except IndexMissingError:
        return Manifest(), None, "no index yet"
    except (OSError, ValueError, sqlite3.Error):
        return Manifest(), None, "the index was unreadable"
    return manifest, base, ""


def _write(
    staged: Path,
    copied: Future[None],
    fresh: bool,
    to_read: list[CorpusFile],
    removed: list[str],
    manifest: Manifest,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """Index ``to_read``, forget ``removed``; ``manifest`` is brought up to date."""
    if fresh:
        ix = storage_of(staged).create_index(make_schema())
    else:
        ix = storage_of(staged).open_index()
    facts = FactsWhenCopied(staged, copied)
    try:
        if fresh and len(to_read) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            _write_parallel(ix, staged, to_read, manifest, facts, report, progress)
        else:
            _write_here(ix, to_read, removed, manifest, facts, report, progress)
        facts.commit()
    except BaseException:
        facts.cancel()
        raise
    _check_count(staged, manifest)


def _write_parallel(
    ix: Any,
    staged: Path,
    to_read: list[CorpusFile],
    manifest: Manifest,
    facts: FactsWhenCopied,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """A fresh build: workers parse and write segments; this process files the facts."""
    segments: list[Any] = []
    done = 0
    for outcome in run_workers(staged, to_read, WORKERS, SEGMENT_MB):
        if isinstance(outcome, list):
            segments += outcome
            continue
        file = to_read[outcome.position]
        if isinstance(outcome, NotIndexed):
            report.skipped.append(Skipped(file.where, outcome.reason))
            manifest.set(file.id, file.stamp(outcome.reason))
        else:
            facts.add(*outcome.facts)
            report.added.append(outcome.article_id)
            if outcome.repairs:
                report.repaired.append((file.where, outcome.repairs))
            manifest.set(file.id, file.stamp())
        done += 1
        if progress:
            progress(done, len(to_read), file.path.name)
    commit_segments(ix, segments)


def _write_here(
    ix: Any,
    to_read: list[CorpusFile],
    removed: list[str],
    manifest: Manifest,
    facts: FactsWhenCopied,
    report: BuildReport,
    progress: Progress | None,
) -> None:
    """An update (or a small build) in this process, with one writer."""
    writer = ArraySegmentWriter(ix, save_hot=True)
    try:
        for doc_id in removed:
            if not manifest.drop(doc_id).skipped:  # a skipped file was never indexed
                writer.delete_by_term("id", doc_id)
                facts.remove([doc_id])
                report.removed.append(doc_id)
        for done, file in enumerate(to_read, 1):
            result = read_article(file)
            previous = manifest.get(file.id)
            indexed_before = previous is not None and not previous.skipped
            if isinstance(result, Skipped):
                report.skipped.append(result)
                if indexed_before:
                    writer.delete_by_term("id", file.id)
                    facts.remove([file.id])
                    report.removed.append(file.id)
                manifest.set(file.id, file.stamp(result.reason))
            else:
                _add(writer, facts, result, indexed_before, report)
                manifest.set(file.id, file.stamp())
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


def _add(
    writer: ArraySegmentWriter,
    facts: FactsWhenCopied,
    read: ReadArticle,
    existed: bool,
    report: BuildReport,
) -> None:
    document = to_document(read)
    article_id = read.article.id
    if existed:
        facts.remove([article_id])
        writer.update_document(**document)
        report.updated.append(article_id)
    else:
        writer.add_document(**document)
        report.added.append(article_id)
    facts.add(*facts_of(read, document))
    if read.repairs:
        report.repaired.append((read.article.path, read.repairs))
