"""The footer of key bindings, recomposed only when the keys it shows change.

Textual's ``Footer`` rebuilds all its key widgets whenever the screen says its bindings may
have changed, which it says after any focus call, even one that changes nothing: on the main
screen that was several times per search while typing, each a recompose of a dozen widgets, a
style pass and a layout of the footer. Here the keys to show are compared first (the active
bindings are a dictionary lookup per binding, the recompose a mount of each).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A ``Footer`` that recomposes only when what it would show differs."""

    _shown: tuple[object, ...] | None = None

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
                for _, b, on, tip in screen.active_bindings.values()
                if b.show or b.key == app.COMMAND_PALETTE_BINDING
            ),
        )
