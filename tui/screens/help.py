"""The help screen (`?`, F1): every key, by where it works."""

from __future__ import annotations

from typing import ClassVar

from phuong_reader.tui.keys import KEY_HELP
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


def help_text() -> Content:
    """The KEY_HELP table as plain lines (for tests, and for anyone who wants it as text)."""
    lines = [
        f"{section}\n" + "\n".join(f"  {key}  {what}" for key, what in keys)
        for section, keys in KEY_HELP
    ]
    return Content("\n\n".join(lines))


def help_rows() -> ComposeResult:
    """A heading per section, then one row per key: the key, and what it does (wrapping)."""
    for section, keys in KEY_HELP:
        yield Static(Content(section).stylize("bold $text-primary"), classes="help-section")
        for key, what in keys:
            with Horizontal(classes="help-row"):
                yield Static(Content(key), classes="help-key")
                yield Static(Content(what), classes="help-what")


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys over the reader; Esc, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc to close"
            yield from help_rows()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=lines, animate=False)
