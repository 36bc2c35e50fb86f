"""A segment's postings in flat arrays, written as Whoosh's W3 posting blocks directly.

Whoosh's ``PostingPool`` keeps one tuple per posting, spills sorted runs with one
``pickle.dump`` per posting and merges them back at commit with one ``pickle.load`` each, then
``W3PostingsWriter`` takes the postings one call at a time. Here each field keeps its postings
as a term number, a document number, a weight and a value in typed arrays (about 25 bytes a
posting instead of a few hundred), sorts them with numpy at flush time and encodes each block
the way ``W3PostingsWriter._write_block`` does, byte for byte (``tests/index/test_arraywriter``
builds the same articles both ways and compares the segment files).
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections.abc import Iterable
from itertools import accumulate, pairwise
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte

CHUNK = 1 << 16  # postings turned into Python lists at a time when writing


class FieldPostings:
    """The postings of one field, in the order they were added."""

    def __init__(self, fixed_size: int | None) -> None:
        self.terms: dict[bytes, int] = {}
        self.term_ids = array("I")
        # Documents as runs (one per add: postings come a document at a time).
        self.run_docs = array("I")
        self.run_counts = array("I")
        # 32-bit floats while every weight is one exactly (frequencies are), else 64-bit.
        self.weights = array("f")
        # A format with values of one size (0: none) keeps them end to end; others keep ends.
        self.fixed = fixed_size if fixed_size is not None and fixed_size >= 0 else None
        self.values = bytearray()
        self.ends = array("I")

    def add(self, docnum: int, items: Iterable[tuple[bytes, int, float, bytes]]) -> None:
        """Add one document's (term, frequency, weight, value) items."""
        items = list(items)
        if not items:
            return
        words, _, weights, values = zip(*items, strict=True)
        terms = self.terms
        known = terms.setdefault
        self.term_ids.extend([known(word, len(terms)) for word in words])
        self.run_docs.append(docnum)
        self.run_counts.append(len(items))
        if self.weights.typecode == "f" and array("f", weights).tolist() != list(weights):
            self.weights = array("d", self.weights)
        self.weights.extend(weights)
        if self.fixed == 0:
            return
        joined = b"".join(values)
        if self.fixed is None:
            base = len(self.values)
            if base + len(joined) > 0xFFFFFFFF and self.ends.typecode == "I":
                self.ends = array("Q", self.ends)
            self.ends.extend([base + end for end in accumulate(map(len, values))])
        self.values += joined

    def nbytes(self) -> int:
        """Memory held by the arrays (the term dictionary not counted)."""
        arrays = (self.term_ids, self.run_docs, self.run_counts, self.weights, self.ends)
        return sum(a.itemsize * len(a) for a in arrays) + len(self.values)

    def write(self, fieldwriter: Any, lengths: np.ndarray | None, saved: Any = None) -> None:
        """Write every term's postings through the field writer's term index and postings file
        (the field already started), in Whoosh's order: terms by their bytes, then documents;
        the terms ``saved`` wants (a ``HotFieldWriter``) as arrays too."""
        count = len(self.term_ids)
        if not count:
            return
        words = list(self.terms)
        rank = np.empty(len(words), dtype=np.uint32)
        rank[sorted(range(len(words)), key=words.__getitem__)] = np.arange(len(words))
        keys = rank[np.frombuffer(self.term_ids, dtype=np.uint32)]
        docs = np.repeat(
            np.frombuffer(self.run_docs, dtype=np.uint32),
            np.frombuffer(self.run_counts, dtype=np.uint32),
        )
        order = np.lexsort((docs, keys))
        keys, docs = keys[order], docs[order]
        weights = np.frombuffer(self.weights, dtype=self.weights.typecode)[order]
        by_rank = sorted(words)
        cuts = np.flatnonzero(np.diff(keys)) + 1
        starts = np.concatenate(([0], cuts)).tolist()
        stops = np.concatenate((cuts, [count])).tolist()
        doc_lengths = lengths[docs] if lengths is not None else None
        values = self._gathered(order)
        tindex, postfile = fieldwriter._tindex, fieldwriter._postfile
        prefix = pack_ushort(fieldwriter._fieldid)
        chunk_start = chunk_stop = 0
        for start, stop in zip(starts, stops, strict=True):
            if stop > chunk_stop:  # the next postings as lists, CHUNK at a time (or one term)
                chunk_start = start
                chunk_stop = max(stop, min(count, start + CHUNK))
                ids = docs[start:chunk_stop].tolist()
                wts = weights[start:chunk_stop].tolist()
                lens = doc_lengths[start:chunk_stop].tolist() if doc_lengths is not None else None
            a, b = start - chunk_start, stop - chunk_start
            term = by_rank[int(keys[start])]
            vals = values(start, stop)
            offset = postfile.tell()
            data, info = encode_postings(
                ids[a:b], wts[a:b], vals, lens[a:b] if lens is not None else None, self.fixed
            )
            postfile.write(data)
            info.set_extent(offset, len(data))
            tindex.add(prefix + term, info.to_bytes())
            if saved is not None and saved.wants(b - a):
                saved.add(term, ids[a:b], wts[a:b])

    def _gathered(self, order: np.ndarray) -> Any:
        """A function (start, stop) → the values of the sorted postings start..stop, as
        ``W3PostingsWriter._mini_values`` keeps them: None, one joined string, or a list."""
        if self.fixed == 0:
            return lambda start, stop: None
        raw = np.frombuffer(bytes(self.values), dtype=np.uint8)
        if self.fixed is not None:
            table = raw.reshape(-1, self.fixed)[order]
            return lambda start, stop: table[start:stop].tobytes()
        ends = np.frombuffer(self.ends, dtype=self.ends.typecode).astype(np.int64)
        begins = np.concatenate(([0], ends[:-1]))[order]
        ends = ends[order]
        data = bytes(self.values)

        def variable(start: int, stop: int) -> list[bytes]:
            pairs = zip(begins[start:stop].tolist(), ends[start:stop].tolist(), strict=True)
            return [data[s:e] for s, e in pairs]

        return variable


def encode_postings(
    ids: list[int],
    weights: list[float],
    values: Any,
    lengths: list[int] | None,
    fixed: int | None,
) -> tuple[bytes, W3TermInfo]:
    """One term's posting list as ``W3PostingsWriter`` writes it: the header, then blocks of at
    most 128 postings, the last with a negative length; and its term info (extent unset)."""
    info = W3TermInfo()
    out = [WHOOSH3_HEADER_MAGIC]
    total = len(ids)
    for start in range(0, total, 128):
        stop = min(total, start + 128)
        block_ids = ids[start:stop]
        block_weights = weights[start:stop]
        if values is None:
            block_values = None
        elif fixed is not None:
            block_values = values[start * fixed : stop * fixed]
        else:
            block_values = tuple(v for v in values[start:stop] if v)
        block_lengths = [n for n in lengths[start:stop] if n] if lengths is not None else []
        out.append(
            _block(info, block_ids, block_weights, block_values, block_lengths, stop == total)
        )
    return b"".join(out), info


def _block(
    info: W3TermInfo,
    ids: list[int],
    weights: list[float],
    values: Any,
    lengths: list[int],
    last: bool,
) -> bytes:
    as_f32 = array("f", weights)  # the writer keeps weights as 32-bit floats
    maxweight = max(weights)
    if not maxweight > 0:
        maxweight = 0  # the writer's running maximum starts at the integer 0
    minlength = min(lengths) if lengths else None
    maxlength = max(lengths) if lengths else 0
    # TermInfo.add_block
    info._weight += sum(as_f32)
    info._df += len(ids)
    info._minlength = minlength if info._minlength is None else min(info._minlength, minlength)
    info._maxlength = max(info._maxlength, maxlength)
    info._maxweight = max(info._maxweight, maxweight)
    if info._minid is None:
        info._minid = ids[0]
    info._maxid = ids[-1]
    # W3PostingsWriter._write_block
    deltas = tuple([ids[0]] + [b - a for a, b in pairwise(ids)])
    if all(w == 1.0 for w in as_f32):
        mini_weights: Any = None
    elif all(w == as_f32[0] for w in as_f32):
        mini_weights = as_f32[0]
    else:
        mini_weights = tuple(as_f32)
    databytes = zlib.compress(pickle.dumps((deltas, mini_weights, values), 2), 3)
    infobytes = pickle.dumps(
        (
            len(ids),
            ids[-1],
            maxweight,
            3,
            length_to_byte(minlength),
            length_to_byte(maxlength),
        ),
        2,
    )
    size = len(infobytes) + len(databytes)
    return pack_int(-size if last else size) + infobytes + databytes


def stored_lengths(reader: Any, fieldname: str, doccount: int) -> np.ndarray:
    """Each document's length of ``fieldname`` as Whoosh's field writer sees it
    (``doc_field_length``: the stored length byte decoded; 0 when there is none)."""
    lengths = np.zeros(doccount, dtype=np.int64)
    for docnum in range(doccount):
        lengths[docnum] = reader.doc_field_length(docnum, fieldname) or 0
    return lengths
