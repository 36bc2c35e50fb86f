"""A typed key's frame waits for its results, so both are painted in one frame.

Without this, a key in the search bar painted twice: once for the character, while the search
ran in its thread (that frame's rendering held the interpreter lock the search needed), then
for the results. Now the screen paints nothing from the key until its results are applied, or
ECHO_WAIT has passed (a slow search: the character is then shown alone, as before).
"""

from __future__ import annotations

from textual.screen import Screen
from textual.timer import Timer

ECHO_WAIT = 0.1  # at most this long, in seconds, between a key and its character on screen


class HeldFrames(Screen[None]):
    """The hold on the screen's frames between a typed key and its results."""

    _hold_timer: Timer | None = None

    def hold_frames(self) -> None:
        """The search bar's text is changing (a key, a paste): hold the frames until the
        results of the search it asks for are applied, ECHO_WAIT at most from the first
        change held. Called before the bar repaints, so no frame shows the text alone."""
        if self._hold_timer is None:
            self.app._begin_batch()  # Textual's batch_update, held across events
            self._hold_timer = self.set_timer(ECHO_WAIT, self.release_frames)

    def release_frames(self) -> None:
        """Paint again (the results are on the screen, the wait is over, or the screen goes)."""
        timer, self._hold_timer = self._hold_timer, None
        if timer is not None:
            timer.stop()
            self.app._end_batch()

    def on_unmount(self) -> None:
        self.release_frames()

    def on_screen_suspend(self) -> None:
        self.release_frames()
