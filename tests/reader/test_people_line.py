"""The article's people line shows each person's career over the corpus: the latest role with
its date, then the earlier ones, even in an article that gives them no role."""

from __future__ import annotations

from pathlib import Path

import pytest
from phuong_reader.index import update_index

CAREER = {
    "201_old": (
        " date 2025-03-10 Phường Bình Phú tổ chức hội nghị cán bộ.\n\n"
        "Ông Hồ Đăng Khoa, Phó Chủ tịch UBND phường Bình Phú, báo cáo tại hội nghị.\n\nMINH AN"
    ),
    "202_new": (
        " date 2026-01-20 Phường Bình Phú tổng kết năm 2025.\n\n"
        "Ông Hồ Đăng Khoa, Chủ tịch UBND phường Bình Phú, phát biểu tại hội nghị.\n\nMINH AN"
    ),
    "203_undated": (
        "Phường Bình Phú ra quân dọn kênh.\n\nÔng Hồ Đăng Khoa tham gia cùng người dân.\n\nMINH AN"
    ),
}


@pytest.mark.asyncio
async def test_an_article_without_the_role_shows_the_latest_and_the_earlier_one(
    tmp_path: Path, write_corpus, opened, settle, main_screen, shown_text
) -> None:
    index_dir = tmp_path / "index"
    update_index(write_corpus(tmp_path / "corpus", CAREER), index_dir)
    async with opened(index_dir) as pilot:
        screen = main_screen(pilot.app)
        screen.open_article("203_undated")
        await settle(pilot)
        facts = " ".join(shown_text(screen.article.query_one("#facts")).split())
        assert (
            "Hồ Đăng Khoa (Chủ tịch UBND phường Bình Phú, 2026-01-20; earlier: Phó Chủ tịch "
            "UBND phường Bình Phú, 2025-03-10)"
        ) in facts
