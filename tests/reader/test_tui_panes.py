"""Ward list filtering, help, command palette, remembered state, startup paths, small screens."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from phuong_reader.index.lang.vietnamese import sort_key
from phuong_reader.index.location import locate
from phuong_reader.tui import app as reader_module
from phuong_reader.tui.app import ReaderApp
from phuong_reader.tui.screens.dates import DatesDialog
from phuong_reader.tui.screens.help import HelpScreen, help_text
from phuong_reader.tui.screens.indexing import IndexingScreen
from phuong_reader.tui.screens.main import MainScreen
from phuong_reader.tui.screens.message import MessageScreen
from phuong_reader.tui.widgets.article_view import ArticleScroll
from phuong_reader.tui.widgets.chips import FilterChips
from phuong_reader.tui.widgets.result_list import ResultList
from phuong_reader.tui.widgets.row_table import RowTable
from phuong_reader.tui.widgets.search_bar import SearchInput
from phuong_reader.tui.widgets.timeline import Timeline
from phuong_reader.tui.widgets.ward_list import ALL_ID, WardList
from textual.binding import Binding
from textual.widgets import ProgressBar, Static

WARD_NAMES = [
    "Tân Sơn Hòa",
    "Phú Thạnh",
    "Tân Sơn Nhất",
    "Bình Mỹ",
    "Phú Thọ Hòa",
    "An Phú Đông",
    "An Phú",
    "Cần Giờ",
]
# How the help writes the keys that Textual names by word.
HELP_NAMES = {
    "enter": "Enter",
    "escape": "Esc",
    "question_mark": "?",
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "full_stop": ".",
    "number_sign": "#",
    "space": "Space",
    "f1": "F1",
    "up": "Up",
    "down": "Down",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "left": "Left",
    "right": "Right",
    "backspace": "Backspace",
    "delete": "Delete",
}


def listed(wards: WardList) -> list[str | None]:
    return list(wards.ids)


@pytest.mark.asyncio
async def test_typing_in_the_ward_list_filters_it(
    built: tuple[Path, Path], main_screen, opened, settle, shown_text
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        wards = main_screen(app).wards
        wards.focus()
        await pilot.press(*"tsh")
        assert listed(wards) == ["Tân Sơn Hòa"]
        assert "tsh" in str(wards.border_title)
        await pilot.press("backspace", "backspace", "backspace", *"tan son")
        assert listed(wards) == ["Tân Sơn Hòa", "Tân Sơn Nhất"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert main_screen(app).ward == "Tân Sơn Nhất"
        assert [h.id for h in main_screen(app).results.hits] == ["103_tansonnhat"]
        await pilot.press("escape")
        assert listed(wards)[0] == ALL_ID and len(listed(wards)) == 9
        assert "● " in shown_text(wards)  # the current ward is marked


@pytest.mark.asyncio
async def test_ward_list_shows_all_units_dimmed_and_sorts_by_name(
    built: tuple[Path, Path],
    main_screen,
    opened,
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        wards = main_screen(app).wards
        wards.focus()
        await pilot.press("full_stop")
        assert len(listed(wards)) == 169
        empty = wards.row_content(20)
        assert any("text-disabled" in str(s.style) for s in empty.spans)
        await pilot.press("number_sign")
        assert wards.sort_by == "name"
        names = listed(wards)[1:]
        assert names == sorted(names, key=sort_key)
        assert len(names) == 168
        await pilot.press("full_stop")
        assert listed(wards)[1:] == sorted(WARD_NAMES, key=sort_key)


@pytest.mark.asyncio
async def test_the_ward_list_paints_only_the_rows_in_view(
    built: tuple[Path, Path], main_screen, opened, settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All 169 units listed: only the rows on screen are laid out, before and after End."""
    painted: list[int] = []
    line = RowTable._line

    def counted(table: RowTable, row: int, width: int, part: str):  # type: ignore[no-untyped-def]
        if isinstance(table, WardList):
            painted.append(row)
        return line(table, row, width, part)

    monkeypatch.setattr(RowTable, "_line", counted)
    async with opened(built[1], size=(100, 30)) as pilot:
        wards = main_screen(pilot.app).wards
        wards.focus()
        await pilot.press("full_stop")
        await settle(pilot)
        height = wards.scrollable_content_region.height
        assert len(wards.rows) == 169 and 0 < height < 169
        assert painted and max(painted) < height
        painted.clear()
        await pilot.press("end")
        await settle(pilot)
        assert wards.highlighted == wards.ids[-1] and wards.scroll_y == 169 - height
        assert painted and min(painted) >= 169 - height and 168 in painted


@pytest.mark.asyncio
async def test_help_lists_every_key(built: tuple[Path, Path], opened) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(
            str(row.render()) for row in app.screen.query(".help-key").results(Static)
        )
        tokens = set(re.split(r"[\s,()]+", shown))
        for widget_class in (
            MainScreen,
            WardList,
            ResultList,
            ArticleScroll,
            SearchInput,
            Timeline,
            FilterChips,
            DatesDialog,
        ):
            for binding in widget_class.BINDINGS:
                assert isinstance(binding, Binding)
                for key in binding.key.split(","):
                    assert HELP_NAMES.get(key, key) in tokens, (widget_class.__name__, key)
        assert "Ctrl+P" in help_text().plain and "go to ward" in help_text().plain
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        assert isinstance(app.screen, MainScreen)


@pytest.mark.asyncio
async def test_command_palette_goes_to_a_ward_and_to_an_article(
    built: tuple[Path, Path],
    main_screen,
    opened,
    settle,
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        await pilot.press("ctrl+p", *"Go to ward")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"tsh")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.ward == "Tân Sơn Hòa"
        assert app.screen is screen
        await pilot.press("ctrl+p", *"article by id")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"102")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article.article is not None
        assert screen.article.article.id == "102_phuthanh"
        assert isinstance(app.focused, ArticleScroll)


@pytest.mark.asyncio
async def test_toggle_theme_from_the_palette_is_remembered(
    built: tuple[Path, Path], opened, reader, settle
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        before = app.theme
        await pilot.press("ctrl+p", *"Toggle theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme != before
    again = reader(built[1])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == app.theme


@pytest.mark.asyncio
async def test_the_reader_remembers_ward_query_article_and_history(
    built: tuple[Path, Path],
    main_screen,
    opened,
    reader,
    settle,
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        await pilot.press("slash", *"doanh", "enter")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        ward, article = screen.ward, screen.article.article
        assert ward is not None and article is not None
    again = reader(built[1])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(again)
        assert screen.ward == ward
        assert screen.bar.input.value == "doanh"
        assert screen.article.article is not None and screen.article.article.id == article.id
        await pilot.press("slash", "ctrl+u", "up")
        assert screen.bar.input.value == "doanh"
        await pilot.press("down")
        assert screen.bar.input.value == ""


@pytest.mark.asyncio
async def test_search_as_you_type_and_escape_leaves_the_bar(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        app = pilot.app
        screen = main_screen(app)
        await pilot.press("slash", *"can gio")
        await pilot.pause(0.5)
        await settle(pilot)
        assert [h.id for h in screen.results.hits] == ["108_scattered"]
        await pilot.press("escape")
        assert app.focused is screen.results


@pytest.mark.asyncio
async def test_a_missing_index_shows_a_message_not_a_traceback(
    tmp_path: Path, settle, shown_text
) -> None:
    app = ReaderApp(locate(None, tmp_path / "no-index"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        assert "no index in" in shown_text(app.screen.query_one("#message-box"))
        await pilot.press("q")
    assert app.return_code == 1


@pytest.mark.asyncio
async def test_opening_a_folder_indexes_it_inside_the_app(
    corpus: Path, tmp_path: Path, main_screen, settle
) -> None:
    app = reader_for_folder(corpus, tmp_path / "index")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(main_screen(app).results.hits) == 8


@pytest.mark.asyncio
async def test_index_dir_alone_opens_the_index_as_it_is(
    built: tuple[Path, Path], main_screen, reader, settle
) -> None:
    corpus, index_dir = built
    (corpus / "300_new.txt").write_text("Phường Bến Thành mở phố đi bộ mới.\n\nMAI")
    async with reader(index_dir).run_test(size=(120, 40)) as pilot:  # phuong --index-dir D
        await settle(pilot)
        assert len(main_screen(pilot.app).results.hits) == 8  # the corpus was not re-read
    async with reader_for_folder(corpus, index_dir).run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # phuong DIR: brought up to date first
        assert len(main_screen(pilot.app).results.hits) == 9


def reader_for_folder(corpus: Path, index_dir: Path) -> ReaderApp:
    return ReaderApp(locate(corpus, index_dir), show_timing=False)


class ProgressHarness(ReaderApp):
    """The reader, whose index job stops half-way until the test lets it finish."""

    CSS_PATH = Path(reader_module.__file__).with_name(ReaderApp.CSS_PATH)  # not beside this file

    def __init__(self, corpus: Path) -> None:
        super().__init__(locate(corpus, corpus / "index"), show_timing=False)
        self.go_on = threading.Event()
        self.outcome: object = "not finished"

    def _index(self, rebuild: bool, refresh: bool, progress) -> None:  # type: ignore[no-untyped-def, override]
        progress(2, 4, "002_b.txt")
        self.go_on.wait(120)  # the test lets it go on; the timeout only stops a hang
        progress(4, 4, "004_d.txt")

    def _index_finished(self, outcome: object) -> None:  # type: ignore[override]
        self.outcome = outcome


@pytest.mark.asyncio
async def test_indexing_progress_is_live_while_the_job_runs(
    settle, shown_text, tmp_path: Path
) -> None:
    app = ProgressHarness(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        deadline = time.monotonic() + 120  # only so that a job that never reports cannot hang
        while not app.screen.query(ProgressBar) or app.screen.query_one(ProgressBar).total != 4:
            assert time.monotonic() < deadline, "the job never reported its progress"
            await pilot.pause(0.05)
        await pilot.pause()
        bar = app.screen.query_one(ProgressBar)
        assert (bar.progress, bar.total) == (2, 4)
        # Words, not lines: how the message wraps depends on the length of tmp_path.
        shown = " ".join(shown_text(app.screen.query_one("#indexing-what")).split())
        assert "2 of 4 articles" in shown
        app.go_on.set()
        await settle(pilot)
        assert app.outcome is None
        assert not isinstance(app.screen, IndexingScreen)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
@pytest.mark.asyncio
async def test_small_terminals_collapse_the_panes(
    built: tuple[Path, Path], size: tuple[int, int], main_screen, reader, settle
) -> None:
    app = reader(built[1])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        results, article = screen.results.region, screen.article.region
        assert article.y >= results.bottom  # the article goes below the results
        assert article.height >= 8
        assert article.right <= size[0] and results.width > 40
        narrow = size[0] < 80
        assert screen.wards.display is not narrow or screen.wards.region.width == 0
        await pilot.press("w")
        await pilot.pause()
        assert (screen.wards.region.width > 0) is narrow
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert screen.article.region.x > screen.results.region.x  # side by side again
