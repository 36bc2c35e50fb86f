"""The reader's test helpers, as fixtures: an app on an index, waiting for its workers, the main
screen, what a widget shows, and a hand-made article with a span of every kind."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from pathlib import Path

import pytest
from phuong_reader.index.location import locate
from phuong_reader.index.model import Person, Span, StoredArticle, StoredBlock
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.screens.indexing import IndexingScreen
from phuong_reader.tui.screens.main import MainScreen
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled


def _reader(index_dir: Path) -> ReaderApp:
    return ReaderApp(locate(None, index_dir), show_timing=False)


async def _settle(pilot: Pilot) -> None:
    for _ in range(200):
        await pilot.pause()
        with suppress(WorkerCancelled):  # superseded (an exclusive worker started again): done
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = getattr(pilot.app, "main_screen", None)
        waiting = screen is not None and not screen.settled  # an article waiting for a pause
        # The indexing screen's worker is done a moment before the screen is dismissed.
        waiting = waiting or isinstance(pilot.app.screen, IndexingScreen)
        if waiting:
            await pilot.pause(0.05)
        elif not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("workers never settled")


@pytest.fixture(scope="session")
def reader() -> Callable[[Path], ReaderApp]:
    """``reader(index_dir)``: the reader on an index, with the timing hidden so that screens
    are deterministic."""
    return _reader


@pytest.fixture(scope="session")
def settle() -> Callable[[Pilot], Awaitable[None]]:
    """``await settle(pilot)``: wait until no worker runs and the screen has caught up with
    what they delivered."""
    return _settle


@pytest.fixture(scope="session")
def opened() -> Callable[..., AbstractAsyncContextManager[Pilot]]:
    """``async with opened(index_dir, size=(120, 40)) as pilot``: the reader on ``index_dir``
    at ``size``, settled on its main screen."""

    @asynccontextmanager
    async def open_reader(
        index_dir: Path, size: tuple[int, int] = (120, 40)
    ) -> AsyncIterator[Pilot]:
        async with _reader(index_dir).run_test(size=size) as pilot:
            await _settle(pilot)
            yield pilot

    return open_reader


@pytest.fixture(scope="session")
def main_screen() -> Callable[[App], MainScreen]:
    """``main_screen(app)``: the app's screen, which must be the main screen."""

    def screen_of(app: App) -> MainScreen:
        screen = app.screen
        assert isinstance(screen, MainScreen), f"expected the main screen, got {screen!r}"
        return screen

    return screen_of


@pytest.fixture(scope="session")
def shown_text() -> Callable[[Widget], str]:
    """``shown_text(widget)``: the characters ``widget`` puts on screen now, line by line."""

    def text_of(widget: Widget) -> str:
        return "\n".join(widget.render_line(y).text for y in range(widget.size.height))

    return text_of


@pytest.fixture
def every_kind_article() -> StoredArticle:
    """A hand-made article with a span of every kind, people and figures (no engine needed)."""
    lead = "Phường Tân Sơn Hòa [bold]ngày 20-1-2026[/bold] có 27 hộ thoát nghèo."
    para = (
        "Ông Lâm Quốc Trung, UBND phường, nêu Nghị quyết 68-NQ/TW; hòa giải 15 vụ. "
        "Năm 2025, sau 3 năm, dịp kỷ niệm 50 năm, khu phố 12 gọi 0909.123.456."
    )
    caption = "Hội nghị tại phường Tân Sơn Hòa"
    text = "\n\n".join([lead, para, caption, "KHÁNH VY"])

    def at(needle: str, kind: str) -> Span:
        start = text.index(needle)
        return Span(start, start + len(needle), kind)

    blocks, position = [], 0
    for kind, part in zip(
        ("lead", "paragraph", "caption", "byline"), (lead, para, caption, "KHÁNH VY"), strict=True
    ):
        blocks.append(StoredBlock(kind, position, position + len(part)))
        position += len(part) + 2
    spans = [
        at("Tân Sơn Hòa", "ward"),
        at("20-1-2026", "date"),
        at("27 hộ", "figure"),
        at("Lâm Quốc Trung", "person"),
        at("UBND phường", "org"),
        at("68-NQ/TW", "code"),
        at("2025", "year"),
        at("3 năm", "duration"),
        at("kỷ niệm 50 năm", "anniversary"),
        at("khu phố 12", "ordinal"),
        at("0909.123.456", "phone"),
    ]
    return StoredArticle(
        id="900_every_kind",
        path="/corpus/900_every_kind.txt",
        date="2026-01-20",
        ward="Tân Sơn Hòa",
        wards=["Tân Sơn Hòa"],
        title="Tân Sơn Hòa: Phường Tân Sơn Hòa ngày 20-1-2026 có 27 hộ thoát nghèo",
        text=text,
        blocks=blocks,
        spans=sorted(spans, key=lambda s: s.start),
        persons=[Person("Lâm Quốc Trung", "Bí thư Đảng ủy"), Person("Hồ Ngọc Lan")],
        figures=["27 hộ", "15 vụ"],
    )
