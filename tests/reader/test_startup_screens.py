"""Which screens the reader shows on its way to the first results: a ready index opens straight
on the main screen; an index to build shows the indexing screen with its progress first."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.location import locate
from phuong_reader.tui import collector
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.screens.indexing import IndexingScreen
from phuong_reader.tui.screens.main import MainScreen
from phuong_reader.tui.state import ReaderState
from textual.screen import Screen

SIZE = (100, 30)


def _recording(app: ReaderApp) -> list[Screen]:
    """Every screen ``app`` pushes, in order."""
    pushed: list[Screen] = []
    push = app.push_screen

    def recorded(screen, *args, **kwargs):  # type: ignore[no-untyped-def]
        pushed.append(screen)
        return push(screen, *args, **kwargs)

    app.push_screen = recorded  # type: ignore[method-assign]
    return pushed


@pytest.mark.asyncio
async def test_a_ready_index_opens_without_the_indexing_screen(
    corpus: Path, tmp_path: Path, settle
) -> None:
    update_index(corpus, tmp_path / "ix")
    app = ReaderApp(locate(corpus, tmp_path / "ix"), show_timing=False, state=ReaderState())
    pushed = _recording(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.main_screen is app.screen
        assert [type(s) for s in pushed] == [MainScreen]


@pytest.mark.asyncio
async def test_an_index_to_build_shows_its_progress_then_the_results(
    corpus: Path, tmp_path: Path, settle, shown_text, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReaderApp(locate(corpus, tmp_path / "ix"), show_timing=False, state=ReaderState())
    pushed = _recording(app)
    progress: list[str] = []
    show = IndexingScreen.show_progress

    def seen(screen: IndexingScreen, done: int, total: int, name: str) -> None:
        show(screen, done, total, name)
        if screen.is_mounted:
            progress.append(shown_text(screen.query_one("#indexing-what")))

    monkeypatch.setattr(IndexingScreen, "show_progress", seen)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert [type(s) for s in pushed] == [IndexingScreen, MainScreen]
    total = len(list(corpus.glob("*.txt")))
    assert progress and progress[-1].endswith(f"{total} of {total} articles")


@pytest.mark.asyncio
async def test_a_ready_index_is_opened_once_on_the_way_to_the_first_results(
    built: tuple[Path, Path], settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``phuong --index-dir`` on a current index: the engine that checked it (a damaged index
    fails there) is the one the main screen searches with, not a second one opened after."""
    from phuong_reader.index import SearchEngine

    opened: list[Path] = []
    init = SearchEngine.__init__

    def counted(engine: SearchEngine, index_dir: Path, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        opened.append(index_dir)
        init(engine, index_dir, *args, **kwargs)

    monkeypatch.setattr(SearchEngine, "__init__", counted)
    app = ReaderApp(locate(None, built[1]), show_timing=False, state=ReaderState())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.main_screen is app.screen
        assert app.main_screen.engine.index_dir == built[1]
    assert opened == [built[1]]


@pytest.mark.asyncio
async def test_the_ward_list_is_filled_and_marked_in_one_rebuild(
    built: tuple[Path, Path], settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame's ward list: the counts and the remembered ward set together (each
    rebuild makes all 169 rows: the first frame had three, the first one unmarked)."""
    from phuong_reader.tui.widgets.ward_list import WardList

    rebuilt: list[str | None] = []
    rebuild = WardList._rebuild

    def counted(wards: WardList, keep: str | None = None) -> None:
        rebuilt.append(wards.current)
        rebuild(wards, keep)

    monkeypatch.setattr(WardList, "_rebuild", counted)
    app = ReaderApp(locate(None, built[1]), show_timing=False, state=ReaderState())
    app.state.ward = "Sài Gòn"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main_screen is not None and app.main_screen.ward == "Sài Gòn"
        assert app.main_screen.wards.current == "Sài Gòn"
        assert rebuilt and set(rebuilt) == {"Sài Gòn"}  # never first shown unmarked


@pytest.mark.asyncio
async def test_the_collector_rests_from_the_start_until_the_first_results_are_shown(
    corpus: Path, tmp_path: Path, settle
) -> None:
    """``tui.collector``: no cycle collection between the app's construction and its first
    results' frame (start-up makes long-lived objects, not garbage); after it, what is loaded
    is frozen and the collector runs again."""
    update_index(corpus, tmp_path / "ix")
    collections: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    at_first: list[tuple[bool, object, int]] = []
    real = collector.freeze_and_resume

    def first_results() -> None:
        screen = app.main_screen
        at_first.append((gc.isenabled(), screen and screen.shown, len(collections)))
        real()

    gc.callbacks.append(count)
    try:
        app = ReaderApp(locate(corpus, tmp_path / "ix"), show_timing=False, state=ReaderState())
        assert not gc.isenabled()
        collector.freeze_and_resume = first_results  # type: ignore[assignment]
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert len(at_first) == 1
            enabled, shown, collected = at_first[0]
            assert not enabled and shown is not None and collected == 0
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        collector.freeze_and_resume = real  # type: ignore[assignment]
        gc.callbacks.remove(count)
        collector.resume()


@pytest.mark.asyncio
async def test_a_reader_that_shows_no_results_gives_the_collector_back_when_it_ends() -> None:
    try:
        app = ReaderApp(None, error="no corpus here", show_timing=False, state=ReaderState())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not gc.isenabled()  # a message, no results: still starting
        assert gc.isenabled()
    finally:
        collector.resume()
