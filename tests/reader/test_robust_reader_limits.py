"""Item 8 in the reader: a query matching every document shows the first page of them, and the
1 MB article (the 50 MB file's first megabyte) opens and its matches can be walked, each key
redrawing only the first MAX_SHOWN_CHARS of it and never reading it again."""

from __future__ import annotations

import pytest
from phuong_reader.tui import highlight
from phuong_reader.tui.highlight import MAX_SHOWN_CHARS
from phuong_reader.tui.screens.main import RESULT_LIMIT
from phuong_reader.tui.widgets import article_view


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
    """Per render of the article view, the characters of article text scanned for matches."""
    scanned: list[int] = []
    per_render: list[int] = []
    real_match_spans, real_render = highlight.match_spans, article_view.render_article

    def match_spans(text, terms, start=0, end=None):  # type: ignore[no-untyped-def]
        scanned.append((len(text) if end is None else end) - start)
        return real_match_spans(text, terms, start, end)

    def render_article(*args, **kwargs):  # type: ignore[no-untyped-def]
        scanned.clear()
        rendered = real_render(*args, **kwargs)
        per_render.append(sum(scanned))
        return rendered

    monkeypatch.setattr(highlight, "match_spans", match_spans)
    monkeypatch.setattr(article_view, "render_article", render_article)
    return per_render


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
        assert renders and renders[-1] <= MAX_SHOWN_CHARS + 2_000  # opened: its head only
        renders.clear()
        with count_work() as work:
            await pilot.press("enter", "n", "n", "N", "G", "g")
            await settle(pilot)
        # Bounded work, on any machine: the keys read no article again, and each of the three
        # match steps redraws the head of the text only (the file holds 1 MB of it).
        assert work["unpickled"] == 0, work
        assert len(renders) <= 3, renders
        assert all(chars <= MAX_SHOWN_CHARS + 2_000 for chars in renders), renders
        assert view.current == 0 and view.match_count > 100
        assert len(view.rendered.content) < MAX_SHOWN_CHARS + 2_000
        await pilot.press("G")
        await settle(pilot)
        assert "phuong show huge" in shown_text(view.body).replace("\n", " ")
