"""A Positions field's values kept as numbers (``positionpool``) come out as Whoosh encodes them,
and a value that numbers cannot give back turns the field to keeping its values as bytes."""

from __future__ import annotations

import numpy as np
from phuong_reader.index.build.arraypool import FieldPostings
from whoosh.formats import Positions

ENCODE = Positions().encode


def values_of(pool: FieldPostings) -> list[bytes]:
    made = pool._values()(np.arange(len(pool.weights)))
    if isinstance(made, list):
        return made
    ends = list(pool.ends)
    return [made[a:b] for a, b in zip([0, *ends], ends, strict=True)]


def add(pool: FieldPostings, docnum: int, values: list) -> None:
    items = [(f"t{i}".encode(), 1, 1.0, v) for i, v in enumerate(values)]
    pool.add(docnum, items)


def test_positions_of_any_size_are_encoded_as_whoosh_encodes_them() -> None:
    pool = FieldPostings(None, positions=True)
    many = list(range(0, 3000, 7))  # more than 255 positions, deltas of one byte
    far = [5, 70_000, 70_001, 5_000_000_000]  # deltas past two and four bytes
    documents = [[[0], [3, 9]], [many, far], [ENCODE([2, 4]), [1]]]
    for docnum, values in enumerate(documents):
        add(pool, docnum, values)
    assert pool.raw is not None
    assert pool.raw.counts.typecode == "H" and pool.raw.deltas.typecode == "Q"
    expected = [v if isinstance(v, bytes) else ENCODE(v) for doc in documents for v in doc]
    assert values_of(pool) == expected


def test_an_articles_positions_take_a_third_of_their_encoding() -> None:
    """Articles' terms come once or a few times, at positions under 65,536: two bytes a
    position and one a count, against Whoosh's 13 bytes or more a value (and 4 for its end)."""
    pool = FieldPostings(None, positions=True)
    values = [[n, n + 40][: 1 + n % 2] for n in range(0, 60_000, 60)]
    add(pool, 0, values)
    assert pool.raw is not None and pool.raw.deltas.typecode == "H"
    encoded = sum(len(ENCODE(v)) + 4 for v in values)
    assert pool.raw.nbytes() * 3 < encoded


def test_a_value_numbers_cannot_give_back_keeps_the_values_as_bytes() -> None:
    pool = FieldPostings(None, positions=True)
    add(pool, 0, [[1, 4], [2]])
    backwards = ENCODE([5, 3])  # a delta below zero: not kept as numbers
    add(pool, 1, [[6], backwards])
    assert pool.raw is None
    add(pool, 2, [[7, 8]])
    expected = [ENCODE([1, 4]), ENCODE([2]), ENCODE([6]), backwards, ENCODE([7, 8])]
    assert values_of(pool) == expected
