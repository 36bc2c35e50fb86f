"""``tui.collector`` after the start-up: each search's results frozen out of the collector's
sight (a key's collections walk only what its search made), and what died meanwhile collected
in a pause, or once the frozen objects have doubled."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from phuong_reader.tui import collector


class Node:
    """An object in a reference cycle: only the cycle collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def _collector_running(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    monkeypatch.setattr(collector, "_last_result", None)
    monkeypatch.setattr(collector, "_frozen_results", 0)
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_a_cycle_dropped_after_a_result_waits_for_the_pause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    node = Node()
    gone = weakref.ref(node)
    collector.out_of_sight()  # a search's results: node is frozen with the rest
    del node
    gc.collect()
    assert gone() is not None  # out of sight: no collection walks it
    collector.tidy_if_idle()  # no pause yet: nothing done
    assert gone() is not None
    monkeypatch.setattr(collector, "TIDY_PAUSE", 0.0)
    collector.tidy_if_idle()
    assert gone() is None
    assert gc.get_freeze_count() > 0  # what lives is frozen again
    collector.tidy_if_idle()  # once a pause: nothing new answered, nothing to do
    assert collector._last_result is None


def test_frozen_garbage_is_collected_after_many_results_without_a_pause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector, "TIDY_AFTER", 3)
    nodes = [Node() for _ in range(1_000)]
    gone = weakref.ref(nodes[0])
    collector.out_of_sight()  # the first result: frozen, not collected
    del nodes
    collector.out_of_sight()
    gc.collect()
    assert gone() is not None
    collector.out_of_sight()  # the third without a pause: tidied now
    assert gone() is None and collector._frozen_results == 0


def test_nothing_is_frozen_while_the_collector_rests() -> None:
    gc.disable()
    before = gc.get_freeze_count()
    collector.out_of_sight()
    collector.tidy()
    assert gc.get_freeze_count() == before and collector._last_result is None
