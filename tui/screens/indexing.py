"""Indexing or updating a corpus inside the app: a live progress bar, never a frozen screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from phuong_reader.tui.i18n import _
from phuong_reader.tui.safe import visible
from textual import work
from textual.app import App, ComposeResult
from textual.containers import Center, Middle, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState

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


class IndexingScreen(Screen["BuildReport | Exception | None"]):
    """Runs ``job`` in a thread and dismisses with its report, or the exception it raised; with
    no job, shows the progress another worker reports (``show_progress``) until dismissed."""

    def __init__(self, job: IndexJob | None, what: str) -> None:
        super().__init__()
        self.job, self.what = job, what
        self._pending: tuple[int, int, str] | None = None  # progress from before the mount

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
        if self._pending is not None:
            self.show_progress(*self._pending)
        if self.job is not None:
            self.run_job()

    @work(thread=True, exclusive=True, group="indexing")
    def run_job(self) -> BuildReport | Exception | None:
        assert self.job is not None
        try:
            return self.job(ProgressRelay(self.app, self.show_progress))
        except Exception as exc:  # shown to the user by the app, as a message screen
            return exc

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Dismiss once the job's worker has finished (dismissing from inside it would cancel
        it before it returns)."""
        if event.worker.group == "indexing" and event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)

    def show_progress(self, done: int, total: int, name: str) -> None:
        if not self.is_mounted:
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
