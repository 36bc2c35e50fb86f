"""A worker's answer reaches the UI thread while its widget is there, and is dropped, without
an error, once the widget is gone or the app has ended."""

from __future__ import annotations

import asyncio

import pytest
from phuong_reader.tui.handover import hand_over
from textual.app import App, ComposeResult
from textual.widgets import Static


class _Two(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("kept", id="kept")
        yield Static("gone", id="gone")


@pytest.mark.asyncio
async def test_an_answer_is_applied_while_its_widget_is_attached_and_dropped_after() -> None:
    applied: list[str] = []
    app = _Two()
    async with app.run_test() as pilot:
        kept, gone = app.query_one("#kept", Static), app.query_one("#gone", Static)
        await asyncio.to_thread(hand_over, gone, applied.append, "before")
        await gone.remove()
        await pilot.pause()
        # What a late answer did: look the widget up (NoMatches) or update it.
        await asyncio.to_thread(hand_over, gone, lambda: app.query_one("#gone").update("x"))
        await asyncio.to_thread(hand_over, kept, applied.append, "kept")
        await pilot.pause()
        assert applied == ["before", "kept"]
        assert app.return_code is None  # no error reached the app
    await asyncio.to_thread(hand_over, kept, applied.append, "after the app")
    assert applied == ["before", "kept"]
