"""A build in worker processes: each reads, parses, extracts and writes its own segments.

A fresh build, and an update of a large corpus (one worker, started before the scan:
``standing_by``). The parent only hands out the files, files each article's facts as the
workers report them, and publishes the segments in one table of contents at the end, with its
own deletions (``commit_segments``). Each
worker writes a segment with ``ArraySegmentWriter`` whenever its postings reach the build's
limit (``writer.SEGMENT_MB``), so memory stays bounded whatever the corpus size. Whoosh's own
2-process writer parsed every article in the parent and sent it to the indexing processes,
which capped a build at the parent's parsing rate.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from phuong_reader.index.build.corpus import ReadArticle, bundled_corpus, read_article
from phuong_reader.index.build.fieldindex import index_items
from phuong_reader.index.build.scan import CorpusFile, Skipped
from phuong_reader.index.build.schema import make_schema, to_document
from phuong_reader.index.build.segwriter import ArraySegmentWriter
from phuong_reader.index.build.shares import PackedShare
from phuong_reader.index.entities.values import figure_rows
from phuong_reader.index.errors import IndexBuildError
from whoosh.filedb.filestore import FileStorage

BATCH = 32  # articles reported to the parent in one message
POLL_S = 0.5  # how often the parent checks that its workers are alive while it waits
# A worker's large blocks (its postings' arrays, grown as they fill, and the sort's) mapped
# from the system and given back when freed, at any size. By default glibc raises that
# threshold to the size of the largest block freed (up to 32 MB), so after a worker's first
# segment its arrays grow on the heap, and what they leave there is not given back: each worker
# peaked near 300 MB for 96 MB of postings, 225 MB with this (measured with segments of 96 MB;
# other C libraries ignore it).
MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": str(2**20)}


@dataclass
class Indexed:
    """One article a worker indexed: what the parent keeps of it."""

    position: int  # in the list of files given to the build
    article_id: str
    facts: tuple[Any, ...]  # FactsWriter.add's arguments
    repairs: list[str]


@dataclass
class NotIndexed:
    """One file a worker could not index, and why."""

    position: int
    reason: str


def storage_of(generation: Path) -> FileStorage:
    """The storage of a generation being built, without mmap: Whoosh's mmap path copies each
    file of a segment whole into memory as it opens it (``BufferFile`` is a ``BytesIO`` over
    the mapping), so opening the index to delete or count read every segment (at 100,000
    articles: 2.4 GB and 4 s for an update of 100)."""
    return FileStorage(str(generation), supports_mmap=False)


def facts_of(read: ReadArticle, document: dict[str, Any]) -> tuple[Any, ...]:
    """The arguments of ``FactsWriter.add`` for an article and the document made of it."""
    date = document["date"] or document["doc"]["date_inferred"] or ""
    persons = read.article.extraction.persons
    figures = figure_rows(read.article)
    return (read.article.id, date, document["ward"], document["ward_key"], persons, figures)


class Running:
    """Workers at work on a build's files (``run_workers``): iterate for their outcomes;
    ``close`` stops them (also when the iteration ends or fails)."""

    def __init__(self, procs: list[tuple[Any, Any]]) -> None:
        self.procs = procs
        self.results: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=64)
        self.relays: list[threading.Thread] = []

    def __iter__(self) -> Iterator[Indexed | NotIndexed | list[Any]]:
        try:
            running = len(self.procs)
            while running:
                try:
                    kind, payload = self.results.get(timeout=POLL_S)
                except queue.Empty:
                    if any(proc.poll() not in (None, 0) for proc, _ in self.procs):
                        raise IndexBuildError(_died(self.procs)) from None
                    continue
                if kind == "items":
                    yield from payload
                elif kind == "segments":
                    running -= 1
                    yield payload
                else:
                    raise IndexBuildError(f"an indexing process failed: {payload}")
            for proc, _ in self.procs:  # each has sent its last message: let it end by itself
                proc.wait()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers still running, and the threads relaying their messages."""
        _stop(self.procs)
        while any(relay.is_alive() for relay in self.relays):  # unblock a relay waiting to put
            with contextlib.suppress(queue.Empty):
                self.results.get(timeout=0.05)


def run_workers(
    staged: Path,
    files: list[CorpusFile],
    segment_mb: float,
    workers: int = 0,
    started: Sequence[tuple[Any, Any]] = (),
) -> Running:
    """Hand ``files`` out to the processes ``started`` (``standing_by``) and ``workers`` more,
    now; iterating the result yields each article's outcome as it comes, and each worker's
    list of finished segments when it ends. Raises IndexBuildError when a worker fails or dies
    (after stopping the others). A worker writes a segment whenever its postings reach
    ``segment_mb``."""
    running = Running(list(started))
    try:
        running.procs += [_spawn(staged) for _ in range(workers)]  # all start up at once
        count = len(running.procs)
        for number, (proc, _) in enumerate(running.procs):
            share = PackedShare.of([(i, f) for i, f in enumerate(files) if i % count == number])
            # Staggered first segments: the workers write theirs at different times, so that
            # their peaks (a full pool, and the sort that writes it) do not coincide.
            first_mb = segment_mb * (number + 1) / count
            job = (str(staged), share, (first_mb, segment_mb), os.getpid())
            pickle.dump(job, proc.stdin)
            proc.stdin.close()
            running.relays.append(_relay(proc, running.results))
    except BaseException:
        running.close()
        raise
    return running


@contextlib.contextmanager
def standing_by(index_dir: Path, wanted: bool) -> Iterator[list[tuple[Any, Any]]]:
    """A worker process started now (if ``wanted``) for an update that may need one once the
    corpus is scanned: its interpreter starts and loads the parser's tables meanwhile, on the
    other core. Stopped on the way out when the update gave it nothing to do."""
    procs = [_spawn(index_dir)] if wanted else []
    try:
        yield procs
    finally:
        _stop(procs)


def _stop(procs: list[tuple[Any, Any]]) -> None:
    for proc, log in procs:
        if proc.poll() is None:
            proc.terminate()
        proc.wait()
        log.close()


def _spawn(folder: Path) -> tuple[Any, Any]:
    """A worker process: a fresh interpreter running ``worker.py`` (the reader runs builds from
    a thread, and forking a process with threads can copy a lock another thread holds)."""
    # Its stderr, quoted if it dies (never on the terminal); closed by run_workers.
    log = tempfile.TemporaryFile()  # noqa: SIM115
    # The folder it works in on its command line (the staged generation, or the index's folder
    # for a worker standing by): ``ps`` and the crash tests see whose it is.
    command = [sys.executable, "-m", "phuong_reader.index.build.worker", str(folder)]
    pipe = subprocess.PIPE
    env = os.environ | MALLOC_ENV
    return subprocess.Popen(command, stdin=pipe, stdout=pipe, stderr=log, env=env), log


def _relay(proc: Any, results: queue.Queue[tuple[str, Any]]) -> threading.Thread:
    """A thread passing a worker's messages on to ``results`` until the worker's output ends."""

    def relay() -> None:
        with proc.stdout:
            while True:
                try:
                    message = pickle.load(proc.stdout)
                except EOFError:
                    return
                except Exception as exc:  # a broken stream: the worker's output is unusable
                    results.put(("error", f"unreadable message from an indexing process: {exc}"))
                    return
                results.put(message)

    thread = threading.Thread(target=relay, daemon=True)
    thread.start()
    return thread


def _died(procs: list[Any]) -> str:
    dead = [(proc, log) for proc, log in procs if proc.poll() not in (None, 0)]
    codes = ", ".join(str(proc.returncode) for proc, _ in dead)
    log = dead[0][1]
    log.seek(0)
    last = log.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    why = f": {' / '.join(last)}" if last else ""
    return f"an indexing process stopped (exit code {codes}){why}; nothing was published"


def _work(
    staged: str,
    share: PackedShare,
    sizes: tuple[float, float],
    send: Callable[[Any], None],
    parent: int,
) -> None:
    """A worker: index its share of the files, writing a segment each time its postings reach
    ``sizes[1]`` MB (the first segment at ``sizes[0]``)."""
    try:
        ix = storage_of(Path(staged)).open_index()
        segments: list[Any] = []
        writer = _writer(ix)
        segment_mb = sizes[0]
        batch: list[Indexed | NotIndexed] = []
        for position, file in share.files():
            if os.getppid() != parent:
                return  # the build was killed: nobody will publish what we write
            batch.append(index_one(writer, position, file))
            if len(batch) >= BATCH:
                send(("items", batch))
                batch = []
            if writer.pool.nbytes() >= segment_mb * 2**20:
                segments.append(_finish(writer))
                writer = _writer(ix)
                segment_mb = sizes[1]
        send(("items", batch))
        if writer.doc_count():
            segments.append(_finish(writer))
        else:
            writer._close_segment()
        send(("segments", segments))
    except Exception:
        send(("error", traceback.format_exc(limit=-3)))


def _writer(ix: Any) -> ArraySegmentWriter:
    # No lock: the parent holds the index's, as Whoosh's own sub-writers do.
    return ArraySegmentWriter(ix, save_hot=True, _lk=False)


def _finish(writer: ArraySegmentWriter) -> Any:
    """Write the segment's files (not the table of contents) and return the segment.

    Not ``writer._finish()``: that removes the index's temporary folder, which the other
    workers are using (the parent's writer removes it at the end)."""
    segment = writer._finalize_segment()
    writer.is_closed = True
    return segment


def index_one(writer: ArraySegmentWriter, position: int, file: CorpusFile) -> Indexed | NotIndexed:
    """Read, parse and add one file to ``writer``: what the parent keeps of it."""
    result = read_article(file)
    if isinstance(result, Skipped):
        return NotIndexed(position, result.reason)
    document = to_document(result)
    writer.add_document(**document)
    return Indexed(position, result.article.id, facts_of(result, document), result.repairs)


def commit_segments(writer: ArraySegmentWriter, segments: list[Any]) -> None:
    """Publish the workers' segments in the staged index's table of contents, with the
    writer's own changes (an update's deletions, and what its merge policy merges)."""
    writer.commit(written=segments)


def warm_up() -> None:
    """Parse and index one bundled article: what parsing loads on first use (the lexicon, the
    ward and organisation patterns, the analyzers' tables: 0.07 s) is loaded before any work
    comes."""
    samples = sorted(bundled_corpus().glob("*.txt"))
    if not samples:  # nothing to warm up with: the first article loads them
        return
    read = read_article(CorpusFile(samples[0].stem, str(samples[0]), ""))
    if isinstance(read, ReadArticle):
        schema = make_schema()
        for name, value in to_document(read).items():
            if name in schema and schema[name].indexed and value is not None:
                index_items(schema[name], value)


def serve() -> None:
    """A worker's entry point (``worker.py``): its share comes on stdin, its messages go out
    on stdout. Stdin closed before a share came: the parent needed no worker after all."""
    warm_up()
    try:
        staged, share, sizes, parent = pickle.load(sys.stdin.buffer)
    except EOFError:
        return
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print must not break the stream of messages

    def send(message: Any) -> None:
        pickle.dump(message, out)
        out.flush()

    _work(staged, share, sizes, send, parent)
    out.close()
