"""A full-screen message for what stops the reader from starting (no index, no corpus)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static


class MessageScreen(Screen[None]):
    """Says what is wrong and what to run, instead of a traceback; any of q/Esc/Enter quits."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q,escape,enter", "quit", "Quit")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text, self.message = title, message

    def compose(self) -> ComposeResult:
        text = Content("\n\n").join(
            [Content(self.title_text).stylize("bold $text-error"), Content(self.message)]
        )
        with Middle(), Center():
            yield Static(text, id="message-box", markup=False)
        yield Footer()

    def action_quit(self) -> None:
        """Exit with status 1, like the other commands when the index cannot be used."""
        self.app.exit(return_code=1)
