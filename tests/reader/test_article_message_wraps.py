"""The article pane's message (no article: an empty ward, no match, a missing id) wraps at the
pane's width, however long it is (Vietnamese messages are longer than English ones), and wraps
again when the pane changes width."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index.location import locate
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.widgets.article_view import ArticleView
from textual.app import App, ComposeResult

pytestmark = pytest.mark.asyncio

LONG = (
    "Không có bài viết nào ở phường Tân Sơn Hòa khớp với truy vấn này. Nhấn a để tìm "
    "trong tất cả phường/xã (không phường/xã nào có kết quả)."
)


class _OneView(App[None]):
    CSS = "ArticleView { width: 30; height: 12; }"

    def compose(self) -> ComposeResult:
        yield ArticleView()


def _lines(view: ArticleView) -> list[str]:
    body = view.body
    return [body.render_line(y).text.rstrip() for y in range(body.size.height)]


def _words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


async def test_a_long_message_is_wrapped_whole_at_the_pane_width() -> None:
    app = _OneView()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.show_message(LONG)
        await pilot.pause()
        lines = _lines(view)
        width = view.body.scrollable_content_region.width
        assert len(LONG) > width
        assert _words(lines) == LONG.split()  # every word shown, in order
        assert sum(1 for line in lines if line) > 1
        assert all(len(line) <= width for line in lines)


async def test_the_message_wraps_again_when_the_pane_narrows() -> None:
    app = _OneView()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.show_message(LONG)
        await pilot.pause()
        before = [line for line in _lines(view) if line]
        view.styles.width = 20
        await pilot.pause()
        await pilot.pause()
        after = [line for line in _lines(view) if line]
        assert len(after) > len(before)
        assert _words(after) == LONG.split()
        assert all(len(line) <= view.body.scrollable_content_region.width for line in after)


async def test_the_reader_shows_a_long_no_match_message_whole(
    built: tuple[Path, Path], settle, main_screen, shown_text
) -> None:
    """A ward chosen and a query found nowhere: the message is wider than the article pane
    at 80 columns, and all of it is on screen."""
    app = ReaderApp(locate(None, built[1]), show_timing=False)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.ward is not None
        await pilot.press("slash", *"zzqxw", "enter")
        await settle(pilot)
        body = screen.article.body
        shown = [line.rstrip() for line in shown_text(body).split("\n")]
        text = " ".join(line for line in shown if line)
        assert len(text) > body.scrollable_content_region.width
        assert text.startswith(f"No article in {screen.ward} matches.")
        assert text.endswith("(nothing in any ward either).")
