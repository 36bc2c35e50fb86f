"""Item 2 in the reader: an article holding markup, escape sequences, controls, bidi and
zero-width characters, and its twin under a file name holding an escape sequence, are shown as
visible, harmless text. (The article: ``evil`` in tests/fixtures/hostile.py.)"""

from __future__ import annotations

import pytest


@pytest.mark.asyncio
async def test_the_reader_shows_markup_literally_and_no_control_character(
    evil, evil_index, unsafe, reader, settle, main_screen, shown_text
) -> None:
    async with reader(evil_index[1]).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot.app)
        await pilot.press("slash", *"không phải markup", "enter")
        await settle(pilot)
        assert {h.id for h in screen.results.hits} == {"evil", evil.name}
        seen = ""
        for row in range(len(screen.results.hits)):
            screen.results.highlighted = row
            await settle(pilot)
            assert screen.article.article is not None
            view = screen.article
            shown = shown_text(view.body) + shown_text(view.query_one("#facts"))
            assert unsafe(shown) == [], unsafe(shown)
            flat = " ".join(shown.split())
            assert evil.markup in flat and "[link=https://evil.example]bấm vào" in flat
            seen += shown
        assert unsafe(shown_text(screen.results)) == []
        assert unsafe(shown_text(screen.wards)) == []
        assert "\ufffd[31mđỏ\ufffdevil" in seen  # the file name, made visible
