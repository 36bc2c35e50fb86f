"""Item 8 in the reader: a query matching every document shows the first page of them, and the
1 MB article (the 50 MB file's first megabyte) opens and its matches can be walked."""

from __future__ import annotations

import time

import pytest
from phuong_reader.tui.highlight import MAX_SHOWN_CHARS
from phuong_reader.tui.screens.main import RESULT_LIMIT


@pytest.mark.asyncio
async def test_the_reader_shows_the_first_page_of_everything(
    big_index, reader, settle, main_screen
) -> None:
    docs = big_index.docs
    async with reader(big_index.index_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        assert f"{RESULT_LIMIT} of {docs}" in str(screen.results.border_title)
        await pilot.press("slash", *"phường", "enter")
        await settle(pilot)
        assert f"{RESULT_LIMIT} of {docs}" in str(screen.results.border_title)
        await pilot.press("G")
        await settle(pilot)
        assert screen.results.highlighted == RESULT_LIMIT - 1
        assert screen.article.article is not None
        assert screen.article.article.id == screen.results.hits[-1].id


@pytest.mark.asyncio
async def test_a_1_mb_article_opens_in_the_reader(
    hostile_index, reader, settle, main_screen, shown_text
) -> None:
    _, index_dir, _ = hostile_index
    async with reader(index_dir).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        await pilot.press("slash", *"tan dinh", "enter")
        await settle(pilot)
        ids = [h.id for h in screen.results.hits]
        screen.results.highlighted = ids.index("huge")
        await settle(pilot)
        started = time.perf_counter()
        await pilot.press("enter", "n", "n", "N", "G", "g")
        await settle(pilot)
        assert time.perf_counter() - started < 10
        view = screen.article
        assert view.article is not None and view.article.id == "huge"
        assert view.current == 0 and view.match_count > 100
        assert len(view.rendered.content) < MAX_SHOWN_CHARS + 2_000
        await pilot.press("G")
        await settle(pilot)
        assert "phuong show huge" in shown_text(view.body).replace("\n", " ")
