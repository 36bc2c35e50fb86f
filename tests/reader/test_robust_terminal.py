"""Item 7: the reader starts and answers keys at 40x12, 60x20 and 200x60 and across resizes;
a missing, empty, older or damaged index gives a clear screen (with `r` to rebuild when the
corpus is known), never a traceback. (The command line on a damaged index:
tests/cli/test_robust_cli_damaged.py.)"""

from __future__ import annotations

import json
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.location import locate
from phuong_reader.index.storage.store import POINTER, live_generation
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.screens.main import EMPTY_INDEX
from phuong_reader.tui.screens.message import MessageScreen
from textual.pilot import Pilot

SIZES = [(40, 12), (60, 20), (200, 60)]


@pytest.fixture(scope="session")
def search_and_read(main_screen, settle) -> Callable[[Pilot], Awaitable[None]]:
    """``await search_and_read(pilot)``: type a query, open the best article, walk its
    matches: the reader answers."""

    async def answer(pilot: Pilot) -> None:
        screen = main_screen(pilot.app)
        await pilot.press("slash", "ctrl+u", *"tan son hoa", "enter")
        await settle(pilot)
        assert screen.results.hits[0].id == "101_tansonhoa"
        await pilot.press("enter", "n", "n")
        await settle(pilot)
        assert screen.article.article is not None
        assert screen.article.article.id == "101_tansonhoa"
        assert screen.article.current == 1

    return answer


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.asyncio
async def test_the_reader_works_at_every_size(
    built: tuple[Path, Path], size, main_screen, reader, settle, search_and_read
) -> None:
    async with reader(built[1]).run_test(size=size) as pilot:
        await settle(pilot)
        await search_and_read(pilot)
        await pilot.press("question_mark")
        await pilot.press("escape")
        screen = main_screen(pilot.app)
        await pilot.press("right_square_bracket", "s")
        await settle(pilot)
        assert screen.ward == screen.wards.order()[1] and screen.sort == "date"


@pytest.mark.asyncio
async def test_resizing_between_sizes_keeps_it_working(
    built: tuple[Path, Path], main_screen, reader, settle, search_and_read
) -> None:
    async with reader(built[1]).run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await search_and_read(pilot)
        screen = main_screen(pilot.app)
        screen.results.focus()
        for size in [(40, 12), (200, 60), (60, 20), (40, 12), (120, 40), (200, 60)]:
            await pilot.resize_terminal(*size)
            await pilot.press("j")  # the next result opens in the article view
            await settle(pilot)
            assert pilot.app.size == size
            assert screen.article.article is not None
            assert screen.article.article.id == screen.results.hits[screen.results.highlighted].id
            await pilot.press("w", "w")  # the ward list toggles at any width
        await search_and_read(pilot)


# -- the index is missing, empty, older or damaged -------------------------------------------


def rewrite_pointer(index_dir: Path, **changes: str) -> None:
    pointer = json.loads((index_dir / POINTER).read_text())
    (index_dir / POINTER).write_text(json.dumps({**pointer, **changes}))


@pytest.fixture(scope="session")
def message(settle, shown_text) -> Callable[[Pilot], Awaitable[str]]:
    """``await message(pilot)``: the text of the message screen the reader must be showing."""

    async def shown(pilot: Pilot) -> str:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MessageScreen), screen
        return shown_text(screen.query_one("#message-box"))

    return shown


@pytest.mark.asyncio
async def test_an_index_dir_without_an_index_says_what_to_run(tmp_path: Path, message) -> None:
    (tmp_path / "empty-dir").mkdir()
    app = ReaderApp(locate(None, tmp_path / "empty-dir"))
    async with app.run_test(size=(80, 24)) as pilot:
        text = await message(pilot)
        assert "no index in" in text and "phuong index" in text
        await pilot.press("r")  # no corpus known: nothing to rebuild from
        assert isinstance(app.screen, MessageScreen)
        await pilot.press("q")
    assert app.return_code == 1


@pytest.mark.asyncio
async def test_an_index_of_no_articles_says_so(
    tmp_path: Path, main_screen, reader, settle, shown_text
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.md").write_text("not an article")
    (corpus / "empty.txt").write_bytes(b"")
    update_index(corpus, tmp_path / "index")
    async with reader(tmp_path / "index").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        assert screen.results.hits == []
        assert EMPTY_INDEX[:40] in shown_text(screen.article.body).replace("\n", " ")
        await pilot.press("slash", *"phường", "enter")
        await settle(pilot)
        assert screen.results.hits == []


@pytest.mark.asyncio
async def test_an_older_index_is_rebuilt_with_a_message(
    built: tuple[Path, Path], articles, main_screen, opened
) -> None:
    _, index_dir = built
    rewrite_pointer(index_dir, version="1-0000000000")  # as written by an older version
    async with opened(index_dir, size=(80, 24)) as pilot:
        app = pilot.app
        assert len(main_screen(app).results.hits) == len(articles)
        notes = [n.message for n in app._notifications]
        assert any("Rebuilt the index: index format changed" in n for n in notes), notes


@pytest.mark.asyncio
async def test_an_older_index_whose_corpus_is_gone_says_why(
    built: tuple[Path, Path], reader, message
) -> None:
    corpus, index_dir = built
    rewrite_pointer(index_dir, version="1-0000000000")  # as written by an older version
    shutil.rmtree(corpus)
    async with reader(index_dir).run_test(size=(80, 24)) as pilot:
        text = (await message(pilot)).replace("\n", " ")
        assert "has format 1-0000000000" in text and "corpus folder is gone" in text


@pytest.mark.asyncio
async def test_a_damaged_index_offers_a_rebuild_and_r_runs_it(
    built: tuple[Path, Path],
    articles,
    damage_index,
    main_screen,
    reader,
    settle,
    message,
    search_and_read,
) -> None:
    _, index_dir = built
    damage_index(index_dir)
    app = reader(index_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        text = (await message(pilot)).replace("\n", " ")
        assert "is damaged" in text and "Press r to rebuild it" in text
        assert "Traceback" not in text
        await pilot.press("r")
        await settle(pilot)
        screen = main_screen(app)
        assert len(screen.results.hits) == len(articles)
        await search_and_read(pilot)


@pytest.mark.asyncio
async def test_a_damaged_index_published_while_reading_offers_a_rebuild(
    built: tuple[Path, Path],
    damage_index,
    opened,
    settle,
    message,
    search_and_read,
) -> None:
    """Open searchers keep reading the files they have open; a damaged generation shows when
    the reader moves to it (here, published by "another process", picked up by Ctrl+R)."""
    _, index_dir = built
    async with opened(index_dir) as pilot:
        live = live_generation(index_dir)
        shutil.copytree(live, index_dir / "gen-damaged")
        rewrite_pointer(index_dir, generation="gen-damaged")
        damage_index(index_dir)
        await pilot.press("ctrl+r")
        text = (await message(pilot)).replace("\n", " ")
        assert "is damaged" in text
        await pilot.press("r")
        await settle(pilot)
        await search_and_read(pilot)


@pytest.mark.asyncio
async def test_an_index_truncated_under_the_open_reader_offers_a_rebuild(
    built: tuple[Path, Path],
    damage_index,
    opened,
    settle,
    message,
    search_and_read,
) -> None:
    """Searchers read segment files as files (not memory maps), so a segment truncated in
    place fails the next read, which the reader turns into the same screen."""
    _, index_dir = built
    async with opened(index_dir) as pilot:
        damage_index(index_dir)
        await pilot.press("slash", *"hoa", "enter")
        assert "is damaged" in (await message(pilot)).replace("\n", " ")
        await pilot.press("r")
        await settle(pilot)
        await search_and_read(pilot)


@pytest.mark.asyncio
async def test_a_damaged_index_without_its_corpus_says_what_to_run(
    built: tuple[Path, Path],
    damage_index,
    reader,
    message,
) -> None:
    corpus, index_dir = built
    damage_index(index_dir)
    shutil.rmtree(corpus)
    app = reader(index_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        text = (await message(pilot)).replace("\n", " ")
        assert "is damaged" in text and "--rebuild" in text
        await pilot.press("r")
        assert isinstance(app.screen, MessageScreen)
        await pilot.press("escape")
    assert app.return_code == 1
