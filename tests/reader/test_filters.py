"""The filters besides the query, through Textual's Pilot on the comparison corpus (articles of
2025-11, 2026-01 and 2026-02): the dates dialog (d), the timeline's month as the same filter
(D), the order (s), and the chips under the search bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index import SearchEngine
from phuong_reader.tui.screens.dates import DatesDialog
from phuong_reader.tui.screens.main import MainScreen
from phuong_reader.tui.widgets.chips import FilterChips
from phuong_reader.tui.widgets.timeline import Timeline
from textual.pilot import Pilot
from textual.widgets import Input

pytestmark = pytest.mark.asyncio


async def _dates(pilot: Pilot, settle, since: str | None, until: str | None) -> DatesDialog:
    """``d``, then each field replaced when given (None: left as it is), then Enter."""
    await pilot.press("d")
    dialog = pilot.app.screen
    assert isinstance(dialog, DatesDialog)
    for name, text in (("since", since), ("until", until)):
        if text is not None:
            dialog.field(name).focus()
            await pilot.press("end", "ctrl+u", *text)
    await pilot.press("enter")
    await settle(pilot)
    return dialog


def _ids(screen: MainScreen) -> list[str]:
    return [h.id for h in screen.results.hits]


def _expected(engine: SearchEngine, since: str, until: str, sort: str = "date") -> list[str]:
    return [h.id for h in engine.search("", since=since, until=until, sort=sort, limit=50).hits]


@pytest.mark.parametrize(
    ("since", "until", "engine_since", "engine_until"),
    [
        ("2026-01", "2026-01", "2026-01", "2026-01"),
        ("1/2026", "1-2026", "2026-01", "2026-01"),
        ("15/1/2026", "", "2026-01-15", ""),
        ("", "2026-01-10", "", "2026-01-10"),
        ("tháng 12/2025", "10/2/2026", "2025-12", "2026-02-10"),
    ],
)
async def test_the_dates_dialog_reads_each_form_and_filters_the_results(
    compare_index: Path,
    compare_engine: SearchEngine,
    opened,
    settle,
    main_screen,
    since: str,
    until: str,
    engine_since: str,
    engine_until: str,
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        everything = _ids(screen)
        await _dates(pilot, settle, since, until)
        assert pilot.app.screen is screen  # applied and closed
        assert (screen.since, screen.until) == (engine_since, engine_until)
        expected = _expected(compare_engine, engine_since, engine_until)
        assert _ids(screen) == expected and 0 < len(expected) < len(everything)
        assert screen.state.since == engine_since and screen.state.until == engine_until


async def test_a_field_that_does_not_read_says_why_and_loses_nothing(
    compare_index: Path, opened, settle, main_screen, shown_text
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        before = _ids(screen)
        dialog = await _dates(pilot, settle, "2026-13", "31/2/2026")
        assert pilot.app.screen is dialog  # still open: nothing applied
        assert dialog.errors["since"] == "2026-13: the month must be 1–12"
        assert dialog.errors["until"] == "31/2/2026: 2/2026 has days 1–28"
        assert "the month must be 1–12" in shown_text(dialog.error("since"))
        assert pilot.app.focused is dialog.field("since")  # the first field to correct
        assert dialog.field("since").value == "2026-13"  # what was typed stays
        await pilot.press("backspace", "backspace", "0", "2")
        assert dialog.errors["since"] == ""  # the message follows the correction
        assert _ids(screen) == before and (screen.since, screen.until) == ("", "")
        dialog.field("until").focus()
        await pilot.press("ctrl+u", *"soon")
        await pilot.press("enter")
        assert dialog.errors["until"] == "«soon» is not a date: e.g. 2026-01 or 15/1/2026"
        await pilot.press("ctrl+u", *"2025-12")
        await pilot.press("enter")
        assert dialog.errors["until"] == "the dates run backwards: 2026-02 is after 2025-12"
        assert pilot.app.screen is dialog
        await pilot.press("ctrl+u", *"2026-02")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert (screen.since, screen.until) == ("2026-02", "2026-02")


async def test_esc_cancels_and_two_empty_fields_lift_the_filter(
    compare_index: Path, opened, settle, main_screen
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        everything = _ids(screen)
        await _dates(pilot, settle, "2026-02", "")
        filtered = _ids(screen)
        assert len(filtered) == 3
        await pilot.press("d")
        dialog = pilot.app.screen
        assert isinstance(dialog, DatesDialog)
        assert dialog.field("since").value == "2026-02"  # filled with the filter
        await pilot.press("ctrl+u", *"2025", "escape")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert (screen.since, screen.until) == ("2026-02", "") and _ids(screen) == filtered
        await _dates(pilot, settle, "", "")
        assert (screen.since, screen.until) == ("", "") and _ids(screen) == everything


async def test_a_month_on_the_timeline_is_the_same_date_filter(
    compare_index: Path, opened, settle, main_screen
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        timeline = screen.query_one(Timeline)
        await pilot.press("D")
        assert pilot.app.focused is timeline
        await pilot.press("left", "enter")
        await settle(pilot)
        assert (screen.since, screen.until) == ("2026-01", "2026-01")
        assert [c.label for c in screen.chips.chips] == ["dates: 2026-01"]
        await pilot.press("escape", "d")
        dialog = pilot.app.screen
        assert isinstance(dialog, DatesDialog)
        assert (dialog.field("since").value, dialog.field("until").value) == ("2026-01",) * 2
        await pilot.press("end", "ctrl+u", *"2025-11", "enter")
        await settle(pilot)
        assert (screen.since, screen.until) == ("2025-11", "2026-01")
        assert timeline.chosen is None  # a range, not one month: the label says it
        assert "2025-11 → 2026-01" in timeline._label()[0]
        assert [c.label for c in screen.chips.chips] == ["dates: 2025-11 → 2026-01"]
        assert len(screen.results.hits) == 3


async def test_s_cycles_relevance_newest_oldest(
    compare_index: Path, opened, settle, main_screen
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("slash", *"ngheo", "enter")
        await settle(pilot)
        found = sorted(_ids(screen))
        titles, dates = [], []
        for _ in range(4):
            titles.append(str(screen.results.border_title).rsplit(" · ", 1)[1])
            dates.append([h.date for h in screen.results.hits])
            assert sorted(_ids(screen)) == found  # the same results, in another order
            await pilot.press("s")
            await settle(pilot)
        assert titles == ["by relevance", "newest first", "oldest first", "by relevance"]
        assert dates[1] == sorted(dates[1], reverse=True) and dates[2] == sorted(dates[2])
        assert dates[1] != dates[2]


async def test_with_no_query_s_goes_from_newest_to_oldest_and_back(
    compare_index: Path, compare_engine: SearchEngine, opened, settle, main_screen
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        assert "newest first" in str(screen.results.border_title)  # the default, no query
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "oldest" and "oldest first" in str(screen.results.border_title)
        assert _ids(screen) == _expected(compare_engine, "", "", "oldest")
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "relevance" and "newest first" in str(screen.results.border_title)


async def test_chips_show_each_filter_and_remove_it_by_click_x_or_delete(
    compare_index: Path, opened, settle, main_screen
) -> None:
    async with opened(compare_index, size=(120, 40)) as pilot:
        screen = main_screen(pilot.app)
        chips = screen.query_one(FilterChips)
        panes_top = screen.query_one("#panes").region.y
        assert not chips.display and chips.region.height == 0  # no filter: no room taken
        await pilot.press("right_square_bracket")  # a ward
        await settle(pilot)
        await _dates(pilot, settle, "2026", "")
        await pilot.press("s")  # no query: oldest first
        await settle(pilot)
        assert [c.kind for c in chips.chips] == ["ward", "dates", "sort"]
        assert [c.label for c in chips.chips][1:] == ["dates: from 2026", "oldest first"]
        assert chips.display and chips.region.height == 1
        assert screen.query_one("#panes").region.y == panes_top + 1
        # A click on the dates chip (its ✕, after the padding) removes that filter only.
        _, end = chips.spans()[1]
        await pilot.click(FilterChips, offset=(1 + end - 2, 0))
        await settle(pilot)
        assert (screen.since, screen.until) == ("", "")
        assert [c.kind for c in chips.chips] == ["ward", "sort"]
        # x: the newest filter, the one on the right.
        await pilot.press("x")
        await settle(pilot)
        assert screen.sort == "relevance" and [c.kind for c in chips.chips] == ["ward"]
        await _dates(pilot, settle, "2025-11", "2026-01")
        assert [c.kind for c in chips.chips] == ["ward", "dates"]
        # The row takes the focus (a click would, Tab does); Left, Delete: the ward.
        chips.focus()
        await pilot.press("right", "left", "delete")
        await settle(pilot)
        assert screen.ward is None and [c.kind for c in chips.chips] == ["dates"]
        await pilot.press("backspace")
        await settle(pilot)
        assert not chips.display and chips.chips == ()
        assert screen.query_one("#panes").region.y == panes_top
        await pilot.press("escape")
        assert pilot.app.focused is screen.results
        await pilot.press("x")  # nothing left: said, nothing else
        await settle(pilot)
        assert (screen.ward, screen.since, screen.sort) == (None, "", "relevance")


async def test_typing_never_redraws_the_chips(
    compare_index: Path, opened, settle, main_screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        await _dates(pilot, settle, "2026", "")
        chips = screen.query_one(FilterChips)
        drawn = chips.chips
        redraws: list[bool] = []
        real_refresh = chips.refresh
        monkeypatch.setattr(
            chips, "refresh", lambda *a, **k: redraws.append(True) or real_refresh(*a, **k)
        )
        await pilot.press("slash", *"ho ngheox", "backspace")
        await settle(pilot)
        assert screen.bar.input.value == "ho ngheo" and len(screen.results.hits) > 0
        assert redraws == [] and chips.chips is drawn
        await pilot.press("escape", "s")  # a filter changes: one redraw
        await settle(pilot)
        assert len(redraws) == 1 and [c.kind for c in chips.chips] == ["dates", "sort"]


async def test_dates_and_order_are_remembered_per_corpus(
    compare_index: Path, reader, settle, main_screen
) -> None:
    async with reader(compare_index).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _dates(pilot, settle, "1/2026", "2/2026")
        await pilot.press("s")
        await settle(pilot)
        shown = _ids(main_screen(pilot.app))
    async with reader(compare_index).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        assert (screen.since, screen.until, screen.sort) == ("2026-01", "2026-02", "oldest")
        assert _ids(screen) == shown
        assert [c.label for c in screen.chips.chips] == ["dates: 2026-01 → 2026-02", "oldest first"]
        assert "2026-01 → 2026-02" in str(screen.results.border_subtitle)
        assert "2026-01 → 2026-02 · d: change" in screen.query_one(Timeline)._label()[0]


async def test_input_fields_of_the_dialog_are_plain_text(
    compare_index: Path, opened, settle, main_screen
) -> None:
    """What is typed is data: markup and escapes in a field come back as they were typed."""
    async with opened(compare_index) as pilot:
        dialog = await _dates(pilot, settle, "[red]x", None)
        assert isinstance(dialog.field("since"), Input)
        assert dialog.errors["since"].startswith("«[red]x» is not a date")
        assert "[red]x" in str(dialog.error("since").render())
