"""Where indexes live on disk, and how a new generation replaces the old one atomically.

An index directory holds ``current.json`` (which generation is live, and its format version) and
one ``gen-*`` folder per generation. Writers build a new generation aside (a hard-linked copy for
an update, Whoosh segments being immutable) and then replace ``current.json`` with one
``os.replace``: readers see the old index or the new one, never a half-written one.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

POINTER = "current.json"
LOCK = "write.lock"


class IndexMissingError(FileNotFoundError):
    """No index has been built in this directory yet."""


class IndexBusyError(RuntimeError):
    """Another process is writing this index."""


def default_index_dir(corpus: Path) -> Path:
    """One index per corpus folder, under the user's cache dir."""
    resolved = corpus.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:12]
    return Path(user_cache_dir("phuong-reader")) / "indexes" / f"{resolved.name}-{digest}"


def read_pointer(index_dir: Path) -> dict[str, Any]:
    """The live generation's metadata; IndexMissingError when there is none."""
    try:
        pointer = json.loads((index_dir / POINTER).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise IndexMissingError(f"no index in {index_dir}") from exc
    except (OSError, ValueError) as exc:
        raise IndexMissingError(f"unreadable index pointer in {index_dir}: {exc}") from exc
    if not (index_dir / pointer.get("generation", "")).is_dir():
        raise IndexMissingError(f"index generation missing in {index_dir}")
    return pointer


def live_generation(index_dir: Path) -> Path:
    """Folder of the live Whoosh index."""
    return index_dir / read_pointer(index_dir)["generation"]


def new_generation(index_dir: Path, base: Path | None) -> Path:
    """A fresh folder for the next generation, hard-linked from ``base`` when given."""
    name = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    target = index_dir / (name + ".tmp")
    if base is None:
        target.mkdir(parents=True)
    else:
        shutil.copytree(base, target, copy_function=os.link, ignore=_skip_locks)
    return target


def _skip_locks(_folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n.endswith(".lock")]


def publish(index_dir: Path, staged: Path, metadata: dict[str, Any]) -> Path:
    """Make ``staged`` the live generation, then remove older ones (best effort)."""
    final = staged.with_name(staged.name.removesuffix(".tmp"))
    staged.rename(final)
    pointer = {**metadata, "generation": final.name}
    tmp = index_dir / (POINTER + ".tmp")
    tmp.write_text(json.dumps(pointer, ensure_ascii=False, indent=1), "utf-8")
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, index_dir / POINTER)
    remove_stale(index_dir, keep=final.name)
    return final


def remove_stale(index_dir: Path, keep: str | None) -> None:
    """Delete generations that are not live (left by older runs or by a killed build)."""
    if not index_dir.is_dir():
        return
    for entry in index_dir.glob("gen-*"):
        if entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """Exclusive right to write ``index_dir``; the OS drops it if the holder dies."""
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
        handle.seek(0)
        handle.truncate()
        handle.write(f"phuong index (pid {os.getpid()})")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
