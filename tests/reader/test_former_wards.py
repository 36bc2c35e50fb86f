"""The reader takes a former unit's name where it takes a ward: the ward list filter, Go to
ward…, and ward: in the search bar, saying what the old unit is now."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.tui.widgets.ward_list import WardList


def listed(wards: WardList) -> list[str | None]:
    return list(wards.ids)


@pytest.mark.asyncio
async def test_the_ward_list_filter_finds_a_ward_by_its_former_name(
    built: tuple[Path, Path], main_screen, opened, settle, shown_text
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        screen.wards.focus()
        await pilot.press(*"hiep tan")  # merged into Phú Thạnh on 1 July 2025
        assert listed(screen.wards) == ["Phú Thạnh"]
        assert "Phú Thạnh ← Hiệp Tân" in screen.wards.row_content(0).plain
        assert "Phú Thạnh ← Hiệp" in shown_text(screen.wards)  # cut to the pane's width
        await pilot.press("escape")
        await pilot.press(*"phuong 4 quan tan binh")  # a numbered one, with its district
        assert listed(screen.wards) == ["Tân Sơn Nhất"]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.ward == "Tân Sơn Nhất"


@pytest.mark.asyncio
async def test_go_to_ward_offers_the_former_name(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("ctrl+p", *"Go to ward")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"thanh loc")  # merged into An Phú Đông
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.ward == "An Phú Đông"


@pytest.mark.asyncio
async def test_a_former_name_in_ward_field_is_explained_under_the_results(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        await pilot.press("slash", *'ward:"hiep tan"', "enter")
        await settle(pilot)
        assert [h.id for h in screen.results.hits] == ["102_phuthanh"]
        assert str(screen.results.border_subtitle) == (
            "Hiệp Tân (Quận Tân Phú) → now part of Phú Thạnh"
        )


@pytest.mark.asyncio
async def test_choosing_a_ward_lists_articles_about_it_then_naming_it(
    built: tuple[Path, Path], main_screen, opened, settle
) -> None:
    async with opened(built[1]) as pilot:
        screen = main_screen(pilot.app)
        screen.wards.focus()
        await pilot.press(*"tsh", "enter")
        await settle(pilot)
        assert [h.id for h in screen.results.hits] == ["101_tansonhoa", "103_tansonnhat"]
        assert "2: 1 about · 1 mention" in str(screen.results.border_title)
