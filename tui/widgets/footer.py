"""The footer of key bindings, recomposed only when the keys it shows change, its labels in the
interface's language.

Textual's ``Footer`` rebuilds all its key widgets whenever the screen says its bindings may
have changed, which it says after any focus call, even one that changes nothing: on the main
screen that was several times per search while typing, each a recompose of a dozen widgets, a
style pass and a layout of the footer. Here the keys to show are compared first (the active
bindings are a dictionary lookup per binding, the recompose a mount of each).

A Binding's description (and tooltip) is marked ``N_`` where it is declared, before the
language is chosen; the footer translates it with ``_`` as it shows it.
"""

from __future__ import annotations

from phuong_reader.tui.i18n import _
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def _translated(widget: Widget) -> Widget:
    """A footer key with its description and tooltip in the interface's language (the
    reader's bindings have no group, whose label would need the same)."""
    if isinstance(widget, FooterKey):
        if widget.description:
            widget.description = _(widget.description)
        if isinstance(widget.tooltip, str) and widget.tooltip:
            widget.tooltip = _(widget.tooltip)
    return widget


class KeysFooter(Footer):
    """A ``Footer`` that recomposes only when what it would show differs, and shows the
    bindings' descriptions translated."""

    _shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield _translated(widget)

    def bindings_changed(self, screen: Screen) -> None:
        shown = self._keys_of(screen)
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)

    def _keys_of(self, screen: Screen) -> tuple[object, ...]:
        app = screen.app
        return (
            app.app_focus,
            self.show_command_palette,
            tuple(
                (b.key, app.get_key_display(b), b.description, b.action, b.group, on, tip)
                for _node, b, on, tip in screen.active_bindings.values()
                if b.show or b.key == app.COMMAND_PALETTE_BINDING
            ),
        )
