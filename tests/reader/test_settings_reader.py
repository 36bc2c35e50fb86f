"""The reader with a config.toml, opened as ``phuong`` opens it (``reader_app``): keys moved by
[keys] (and shown so by the help), the theme, the default corpus, and a broken file that is
said and otherwise ignored."""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.cli.main import reader_app
from phuong_reader.tui.screens.help import HelpScreen
from phuong_reader.tui.screens.main import MainScreen
from phuong_reader.tui.state import ReaderState
from textual.pilot import Pilot
from textual.widgets import Static


def phuong(corpus: Path | None = None, index_dir: Path | None = None) -> ReaderApp:
    """The app of ``phuong [--corpus C] [--index-dir D]``, not yet running."""
    return reader_app(argparse.Namespace(dir=None, corpus=corpus, index_dir=index_dir))


@asynccontextmanager
async def running(index_dir: Path, settle) -> AsyncIterator[Pilot]:
    """``phuong --index-dir INDEX_DIR``, settled on its main screen."""
    async with phuong(index_dir=index_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield pilot


def help_rows(app: ReaderApp) -> dict[str, str]:
    """What the help screen shows: what each row does → its keys."""
    assert isinstance(app.screen, HelpScreen)
    rows: dict[str, str] = {}
    for row in app.screen.query(".help-row"):
        key, what = row.query(Static)
        rows[str(what.render())] = str(key.render())
    return rows


def notes(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.asyncio
async def test_a_moved_key_runs_its_action_and_the_old_one_does_not(
    built: tuple[Path, Path], write_config, main_screen, settle
) -> None:
    write_config('[keys]\n"main.sort" = "o"\n')
    async with running(built[1], settle) as pilot:
        screen = main_screen(pilot.app)
        assert screen.sort == "relevance" and pilot.app.focused is screen.results
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "relevance"
        await pilot.press("o")
        await settle(pilot)
        assert screen.sort == "oldest"  # no query: newest first is relevance
        await pilot.press("o")
        await settle(pilot)
        assert screen.sort == "relevance"
        assert notes(pilot.app) == []  # a good file says nothing


@pytest.mark.asyncio
async def test_the_help_shows_the_keys_in_effect(
    built: tuple[Path, Path], write_config, settle
) -> None:
    write_config('[keys]\n"main.sort" = "o"\n"main.help" = ["h", "f2"]\n"help.close" = "x"\n')
    async with running(built[1], settle) as pilot:
        app = pilot.app
        await pilot.press("question_mark")
        assert isinstance(app.screen, MainScreen)  # ? no longer opens the help
        await pilot.press("h")
        rows = help_rows(app)
        assert rows["order: by relevance → newest first → oldest first"] == "o"
        assert rows["this help"] == "h, F2"
        assert rows["close this help"] == "x"
        assert rows["next / previous match of the query in the article"] == "n / N"  # unmoved
        await pilot.press("escape")
        assert isinstance(app.screen, HelpScreen)  # Esc is no longer one of its keys
        await pilot.press("x")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f2")
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.asyncio
async def test_a_key_taken_from_another_action_is_said_and_shown(
    built: tuple[Path, Path], write_config, main_screen, settle
) -> None:
    path = write_config('[keys]\n"main.sort" = "n"\n')
    async with running(built[1], settle) as pilot:
        app, screen = pilot.app, main_screen(pilot.app)
        await pilot.press("n")
        await settle(pilot)
        assert screen.sort == "oldest"  # no query: newest first is relevance
        (note,) = notes(app)
        assert note == f"{path}:2: main.next-match no longer has n, [keys] gives it to main.sort"
        await pilot.press("question_mark")
        rows = help_rows(app)
        assert rows["next / previous match of the query in the article"] == "(none) / N"
        assert rows["order: by relevance → newest first → oldest first"] == "n"


@pytest.mark.asyncio
async def test_a_broken_file_is_said_with_its_line_and_the_reader_opens_with_defaults(
    built: tuple[Path, Path], write_config, main_screen, settle
) -> None:
    path = write_config('theme = "textual-light"\n[keys]\n"main.sort" = "o"\nlanguage = \n')
    async with running(built[1], settle) as pilot:
        app, screen = pilot.app, main_screen(pilot.app)
        (note,) = notes(app)
        assert note.startswith(f"{path}:4:") and "not valid TOML" in note
        assert "defaults" in note
        assert app.theme == "textual-dark"
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "oldest"  # no query: newest first is relevance  # the keys by default


@pytest.mark.asyncio
async def test_a_value_of_the_wrong_type_is_said_with_its_line_and_the_rest_applies(
    built: tuple[Path, Path], write_config, main_screen, settle
) -> None:
    path = write_config(
        '# my settings\nlanguage = "vi"\ntheme = 42\n[keys]\n"main.sort" = "o"\n"main.srot" = "p"\n'
    )
    async with running(built[1], settle) as pilot:
        app, screen = pilot.app, main_screen(pilot.app)
        first, second = notes(app)
        assert first.startswith(f"{path}:3: theme must be") and "not an integer" in first
        assert second.startswith(f"{path}:6: [keys]: no action has the id 'main.srot'")
        assert app.theme == "textual-dark"
        assert app.settings.language == "vi"
        await pilot.press("o")
        await settle(pilot)
        assert screen.sort == "oldest"  # no query: newest first is relevance


@pytest.mark.asyncio
async def test_the_theme_of_the_config_file_wins_over_the_one_used_last(
    built: tuple[Path, Path], write_config, settle
) -> None:
    ReaderState(theme="textual-light").save()
    async with phuong(index_dir=built[1]).run_test() as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-light"  # no config file: the one used last
    write_config('theme = "nord"\n')
    async with phuong(index_dir=built[1]).run_test() as pilot:
        await settle(pilot)
        assert pilot.app.theme == "nord"
        assert notes(pilot.app) == []
    path = write_config('\ntheme = "nrod"\n')
    async with phuong(index_dir=built[1]).run_test() as pilot:
        await settle(pilot)
        assert pilot.app.theme == "nord"  # remembered from the last run; nrod is no theme
        (note,) = notes(pilot.app)
        assert note.startswith(f"{path}:2: unknown theme 'nrod'") and "'nord'" in note


@pytest.mark.asyncio
async def test_the_default_corpus_opens_when_no_corpus_is_given(
    corpus: Path, tmp_path: Path, write_config, settle, main_screen
) -> None:
    write_config(f'corpus = "{corpus}"\n')
    app = phuong()
    assert app.location is not None and app.location.corpus == corpus
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert len(screen.results.hits) == len(list(corpus.glob("*.txt")))
        assert all(hit.path.startswith(str(corpus)) for hit in screen.results.hits)
    other = tmp_path / "other"
    other.mkdir()
    given = reader_app(argparse.Namespace(dir=other, corpus=None, index_dir=None))
    assert given.location is not None and given.location.corpus == other  # the argument wins
    index_only = phuong(index_dir=tmp_path / "i")
    assert index_only.location is not None and index_only.location.corpus is None
    write_config(f'corpus = "{tmp_path / "gone"}"\n')
    fallback = phuong()
    assert fallback.location is not None and fallback.location.bundled
    (problem,) = fallback.settings_file.problems
    assert "no folder" in problem and "bundled sample corpus" in problem


@pytest.mark.asyncio
async def test_a_search_key_moved_off_slash(
    built: tuple[Path, Path], write_config, main_screen, settle
) -> None:
    write_config('[keys]\n"main.search" = "ctrl+f"\n')
    async with running(built[1], settle) as pilot:
        app, screen = pilot.app, main_screen(pilot.app)
        bar = screen.bar.input
        await pilot.press("slash")
        assert app.focused is screen.results
        await pilot.press("ctrl+f")
        assert app.focused is bar
        await pilot.press("ctrl+f", *"68-NQ", "slash", *"TW")
        await settle(pilot)
        assert bar.value == "68-NQ/TW"  # ctrl+f types nothing, "/" is text


def test_every_binding_has_an_id_and_the_help_names_them_all() -> None:
    from phuong_reader.tui.bindings import bound_classes, declared_bindings
    from phuong_reader.tui.keys import binding_ids

    classes = bound_classes()
    assert {ReaderApp, MainScreen, HelpScreen} <= set(classes) and len(classes) >= 12
    ids: dict[str, str] = {}
    for cls in classes:
        for binding in declared_bindings(cls):
            assert binding.id, (cls.__name__, binding.key)
            owner = ids.setdefault(binding.id, cls.__name__)
            assert owner == cls.__name__, f"{binding.id} is used by {owner} and {cls.__name__}"
    assert sorted(ids) == sorted(binding_ids())
