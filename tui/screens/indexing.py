"""Indexing or updating a corpus inside the app: a live progress bar, never a frozen screen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from phuong_reader.tui.i18n import _
from phuong_reader.tui.safe import visible
from textual import work
from textual.app import ComposeResult
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


class IndexingScreen(Screen["BuildReport | Exception | None"]):
    """Runs ``job`` in a thread and dismisses with its report, or the exception it raised."""

    def __init__(self, job: IndexJob, what: str) -> None:
        super().__init__()
        self.job, self.what = job, what

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
        self.run_job()

    @work(thread=True, exclusive=True, group="indexing")
    def run_job(self) -> BuildReport | Exception | None:
        last = 0.0

        def progress(done: int, total: int, name: str) -> None:
            nonlocal last
            now = time.monotonic()
            if done == total or now - last >= UPDATE_SECONDS:  # not a UI round trip per file
                last = now
                self.app.call_from_thread(self._progress, done, total, name)

        try:
            return self.job(progress)
        except Exception as exc:  # shown to the user by the app, as a message screen
            return exc

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Dismiss once the job's worker has finished (dismissing from inside it would cancel
        it before it returns)."""
        if event.worker.group == "indexing" and event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)

    def _progress(self, done: int, total: int, name: str) -> None:
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
