"""Issue 13, item 4, nothing on the key path that need not be there: a key typed while an
article is being read and laid out stops that work, since the results are about to change and
the article pane follows them after a pause. The search then has the worker threads to itself.
Both threads share the interpreter lock, so at 100,000 articles a key typed while the first
article loaded took 160 ms to search, against 1 ms otherwise."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from phuong_reader.tui.screens import article_pane
from textual.pilot import Pilot
from textual.worker import WorkerState
from whoosh.index import FileIndex


class Gate:
    """A worker held at a gate until ``release()`` (a test that fails leaves none waiting)."""

    def __init__(self) -> None:
        self.gate = threading.Event()

    def release(self) -> None:
        self.gate.set()


class HeldArticle(Gate):
    """The article pane's layout, held: ``start(pilot)`` moves the cursor, so that the next
    article's worker is laying it out (one worker thread busy) until ``release()``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__()
        self.laying_out = threading.Event()
        real_lay_out = article_pane.lay_out

        def held_lay_out(parts, width, hand_over, cancelled):  # type: ignore[no-untyped-def]
            self.laying_out.set()
            self.gate.wait(30)  # the article is being laid out while the keys come
            real_lay_out(parts, width, hand_over, cancelled)

        self._patch = lambda: monkeypatch.setattr(article_pane, "lay_out", held_lay_out)

    async def start(self, pilot: Pilot) -> None:
        self._patch()
        await pilot.press("down")  # the second result's article starts loading
        await until(pilot, self.laying_out.is_set)


@pytest.fixture
def held_article(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldArticle]:
    held = HeldArticle(monkeypatch)
    yield held
    held.release()  # a test that failed holding it leaves no worker waiting out the gate


async def until(pilot: Pilot, done: Callable[[], bool], turns: int = 200) -> None:
    """Pause (a bounded number of short turns, no worker waited for) until ``done()``."""
    for _ in range(turns):
        if done():
            return
        await pilot.pause(0.02)
    workers = [(w.name, w.state.name) for w in pilot.app.workers]
    raise AssertionError(f"never happened; workers: {workers}")


@pytest.mark.asyncio
async def test_a_key_typed_while_an_article_loads_stops_its_loading(
    built: tuple[Path, Path], main_screen, opened, settle, held_article: HeldArticle
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        await held_article.start(pilot)
        loading = [w for w in screen.workers if w.group == "article" and w.is_running]
        assert len(loading) == 1
        await pilot.press("slash", "p")
        assert loading[0].is_cancelled  # the typed search stopped it
        await pilot.press(*"huong")
        held_article.release()
        await settle(pilot)
        assert screen.bar.input.value == "phuong"
        assert screen.results.hits
        assert screen.shown == screen.current_key()  # the search answered
        assert loading[0].state == WorkerState.CANCELLED
        # After the pause the pane follows the new results' first row, laid out whole.
        shown, text = screen.article.article, screen.article.scroller.text
        assert shown is not None and shown.id == screen.results.hits[0].id
        assert text is not None and text.complete


@pytest.mark.asyncio
async def test_a_key_that_finds_nothing_while_typing_says_so_only_after_a_pause(
    built: tuple[Path, Path],
    main_screen,
    opened,
    settle,
    shown_text,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On the way to a query that finds something, a key often finds nothing ("tan s" before
    "tan son"): the article stays, and the pane is not laid out again, until typing pauses."""
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        before = screen.article.article
        assert before is not None
        monkeypatch.setattr(article_pane, "ARTICLE_PAUSE", 30.0)  # typing has not paused yet
        await pilot.press("slash", *"zzqx")
        await until(pilot, lambda: screen.shown == screen.current_key())
        assert not screen.results.hits
        await pilot.pause()
        assert screen.article.article is before  # no message yet, no layout of the pane
        assert screen._article_timer is not None
        screen._article_timer._callback()  # the pause comes
        await pilot.pause()
        assert screen.article.article is None
        assert "No article matches." in shown_text(screen.article.body).replace("\n", " ")
        await settle(pilot)  # the counts of "zzqx" come too, before the reader closes


@pytest.mark.asyncio
async def test_the_first_key_finds_a_searcher_open_on_the_other_thread(
    built: tuple[Path, Path],
    main_screen,
    opened,
    settle,
    held_article: HeldArticle,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each worker thread has its own searcher. After the first results, both threads open
    theirs, so a key searching on the thread that is not busy does not open one first. Here
    that thread is the other one, because an article being laid out holds the first."""
    opens: list[str] = []
    real_searcher = FileIndex.searcher

    def searcher(self: FileIndex, **kwargs):  # type: ignore[no-untyped-def]
        opens.append(threading.current_thread().name)
        return real_searcher(self, **kwargs)

    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        monkeypatch.setattr(FileIndex, "searcher", searcher)
        await held_article.start(pilot)  # one worker thread is busy with the article
        await pilot.press("slash", *"phuong")
        await until(pilot, lambda: screen.shown == screen.current_key())
        assert screen.results.hits
        held_article.release()
        await settle(pilot)
        assert opens == []  # the searches found their thread's searcher open


class HeldSearch(Gate):
    """The search worker's answer, held until ``release()``; ``frames`` counts the screen's
    frames, each with whether the results on screen answered the bar at that moment."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from phuong_reader.tui.screens import main as main_module

        super().__init__()
        self.searching = threading.Event()
        self.frames: list[bool] = []
        real_answer = main_module.answer

        def held_answer(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.searching.set()
            self.gate.wait(30)
            return real_answer(*args, **kwargs)

        self._patch = lambda: monkeypatch.setattr(main_module, "answer", held_answer)
        self._monkeypatch = monkeypatch

    def start(self, screen) -> None:  # type: ignore[no-untyped-def]
        real_refresh = screen._compositor_refresh

        def counted_refresh() -> None:
            self.frames.append(screen.shown == screen.current_key())
            real_refresh()

        self._monkeypatch.setattr(screen, "_compositor_refresh", counted_refresh)
        self._patch()

    async def type_last_key(self, pilot: Pilot, screen, settle) -> None:  # type: ignore[no-untyped-def]
        """ "phuon" typed and answered, then "g" with the search held."""
        await pilot.press("slash", *"phuon")
        await settle(pilot)
        self.start(screen)
        await pilot.press("g")


@pytest.fixture
def held_search(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSearch]:
    held = HeldSearch(monkeypatch)
    yield held
    held.release()


@pytest.fixture
def last_key_typed(
    built: tuple[Path, Path],
    main_screen,
    opened,
    settle,
    held_search: HeldSearch,
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[float], AbstractAsyncContextManager[tuple[Pilot, Any]]]:
    """``async with last_key_typed(echo_wait) as (pilot, screen)``: the reader on ``built``
    with ``held_frames.ECHO_WAIT`` at ``echo_wait``, "phuon" answered and "g" typed, its
    search held (``held_search``)."""
    from phuong_reader.tui.screens import held_frames

    @asynccontextmanager
    async def typed(echo_wait: float) -> AsyncIterator[tuple[Pilot, Any]]:
        monkeypatch.setattr(held_frames, "ECHO_WAIT", echo_wait)
        async with opened(built[1]) as pilot:
            screen = main_screen(pilot.app)
            await held_search.type_last_key(pilot, screen, settle)
            yield pilot, screen

    return typed


@pytest.mark.asyncio
async def test_a_typed_key_is_painted_with_its_results_in_one_frame(
    last_key_typed, settle, held_search: HeldSearch
) -> None:
    """No frame is painted between the key and its results (that frame's rendering took the
    interpreter lock from the search), and the first one after shows both."""
    async with last_key_typed(30.0) as (pilot, screen):
        await until(pilot, held_search.searching.is_set)
        for _ in range(5):
            await pilot.pause(0.02)
        assert held_search.frames == []  # the search runs: nothing painted
        held_search.release()
        await until(pilot, lambda: bool(held_search.frames))
        assert held_search.frames[0] is True  # the first frame after the key has its results
        assert screen.bar.input.value == "phuong" and screen.results.hits
        await settle(pilot)


@pytest.mark.asyncio
async def test_a_slow_search_lets_the_typed_key_show_after_the_echo_wait(
    last_key_typed, settle, held_search: HeldSearch
) -> None:
    async with last_key_typed(0.05) as (pilot, screen):
        await until(pilot, lambda: bool(held_search.frames))  # painted, the search still held
        assert held_search.frames[0] is False and not held_search.gate.is_set()
        held_search.release()
        await until(pilot, lambda: screen.shown == screen.current_key())
        await settle(pilot)
        assert screen.results.hits and pilot.app._batch_count == 0
