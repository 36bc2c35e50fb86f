"""Item 4 in the reader: it stays open while `phuong index` in another process updates the
index, and shows the new articles without a restart, on the first check of its watch timer
after the new index is published or at once on Ctrl+R; what was being read stays open. (Checks
are counted, not timed: the 120 s deadline only keeps a reader that never notices from hanging
the test.)"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from phuong_reader.tui.screens import main as main_screen_module
from phuong_reader.tui.screens.main import MainScreen

NEW = (
    " date 2027-01-05 Phường Tân Định khai trương thư viện số mới cho người dân.\n\n"
    "UBND phường Tân Định cho biết thư viện mở cửa cả tuần.\n\nLAN ANH"
)


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What each check of the watch timer found (True: a new generation, reloaded)."""
    found: list[bool] = []
    real_check = MainScreen.check_generation

    def check_generation(self: MainScreen) -> bool:
        found.append(real_check(self))
        return found[-1]

    monkeypatch.setattr(MainScreen, "check_generation", check_generation)
    monkeypatch.setattr(main_screen_module, "WATCH_SECONDS", 0.5)  # checks, not seconds, count
    return found


@pytest.mark.asyncio
async def test_the_reader_shows_articles_indexed_by_another_process(
    built: tuple[Path, Path], articles, phuong, opened, settle, main_screen, checks: list[bool]
) -> None:
    corpus, index_dir = built
    async with opened(index_dir) as pilot:
        app = pilot.app
        screen = main_screen(app)
        assert screen.wards.total == len(articles)
        (corpus / "300_new.txt").write_text(NEW, "utf-8")
        before = len(checks)
        proc = await asyncio.to_thread(phuong, "index", str(corpus), "--index-dir", str(index_dir))
        assert proc.returncode == 0, proc.stderr
        published = len(checks) - before  # the checks that ran while `phuong index` did
        deadline = time.monotonic() + 120
        while screen.wards.total != len(articles) + 1 and time.monotonic() < deadline:
            await pilot.pause(0.1)
        await settle(pilot)
        assert screen.wards.total == len(articles) + 1
        # Picked up by the first check after the publication (or by one running during it).
        after = checks[before:]
        assert True in after and after.index(True) <= published, (after, published)
        assert screen.results.hits[0].id == "300_new"  # newest first
        still_open = screen.article.article
        assert (
            still_open is not None and still_open.id == "105_phuthohoa"
        )  # what was read stays open
        assert any("index was updated" in n.message for n in app._notifications)


@pytest.mark.asyncio
async def test_ctrl_r_shows_the_update_at_once(
    built: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    articles,
    phuong,
    opened,
    settle,
    main_screen,
) -> None:
    corpus, index_dir = built
    monkeypatch.setattr(main_screen_module, "WATCH_SECONDS", 3600.0)  # no help from the timer
    async with opened(index_dir) as pilot:
        app = pilot.app
        screen = main_screen(app)
        await pilot.press("slash", *"thư viện số", "enter")
        await settle(pilot)
        assert screen.results.hits == []
        (corpus / "300_new.txt").write_text(NEW, "utf-8")
        proc = await asyncio.to_thread(phuong, "index", str(corpus), "--index-dir", str(index_dir))
        assert proc.returncode == 0, proc.stderr
        await pilot.pause(0.3)
        assert screen.results.hits == []  # not yet: the timer is off
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert [h.id for h in screen.results.hits] == ["300_new"]
        assert screen.wards.total == len(articles) + 1
