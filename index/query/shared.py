"""What the engine's threads share for one index generation (``VectorSearcher.extras``).

Each thread has its own Whoosh searcher (a searcher shared by threads corrupts reads), but what
is computed from one generation's index is the same in every thread: the per-document arrays
(deleted documents, the ranks of the fields saved whole) and the scored postings of the terms
asked for. They live once per generation in the engine's shared dict, so a second worker
thread starts warm instead of recomputing them, and the reader's memory holds them once.
Everything kept is read-only once made; the term cache's bookkeeping takes a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, MutableMapping, Sized
from typing import Any, TypeVar

T = TypeVar("T")
S = TypeVar("S", bound=Sized)


def shared(extras: MutableMapping[str, Any], name: str, make: Callable[[], T]) -> T:
    """``extras[name]``, made by ``make`` the first time (two threads racing may both make
    it; one is kept, and both are equal)."""
    found = extras.get(name)
    if found is None:
        found = extras.setdefault(name, make())
    return found


class TermCache:
    """Scored terms, kept until their postings pass ``budget`` (the oldest go first)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._items: dict[Hashable, Any] = {}
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], S]) -> S:
        """The value of ``key``, made (outside the lock) when not kept."""
        with self._lock:
            found = self._items.get(key)
        if found is not None:
            return found
        found = make()
        with self._lock:
            if key not in self._items:
                while self._items and self._size + len(found) > self.budget:
                    self._size -= len(self._items.pop(next(iter(self._items))))
                self._items[key] = found
                self._size += len(found)
        return found

    def __len__(self) -> int:
        return len(self._items)
