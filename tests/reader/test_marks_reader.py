"""Read marks, bookmarks, export and copy in the reader (issue 15, items 1-4), by the keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from phuong_reader.tui.marks import Marks
from phuong_reader.tui.screens import marks_pane
from phuong_reader.tui.screens.bookmarks import BookmarksScreen, ExportDialog, NoteDialog

pytestmark = pytest.mark.asyncio


def _marks(screen) -> Marks:
    """The corpus's marks as another process sees them (a fresh connection)."""
    return Marks.open(screen.state.corpus)


async def test_u_marks_the_result_read_and_is_unread_leaves_it_out(
    built: tuple[Path, Path], opened, settle, main_screen, shown_text
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        hit = screen.results.hits[0]
        total = screen.results.result.total
        assert not screen.hit_is_read(hit)
        await pilot.press("u")
        await settle(pilot)
        assert screen.hit_is_read(hit)
        assert _marks(screen).is_read(hit.id, hit.content_hash)  # saved, for other processes
        await pilot.press("U")  # unread only
        await settle(pilot)
        assert screen.bar.input.value.split() == ["is:unread"]
        ids = [h.id for h in screen.results.hits]
        assert hit.id not in ids and screen.results.result.total == total - 1
        await pilot.press("U")  # and back
        await settle(pilot)
        assert screen.bar.input.value == "" and screen.results.result.total == total
        screen.set_focus(screen.results)
        await pilot.press("u")  # again: unread
        await settle(pilot)
        assert not _marks(screen).is_read(hit.id, hit.content_hash)


async def test_an_article_shown_a_few_seconds_is_read(
    built: tuple[Path, Path], opened, settle, main_screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(marks_pane, "READ_SECONDS", 0.05)
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("down")
        await settle(pilot)
        await pilot.pause(0.2)
        article = screen.article.article
        assert article is not None
        assert _marks(screen).is_read(article.id, article.content_hash)


async def test_m_bookmarks_with_a_note_and_M_lists_opens_and_removes(
    built: tuple[Path, Path], opened, settle, main_screen
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        article = screen.article.article
        assert article is not None
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(pilot.app.screen, NoteDialog)
        await pilot.press(*"xem lai", "enter")
        await settle(pilot)
        saved = _marks(screen).bookmark_of(article.id)
        assert saved is not None and saved.note == "xem lai" and saved.title == article.title
        await pilot.press("down")  # another article
        await settle(pilot)
        assert screen.article.article.id != article.id
        await pilot.press("M")
        await settle(pilot)
        listed = pilot.app.screen
        assert isinstance(listed, BookmarksScreen)
        assert [b.id for b in listed.shown] == [article.id]
        await pilot.press(*"zzz")  # a filter that matches nothing
        assert listed.shown == []
        await pilot.press("backspace", "backspace", "backspace", *"xem", "enter")
        await settle(pilot)
        assert pilot.app.screen is screen and screen.article.article.id == article.id
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("down", "delete", "escape")
        await settle(pilot)
        assert _marks(screen).bookmark_of(article.id) is None


async def test_e_exports_the_results_and_in_the_article_the_article(
    built: tuple[Path, Path], opened, settle, main_screen, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("e")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#format-json").value = True
        field = dialog.query_one("#export-folder")
        field.value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        (written,) = folder.glob("*.json")
        data = json.loads(written.read_text("utf-8"))
        rows = data["results"] if isinstance(data, dict) else data
        assert [r["id"] for r in rows] == [h.id for h in screen.results.hits]
        assert screen.state.export_dir == str(folder)  # remembered for the next export
        screen.set_focus(screen.article.scroller)
        await pilot.press("e")
        await settle(pilot)
        assert pilot.app.screen.query_one("#export-folder").value == str(folder)
        pilot.app.screen.query_one("#format-md").value = True
        await pilot.press("enter")
        await settle(pilot)
        (page,) = folder.glob("*.md")
        article = screen.article.article
        assert page.read_text("utf-8").lstrip().startswith("# ")
        assert article.id in page.name


async def test_y_copies_the_citation_or_the_paragraph_in_view(
    built: tuple[Path, Path], opened, settle, main_screen
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        hit = screen.results.hits[0]
        await pilot.press("y")
        assert pilot.app.clipboard.startswith(hit.title) and pilot.app.clipboard.endswith(hit.id)
        screen.set_focus(screen.article.scroller)
        await pilot.press("y")
        copied = pilot.app.clipboard
        shown = screen.article.text.joined().plain
        paragraphs = [" ".join(p.split()) for p in shown.split("\n\n")]
        assert copied in paragraphs  # a whole paragraph of what is shown (the first in view)
