"""A Positions field's values kept as numbers, encoded the way Whoosh encodes them when written.

Whoosh's ``Positions.encode`` makes each posting's value ``pack_uint(count)`` and the pickle of
its position deltas: 15.6 bytes a posting on the benchmark's articles, plus 4 for where each
value ends, over half of the folded body field's memory. Here the deltas are kept in an array
of the smallest unsigned type that holds them (two bytes nearly always) and the counts in
another (one byte), 4–5 bytes a posting; the same bytes are made again when the segment is
written (``tests/engine/test_arraywriter`` compares the files with Whoosh's writer's).
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Sequence
from itertools import accumulate, chain

import numpy as np
from whoosh.system import pack_uint

_TYPECODES = "BHIQ"  # each wider than the one before
_DTYPES = {code: np.dtype(code) for code in _TYPECODES}


def encode_deltas(deltas: list[int]) -> bytes:
    """``Positions.encode``'s bytes, from the deltas it computes."""
    return pack_uint(len(deltas)) + pickle.dumps(deltas, 2)


def _widened(numbers: array, top: int) -> array:
    """``numbers`` in the narrowest of its own or a wider type that holds ``top``."""
    for code in _TYPECODES[_TYPECODES.index(numbers.typecode) :]:
        if top < 1 << (8 * array(code).itemsize):
            return numbers if code == numbers.typecode else array(code, numbers)
    raise OverflowError(top)


class PositionValues:
    """The positions of a field's postings, in the order the postings were added."""

    def __init__(self) -> None:
        self.deltas, self.counts = array("B"), array("B")
        self._ends: np.ndarray | None = None

    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return len(self.deltas) * self.deltas.itemsize + len(self.counts) * self.counts.itemsize

    def add(self, values: Sequence[list[int] | bytes]) -> bool:
        """Add one document's values: each a list of positions (the fast path of
        ``index_items``) or Whoosh's encoded bytes (another analyzer's, or a merged segment's
        postings). False, and nothing added, if they cannot be made again exactly from
        numbers (positions that go back, bytes another encoder made)."""
        lists = [self._decoded(v) if isinstance(v, bytes | bytearray) else v for v in values]
        if any(positions is None for positions in lists):
            return False
        counts = [len(positions) for positions in lists]  # type: ignore[arg-type]
        flat = np.fromiter(chain.from_iterable(lists), dtype=np.int64)  # type: ignore[arg-type]
        deltas = np.diff(flat, prepend=0)
        firsts = np.fromiter(accumulate(counts, initial=0), dtype=np.int64)[:-1]
        firsts = firsts[np.asarray(counts) > 0]
        deltas[firsts] = flat[firsts]
        if len(deltas) and deltas.min() < 0:
            return False
        top = int(deltas.max()) if len(deltas) else 0
        self.deltas = _widened(self.deltas, top)
        self.counts = _widened(self.counts, max(counts, default=0))
        self.deltas.frombytes(deltas.astype(self.deltas.typecode).tobytes())
        self.counts.frombytes(np.asarray(counts, dtype=self.counts.typecode).tobytes())
        return True

    @staticmethod
    def _decoded(value: bytes) -> list[int] | None:
        """The positions of an encoded value, or None if encoding them again differs."""
        try:
            deltas = pickle.loads(value[4:])
        except Exception:
            return None
        if not isinstance(deltas, list) or not all(type(d) is int and d >= 0 for d in deltas):
            return None
        if encode_deltas(deltas) != value:
            return None
        return list(accumulate(deltas))

    def encoded(self, picked: np.ndarray) -> list[bytes]:
        """The encoded values of the postings numbered ``picked``, in that order."""
        counts = np.frombuffer(self.counts, dtype=_DTYPES[self.counts.typecode])
        if self._ends is None:
            wide = np.int64 if len(self.deltas) > 0xFFFFFFFF else np.uint32
            self._ends = np.cumsum(counts, dtype=wide)
        wanted = counts[picked].astype(np.int64)
        starts = self._ends[picked].astype(np.int64) - wanted
        local = np.cumsum(wanted) - wanted
        where = np.arange(int(wanted.sum()), dtype=np.int64)
        where += np.repeat(starts - local, wanted)
        deltas = np.frombuffer(self.deltas, dtype=_DTYPES[self.deltas.typecode])[where].tolist()
        made = []  # each value its own object, as Whoosh's: the block's pickle would otherwise
        stop = 0  # refer back to an equal value it had written (a cache of values broke that)
        for count in wanted.tolist():
            start, stop = stop, stop + count
            made.append(encode_deltas(deltas[start:stop]))
        return made
