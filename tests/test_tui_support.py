"""Shared pieces of the reader's tests: an app on the fixture corpus, waiting for workers,
reading what a widget shows. (Named test_tui_* to sit with them; its own tests check these.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from phuong_reader.index.location import locate
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.screens.main import MainScreen
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget


def reader(index_dir: Path) -> ReaderApp:
    """The reader on an index, with the timing hidden so that screens are deterministic."""
    return ReaderApp(locate(None, index_dir), show_timing=False)


@asynccontextmanager
async def opened(index_dir: Path, size: tuple[int, int] = (120, 40)) -> AsyncIterator[Pilot]:
    """The reader on ``index_dir`` at ``size``, settled on its main screen."""
    async with reader(index_dir).run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs and the screen has caught up with what they delivered."""
    for _ in range(100):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("workers never settled")


def main_screen(app: App) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), f"expected the main screen, got {screen!r}"
    return screen


def shown_text(widget: Widget) -> str:
    """The characters ``widget`` puts on screen now, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


@pytest.mark.asyncio
async def test_settle_reaches_the_main_screen(built: tuple[Path, Path]) -> None:
    app = reader(built[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert "Results" in str(screen.results.border_title)
        assert shown_text(screen.bar.query_one("#status")).strip() == "8 results"
