"""What Whoosh's ``field.index(value)`` yields, made without a Token object per term for the
project's own tokenizers (the three body fields' analysis was half of adding a document).

Any other analyzer or format goes through ``field.index`` itself. The results are the same
items (term bytes, frequency, weight, encoded value), which the writer's test checks by
building the same articles with Whoosh's stock writer and comparing the segment files.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from phuong_reader.index.lang.analysis import PairTokenizer, VietnameseTokenizer
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import emptybytes, pack_uint

Item = tuple[bytes, int, float, Any]


def index_items(field: Any, value: Any, raw_positions: bool = False) -> list[Item]:
    """``list(field.index(value))``, in another order when the fast path is taken.
    ``raw_positions``: a Positions field's values on the fast path are the lists of positions,
    not their encoding (``positionpool`` keeps them as numbers)."""
    analyzer, fmt = field.analyzer, field.format
    if not isinstance(value, str) or type(analyzer) not in (VietnameseTokenizer, PairTokenizer):
        return list(field.index(value))
    kind = type(fmt)
    if kind not in (Positions, Frequency, Existence):
        return list(field.index(value))
    terms = analyzer.terms(value)
    boost = fmt.field_boost
    if kind is Positions:
        where: defaultdict[str, list[int]] = defaultdict(list)
        for pos, term in enumerate(terms):
            where[term].append(pos)
        encode = (lambda positions: positions) if raw_positions else fmt.encode
        return [
            (t.encode("utf-8"), len(p), float(len(p)) * boost, encode(p)) for t, p in where.items()
        ]
    if kind is Frequency:
        return [
            (t.encode("utf-8"), n, float(n) * boost, pack_uint(n))
            for t, n in Counter(terms).items()
        ]
    return [(t.encode("utf-8"), 1, boost, emptybytes) for t in set(terms)]
