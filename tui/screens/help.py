"""The help screen (`?`, F1): every key, by where it works."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import KEY_HELP

KEY_WIDTH = 26


def help_text() -> Content:
    """The KEY_HELP table as aligned columns, one section per pane."""
    lines: list[Content] = []
    for section, keys in KEY_HELP:
        if lines:
            lines.append(Content(""))
        lines.append(Content(section).stylize("bold $text-primary"))
        for key, what in keys:
            lines.append(Content.assemble((f"  {key:<{KEY_WIDTH}}", "bold $text-accent"), what))
    return Content("\n").join(lines)


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
            yield Static(help_text(), id="help-text")

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=lines, animate=False)
