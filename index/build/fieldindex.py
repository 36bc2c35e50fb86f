"""What Whoosh's ``field.index(value)`` yields, made without a Token object per term for the
project's own tokenizers (the three body fields' analysis was half of adding a document).

Any other analyzer or format goes through ``field.index`` itself. The results are the same
items (term bytes, frequency, weight, encoded value), which the writer's test checks by
building the same articles with Whoosh's stock writer and comparing the segment files.
``counted_terms`` gives the same postings before they are made into items, for a pool that
keeps them as numbers (``arraypool.FieldPostings.add_counted``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, NamedTuple

from phuong_reader.index.lang.analysis import PairTokenizer, VietnameseTokenizer
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import emptybytes, pack_uint

Item = tuple[bytes, int, float, Any]


class Counted(NamedTuple):
    """One document's postings in a field: its distinct terms (UTF-8, in first-seen order),
    how often each occurs and, for a Positions field, where (each list ascending)."""

    words: list[bytes]
    freqs: list[int]
    positions: list[list[int]] | None


def counted_terms(field: Any, value: Any) -> Counted | None:
    """The postings of ``value`` in ``field`` when the project's tokenizers and Whoosh's
    Positions, Frequency or Existence format make them; None for any other."""
    analyzer, fmt = field.analyzer, field.format
    if not isinstance(value, str) or type(analyzer) not in (VietnameseTokenizer, PairTokenizer):
        return None
    kind = type(fmt)
    if kind is Positions:
        where: defaultdict[str, list[int]] = defaultdict(list)
        for pos, term in enumerate(analyzer.terms(value)):
            where[term].append(pos)
        positions = list(where.values())
        return Counted([t.encode("utf-8") for t in where], list(map(len, positions)), positions)
    if kind is Frequency:
        counts = Counter(analyzer.terms(value))
        return Counted([t.encode("utf-8") for t in counts], list(counts.values()), None)
    if kind is Existence:
        words = [t.encode("utf-8") for t in dict.fromkeys(analyzer.terms(value))]
        return Counted(words, [1] * len(words), None)
    return None


def index_items(field: Any, value: Any, raw_positions: bool = False) -> list[Item]:
    """``list(field.index(value))``, in another order when the fast path is taken.
    ``raw_positions``: a Positions field's values on the fast path are the lists of positions,
    not their encoding (``positionpool`` keeps them as numbers)."""
    counted = counted_terms(field, value)
    if counted is None:
        return list(field.index(value))
    fmt = field.format
    boost = fmt.field_boost
    words, freqs, positions = counted
    if positions is not None:
        encode = (lambda where: where) if raw_positions else fmt.encode
        return [
            (t, n, float(n) * boost, encode(p))
            for t, n, p in zip(words, freqs, positions, strict=True)
        ]
    if type(fmt) is Frequency:
        return [(t, n, float(n) * boost, pack_uint(n)) for t, n in zip(words, freqs, strict=True)]
    return [(t, 1, boost, emptybytes) for t in words]
