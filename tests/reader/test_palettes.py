"""Issue 13, item 5, the command palettes under a fast typist: Go to ward… and Go to article by
id… keep every key typed while they open, a ward costs one fold of what was typed per key, and
an Enter typed before the list for the last key came chooses from that list, once it comes (not
from an older list, and not nothing)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from phuong_reader.tui import wardmatch
from phuong_reader.tui.commands import ArticleProvider
from textual import events
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot

KEY_NAMES = {" ": "space", "/": "slash", "-": "minus"}


def burst(pilot: Pilot, keys: list[str]) -> None:
    """Post ``keys`` all at once, as a fast typist or a slow terminal delivers them: nothing
    waits for the screen between two keys (``pilot.press`` waits after each)."""
    for key in keys:
        name = KEY_NAMES.get(key, key)
        character = "\r" if key == "enter" else (key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(name, character))


def assert_opened(pilot: Pilot, screen: object, article_id: str) -> None:
    """The palette closed on the main screen, which shows ``article_id``."""
    assert pilot.app.screen is screen
    shown = screen.article.article  # type: ignore[attr-defined]
    assert shown is not None and shown.id == article_id


def palette_of(pilot: Pilot) -> tuple[str, list[str]]:
    """The open palette's input and the prompts it lists."""
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette), f"expected a palette, got {palette!r}"
    commands = palette.query_one(CommandList)
    listed = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
    return palette.query_one(CommandInput).value, listed


@pytest.mark.asyncio
async def test_keys_typed_right_after_choosing_go_to_ward_all_reach_its_palette(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    """The keys after Enter used to land in the closing palette (and the screen below) before
    the ward palette's input had focus: all of them were lost in one burst."""
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("ctrl+p", *"Go to ward")
        await settle(pilot)
        assert palette_of(pilot)[1][0].startswith("Go to ward…")
        burst(pilot, ["enter", *"tan son hoa"])
        await settle(pilot)
        typed, listed = palette_of(pilot)
        assert typed == "tan son hoa"
        assert listed[0] == "Tân Sơn Hòa (1)"
        assert (screen.sort, screen.ward) == ("relevance", None)  # no key reached the screen
        await pilot.press("enter")
        await settle(pilot)
        assert screen.ward == "Tân Sơn Hòa"
        assert pilot.app.screen is screen


@pytest.mark.asyncio
async def test_a_former_name_typed_in_one_burst_says_what_it_is_now(
    built: tuple[Path, Path], opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        await pilot.press("ctrl+p", *"Go to ward")
        await settle(pilot)
        burst(pilot, ["enter", *"thanh loc", "backspace", "c"])  # merged into An Phú Đông
        await settle(pilot)
        typed, listed = palette_of(pilot)
        assert typed == "thanh loc"
        assert listed[0] == "Thạnh Lộc, Quận 12 → now An Phú Đông (1)"


@pytest.mark.asyncio
async def test_go_to_article_keeps_the_keys_typed_after_choosing_it(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("ctrl+p", *"article by id")
        await settle(pilot)
        burst(pilot, ["enter", *"102"])
        await settle(pilot)
        assert palette_of(pilot)[0] == "102"
        await pilot.press("enter")
        await settle(pilot)
        assert_opened(pilot, screen, "102_phuthanh")


@pytest.mark.asyncio
async def test_go_to_ward_folds_only_what_was_typed_once_per_key(
    built: tuple[Path, Path], opened, settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bound work: the 168 wards and their 493 former names are folded when the palette opens;
    a key then folds what was typed, once, however many wards there are."""
    async with opened(built[1]) as pilot:
        await pilot.press("ctrl+p", *"Go to ward")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        folded: list[str] = []
        fold = wardmatch.ward_key
        monkeypatch.setattr(wardmatch, "ward_key", lambda text: folded.append(text) or fold(text))
        wardmatch.typed_key.cache_clear()
        typed = "phu tho hoa"
        await pilot.press(*typed)  # no pause between the keys
        await settle(pilot)
        assert palette_of(pilot)[0] == typed
        assert palette_of(pilot)[1][0] == "Phú Thọ Hòa (1)"
        assert folded, "the palette searched without folding what was typed"
        assert len(folded) <= len(typed)  # one per key at most (a stale search is cancelled)
        assert set(folded) <= {typed[:n] for n in range(1, len(typed) + 1)}  # no ward name


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> dict[str, asyncio.Event]:
    """``held[query]``: an event the article palette's search for ``query`` waits for, as a
    search slower than the typist (the test sets it to let the list come)."""
    gates: dict[str, asyncio.Event] = {}
    search = ArticleProvider.search

    async def slow_search(self: ArticleProvider, query: str):  # type: ignore[no-untyped-def]
        if query in gates:
            await gates[query].wait()
        async for hit in search(self, query):
            yield hit

    monkeypatch.setattr(ArticleProvider, "search", slow_search)
    return gates


@pytest.mark.asyncio
async def test_an_enter_before_the_list_waits_for_it_and_opens_its_first_match(
    built: tuple[Path, Path], main_screen, opened, settle, held
) -> None:
    """Textual's palette ignores an Enter while no list is shown: "102", Enter left the
    palette open on "102", the article unopened (a fresh-clone CI run caught it)."""
    held["102"] = asyncio.Event()
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        first = screen.article.article
        await pilot.press("ctrl+p", *"article by id")
        await settle(pilot)
        burst(pilot, ["enter", *"102", "enter"])
        for _ in range(20):
            await pilot.pause()
        assert palette_of(pilot) == ("102", [])  # no list yet: the Enter waits
        assert screen.article.article is first
        held["102"].set()
        await settle(pilot)
        assert_opened(pilot, screen, "102_phuthanh")


@pytest.mark.asyncio
async def test_an_enter_before_the_list_for_the_last_key_does_not_choose_from_the_old_one(
    built: tuple[Path, Path], main_screen, opened, settle, held
) -> None:
    """ "10" lists 101 first; "6" typed and Enter before the list for "106" comes must open
    106, not the 101 still shown."""
    held["106"] = asyncio.Event()
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("ctrl+p", *"article by id")
        await settle(pilot)
        await pilot.press("enter", "1", "0")
        await settle(pilot)
        assert palette_of(pilot)[1][0].startswith("101_tansonhoa")
        await pilot.press("6", "enter")
        assert palette_of(pilot)[0] == "106"
        assert isinstance(pilot.app.screen, CommandPalette)  # waiting, not on 101
        held["106"].set()
        await settle(pilot)
        assert_opened(pilot, screen, "106_anphudong")


@pytest.mark.asyncio
async def test_an_enter_for_a_text_that_matches_nothing_leaves_the_palette_as_it_was(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        first = screen.article.article
        await pilot.press("ctrl+p", *"article by id")
        await settle(pilot)
        burst(pilot, ["enter", *"999", "enter"])
        await settle(pilot)
        assert palette_of(pilot)[0] == "999"  # nothing chosen, nothing lost
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.article.article is first


@pytest.mark.asyncio
async def test_keys_typed_while_the_article_ids_load_get_their_list(
    built: tuple[Path, Path], opened, settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ids load once, when the palette opens (``startup``). A key typed meanwhile cancels
    the search that was waiting for them; in Textual that cancelled the loading too, and
    every later search of that palette found nothing: "102", Enter, chose nothing (the
    fresh-clone CI's intermittent failure, on a loaded machine)."""
    loaded = asyncio.Event()
    startup = ArticleProvider.startup

    async def slow_startup(self: ArticleProvider) -> None:
        await loaded.wait()
        await startup(self)

    monkeypatch.setattr(ArticleProvider, "startup", slow_startup)
    async with opened(built[1]) as pilot:
        await pilot.press("ctrl+p", *"article by id", "enter")
        for _ in range(5):
            await pilot.pause()
        await pilot.press(*"102")
        for _ in range(5):
            await pilot.pause()
        loaded.set()
        await settle(pilot)
        typed, listed = palette_of(pilot)
        assert typed == "102"
        assert listed and listed[0].startswith("102_phuthanh")
