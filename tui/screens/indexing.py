"""Indexing or updating a corpus inside the app: a live progress bar, never a frozen screen.

The app runs the job in its own worker (``ReaderApp.prepare_index``) and shows this screen only
when the job takes a while or reports progress; the screen shows what ``ProgressRelay`` hands it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from phuong_reader.tui.i18n import _
from phuong_reader.tui.safe import visible
from textual.app import App, ComposeResult
from textual.containers import Center, Middle, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

if TYPE_CHECKING:
    from phuong_reader.index import BuildReport, Progress

UPDATE_SECONDS = 0.05
# A job builds or updates the index, reporting to the callback; it may raise to say why not.
IndexJob = Callable[["Progress"], "BuildReport | None"]


class ProgressRelay:
    """A job's progress callback (called in its thread): hands the numbers to ``show`` on the
    UI thread at most every UPDATE_SECONDS, and the last one always (not a round trip per
    file)."""

    def __init__(self, app: App, show: Callable[[int, int, str], None]) -> None:
        self.app, self.show, self.last = app, show, 0.0

    def __call__(self, done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if done == total or now - self.last >= UPDATE_SECONDS:
            self.last = now
            self.app.call_from_thread(self.show, done, total, name)


class IndexingScreen(Screen[None]):
    """The progress of the index's job that a worker reports (``show_progress``), until the app
    dismisses it."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what
        self._pending: tuple[int, int, str] | None = None  # progress from before the mount
        self._mounted = False  # on_mount ran (``is_mounted`` is set only after it)

    def compose(self) -> ComposeResult:
        with Middle(), Center(), Vertical(id="indexing-box") as box:
            box.border_title = _("Indexing")
            checking = _("Checking {what}…").format(what=self.what)
            yield Static(Content(visible(checking)), id="indexing-what")
            bar = ProgressBar(id="indexing-bar", show_eta=True)
            bar.display = False  # until there is progress: an index that is ready opens at
            yield bar  # once, and the bar's animation would cost frames on the way
            yield Static("", id="indexing-file", markup=False)

    def on_mount(self) -> None:
        self._mounted = True
        if self._pending is not None:
            self.show_progress(*self._pending)

    def show_progress(self, done: int, total: int, name: str) -> None:
        if not self._mounted:
            self._pending = (done, total, name)
            return
        self.query_one("#indexing-what", Static).update(
            Content(
                visible(
                    _("Indexing {what}: {done} of {total} articles").format(
                        what=self.what, done=done, total=total
                    )
                )
            )
        )
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=total, progress=done)
        file = self.query_one("#indexing-file", Static)
        file.update(Content(visible(name)).stylize("$text-muted"))  # a file name: data
