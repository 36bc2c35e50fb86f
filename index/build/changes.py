"""What an update has to do: the live index's state, and the corpus scanned against its manifest.

The files to read (new, or changed since the manifest's entry), the ids gone from the folder,
and the stamps of the unchanged files brought up to date. Not one of the files that decide what
an article is indexed as (``storage.version``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from phuong_reader.index.build.manifest import Manifest, read_manifest
from phuong_reader.index.build.scan import CorpusFile, Skipped, scan_corpus
from phuong_reader.index.errors import IndexMissingError
from phuong_reader.index.storage.store import live_generation, read_pointer
from phuong_reader.index.storage.version import INDEX_VERSION


@dataclass
class LiveState:
    """The live index an update starts from."""

    manifest: Manifest  # empty for a full build
    base: Path | None  # its generation, or None for a full build
    rebuild_reason: str  # why a full build ("" for an update)


@dataclass
class Changes:
    """The corpus compared with the manifest."""

    files: list[CorpusFile]  # every article file, duplicates dropped
    to_read: list[CorpusFile]  # new or changed
    removed: list[str]  # ids in the manifest, no longer in the folder
    skipped: list[Skipped]  # entries not indexed, and why
    unchanged: int


def current_state(index_dir: Path, corpus: Path, rebuild: bool) -> LiveState:
    """The manifest of the live index, its folder, or why a full build is needed."""
    if rebuild:
        return LiveState(Manifest(), None, "rebuild requested")
    try:
        pointer = read_pointer(index_dir)
    except IndexMissingError:
        return LiveState(Manifest(), None, "no index yet")
    if pointer.get("version") != INDEX_VERSION:
        old = pointer.get("version")
        return LiveState(
            Manifest(),
            None,
            f"index format changed ({old} → {INDEX_VERSION}: new extraction or schema), rebuilding",
        )
    if pointer.get("corpus") != str(corpus.resolve()):
        return LiveState(Manifest(), None, f"the index was built from {pointer.get('corpus')}")
    try:
        base = live_generation(index_dir)
        manifest = read_manifest(base)
    except IndexMissingError:
        return LiveState(Manifest(), None, "no index yet")
    except (OSError, ValueError, sqlite3.Error):
        return LiveState(Manifest(), None, "the index was unreadable")
    return LiveState(manifest, base, "")


def find_changes(corpus: Path, manifest: Manifest) -> Changes:
    """Scan ``corpus``: the files to read and the ids removed since ``manifest``."""
    files, skipped = scan_corpus(corpus, manifest)
    files = _drop_duplicates(files, skipped)
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
            skipped.append(Skipped(file.where, entry.skipped))
            still_skipped += 1
    unchanged = len(files) - len(to_read) - still_skipped
    return Changes(files, to_read, removed, skipped, unchanged)


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


def refresh_stamps(manifest: Manifest, files: list[CorpusFile]) -> None:
    """Unchanged files keep their entry, with the stat that vouches for it now (a file
    touched, or copied back, is hashed once more, not on every update). A file the scan
    vouched for by its stat has the entry's stat already."""
    for file in files:
        entry = None if file.vouched else manifest.get(file.id)
        if entry is not None and entry.content_hash == file.content_hash:
            manifest.set(file.id, file.stamp(entry.skipped))
