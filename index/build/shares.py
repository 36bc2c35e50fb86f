"""A worker's share of the files to index, packed for the pipe and for the worker's memory.

A list of ``(position, CorpusFile)`` pairs for half of 100,000 files took 44 MB of a worker's
memory for the whole build (a few hundred bytes an object, six objects a file). Packed, the
positions are one array and the ids, paths and hashes one UTF-8 string each (6.6 MB); the
worker makes each file's ``CorpusFile`` when it comes to it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from phuong_reader.index.build.scan import CorpusFile

SEPARATOR = b"\0"  # in no file name (nor in an id, which is a file name's stem, nor a hash)
# UTF-8, and any str comes back (a name that is not UTF-8 is a str with surrogates): one
# string of Vietnamese names in Python's own form would take two bytes a character.
ENCODING, ERRORS = "utf-8", "surrogatepass"


class PackedShare(NamedTuple):
    """Files to index, in order: their positions in the build's list, ids, paths and hashes."""

    positions: bytes  # array("Q")
    ids: bytes
    wheres: bytes
    hashes: bytes

    @classmethod
    def of(cls, share: Sequence[tuple[int, CorpusFile]]) -> PackedShare:
        """``share`` packed."""
        files = [file for _, file in share]
        return cls(
            array("Q", [position for position, _ in share]).tobytes(),
            _joined(file.id for file in files),
            _joined(file.where for file in files),
            _joined(file.content_hash for file in files),
        )

    def files(self) -> Iterator[tuple[int, CorpusFile]]:
        """Each file's position and CorpusFile (its stat unknown: a worker needs none)."""
        if not self.positions:
            return
        positions = array("Q", self.positions)
        parts = zip(_parts(self.ids), _parts(self.wheres), _parts(self.hashes), strict=True)
        for position, (file_id, where, content_hash) in zip(positions, parts, strict=True):
            yield position, CorpusFile(file_id, where, content_hash)


def _joined(texts: Iterable[str]) -> bytes:
    return SEPARATOR.join(text.encode(ENCODING, ERRORS) for text in texts)


def _parts(joined: bytes) -> Iterator[str]:
    """The strings ``_joined`` joined, one at a time."""
    start = 0
    while (end := joined.find(SEPARATOR, start)) >= 0:
        yield joined[start:end].decode(ENCODING, ERRORS)
        start = end + 1
    yield joined[start:].decode(ENCODING, ERRORS)
