"""The search bar: a query input with history, and the status (count and time, or the error)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from phuong_reader.index import CONTROL_CHARS, FORMAT_CHARS
from phuong_reader.tui.i18n import N_, _, ngettext
from phuong_reader.tui.keys import key_character
from phuong_reader.tui.state import HistoryCursor
from phuong_reader.tui.widgets.virtual import set_virtual_size
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Input, Static

WARD_KEYS = ("[", "]")
# In a paste, a control character separates like a space; an invisible one (soft hyphen,
# zero-width space, bidi mark) is dropped, as it may sit inside a word.
_CONTROL_RE = re.compile(f"[{CONTROL_CHARS}]")
_FORMAT_RE = re.compile(f"[{FORMAT_CHARS}]")


def one_line(text: str) -> str:
    """A pasted text as one query: its lines joined by single spaces, empty ones dropped,
    every run of whitespace (tabs too) one space, control and invisible characters gone."""
    return " ".join(_FORMAT_RE.sub("", _CONTROL_RE.sub(" ", text)).split())


class SearchInput(Input):
    """An Input where Up/Down walk past queries and Esc hands focus back to the panes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history_older", N_("Older query"), show=False, id="search.older"),
        Binding("down", "history_newer", N_("Newer query"), show=False, id="search.newer"),
        Binding("escape", "leave", N_("Leave"), show=True, id="search.leave"),
    ]

    class Left(Message):
        """The user pressed Esc: the screen decides where focus goes."""

    def __init__(self, history: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history = HistoryCursor(history)
        # Called as the value changes, before anything is repainted (the screen holds its
        # frames for the search the change asks for: ``screens.held_frames``).
        self.editing: Callable[[], None] | None = None

    def _watch_value(self, value: str) -> None:
        """As Input's, but the new virtual size repaints the bar only: Input's own assignment
        lays the whole screen out again on every key."""
        if self.editing is not None:
            self.editing()
        set_virtual_size(self, Size(self.content_width, 1))
        super()._watch_value(value)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Leave ``]`` and ``[`` to the ward keys: brackets mean nothing in a query. A key
        Textual names without its character (``slash``) is text too: a binding on it (``/``,
        focus the search bar) must not fire here."""
        character = character or key_character(key)
        return character not in WARD_KEYS and super().check_consume_key(key, character)

    def _on_paste(self, event: events.Paste) -> None:
        """Textual's Input keeps only the first line of a paste; a query wants all of it."""
        event.prevent_default()  # not Input._on_paste as well
        event.stop()
        text = one_line(event.text)
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    def action_history_older(self) -> None:
        self._recall(self.history.older(self.value))

    def action_history_newer(self) -> None:
        self._recall(self.history.newer())

    def _recall(self, query: str | None) -> None:
        if query is not None:
            self.value = query
            self.cursor_position = len(query)

    def action_leave(self) -> None:
        self.post_message(self.Left())


class SearchBar(Horizontal):
    """The top bar; ``show_timing=False`` hides the milliseconds (deterministic snapshots)."""

    def __init__(self, history: list[str], show_timing: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._history = history
        self.show_timing = show_timing

    def compose(self) -> ComposeResult:
        yield SearchInput(
            self._history,
            placeholder=_('Search: words, "phrases", ward:…, date:…  (/ to focus)'),
            id="query",
        )
        yield Static(id="status", markup=False)

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def show_count(self, total: int, elapsed_ms: float, total_text: str | None = None) -> None:
        """`12 results · 4 ms` (``total_text``: "up to 40" when the total is a bound). In
        English exactly that shape: what reads the status (tests, benchmarks) expects it."""
        shown = total_text or str(total)
        if self.show_timing:
            text = ngettext("{n} result · {ms} ms", "{n} results · {ms} ms", total).format(
                n=shown, ms=f"{elapsed_ms:.0f}"
            )
        else:
            text = ngettext("{n} result", "{n} results", total).format(n=shown)
        self._status(Content(text), error=False)

    def show_error(self, message: str) -> None:
        """A malformed query: the message, in the error colour (the results stay)."""
        self._status(Content(message), error=True)

    def show_busy(self, message: str) -> None:
        self._status(Content(message), error=False)

    def _status(self, content: Content, error: bool) -> None:
        """The status has a fixed width (no layout pass per key); an error may take more."""
        status = self.query_one("#status", Static)
        relayout = status.has_class("-error") != error
        status.set_class(error, "-error")
        status.update(content, layout=relayout)
        status.tooltip = content.plain
