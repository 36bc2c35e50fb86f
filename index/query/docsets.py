"""Meeting two sets of doc numbers (sorted, unique int64 arrays) without sorting them together."""

from __future__ import annotations

import numpy as np

EMPTY_IDS = np.zeros(0, dtype=np.int64)
DENSE_RATIO = 32  # a side this much shorter than the other is binary-searched in it


def common_positions(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ia, ib): the positions in ``a`` and in ``b`` (sorted, unique doc numbers) of the
    documents in both, in doc order, as ``np.intersect1d(..., return_indices=True)`` gives them
    but without sorting the two together: a much shorter side is looked up in the longer one
    (binary search), two long ones meet in a table indexed by doc number."""
    if not len(a) or not len(b):
        return EMPTY_IDS, EMPTY_IDS
    short, long_, swapped = (a, b, False) if len(a) <= len(b) else (b, a, True)
    if len(short) * DENSE_RATIO < len(long_):
        at = np.searchsorted(long_, short)
        inside = at < len(long_)
        found = np.flatnonzero(inside)
        found = found[long_[at[found]] == short[found]]
        i_short, i_long = found, at[found]
    else:
        size = int(max(a[-1], b[-1])) + 1
        position = np.empty(size, dtype=np.int64)
        position[long_] = np.arange(len(long_))
        present = np.zeros(size, dtype=bool)
        present[long_] = True
        i_short = np.flatnonzero(present[short])
        i_long = position[short[i_short]]
    return (i_long, i_short) if swapped else (i_short, i_long)
