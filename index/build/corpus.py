"""Read a folder of article files: what can be read becomes an Article, the rest a clear reason.

Articles are the ``*.txt`` files at the top of the folder; the file stem is the article id.
Nothing in a folder can stop a build: unreadable entries (permissions, dangling or looping
symbolic links, folders, other files) become a Skipped with the reason, and a huge file is read
only up to MAX_INDEXED_BYTES so that memory and time stay bounded.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from phuong_reader.index.build.scan import CorpusFile, Skipped, os_error_reason, scan_corpus
from phuong_reader.index.entities.pipeline import parse_article
from phuong_reader.index.errors import UndecodableError
from phuong_reader.index.model import Article
from phuong_reader.index.text.decoding import decode_article

# News articles are a few KB; a file beyond this is indexed from its first MAX_INDEXED_BYTES
# only (cut at a line end), with the truncation reported as a repair.
MAX_INDEXED_BYTES = 1024 * 1024


@dataclass
class ReadArticle:
    """An article read from disk, with its content hash and any repairs made while decoding."""

    article: Article
    content_hash: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def bundled_corpus() -> Path:
    """The sample corpus shipped with the package."""
    return Path(str(resources.files("phuong_reader.index").joinpath("samples")))


def content_hash(data: bytes) -> str:
    """Stable fingerprint of a file's bytes, used for incremental updates."""
    return hashlib.sha256(data).hexdigest()


def read_article(file: CorpusFile) -> ReadArticle | Skipped:
    """Decode and parse one file; a Skipped with the reason when it holds no article."""
    try:
        with open(file.where, "rb") as handle:
            data = handle.read(MAX_INDEXED_BYTES + 1)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        return Skipped(file.where, f"cannot read: {os_error_reason(exc)}")
    complete = len(data) <= MAX_INDEXED_BYTES
    if not complete:
        data = _head(data[:MAX_INDEXED_BYTES])
    try:
        decoded = decode_article(data, complete)
    except UndecodableError as exc:
        return Skipped(file.where, str(exc))
    if not decoded.text.strip():
        return Skipped(file.where, "empty file" if not data else "only whitespace")
    repairs = decoded.repairs
    if not complete:
        repairs.append(
            f"only the first {MAX_INDEXED_BYTES // 1024} KB indexed "
            f"(the file has {size / (1024 * 1024):.1f} MB)"
        )
    article = parse_article(decoded.text, file.id, file.where)
    digest = content_hash(data) if complete else file.content_hash
    return ReadArticle(article, digest, decoded.encoding, repairs)


def _head(data: bytes) -> bytes:
    """The head of a long file cut after its last line end (no sentence cut in half)."""
    cut = data.rfind(b"\n", len(data) // 2)
    return data[: cut + 1] if cut >= 0 else data


def read_corpus(folder: Path) -> Iterator[ReadArticle | Skipped]:
    """Every entry of ``folder`` as a ReadArticle or a Skipped (convenience for tools and tests)."""
    files, skipped = scan_corpus(folder)
    yield from skipped
    for file in files:
        yield read_article(file)
