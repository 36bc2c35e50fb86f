"""The engine's threads share what one generation's index computes (index/query/shared.py):
a second thread answers a query the first has answered without scoring its terms again, with
the same hits and scores, on a searcher of its own."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from phuong_reader.index.query.search import SearchEngine
from phuong_reader.index.query.shared import TermCache
from phuong_reader.index.query.vectorized import Matches, VectorSearcher


def _in_thread(call):
    out: dict[str, object] = {}
    thread = threading.Thread(target=lambda: out.setdefault("value", call()))
    thread.start()
    thread.join(60)
    return out["value"]


def test_a_second_thread_reuses_the_scored_terms_and_arrays(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = SearchEngine(built[1])
    scored: list[tuple[str, str]] = []
    real = VectorSearcher._score_term

    def counting(self: VectorSearcher, field: str, text: str) -> Matches:
        scored.append((field, text))
        return real(self, field, text)

    monkeypatch.setattr(VectorSearcher, "_score_term", counting)
    first = engine.search("phường hòa", sort="date", limit=50)
    assert scored and first.hits
    before = list(scored)
    again = _in_thread(lambda: engine.search("phường hòa", sort="date", limit=50))
    assert scored == before  # nothing scored twice
    assert [(h.id, h.score) for h in again.hits] == [(h.id, h.score) for h in first.hits]
    mine = engine._vectors()
    theirs = _in_thread(engine._vectors)
    assert theirs is not mine and theirs.searcher is not mine.searcher
    assert theirs.ranked("date")[1] is mine.ranked("date")[1]
    assert theirs.alive() is mine.alive()
    count = len(scored)
    _in_thread(lambda: engine.search("tân", limit=5))  # the other way round: a thread first
    assert len(scored) > count
    count = len(scored)
    engine.search("tân", limit=5)
    assert len(scored) == count


def test_the_term_cache_lets_the_oldest_go_past_its_budget() -> None:
    cache = TermCache(budget=5)
    made: list[str] = []

    def make(key: str, size: int):
        def build() -> np.ndarray:
            made.append(key)
            return np.zeros(size)

        return lambda: cache.get(key, build)

    make("a", 2)()
    make("b", 2)()
    make("a", 2)()  # kept
    assert made == ["a", "b"]
    make("c", 3)()  # a goes (the oldest), b and c fit
    make("b", 2)()
    assert made == ["a", "b", "c"]
    make("a", 2)()
    assert made == ["a", "b", "c", "a"] and len(cache) == 2
    make("big", 9)()  # larger than the budget: kept alone, until the next one
    assert len(cache) == 1
