"""The help screen (`?`, F1): every key, by where it works, as the bindings are now (a key
moved by config.toml's ``[keys]`` shows where it went: tui/bindings.py)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import ClassVar

from phuong_reader.tui.bindings import default_keys, live_keys
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.keys import help_lines, key_label
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


def shown_lines(keys: Mapping[str, Sequence[str]]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """``help_lines`` in the interface's language: the sections and what the keys do (the
    keys' column is translated by ``help_lines`` before the live keys are written in, so that
    a key remapped to a word, "Down", stays that key)."""
    for section, entries in help_lines(keys):
        yield _(section), [(k, _(w)) for k, w in entries]


def help_text(keys: Mapping[str, Sequence[str]] | None = None) -> Content:
    """The help as plain lines, with ``keys`` (default: the keys as declared)."""
    lines = [
        f"{section}\n" + "\n".join(f"  {key}  {what}" for key, what in entries)
        for section, entries in shown_lines(default_keys() if keys is None else keys)
    ]
    return Content("\n\n".join(lines))


def help_rows(keys: Mapping[str, Sequence[str]]) -> Iterator[Static | Horizontal]:
    """A heading per section, then one row per key: the key, and what it does (wrapping)."""
    for section, entries in shown_lines(keys):
        yield Static(Content(section).stylize(style="bold $text-primary"), classes="help-section")
        for key, what in entries:
            yield Horizontal(
                Static(Content(key), classes="help-key"),
                Static(Content(what), classes="help-what"),
                classes="help-row",
            )


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys over the reader; Esc, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", N_("Close"), id="help.close"),
        Binding("j,down", "scroll(1)", N_("Down"), show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", N_("Up"), show=False, id="help.up"),
    ]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keys = live_keys(keymap or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = _("Keys")
            box.border_subtitle = _("{key} to close").format(key=self._close_key())
            yield from help_rows(self.keys)

    def _close_key(self) -> str:
        closing = self.keys.get("help.close") or ["escape"]
        return key_label(closing[0])

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=lines, animate=False)
