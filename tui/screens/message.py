"""A full-screen message for what stops the reader (no index, no corpus, a damaged index)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from phuong_reader.tui.i18n import N_
from phuong_reader.tui.safe import visible
from phuong_reader.tui.widgets.footer import KeysFooter
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


class MessageScreen(Screen[None]):
    """Says what is wrong and what to run, instead of a traceback; q/Esc/Enter quits, and ``r``
    runs ``rebuild`` when one is offered (the index is damaged and its corpus is known)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rebuild", N_("Rebuild the index"), id="message.rebuild"),
        # not enter: it may be meant for the search bar
        Binding("q,escape", "quit", N_("Quit"), id="message.quit"),
    ]

    def __init__(self, title: str, message: str, rebuild: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.title_text, self.message, self.rebuild = title, message, rebuild

    def compose(self) -> ComposeResult:
        text = Content("\n\n").join(
            [
                Content(self.title_text).stylize(style="bold $text-error"),
                Content(visible(self.message)),
            ]
        )
        with Middle(), Center():
            yield Static(text, id="message-box", markup=False)
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.rebuild is not None if action == "rebuild" else True

    def action_rebuild(self) -> None:
        if self.rebuild is not None:
            self.dismiss()
            self.rebuild()

    def action_quit(self) -> None:
        """Exit with status 1, like the other commands when the index cannot be used."""
        self.app.exit(return_code=1)
