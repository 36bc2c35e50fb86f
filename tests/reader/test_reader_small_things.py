"""Issue 13, item 5, the reader's small things: the remembered position is per corpus (theme and
history for all) and saved when the reader closes; a multi-line paste is one query (the
palettes under a fast typist are in test_palettes.py)."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Mapping
from pathlib import Path

import pytest
from phuong_reader.index.build.writer import update_index
from phuong_reader.index.location import locate
from phuong_reader.tui import state as state_module
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.signals import exit_on_signals
from phuong_reader.tui.state import (
    SAMPLE_CORPUS,
    STATE_FILE,
    Position,
    ReaderState,
    data_dir,
)
from phuong_reader.tui.widgets.search_bar import one_line
from textual import events
from textual.pilot import Pilot

SIZE = (120, 40)
KEY_NAMES = {" ": "space", "/": "slash", "-": "minus"}


def saved(folder: Path | None = None) -> dict:
    """The state file as the reader left it ({} when there is none yet)."""
    path = (folder or data_dir()) / STATE_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


@pytest.fixture
def two_indexes(
    built: tuple[Path, Path], write_corpus, articles: Mapping[str, str], tmp_path: Path
) -> tuple[Path, Path]:
    """Two corpora's indexes: the fixture corpus, and another of two of its articles."""
    other = write_corpus(
        tmp_path / "other", {k: articles[k] for k in ("101_tansonhoa", "104_vanhoa")}
    )
    update_index(other, tmp_path / "other-index")
    return built[1], tmp_path / "other-index"


# -- remembered per corpus ----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_each_corpus_reopens_where_it_was_and_the_history_is_shared(
    two_indexes: tuple[Path, Path], main_screen, reader, settle
) -> None:
    first, second = two_indexes
    async with reader(first).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        await pilot.press("slash", *"doanh", "enter")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        ward = screen.ward
        assert ward is not None
    async with reader(second).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        assert screen.bar.input.value == ""  # the first corpus's query stays there
        assert screen.ward is None
        await pilot.press("slash", "up")
        assert screen.bar.input.value == "doanh"  # the history is every corpus's
        await pilot.press("ctrl+u", *"van hoa", "enter")
        await settle(pilot)
    async with reader(first).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        assert (screen.bar.input.value, screen.ward) == ("doanh", ward)
    async with reader(second).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        assert (screen.bar.input.value, screen.ward) == ("van hoa", None)


def test_a_corpus_is_named_by_its_resolved_index_dir(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index_dir = built
    link = tmp_path / "link-to-index"
    link.symlink_to(index_dir)
    named = str(index_dir.resolve())
    assert ReaderApp(locate(None, index_dir)).state.corpus == named  # phuong --index-dir D
    assert ReaderApp(locate(None, link)).state.corpus == named
    assert ReaderApp(locate(corpus, index_dir)).state.corpus == named  # phuong DIR --index-dir D
    assert ReaderApp(locate()).state.corpus == SAMPLE_CORPUS  # wherever the package is
    assert ReaderApp(None, error="no corpus").state.corpus == ""


def test_a_flat_state_file_is_taken_over_by_the_first_corpus_opened(tmp_path: Path) -> None:
    old = {
        "ward": "Tân Sơn Hòa",
        "query": "hòa",
        "article": "101_tansonhoa",
        "sort": "date",
        "theme": "textual-light",
        "history": ["hòa"],
    }
    (tmp_path / STATE_FILE).write_text(json.dumps(old), "utf-8")
    first = ReaderState.load(tmp_path, corpus="/index/a")
    assert first.position == Position("Tân Sơn Hòa", "hòa", "101_tansonhoa", "date")
    assert (first.theme, first.history) == ("textual-light", ["hòa"])
    first.save(tmp_path)
    other = ReaderState.load(tmp_path, corpus="/index/b")
    assert other.position == Position()
    assert (other.theme, other.history) == ("textual-light", ["hòa"])
    assert ReaderState.load(tmp_path, corpus="/index/a").position == first.position
    assert saved(tmp_path)["version"] == 2


@pytest.mark.parametrize(
    "junk",
    [
        "{not json",
        "",
        "[1, 2]",
        '{"version": 2, "corpora": [1]}',
        '{"version": 2, "corpora": {"/index/a": 3}}',
        '{"version": 2, "corpora": {"/index/a": {"ward": 1, "query": [], "sort": "x"}}}',
        '{"version": 2, "theme": 5, "history": "x", "corpora": {"/index/b": {"query": "b"}}}',
    ],
)
def test_a_damaged_file_means_nothing_remembered(tmp_path: Path, junk: str) -> None:
    (tmp_path / STATE_FILE).write_text(junk, "utf-8")
    assert ReaderState.load(tmp_path, corpus="/index/a") == ReaderState(corpus="/index/a")


def test_saving_keeps_what_another_reader_saved_meanwhile(tmp_path: Path) -> None:
    one = ReaderState.load(tmp_path, corpus="/index/a")
    two = ReaderState.load(tmp_path, corpus="/index/b")  # both started before either saved
    one.query = "one"
    one.save(tmp_path)
    two.query = "two"
    two.save(tmp_path)
    assert ReaderState.load(tmp_path, corpus="/index/a").query == "one"
    assert ReaderState.load(tmp_path, corpus="/index/b").query == "two"
    assert [p.name for p in tmp_path.iterdir()] == [STATE_FILE]  # the temporary file is gone


def test_only_the_corpora_used_last_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state_module, "CORPUS_LIMIT", 2)
    for name in ("/a", "/b", "/c", "/b"):
        state = ReaderState.load(tmp_path, corpus=name)
        state.query = f"in {name}"
        state.save(tmp_path)
    assert list(saved(tmp_path)["corpora"]) == ["/c", "/b"]
    assert ReaderState.load(tmp_path, corpus="/a").query == ""


# -- saved when the reader closes -----------------------------------------------------------------


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
@pytest.mark.asyncio
async def test_quitting_saves_what_nothing_saved_yet(
    built: tuple[Path, Path], reader, settle, key: str
) -> None:
    app = reader(built[1])

    async def use_then_quit(pilot: Pilot) -> None:
        await settle(pilot)
        app.state.remember_query("kept on exit")
        app.state.ward = "Bình Mỹ"
        assert "kept on exit" not in saved().get("history", [])
        await pilot.press(key)
        await pilot.pause()
        if app.return_code is None:  # the key did not quit: end the run, the test fails below
            app.exit(return_code=99)

    await app.run_async(headless=True, size=SIZE, auto_pilot=use_then_quit)  # as `phuong` runs
    assert app.return_code == 0
    assert saved()["history"][-1] == "kept on exit"
    assert saved()["corpora"][app.state.corpus]["ward"] == "Bình Mỹ"


@pytest.mark.asyncio
async def test_a_test_run_ending_saves_too(built: tuple[Path, Path], reader, settle) -> None:
    app = reader(built[1])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.state.remember_query("kept at the end")
    assert saved()["history"][-1] == "kept at the end"


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
@pytest.mark.asyncio
async def test_sigterm_and_a_closed_terminal_end_the_reader_as_q_does(
    built: tuple[Path, Path], reader, settle, name: str
) -> None:
    number = getattr(signal, name)
    app = reader(built[1])

    async def signal_the_reader(pilot: Pilot) -> None:
        await settle(pilot)
        app._signals = exit_on_signals(app.exit)  # what a terminal run does on mount, not tests
        app.state.remember_query("kept on a signal")
        handler = signal.getsignal(number)
        if handler in (signal.SIG_DFL, signal.SIG_IGN, None):
            app.exit(return_code=99)  # sending it now would end pytest, not the reader
            return
        os.kill(os.getpid(), number)
        await pilot.pause()
        if app.return_code is None:
            app.exit(return_code=98)

    await app.run_async(headless=True, size=SIZE, auto_pilot=signal_the_reader)
    assert app.return_code == 0
    assert saved()["history"][-1] == "kept on a signal"
    assert signal.getsignal(number) is signal.SIG_DFL  # given back on exit


# -- a paste is one line --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "query"),
    [
        ("a\nb\r\n  c\t d", "a b c d"),
        ("\n\n  tân sơn\r\n\r\nhòa  \n", "tân sơn hòa"),
        ("Tân\u00adSơn\u200b Hòa", "TânSơn Hòa"),  # invisible characters, inside a word
        ("a\x1b[31mb\x0bc", "a [31mb c"),  # control characters separate like spaces
        (" \n\t\r\n ", ""),
    ],
)
def test_a_pasted_text_is_one_line(pasted: str, query: str) -> None:
    assert one_line(pasted) == query


@pytest.mark.asyncio
async def test_pasting_lines_into_the_search_bar_searches_them_as_one_query(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        bar = screen.bar.input
        await pilot.press("slash")
        bar.post_message(events.Paste("a\nb\r\n  c\t d"))
        await settle(pilot)
        assert bar.value == "a b c d"
        assert screen.current_key()[0] == "a b c d"
        await pilot.press("ctrl+u")
        before = [h.id for h in screen.results.hits]
        bar.post_message(events.Paste("tan son\n\n  hoa\r\n"))
        await until_searched(pilot, screen)
        assert bar.value == "tan son hoa"
        assert [h.id for h in screen.results.hits] != before
        assert screen.results.hits[0].id == "101_tansonhoa"


async def until_searched(pilot: Pilot, screen) -> None:  # type: ignore[no-untyped-def]
    """Wait (a bounded number of turns) until the results answer what the bar says: typing
    searches after a short pause, which no worker stands for until it starts."""
    for _ in range(500):
        await pilot.pause(0.01)
        await pilot.app.workers.wait_for_complete()
        if screen.shown == screen.current_key():
            return
    raise AssertionError(f"never searched {screen.current_key()!r}")


# -- Go to ward… ----------------------------------------------------------------------------------
