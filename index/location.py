"""Which index a command uses (``--index-dir``, ``--corpus`` or the bundled corpus), and whether
it can be used: missing, outdated, damaged and busy indexes all end as a message saying what to
run, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from phuong_reader.index.errors import IndexDamagedError, IndexMissingError, IndexUnusableError
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.storage.store import default_index_dir, interrupted_writer, read_pointer
from phuong_reader.index.storage.version import INDEX_VERSION

if TYPE_CHECKING:
    from phuong_reader.index.build.writer import BuildReport, Progress

# The sample corpus's folder name (``build.corpus.bundled_corpus``), known without loading it.
SAMPLES_FOLDER = "samples"


def _bundled() -> Path:
    """The sample corpus (the build layer, and the extraction it imports, load only here or
    when an index is built: opening an index as it is needs neither)."""
    from phuong_reader.index.build.corpus import bundled_corpus

    return bundled_corpus()


@dataclass(frozen=True)
class IndexLocation:
    """A corpus folder (None when only an index was given) and its index directory."""

    corpus: Path | None
    index_dir: Path
    # Whether opening should first bring the index up to date with its corpus (hashing every
    # file): yes when a corpus folder was named (or the bundled one is used), not for an
    # ``--index-dir`` alone, which opens the index as it is (rebuilt only if outdated).
    refresh: bool = True

    @property
    def bundled(self) -> bool:
        if self.corpus is None:
            return False
        # The folder's name first: the build layer (and the extraction it imports, 60 ms of
        # start-up) is loaded only for a folder that can be the sample corpus.
        folder = self.corpus.resolve()
        return folder.name == SAMPLES_FOLDER and folder == _bundled().resolve()

    @property
    def can_rebuild(self) -> bool:
        """True when the corpus folder is known and present, so the index can be rebuilt."""
        return self.corpus is not None and self.corpus.is_dir()

    def rebuild_command(self) -> str:
        """What the user can run to rebuild this index from scratch."""
        corpus = str(self.corpus) if self.corpus else "CORPUS_DIR"
        return f"phuong index {corpus} --index-dir {self.index_dir} --rebuild"


def locate(corpus: Path | None = None, index_dir: Path | None = None) -> IndexLocation:
    """Resolve the command-line options; with neither, the bundled sample corpus."""
    if corpus is None and index_dir is None:
        corpus = _bundled()
    if corpus is not None:
        if not corpus.is_dir():
            raise IndexUnusableError(f"corpus folder not found: {corpus}")
        return IndexLocation(corpus, index_dir or default_index_dir(corpus))
    assert index_dir is not None
    try:
        stored = read_pointer(index_dir).get("corpus")
    except IndexMissingError:
        stored = None
    return IndexLocation(Path(stored) if isinstance(stored, str) else None, index_dir, False)


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
    if not location.can_rebuild:
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
    return refresh_index(location, progress)


def refresh_index(
    location: IndexLocation, progress: Progress | None = None, rebuild: bool = False
) -> BuildReport:
    """``update_index``, rebuilding from scratch when the live index is damaged."""
    assert location.corpus is not None
    reason = ""
    if not rebuild:
        try:
            probe_index(location)
        except IndexDamagedError as exc:
            rebuild, reason = True, f"{exc.why}, rebuilt from scratch"
        except IndexMissingError:
            pass
    # Here, not at the top: opening an index that is up to date never loads the build layer.
    from phuong_reader.index.build.writer import update_index

    report = update_index(location.corpus, location.index_dir, progress, rebuild=rebuild)
    if reason:
        report.rebuild_reason = reason
    return report


def probe_index(location: IndexLocation) -> int:
    """Open the live index and read from it; its number of articles.

    IndexMissingError when there is none, IndexDamagedError (with the command that rebuilds
    it) when Whoosh cannot read it: a truncated segment fails here, not in the middle of a
    search.
    """
    engine = open_engine(location)
    try:
        return engine.doc_count()
    finally:
        engine.close()


def open_engine(location: IndexLocation) -> SearchEngine:
    """A SearchEngine on the live index, read once (the count, the stored fields and the date
    column of the newest article) so that a damaged index fails here, as ``probe_index``
    says; the arrays it read stay loaded for the searches that follow."""
    engine = SearchEngine(location.index_dir)
    try:
        engine.doc_count()
        engine.search("", limit=1)  # stored fields and the date column
        return engine
    except IndexMissingError:
        engine.close()
        raise
    except Exception as exc:  # Whoosh raises whatever its decoder meets: EOF, struct, pickle…
        engine.close()
        raise damaged(location, exc) from exc


def damaged(location: IndexLocation, exc: BaseException) -> IndexDamagedError:
    """The error that says the index cannot be read, why, and how to rebuild it."""
    why = f"the index in {location.index_dir} is damaged ({type(exc).__name__}: {exc})"
    return IndexDamagedError(f"{why}: rebuild it with `{location.rebuild_command()}`", why)


def interrupted_note(location: IndexLocation) -> str | None:
    """A line for the user when the last build of this index was killed before it finished."""
    holder = interrupted_writer(location.index_dir)
    if holder is None:
        return None
    return (
        f"The last run ({holder}) was interrupted before it finished; the index it left is "
        "intact, and its leftovers are removed now."
    )
