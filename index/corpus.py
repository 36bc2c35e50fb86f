"""Read a folder of article files: what can be read becomes an Article, the rest a clear reason.

Articles are the ``*.txt`` files at the top of the folder; the file stem is the article id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from index.article import Article, parse_article
from index.decoding import UndecodableError, decode_article

MAX_ARTICLE_BYTES = 64 * 1024 * 1024


@dataclass
class CorpusFile:
    """A file found in the corpus folder, before it is parsed."""

    id: str
    path: Path
    content_hash: str


@dataclass
class Skipped:
    """A file that was not indexed, and why (shown to the user, also in --json)."""

    path: str
    reason: str


@dataclass
class ReadArticle:
    """An article read from disk, with its content hash and any repairs made while decoding."""

    article: Article
    content_hash: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def bundled_corpus() -> Path:
    """The sample corpus shipped with the package."""
    return Path(str(resources.files("index").joinpath("samples")))


def content_hash(data: bytes) -> str:
    """Stable fingerprint of a file's bytes, used for incremental updates."""
    return hashlib.sha256(data).hexdigest()


def scan_corpus(folder: Path) -> tuple[list[CorpusFile], list[Skipped]]:
    """List the article files of ``folder`` (hashing their bytes) and the entries skipped."""
    files: list[CorpusFile] = []
    skipped: list[Skipped] = []
    seen: dict[str, Path] = {}
    for entry in sorted(folder.resolve().iterdir()):
        reason = _unreadable_reason(entry)
        if reason:
            skipped.append(Skipped(str(entry), reason))
            continue
        try:
            data = entry.read_bytes()
        except OSError as exc:
            skipped.append(Skipped(str(entry), f"cannot read: {exc.strerror or exc}"))
            continue
        if entry.stem in seen:
            skipped.append(Skipped(str(entry), f"same id as {seen[entry.stem].name}"))
            continue
        seen[entry.stem] = entry
        files.append(CorpusFile(entry.stem, entry, content_hash(data)))
    return files, skipped


def _unreadable_reason(entry: Path) -> str | None:
    if entry.name.startswith("."):
        return "hidden file"
    if entry.is_dir():
        return "a folder (articles are read from the top level only)"
    if entry.suffix.lower() != ".txt":
        return "not a .txt file"
    if not entry.is_file():
        return "not a regular file"
    if entry.stat().st_size > MAX_ARTICLE_BYTES:
        return f"larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB"
    return None


def read_article(file: CorpusFile) -> ReadArticle | Skipped:
    """Decode and parse one file; a Skipped with the reason when it holds no article."""
    try:
        data = file.path.read_bytes()
        decoded = decode_article(data)
    except OSError as exc:
        return Skipped(str(file.path), f"cannot read: {exc.strerror or exc}")
    except UndecodableError as exc:
        return Skipped(str(file.path), str(exc))
    if not decoded.text.strip():
        return Skipped(str(file.path), "empty file" if not data else "only whitespace")
    article = parse_article(decoded.text, file.id, str(file.path))
    return ReadArticle(article, content_hash(data), decoded.encoding, decoded.repairs)


def read_corpus(folder: Path) -> Iterator[ReadArticle | Skipped]:
    """Every entry of ``folder`` as a ReadArticle or a Skipped (convenience for tools and tests)."""
    files, skipped = scan_corpus(folder)
    yield from skipped
    for file in files:
        yield read_article(file)
