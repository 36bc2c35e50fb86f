"""The article's people line shows each person's career over the corpus: the latest role with
its date, then the earlier ones, even in an article that gives them no role."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.asyncio
async def test_an_article_without_the_role_shows_the_latest_and_the_earlier_one(
    career: Path, opened, settle, main_screen, shown_text
) -> None:
    async with opened(career) as pilot:
        screen = main_screen(pilot.app)
        screen.open_article("203_undated")
        await settle(pilot)
        facts = " ".join(shown_text(screen.article.query_one("#facts")).split())
        assert (
            "Hồ Đăng Khoa (Chủ tịch UBND phường Bình Phú, 2026-01-20; earlier: Phó Chủ tịch "
            "UBND phường Bình Phú, 2025-03-10)"
        ) in facts
