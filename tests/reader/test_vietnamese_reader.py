"""The reader in Vietnamese (issue 15, item 7): a vi_* locale, or ``language = "vi"`` in
config.toml, makes its screens speak Vietnamese; ``language="en"`` (``--lang en``) beats both.

Each test sets the locale itself (conftest starts every test in C.UTF-8 and leaves the
interface in English afterwards).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index.location import locate
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.screens.help import HelpScreen
from phuong_reader.tui.screens.main import MainScreen
from phuong_reader.tui.settings import LoadedSettings, load_settings
from textual.pilot import Pilot
from textual.widgets import Static

pytestmark = pytest.mark.asyncio


def _app(
    index_dir: Path, language: str | None = None, settings: LoadedSettings | None = None
) -> ReaderApp:
    location = locate(None, index_dir)
    return ReaderApp(location, show_timing=False, settings=settings, language=language)


def _notes(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def _search(pilot: Pilot, settle, query: str) -> None:
    await pilot.press("slash", *query, "enter")
    await settle(pilot)


def _help_rows(app: ReaderApp) -> list[tuple[str, str]]:
    """The help screen's (key, what it does) rows as shown."""
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    keys = [str(s.render()) for s in screen.query(".help-key").results(Static)]
    whats = [str(s.render()) for s in screen.query(".help-what").results(Static)]
    return list(zip(keys, whats, strict=True))


async def test_a_vietnamese_locale_makes_the_main_screen_vietnamese(
    monkeypatch: pytest.MonkeyPatch, built: tuple[Path, Path], settle, main_screen, shown_text
) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    app = _app(built[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen: MainScreen = main_screen(app)
        title = str(screen.results.border_title)
        assert title.startswith("Kết quả (") and str(screen.article.border_title) == "Bài viết"
        assert str(screen.results.border_subtitle) == "tất cả phường/xã"
        await pilot.press("x")  # no filter to remove
        await pilot.pause()
        assert "Không có bộ lọc nào để bỏ." in _notes(app)
        await _search(pilot, settle, "zzqxw")
        shown = shown_text(screen.article.body).replace("\n", " ")
        assert "Không có bài viết nào khớp." in shown
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        assert str(box.border_title) == "Phím" and str(box.border_subtitle) == "Esc để đóng"
        assert _help_rows(app)  # the rows themselves: test_the_help_and_footer_rows_are_...


async def test_language_en_beats_the_vietnamese_locale(
    monkeypatch: pytest.MonkeyPatch, built: tuple[Path, Path], settle, main_screen, shown_text
) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    app = _app(built[1], language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen: MainScreen = main_screen(app)
        assert str(screen.results.border_title).startswith("Results (")
        assert str(screen.results.border_subtitle) == "all wards"
        await pilot.press("x")
        await pilot.pause()
        assert "No filter to remove." in _notes(app)
        await _search(pilot, settle, "zzqxw")
        assert "No article matches." in shown_text(screen.article.body).replace("\n", " ")


async def test_the_settings_file_language_beats_the_locale(
    built: tuple[Path, Path], settle, main_screen, write_config
) -> None:
    write_config('language = "vi"\n')  # in an English locale (conftest)
    app = _app(built[1], settings=load_settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert str(main_screen(app).results.border_title).startswith("Kết quả (")
    english = _app(built[1], language="en", settings=load_settings())  # --lang beats the file
    async with english.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert str(main_screen(english).results.border_title).startswith("Results (")


async def test_the_vietnamese_results_title_says_counts_and_places(
    monkeypatch: pytest.MonkeyPatch, built: tuple[Path, Path], settle, main_screen
) -> None:
    """A ward chosen: the count of articles about it and of those that only mention it."""
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    app = _app(built[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        screen: MainScreen = main_screen(app)
        assert screen.ward is not None
        title = str(screen.results.border_title)
        assert title.startswith("Kết quả (") and " về · " in title and "nhắc đến)" in title
        assert str(screen.results.border_subtitle) == screen.ward


async def test_the_help_and_footer_rows_are_vietnamese(
    monkeypatch: pytest.MonkeyPatch, built: tuple[Path, Path], settle
) -> None:
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    app = _app(built[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = " ".join(str(k.render()) for k in app.screen.query("FooterKey"))
        assert "Tìm" in footer and "Thứ tự" in footer and "Thoát" in footer
        await pilot.press("question_mark")
        await pilot.pause()
        whats = [what for _, what in _help_rows(app)]
        assert "focus the search bar" not in whats and "this help" not in whats
