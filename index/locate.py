"""Which index a command uses: from ``--index-dir``, from ``--corpus``, or the bundled corpus."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index.build import BuildReport, Progress, update_index
from index.corpus import bundled_corpus
from index.store import IndexMissingError, default_index_dir, read_pointer
from index.version import INDEX_VERSION


class IndexUnusableError(RuntimeError):
    """The index cannot be searched as it is; the message says what to run."""


@dataclass(frozen=True)
class IndexLocation:
    """A corpus folder (None when only an index was given) and its index directory."""

    corpus: Path | None
    index_dir: Path

    @property
    def bundled(self) -> bool:
        return self.corpus is not None and self.corpus.resolve() == bundled_corpus().resolve()


def locate(corpus: Path | None = None, index_dir: Path | None = None) -> IndexLocation:
    """Resolve the command-line options; with neither, the bundled sample corpus."""
    if corpus is None and index_dir is None:
        corpus = bundled_corpus()
    if corpus is not None:
        if not corpus.is_dir():
            raise IndexUnusableError(f"corpus folder not found: {corpus}")
        return IndexLocation(corpus, index_dir or default_index_dir(corpus))
    assert index_dir is not None
    try:
        stored = read_pointer(index_dir).get("corpus")
    except IndexMissingError:
        stored = None
    return IndexLocation(Path(stored) if stored else None, index_dir)


def ensure_index(location: IndexLocation, progress: Progress | None = None) -> BuildReport | None:
    """Make the index searchable: build it when missing or outdated (the bundled corpus is
    always brought up to date, it is small). Returns the build report when anything ran."""
    try:
        pointer = read_pointer(location.index_dir)
    except IndexMissingError:
        pointer = None
    current = pointer is not None and pointer.get("version") == INDEX_VERSION
    if current and not location.bundled:
        return None
    if location.corpus is None or not location.corpus.is_dir():
        if pointer is None:
            raise IndexUnusableError(
                f"no index in {location.index_dir}: build one with `phuong index CORPUS_DIR "
                f"--index-dir {location.index_dir}`"
            )
        raise IndexUnusableError(
            f"the index in {location.index_dir} has format {pointer.get('version')}, this "
            f"program reads {INDEX_VERSION}, and its corpus folder is gone: rebuild it with "
            "`phuong index CORPUS_DIR --index-dir ...`"
        )
    return update_index(location.corpus, location.index_dir, progress)
