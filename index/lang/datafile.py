"""Reading this package's word lists: a data file's lines, and the runs of a query that a list
holds."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from importlib import resources
from typing import TypeVar

V = TypeVar("V")


def data_lines(name: str) -> list[str]:
    """The meaningful lines of ``data/<name>``, in order."""
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    return [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]


def longest_runs(
    keys: Sequence[Hashable], table: Mapping[tuple, V], longest: int
) -> list[tuple[int, int, V]]:
    """(start, end, value) of each run of ``keys`` (up to ``longest`` long) that ``table``
    holds: longest first, left to right, not overlapping."""
    found: list[tuple[int, int, V]] = []
    i = 0
    while i < len(keys):
        for j in range(min(len(keys), i + longest), i, -1):
            value = table.get(tuple(keys[i:j]))
            if value:
                found.append((i, j, value))
                i = j
                break
        else:
            i += 1
    return found
