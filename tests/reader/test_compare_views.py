"""People (p, P), figures (f), the ward counts of the current query and the month timeline (D),
through Textual's Pilot on the comparison corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.tui.screens.figures import FiguresScreen
from phuong_reader.tui.screens.people import PeopleScreen, PersonPicker
from phuong_reader.tui.widgets.timeline import Timeline
from textual.widgets import OptionList

pytestmark = pytest.mark.asyncio


async def _search(pilot, screen, settle, text: str) -> None:
    await pilot.press("slash", "ctrl+u", *text, "enter")
    await settle(pilot)


async def _figures_of(pilot, screen, settle, query: str) -> FiguresScreen:
    """Search ``query``, press ``f``: the figures view, loaded."""
    await _search(pilot, screen, settle, query)
    await pilot.press("f")
    await settle(pilot)
    figures = pilot.app.screen
    assert isinstance(figures, FiguresScreen)
    return figures


async def test_p_lists_people_with_roles_and_dates_and_enter_lists_their_articles(
    compare_index: Path, opened, settle, main_screen, shown_text
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("p")
        await settle(pilot)
        people = pilot.app.screen
        assert isinstance(people, PeopleScreen)
        listed = shown_text(people.query_one("#people-list"))
        assert "Nguyễn Thị Hòa  Chủ tịch UBND phường Tân Định (2026-01-15)" in listed
        assert "Nguyễn Thị Hoà" not in listed  # the other spelling is the same person
        assert "also written Nguyễn Thị Hoà" in shown_text(people.query_one("#person-card"))
        await pilot.press(*"tran long")  # no accents, and the middle name left out
        await settle(pilot)
        assert [p.name for p in people.listed] == ["Trần Văn Long"]
        card = " ".join(shown_text(people.query_one("#person-card")).split())
        assert "Now (latest article) 2026-02-03 Bí thư Đảng ủy phường Bến Thành" in card
        assert "Units Bến Thành" in card and "2 articles" in card
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.bar.input.value == 'person:"Trần Văn Long" OR person:"Trần Long"'
        assert [h.id for h in screen.results.hits] == [
            "304_benthanh_dangvien",
            "303_benthanh_ngheo",
        ]
        assert screen.sort == "date" and pilot.app.focused is screen.results
        # The person is marked in the article as a match of the query.
        shown = screen.article.text.joined().plain
        assert {shown[s:e] for s, e in screen.article.matches} == {"Trần Long"}


async def test_P_picks_one_of_the_open_articles_people(
    compare_index: Path, opened, settle, main_screen
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        assert screen.article.article.id == "306_binhphu_tuan"  # the newest
        await pilot.press("P")
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, PersonPicker)
        assert picker.names == [("Lê Tuấn", "Phó Chủ tịch UBND phường Bình Phú")]
        await pilot.press("enter")
        await settle(pilot)
        assert [h.id for h in screen.results.hits] == ["306_binhphu_tuan"]
        await pilot.press("P", "escape")
        await settle(pilot)
        assert pilot.app.screen is screen


async def test_f_groups_figures_sorts_the_table_draws_bars_and_opens_the_article_at_one(
    compare_index: Path, opened, settle, main_screen, shown_text
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        figures = await _figures_of(pilot, screen, settle, "ngheo")
        assert [g[0] for g in figures.groups][:1] == ["hộ nghèo"]
        assert [(f.ward, f.value) for f in figures.rows] == [
            ("Bến Thành", 2461),
            ("Tân Định", 12),
            ("Sài Gòn", 5),
        ]
        table = figures.table
        assert table.row_text(0)[:3] == ["Bến Thành", "khoảng 2.461", "2026-01-08"]
        shown = shown_text(table).splitlines()
        assert shown[0].split() == ["Unit", "Value", "Date", "About"]
        first, second = shown[1], shown[2]
        assert first.split()[:4] == ["Bến", "Thành", "khoảng", "2.461"]
        assert first.count("█") > 10 * max(1, second.count("█"))  # bars as long as the values
        assert second.split()[:3] == ["Tân", "Định", "12"] and "2461" not in second
        await pilot.press("u")  # by unit, A to Z
        assert [f.ward for f in figures.rows] == ["Bến Thành", "Sài Gòn", "Tân Định"]
        await pilot.press("v")  # by value, largest first
        await pilot.press("v")  # again: smallest first
        assert [f.value for f in figures.rows] == [5, 12, 2461]
        await pilot.press("enter")  # the group: to its table
        assert pilot.app.focused is table
        await pilot.press("down", "enter")  # Tân Định's 12 hộ nghèo
        await settle(pilot)
        assert pilot.app.screen is screen
        article = screen.article
        assert article.article.id == "301_tandinh_ngheo"
        current = article.scroller.current
        assert current is not None and article.text.joined().plain[slice(*current)] == "12 hộ nghèo"


async def test_ward_counts_follow_the_query(
    compare_index: Path, opened, settle, main_screen, shown_text
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        assert screen.wards.hits is None  # no query: the plain counts
        await _search(pilot, screen, settle, "ho ngheo")
        assert screen.wards.hits == {"Tân Định": 1, "Bến Thành": 1, "Sài Gòn": 1}
        rows = shown_text(screen.wards).splitlines()
        assert any("1 Tân Định /2" in row for row in rows)
        assert any("0 Bình Phú /1" in row for row in rows)
        assert "3 All wards /6" in rows[0]
        await _search(pilot, screen, settle, "dọn kênh")
        assert screen.wards.hits == {"Bình Phú": 1}
        assert screen.wards._listed()[0].name == "Bình Phú"  # where the topic is, first
        await _search(pilot, screen, settle, "")
        assert screen.wards.hits is None


async def test_the_timeline_narrows_to_a_month_and_back(
    compare_index: Path, opened, settle, main_screen, shown_text
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        timeline = screen.query_one(Timeline)
        assert timeline.months == ["2025-11", "2025-12", "2026-01", "2026-02"]
        assert timeline.counts == {"2025-11": 1, "2026-01": 2, "2026-02": 3}
        await pilot.press("D")
        assert pilot.app.focused is timeline
        await pilot.press("left", "enter")
        await settle(pilot)
        assert (screen.since, screen.until) == ("2026-01", "2026-01")
        assert {h.id for h in screen.results.hits} == {
            "302_tandinh_ngansach",
            "303_benthanh_ngheo",
        }
        assert "2026-01" in str(screen.results.border_subtitle)
        assert timeline.months[-1] == "2026-02"  # the timeline still shows every month
        await pilot.press("x")
        await settle(pilot)
        assert (screen.since, screen.until) == ("", "") and len(screen.results.hits) == 6
        await pilot.press("escape")
        assert pilot.app.focused is screen.results
        # A click on a bar filters too.
        first_bar = 1 + len("Months 2025-11 ")
        await pilot.click(Timeline, offset=(first_bar, 0))
        await settle(pilot)
        assert (screen.since, screen.until) == ("2025-11", "2025-11")
        assert [h.id for h in screen.results.hits] == ["301_tandinh_ngheo"]


async def test_figures_say_so_when_there_are_none(
    compare_index: Path, opened, settle, main_screen, shown_text
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        figures = await _figures_of(pilot, screen, settle, "dọn kênh")
        assert len(figures.groups) == 1  # "200 đoàn viên …", the only result's only figure
        await pilot.press("escape")
        figures = await _figures_of(pilot, screen, settle, "khong co gi")
        assert "No figures" in shown_text(figures.query_one("#figure-sentence"))
        assert figures.query_one(OptionList).option_count == 0 and figures.rows == []


async def test_the_views_are_kept_and_show_the_current_results_again(
    compare_index: Path, opened, settle, main_screen
) -> None:
    async with opened(compare_index) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("p")
        await settle(pilot)
        first = pilot.app.screen
        await pilot.press(*"tuan")
        await settle(pilot)
        assert len(first.listed) == 2
        await pilot.press("escape")
        await pilot.press("p")
        await settle(pilot)
        assert pilot.app.screen is first  # the same screen, not mounted again
        assert len(first.listed) == 4 and first.query_one("#people-filter").value == ""
        await pilot.press("escape")
        figures = await _figures_of(pilot, screen, settle, "ngheo")
        assert figures.groups[0][0] == "hộ nghèo"
        await pilot.press("escape")
        again = await _figures_of(pilot, screen, settle, "đảng viên")
        assert again is figures
        assert [g[0] for g in again.groups] == ["đảng viên mới"]
        assert [f.ward for f in again.rows] == ["Bến Thành"]
        assert "«đảng viên»" in str(again.query_one("#figures-pane").border_title)
