"""Where indexes live on disk, and how a new generation replaces the old one atomically.

An index directory holds ``current.json`` (which generation is live, and its format version) and
one ``gen-*`` folder per generation. Writers build a new generation aside (a hard-linked copy for
an update, Whoosh segments being immutable), flush it to disk, and then replace ``current.json``
with one ``os.replace``: readers see the old index or the new one, never a half-written one, and
a writer killed at any point leaves the old one live (its leftovers are removed by the next run).
A retired generation is kept a minute, for readers that were opening it at the switch.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from phuong_reader.index.errors import IndexBusyError, IndexMissingError
from platformdirs import user_cache_dir

POINTER = "current.json"
LOCK = "write.lock"
# The SQLite files a new generation updates in place (``storage.facts``, ``build.manifest``):
# copied, not linked, into it.
FACTS_FILE = "facts.sqlite"
MANIFEST_FILE = "manifest.sqlite"
COPIED = (FACTS_FILE, MANIFEST_FILE)
_GENERATION_RE = re.compile(r"gen-[\w-]+")
_PR_SET_PDEATHSIG = 1
RETIRED_GRACE_SECONDS = 60.0


def default_index_dir(corpus: Path) -> Path:
    """One index per corpus folder, under the user's cache dir."""
    resolved = corpus.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:12]
    return Path(user_cache_dir("phuong-reader")) / "indexes" / f"{resolved.name}-{digest}"


def read_pointer(index_dir: Path) -> dict[str, Any]:
    """The live generation's metadata; IndexMissingError when there is none."""
    for _ in range(3):  # a writer may replace the pointer between reading it and checking it
        pointer = _load_pointer(index_dir)
        if (index_dir / pointer["generation"]).is_dir():
            return pointer
    raise IndexMissingError(f"index generation missing in {index_dir}")


def _load_pointer(index_dir: Path) -> dict[str, Any]:
    try:
        pointer = json.loads((index_dir / POINTER).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise IndexMissingError(f"no index in {index_dir}") from exc
    except (OSError, ValueError) as exc:
        raise IndexMissingError(f"unreadable index pointer in {index_dir}: {exc}") from exc
    generation = pointer.get("generation") if isinstance(pointer, dict) else None
    if not isinstance(generation, str) or not _GENERATION_RE.fullmatch(generation):
        raise IndexMissingError(f"damaged index pointer in {index_dir}")
    return pointer


def live_generation(index_dir: Path) -> Path:
    """Folder of the live Whoosh index."""
    return index_dir / read_pointer(index_dir)["generation"]


def new_generation(index_dir: Path, base: Path | None) -> tuple[Path, Future[None]]:
    """A fresh folder for the next generation, hard-linked from ``base`` when given, and the
    copying of the files it updates in place (``COPIED``): a thread copies them (~100 MB at
    100,000 articles, 0.05–0.35 s) while the caller reads the articles; wait on the future
    before opening them."""
    name = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    target = index_dir / (name + ".tmp")
    copies: list[tuple[str, str]] = []
    if base is None:
        target.mkdir(parents=True)
    else:

        def link_or_hold(source: str, linked: str) -> None:
            # Whoosh's files and the figure shards are never changed once written; the others
            # are replaced by ``write_new``. A link to a COPIED file would change the live one.
            if os.path.basename(source) in COPIED:
                copies.append((source, linked))
            else:
                os.link(source, linked)

        shutil.copytree(base, target, copy_function=link_or_hold, ignore=_skip_locks)
    return target, _copied_in_thread(copies)


def _copied_in_thread(copies: list[tuple[str, str]]) -> Future[None]:
    pool = ThreadPoolExecutor(1, thread_name_prefix="generation-copy")
    try:
        return pool.submit(_copy_all, copies)
    finally:
        pool.shutdown(wait=False)  # the thread ends with its one task


def _copy_all(copies: list[tuple[str, str]]) -> None:
    """Copy, and send the copies to the disk now: ``publish`` syncs the whole generation, and
    syncing ~100 MB there was on the update's path (0.05 s, up to 0.5 s on a busy disk); the
    pages changed after the copy are all it has left to write."""
    for source, target in copies:
        shutil.copy2(source, target)  # sendfile: the thread rarely holds the GIL
        with open(target, "rb") as handle:
            os.fsync(handle.fileno())


def write_new(path: Path, data: bytes) -> None:
    """Write ``path`` as a new file, renamed over the old one: a generation being built shares
    its files with the live one by hard link, and writing through the link would change the
    live generation's file too."""
    temporary = path.with_name(path.name + ".new")
    with open(temporary, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def _skip_locks(_folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n.endswith(".lock")]


def publish(index_dir: Path, staged: Path, metadata: dict[str, Any]) -> Path:
    """Make ``staged`` the live generation, then remove older ones (best effort).

    The generation's files reach the disk before the pointer names it, and the pointer is
    written aside and renamed over the old one: a crash or power cut at any step leaves a
    pointer to a complete generation.
    """
    _fsync_tree(staged)
    final = staged.with_name(staged.name.removesuffix(".tmp"))
    staged.rename(final)
    try:
        previous: Path | None = live_generation(index_dir)
    except IndexMissingError:
        previous = None
    pointer = {**metadata, "generation": final.name}
    tmp = index_dir / (POINTER + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(pointer, ensure_ascii=False, indent=1))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / POINTER)
    _fsync_dir(index_dir)
    if previous is not None:
        with suppress(OSError):
            os.utime(previous)  # retired now: the grace period starts
    remove_stale(index_dir, keep=final.name)
    return final


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_stale(index_dir: Path, keep: str | None) -> None:
    """Delete generations that are not live: left by a killed build, or retired more than
    RETIRED_GRACE_SECONDS ago (a reader that read the old pointer a moment before the switch
    may still be opening the generation it names)."""
    if not index_dir.is_dir():
        return
    now = time.time()
    for entry in index_dir.glob("gen-*"):
        if entry.name == keep:
            continue
        with suppress(OSError):
            if entry.name.endswith(".tmp") or now - entry.stat().st_mtime > RETIRED_GRACE_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)
    with suppress(OSError):
        (index_dir / (POINTER + ".tmp")).unlink(missing_ok=True)


# -- the writer lock ---------------------------------------------------------------------------
# An flock is released by the OS when its holder dies, but it belongs to the open file, which a
# forked child shares: Whoosh's indexing subprocesses would keep it (and go on writing) after
# their parent was killed. So a child forked while the lock is held closes its copy of the file
# and asks the kernel to kill it when its parent dies.
_held_locks: set[int] = set()
_lock_owner = 0


def _after_fork_in_child() -> None:
    if not _held_locks:
        return
    for descriptor in _held_locks:
        with suppress(OSError):
            os.close(descriptor)
    _held_locks.clear()
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != _lock_owner:  # the parent died before the line above
        os._exit(1)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """Exclusive right to write ``index_dir``; the OS drops it if the holder dies."""
    global _lock_owner
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise IndexBusyError(
                f"the index {index_dir} is being written by {holder}; try again when it finishes"
            ) from exc
        _write_holder(handle, f"phuong index (pid {os.getpid()})")
        _held_locks.add(handle.fileno())
        _lock_owner = os.getpid()
        try:
            yield
        finally:
            _held_locks.discard(handle.fileno())
            _write_holder(handle, "")  # a clean exit: nothing to report to the next writer
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _write_holder(handle: Any, holder: str) -> None:
    handle.seek(0)
    handle.truncate()
    handle.write(holder)
    handle.flush()


def interrupted_writer(index_dir: Path) -> str | None:
    """Who last took the writer lock and never released it cleanly (killed, power cut), when
    nobody holds it now; None otherwise. Its leftovers are removed by the next build."""
    try:
        handle = open(index_dir / LOCK, "r+")  # noqa: SIM115 (closed below, after unlocking)
    except OSError:
        return None
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return None  # being written now: update_index will say so
        try:
            return handle.read().strip() or None
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
