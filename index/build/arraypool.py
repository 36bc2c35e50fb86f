"""A segment's postings in flat arrays, written as Whoosh's W3 posting blocks directly.

Whoosh's ``PostingPool`` keeps one tuple per posting, spills sorted runs with one
``pickle.dump`` per posting and merges them back at commit with one ``pickle.load`` each, then
``W3PostingsWriter`` takes the postings one call at a time. Here each field keeps its postings
as a term number, a document number, a weight and a value in typed arrays (about 25 bytes a
posting instead of a few hundred), sorts them with numpy at flush time and encodes each block
the way ``W3PostingsWriter._write_block`` does, byte for byte (``tests/engine/test_arraywriter``
builds the same articles both ways and compares the segment files).
"""

from __future__ import annotations

import pickle
import sys
import zlib
from array import array
from collections.abc import Iterable
from itertools import accumulate, pairwise
from typing import Any

import numpy as np
from phuong_reader.index.build.fieldindex import Counted
from phuong_reader.index.build.positionpool import PositionValues
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.formats import Positions
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

CHUNK = 1 << 16  # postings turned into Python lists at a time when writing
WRITE_BYTES = 1 << 20  # postings written to the file this much at a time
BLOCK = 128  # postings a block (W3Codec's blocklimit)
_TERM_INFO = W3TermInfo._struct
_POSITIONS = Positions()  # its ``encode``, for positions the fast path gave as lists


class FieldPostings:
    """The postings of one field, in the order they were added."""

    def __init__(
        self, fixed_size: int | None, frequencies: bool = False, positions: bool = False
    ) -> None:
        # A format with values of one size (0: none) keeps them end to end; others keep ends.
        self.fixed = fixed_size if fixed_size is not None and fixed_size >= 0 else None
        # ``positions`` (Whoosh's Positions format): the positions kept as numbers while every
        # value can be made again from them (``positionpool``), else the values from then on.
        self.raw = PositionValues() if positions and self.fixed is None else None
        # ``frequencies`` (Whoosh's Frequency format: each value is ``pack_uint`` of the
        # posting's frequency): while every weight is its frequency, the values are not kept
        # but made from the weights when written (a sixth of a build's postings memory).
        self.derived = frequencies and self.fixed == 4
        # term_ids: a number per term; documents as runs (postings come a document at a time);
        # weights as 32-bit floats while every weight is one exactly (frequencies are).
        self.terms: dict[bytes, int] = {}
        self.term_ids, self.run_docs, self.run_counts = array("I"), array("I"), array("I")
        self.weights, self.values, self.ends = array("f"), bytearray(), array("I")

    def add(self, docnum: int, items: Iterable[tuple[bytes, int, float, bytes]]) -> None:
        """Add one document's (term, frequency, weight, value) items."""
        items = list(items)
        if not items:
            return
        words, freqs, weights, values = zip(*items, strict=True)
        terms = self.terms
        known = terms.setdefault
        self.term_ids.extend([known(word, len(terms)) for word in words])
        self.run_docs.append(docnum)
        self.run_counts.append(len(items))
        if self.weights.typecode == "f" and array("f", weights).tolist() != list(weights):
            self.weights = array("d", self.weights)
        if self.derived and freqs != weights:  # a boost, or a merged segment's postings
            self._keep_values()
        if self.raw is not None:
            if self.raw.add(values):
                self.weights.extend(weights)
                return
            self._keep_values()
        self.weights.extend(weights)
        if self.fixed == 0 or self.derived:
            return
        if not all(isinstance(v, bytes) for v in values):  # positions of the fast path
            values = [v if isinstance(v, bytes) else _POSITIONS.encode(v) for v in values]
        joined = b"".join(values)
        if self.fixed is None:
            base = len(self.values)
            if base + len(joined) > 0xFFFFFFFF and self.ends.typecode == "I":
                self.ends = array("Q", self.ends)
            self.ends.extend([base + end for end in accumulate(map(len, values))])
        self.values += joined

    def takes_counted(self) -> bool:
        """Whether ``add_counted`` can keep a document's postings without their values: none
        (Existence), made from the weights (Frequency) or the positions kept as numbers."""
        return self.fixed == 0 or self.derived or self.raw is not None

    def add_counted(self, docnum: int, counted: Counted) -> None:
        """Add one document's postings as ``counted_terms`` gives them (weights their
        frequencies: no boost), when ``takes_counted``: ``add`` without making an item a term."""
        words, freqs, positions = counted
        if not words:
            return
        terms = self.terms
        known = terms.setdefault
        self.term_ids.extend([known(word, len(terms)) for word in words])
        self.run_docs.append(docnum)
        self.run_counts.append(len(words))
        self.weights.extend(freqs)  # whole numbers: exact as 32-bit floats
        if self.raw is not None and (positions is None or not self.raw.add(positions)):
            raise ValueError("a Positions field's postings need their positions, ascending")

    def nbytes(self) -> int:
        """Memory held by the arrays (the term dictionary not counted)."""
        arrays = (self.term_ids, self.run_docs, self.run_counts, self.weights, self.ends)
        raw = self.raw.nbytes() if self.raw is not None else 0
        return sum(a.itemsize * len(a) for a in arrays) + len(self.values) + raw

    def write(self, fieldwriter: Any, lengths: np.ndarray | None, saved: Any = None) -> None:
        """Write every term's postings through the field writer's term index and postings file
        (the field already started), in Whoosh's order: terms by their bytes, then documents;
        the terms ``saved`` wants (a ``HotFieldWriter``) as arrays too. The postings are
        gathered in sorted order CHUNK at a time (the sort itself is the only whole-field
        array made), and the pool is emptied."""
        count = len(self.term_ids)
        if not count:
            return
        words = list(self.terms)
        self.terms = {}
        sorted_ids = sorted(range(len(words)), key=words.__getitem__)
        by_rank = [words[i] for i in sorted_ids]
        rank = np.empty(len(words), dtype=np.uint32)
        rank[sorted_ids] = np.arange(len(words), dtype=np.uint32)
        del words, sorted_ids
        order, keys = _sorted_by_term(rank[np.frombuffer(self.term_ids, dtype=np.uint32)])
        del rank
        run_docs = np.frombuffer(self.run_docs, dtype=np.uint32)
        run_ends = np.cumsum(np.frombuffer(self.run_counts, dtype=np.uint32), dtype=np.int64)
        cuts = np.flatnonzero(np.diff(keys)) + 1
        starts = np.concatenate(([0], cuts)).tolist()
        stops = np.concatenate((cuts, [count])).tolist()
        terms = [by_rank[r] for r in keys[starts].tolist()]
        del keys, cuts, by_rank
        weights = np.frombuffer(self.weights, dtype=self.weights.typecode)
        values = self._values()
        tindex, postfile = fieldwriter._tindex, fieldwriter._postfile
        prefix = pack_ushort(fieldwriter._fieldid)
        fixed = self.fixed
        offset = postfile.tell()
        pending: list[bytes] = []
        pending_size = 0
        chunk_start = chunk_stop = 0
        for term, start, stop in zip(terms, starts, stops, strict=True):
            if stop > chunk_stop:  # the next postings as lists, CHUNK at a time (or one term)
                chunk_start = start
                chunk_stop = max(stop, min(count, start + CHUNK))
                picked = order[start:chunk_stop]
                chunk_docs = run_docs[np.searchsorted(run_ends, picked, side="right")]
                ids = chunk_docs.tolist()
                wts = weights[picked].tolist()
                lens = lengths[chunk_docs].tolist() if lengths is not None else None
                vals = values(picked)
            a, b = start - chunk_start, stop - chunk_start
            if vals is None:
                term_values = None
            elif fixed is not None:
                term_values = vals[a * fixed : b * fixed]
            else:
                term_values = vals[a:b]
            data, info = encode_postings(
                ids[a:b],
                wts[a:b],
                term_values,
                lens[a:b] if lens is not None else None,
                fixed,
                offset,
            )
            offset += len(data)
            pending.append(data)
            pending_size += len(data)
            if pending_size > WRITE_BYTES:
                postfile.write(b"".join(pending))
                pending, pending_size = [], 0
            tindex.add(prefix + term, info)
            if saved is not None and saved.wants(b - a):
                saved.add(term, ids[a:b], wts[a:b])
        postfile.write(b"".join(pending))
        self._clear()

    def _keep_values(self) -> None:
        """Keep the values from now on, those made from the weights or positions so far first."""
        made = self._values()(np.arange(len(self.weights)))
        if isinstance(made, list):
            self.ends = array("Q" if sum(map(len, made)) > 0xFFFFFFFF else "I")
            self.ends.extend(accumulate(map(len, made)))
            made = b"".join(made)
        self.values = bytearray(made)
        self.derived, self.raw = False, None

    def _weights_as_values(self, picked: np.ndarray) -> bytes:
        weights = np.frombuffer(self.weights, dtype=self.weights.typecode)
        return weights[picked].astype(">u4").tobytes()  # pack_uint: big-endian uint32

    def _clear(self) -> None:
        """Let the arrays go (the postings are written)."""
        self.terms = {}
        self.term_ids, self.run_docs, self.run_counts = array("I"), array("I"), array("I")
        self.weights, self.values, self.ends = array("f"), bytearray(), array("I")
        if self.raw is not None:
            self.raw = PositionValues()

    def _values(self) -> Any:
        """A function (posting numbers) → their values, as ``W3PostingsWriter._mini_values``
        keeps them: None, one joined string (one size), or a list of strings."""
        fixed = self.fixed
        if fixed == 0:
            return lambda picked: None
        if self.derived:
            return self._weights_as_values
        if self.raw is not None:
            return self.raw.encoded
        if fixed is not None:
            table = np.frombuffer(self.values, dtype=np.uint8).reshape(-1, fixed)
            return lambda picked: table[picked].tobytes()
        ends = np.frombuffer(self.ends, dtype=self.ends.typecode)
        data = bytes(self.values)
        self.values = bytearray()  # one copy of the values, not two

        def variable(picked: np.ndarray) -> list[bytes]:
            stop = ends[picked].tolist()
            start = np.where(picked > 0, ends[np.maximum(picked, 1) - 1], 0).tolist()
            return [data[s:e] for s, e in zip(start, stop, strict=True)]

        return variable


def _sorted_by_term(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The postings' numbers in order of term, then of number, and their terms in that order.

    The order of numbers is the order of documents (Whoosh numbers documents as they come,
    and a document's postings come together, a merged segment's term by term in document
    order), so this is Whoosh's order without sorting by document: one sort in place of
    ``term << 32 | number``, 16 bytes a posting at most, where ``np.lexsort((docs, keys))``
    took 28 (a worker's peak while writing a segment)."""
    count = len(keys)
    combined = np.empty(count, dtype=np.uint64)
    halves = combined.view(np.uint32).reshape(count, 2)
    high, low = (1, 0) if sys.byteorder == "little" else (0, 1)
    halves[:, high] = keys
    del keys
    halves[:, low] = np.arange(count, dtype=np.uint32)
    combined.sort()
    order = halves[:, low].copy()
    keys = halves[:, high].copy()
    return order, keys


def encode_postings(
    ids: list[int],
    weights: list[float],
    values: Any,
    lengths: list[int] | None,
    fixed: int | None,
    offset: int,
) -> tuple[bytes, bytes]:
    """One term's posting list as ``W3PostingsWriter`` writes it at ``offset`` of the postings
    file (the header, then blocks of at most 128 postings, the last with a negative length), and
    its term info as ``W3TermInfo.to_bytes`` gives it."""
    out = [WHOOSH3_HEADER_MAGIC]
    total = len(ids)
    weight_sum: float = 0  # TermInfo's running figures, started as it starts them
    maxweight: float = 0
    minlength: int | None = None
    maxlength = 0
    for start in range(0, total, BLOCK):
        stop = min(total, start + BLOCK)
        block_ids = ids[start:stop]
        block_weights = weights[start:stop]
        count = stop - start
        as_f32 = array("f", block_weights)  # the writer keeps weights as 32-bit floats
        weight_sum += sum(as_f32)
        block_max = max(block_weights)
        if not block_max > 0:
            block_max = 0  # the writer's running maximum starts at the integer 0
        maxweight = max(maxweight, block_max)
        block_lengths = lengths[start:stop] if lengths is not None else []
        if 0 in block_lengths:
            block_lengths = [n for n in block_lengths if n]  # no length: not counted
        low = min(block_lengths) if block_lengths else None
        high = max(block_lengths) if block_lengths else 0
        if minlength is None:
            minlength = low
        elif low is not None:
            minlength = min(minlength, low)
        maxlength = max(maxlength, high)
        if count == 1:
            deltas: tuple[int, ...] = (block_ids[0],)
        else:
            deltas = (block_ids[0], *[b - a for a, b in pairwise(block_ids)])
        if as_f32.count(1.0) == count:
            mini_weights: Any = None
        elif as_f32.count(as_f32[0]) == count:
            mini_weights = as_f32[0]
        else:
            mini_weights = tuple(as_f32)
        if values is None:
            block_values = None
        elif fixed is not None:
            block_values = values[start * fixed : stop * fixed]
        else:
            block_values = tuple(v for v in values[start:stop] if v)
        data = zlib.compress(pickle.dumps((deltas, mini_weights, block_values), 2), 3)
        header = (count, block_ids[-1], block_max, 3, length_to_byte(low), length_to_byte(high))
        infobytes = pickle.dumps(header, 2)
        size = len(infobytes) + len(data)
        out += (pack_int(-size if stop == total else size), infobytes, data)
    postings = b"".join(out)
    info = _TERM_INFO.pack(
        False,
        weight_sum,
        total,
        0 if minlength is None else length_to_byte(minlength),
        length_to_byte(maxlength),
        maxweight,
        ids[0],
        ids[-1],
    )
    return postings, info + pack_long(offset) + pack_int(len(postings))


def stored_lengths(reader: Any, fieldname: str, doccount: int) -> np.ndarray:
    """Each document's length of ``fieldname`` as Whoosh's field writer sees it
    (``doc_field_length``: the stored length byte decoded; 0 when there is none)."""
    lengths = np.zeros(doccount, dtype=np.int32)
    for docnum in range(doccount):
        lengths[docnum] = reader.doc_field_length(docnum, fieldname) or 0
    return lengths
