"""Item 8 in the reader: a query matching every document shows the first page of them, and the
1 MB article (the 50 MB file's first megabyte) opens whole: its first screens are handed over
before the rest is laid out, its matches can be walked without reading or rendering it again,
and its last line can be reached."""

from __future__ import annotations

import pytest
from phuong_reader.tui.article_lines import FIRST_CHARS
from phuong_reader.tui.screens import article_pane as main
from phuong_reader.tui.screens.answers import RESULT_LIMIT


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


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Per layout of an article, the characters of its first hand-over (one entry per
    article laid out)."""
    first: list[int] = []
    real_lay_out = main.lay_out

    def lay_out(parts, width, hand_over, cancelled=lambda: False):  # type: ignore[no-untyped-def]
        chunks: list[int] = []

        def counted(chunk):  # type: ignore[no-untyped-def]
            if not chunks:
                first.append(chunk.chars)
            chunks.append(chunk.chars)
            hand_over(chunk)

        real_lay_out(parts, width, counted, cancelled)

    monkeypatch.setattr(main, "lay_out", lay_out)
    return first


@pytest.mark.asyncio
async def test_a_1_mb_article_opens_in_the_reader(
    hostile_index, reader, settle, main_screen, shown_text, count_work, renders: list[int]
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
        view = screen.article
        assert view.article is not None and view.article.id == "huge"
        # Handed over after its first screens, then completed: all of it, no cut.
        assert renders and renders[-1] < FIRST_CHARS + 2_000
        assert view.text is not None and view.text.complete
        assert view.article.text.rstrip().endswith(view.text.parts[-1].content.plain.rstrip())
        renders.clear()
        with count_work() as work:
            await pilot.press("enter", "n", "n", "N", "G", "g")
            await settle(pilot)
        # Bounded work, on any machine: the keys read no article again and lay none out.
        assert work["unpickled"] == 0, work
        assert renders == []
        assert view.current == 0 and view.match_count > 100
        await pilot.press("G")
        await settle(pilot)
        last = " ".join(view.article.text.split()[-6:])  # the article's last words
        assert " ".join(shown_text(view.body).split()).endswith(last)
