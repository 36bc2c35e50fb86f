"""SVG snapshots of what the reader shows (pytest-textual-snapshot).

Deterministic by construction: the fixture corpus, timing hidden in the status, a fresh data
dir (conftest). After an intended change of the look: ``pytest --snapshot-update``, then look
at the SVGs in tests/reader/__snapshots__ before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index.model import QueryTerms, StoredArticle
from phuong_reader.tui import app as app_module
from phuong_reader.tui.article_lines import ArticleLines, lay_out
from phuong_reader.tui.highlight import render_parts
from phuong_reader.tui.widgets.article_view import ArticleView
from textual.app import App, ComposeResult
from textual.pilot import Pilot

CSS = str(Path(app_module.__file__).with_name("app.tcss"))


def test_main_screen_120x40(snap_compare, built: tuple[Path, Path], reader, settle) -> None:
    assert snap_compare(reader(built[1]), terminal_size=(120, 40), run_before=settle)


def test_main_screen_80x24(snap_compare, built: tuple[Path, Path], reader, settle) -> None:
    assert snap_compare(reader(built[1]), terminal_size=(80, 24), run_before=settle)


def test_vietnamese_main_screen(
    snap_compare, built: tuple[Path, Path], reader, settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a Vietnamese locale (what each label says: test_vietnamese_reader.py)."""
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert snap_compare(reader(built[1]), terminal_size=(120, 40), run_before=settle)


def test_search_results_60x20(snap_compare, built: tuple[Path, Path], reader, settle) -> None:
    async def search(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"tan son hoa", "enter")
        await settle(pilot)

    assert snap_compare(reader(built[1]), terminal_size=(60, 20), run_before=search)


def test_help_screen(snap_compare, built: tuple[Path, Path], reader, settle) -> None:
    async def open_help(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(reader(built[1]), terminal_size=(100, 40), run_before=open_help)


class ArticleHarness(App[None]):
    """The article view alone, on a hand-made article with a span of every kind."""

    CSS_PATH = CSS

    def __init__(self, article: StoredArticle) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        yield ArticleView(id="article")

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        view.border_title = "Article"
        terms = QueryTerms(words=("hoa",))
        chunks: list[ArticleLines] = []
        lay_out(render_parts(self.article, terms), 86, chunks.append)  # 90 columns less borders
        view.show(self.article, terms, chunks[0])
        for more in chunks[1:]:
            view.extend(self.article, more)
        view.next_match()
        view.next_match()


def test_article_with_every_highlight_kind(snap_compare, every_kind_article) -> None:
    assert snap_compare(ArticleHarness(every_kind_article), terminal_size=(90, 24))


def test_article_with_every_highlight_kind_light(snap_compare, every_kind_article) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(
        ArticleHarness(every_kind_article), terminal_size=(90, 24), run_before=light
    )


async def _people(pilot: Pilot, settle) -> None:
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)


async def _figures(pilot: Pilot, settle) -> None:
    await settle(pilot)
    await pilot.press("slash", *"ngheo", "enter")
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("view", ["people", "figures"])
def test_compare_views(snap_compare, compare_index: Path, reader, settle, view, size) -> None:
    opening = _people if view == "people" else _figures
    run = lambda pilot: opening(pilot, settle)  # noqa: E731
    assert snap_compare(reader(compare_index), terminal_size=size, run_before=run)


def test_figures_screen_light_80x24(snap_compare, compare_index: Path, reader, settle) -> None:
    async def light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await _figures(pilot, settle)

    assert snap_compare(reader(compare_index), terminal_size=(80, 24), run_before=light)


def test_bookmarks_list(snap_compare, compare_index: Path, reader, settle) -> None:
    """M after two bookmarks, one with a note (bookmarks are kept per test: the data dir is
    the test's own)."""

    async def bookmarks(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("m", *"gọi lại phường", "enter")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        await pilot.press("m", "enter")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press("M")
        await settle(pilot)

    assert snap_compare(reader(compare_index), terminal_size=(100, 24), run_before=bookmarks)


async def _dates_dialog(pilot: Pilot, settle) -> None:
    """A query with a date filter and an order set (their chips under the search bar), then
    the dates dialog again, its second field not a date."""
    await settle(pilot)
    await pilot.press("slash", *"ngheo", "enter")
    await settle(pilot)
    await pilot.press("d", *"12/2025", "enter")
    await settle(pilot)
    await pilot.press("s", "s")
    await settle(pilot)
    await pilot.press("d", "tab", *"31/2/2026", "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_dates_dialog(snap_compare, compare_index: Path, reader, settle, size) -> None:
    run = lambda pilot: _dates_dialog(pilot, settle)  # noqa: E731
    assert snap_compare(reader(compare_index), terminal_size=size, run_before=run)
