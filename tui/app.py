"""The reader app: prepares the index (with progress), then hands over to the main screen.

Startup never shows a traceback: a missing corpus or index becomes a message screen that says
what to run, and a damaged one (found at startup or while reading) a screen that offers to
rebuild it (``r``) when its corpus folder is known.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from phuong_reader.index import (
    IndexBusyError,
    IndexDamagedError,
    IndexLocation,
    IndexMissingError,
    SearchEngine,
    damaged,
    ensure_index,
    open_engine,
    read_pointer,
    refresh_index,
)
from phuong_reader.tui import collector
from phuong_reader.tui.bindings import taken_keys
from phuong_reader.tui.commands import ArticleProvider, WardProvider
from phuong_reader.tui.i18n import N_, _, choose_language, set_language
from phuong_reader.tui.keys import key_label, split_keys
from phuong_reader.tui.palette import HandoffPalette, ReadyPalette, TypeAhead, opens_palette
from phuong_reader.tui.safe import visible
from phuong_reader.tui.screens.answers import FirstAnswer, first_answer
from phuong_reader.tui.screens.compare_pane import WORKER_THREADS
from phuong_reader.tui.screens.help import HelpScreen
from phuong_reader.tui.screens.indexing import IndexingScreen, IndexJob, ProgressRelay
from phuong_reader.tui.screens.main import MainScreen
from phuong_reader.tui.screens.message import MessageScreen
from phuong_reader.tui.settings import LoadedSettings, config_path
from phuong_reader.tui.signals import exit_on_signals, forget_signals
from phuong_reader.tui.state import NO_CORPUS, ReaderState, corpus_id
from phuong_reader.tui.widgets.result_list import ResultList
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from phuong_reader.index import BuildReport, Progress

THEMES = ("textual-dark", "textual-light")
# The engine's reasons for a full build not worth a message (compared, not shown).
QUIET_REASONS = ("", "no index yet", "rebuild requested")  # not-ui
INDEXING_SCREEN_AFTER = 0.3  # seconds of checking the index before its screen shows
SETTINGS_SECONDS = 15  # a problem in config.toml stays up this long: it names a line to fix


class ReaderApp(App[None]):
    """``phuong``: search and read the articles of one corpus."""

    TITLE = "phuong-reader"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"),
        (80, "-medium"),
        (110, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (30, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "refresh", N_("Refresh"), show=False, id="app.refresh"),
        # Textual's own two, given ids so that config.toml's [keys] can move them.
        Binding(
            "ctrl+q",
            "quit",
            N_("Quit"),
            tooltip=N_("Quit the app and return to the command prompt."),
            show=False,
            priority=True,
            id="app.quit",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("palette"),
            show=False,
            priority=True,
            tooltip=N_("Open the command palette"),
            id="app.palette",
        ),
    ]

    def __init__(
        self,
        location: IndexLocation | None,
        error: str | None = None,
        show_timing: bool = True,
        state: ReaderState | None = None,
        settings: LoadedSettings | None = None,
        language: str | None = None,
    ) -> None:
        collector.pause()  # until the first results are shown (or the app ends)
        super().__init__()
        # config.toml (docs/settings.md), as the command line read it: the keymap now, the theme
        # and the file's problems on mount. None: every default, the file unread (tests, bench).
        loaded = settings or LoadedSettings(config_path())
        # The language (``--lang``, else config.toml's, else the locale's) before any text.
        set_language(choose_language(language, loaded.settings.language))
        loaded = loaded.check_theme(self.available_themes)
        self.settings_file = loaded
        self.settings = loaded.settings
        self.set_keymap(self.settings.keys)
        palette_keys = split_keys(self.settings.keys.get("app.palette", ""))
        if palette_keys:  # the footer shows the palette's key under this name
            self.COMMAND_PALETTE_BINDING = palette_keys[0]
        self.location = location
        self.error = error
        self.show_timing = show_timing
        # The position (ward, query, article, sort, dates) is this corpus's; theme and history
        # are kept for all. Saved on exit (on_unmount), whatever ends the app.
        self.state = state or ReaderState.load(corpus=_corpus_of(location))
        self.main_screen: MainScreen | None = None
        self._opened: tuple[SearchEngine, FirstAnswer | None] | None = None  # by the job
        self._broken_said = False  # the damaged-index screen is up (or on its way)
        self._indexing = False  # the index is being checked, updated or rebuilt (a worker)
        self._progress_screen: IndexingScreen | None = None  # its screen, once shown
        self.type_ahead = TypeAhead()  # keys typed while Go to ward… opens
        self._signals: list[int] = []  # the signals that end the app (on_mount, on_unmount)

    def on_mount(self) -> None:
        # Thread workers run in the loop's default executor: two threads, kept. Each thread
        # has its own searcher and its own arrays (ranks, postings) in the engine, so every
        # new thread made the next key's search cold (40-70 ms more at 100,000 articles) and
        # added its arrays to the reader's memory; two leave the search one thread free of
        # the background jobs (counts, articles, snippets) most of the time.
        asyncio.get_running_loop().set_default_executor(
            ThreadPoolExecutor(max_workers=WORKER_THREADS, thread_name_prefix="phuong")
        )
        if not self.is_headless:
            # Not in headless runs (tests), which leave the process's signals be.
            self._signals = exit_on_signals(self.exit)
        theme = self.settings.theme or self.state.theme
        if theme in self.available_themes:
            self.theme = theme
        for problem in self.settings_file.problems:
            self._say(problem, title=_("Settings"), severity="warning", timeout=SETTINGS_SECONDS)
        for action, key, takers in taken_keys(self.settings.keys):
            where = self.settings_file.key_where(takers[0]) if takers else self.settings_file.path
            said = {"where": where, "action": action, "key": key_label(key)}
            if takers:  # i18n: {takers} are binding ids joined by " and "
                said["takers"] = _(" and ").join(takers)
                text = _("{where}: {action} no longer has {key}, [keys] gives it to {takers}")
            else:
                text = _("{where}: {action} no longer has {key}")
            self._say(
                text.format(**said),
                title=_("Settings"),
                severity="warning",
                timeout=SETTINGS_SECONDS,
            )
        if self.location is None:
            self.push_screen(MessageScreen(_("Cannot open the reader"), self.error or ""))
        else:
            self.prepare_index()
        self.set_timer(collector.LONGEST_PAUSE, collector.resume)

    def on_unmount(self) -> None:
        """The app is closing (``q``, Ctrl+Q, SIGINT, SIGTERM, the terminal closed, an error,
        the end of a test): keep where it was."""
        collector.resume()
        self.state.save()
        forget_signals(self._signals)

    def prepare_index(self, rebuild: bool = False, refresh: bool = False) -> None:
        """Build or update the index in a worker, then open (or refresh) the reader. The
        indexing screen shows only if the work takes more than INDEXING_SCREEN_AFTER or reports
        progress: a ready index opens straight on the main screen (a screen fewer to compose and
        paint before the first results)."""
        assert self.location is not None
        self._indexing = True
        self._run_index(partial(self._index, rebuild, refresh))
        self.set_timer(INDEXING_SCREEN_AFTER, self._indexing_screen)

    @work(thread=True, exclusive=True, group="app-indexing")
    def _run_index(self, job: IndexJob) -> BuildReport | Exception | None:
        try:
            return job(ProgressRelay(self, self._show_progress))
        except Exception as exc:  # shown to the user by _index_finished
            return exc

    def _indexing_screen(self) -> IndexingScreen | None:
        """The indexing screen, pushed the first time it is asked for while the work runs."""
        if self._indexing and self._progress_screen is None:
            self._progress_screen = IndexingScreen(self._what())
            self.push_screen(self._progress_screen)
        return self._progress_screen

    def _show_progress(self, done: int, total: int, name: str) -> None:
        screen = self._indexing_screen()
        if screen is not None:
            screen.show_progress(done, total, name)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "app-indexing" or event.state != WorkerState.SUCCESS:
            return
        self._indexing = False
        screen, self._progress_screen = self._progress_screen, None
        if screen is not None:
            screen.dismiss()
        self._index_finished(event.worker.result)

    def _index(self, rebuild: bool, refresh: bool, progress: Progress) -> BuildReport | None:
        """The indexing screen's job (in a thread): a damaged index is reported, not silently
        rebuilt, unless a rebuild was asked for; the index is read once before it is shown."""
        location = self.location
        assert location is not None
        engine = None
        if not rebuild:  # read once (damage shows here, before any build), then kept
            with suppress(IndexMissingError):
                engine = open_engine(location)
        if location.can_rebuild and (rebuild or refresh or location.refresh):
            report = refresh_index(location, progress, rebuild=rebuild)
        else:
            report = ensure_index(location, progress)
        if engine is None or report is not None:  # something ran: read what it published
            if engine is not None:
                engine.close()
            engine = open_engine(location)
        if self.main_screen is None:  # the first frame's wards and results, made here too
            rows = ResultList.rows_in_height(self.size.height)
            self._opened = (engine, first_answer(engine, self.state, rows))
        else:
            engine.close()
        return report

    def _what(self) -> str:
        assert self.location is not None
        if self.location.bundled:
            return _("the sample corpus")
        return str(self.location.corpus or self.location.index_dir)

    def _index_finished(self, outcome: BuildReport | Exception | None) -> None:
        assert self.location is not None
        if isinstance(outcome, IndexBusyError) and _has_index(self.location):
            self._say(
                _("{error} — showing the index as it is.").format(error=outcome), severity="warning"
            )
        elif isinstance(outcome, Exception):
            self._fail(outcome)
            return
        elif outcome is not None and outcome.rebuild_reason not in QUIET_REASONS:
            self._say(_("Rebuilt the index: {reason}.").format(reason=outcome.rebuild_reason))
        if self.main_screen is not None:
            self.main_screen.reload()
            return
        opened, self._opened = self._opened, None
        if opened is None:  # the job did not get so far (another process is writing)
            try:
                opened = (open_engine(self.location), None)
            except (IndexMissingError, IndexDamagedError, OSError) as exc:
                self._fail(exc)
                return
        engine, first = opened
        self.main_screen = MainScreen(engine, self.state, self.show_timing, first)
        self.push_screen(self.main_screen)

    def _fail(self, exc: Exception) -> None:
        if isinstance(exc, IndexDamagedError):
            self.index_broken(exc)
        elif self.main_screen is not None:  # a reindex failed: the old index still answers
            self._say(str(exc), title=_("Reindexing failed"), severity="error")
        else:
            self.push_screen(MessageScreen(_("Cannot open the reader"), str(exc)))

    def index_broken(self, exc: Exception) -> None:
        """The index cannot be read: say so, and offer to rebuild it (``r``) when possible."""
        if self._broken_said or isinstance(self.screen, MessageScreen) or self.location is None:
            return  # already said (several workers can fail at once, before the screen shows)
        if self._indexing:
            return  # a search that failed before the rebuild began: the rebuild answers it
        self._broken_said = True
        error = exc if isinstance(exc, IndexDamagedError) else damaged(self.location, exc)
        message = str(error)
        if self.location.can_rebuild:
            message = _("{why}.\n\nPress r to rebuild it from {corpus}.").format(
                why=error.why, corpus=self.location.corpus
            )
        rebuild = self.rebuild if self.location.can_rebuild else None
        self.push_screen(MessageScreen(_("The index cannot be read"), message, rebuild))

    def rebuild(self) -> None:
        """Rebuild the index from scratch (the damaged-index screen's ``r``)."""
        self._broken_said = False
        self.prepare_index(rebuild=True)

    def _say(
        self, message: str, title: str = "", severity: str = "information", timeout: float = 5
    ) -> None:
        """A notification of text from outside (paths, errors): never parsed as markup."""
        self.notify(visible(message), title=title, severity=severity, markup=False, timeout=timeout)  # type: ignore[arg-type]

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.settings.keys))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def watch_theme(self, theme: str) -> None:
        self.state.theme = theme
        self.state.save()

    def action_refresh(self) -> None:
        """Ctrl+R: show what another ``phuong index`` has published (also checked every 2 s)."""
        if self.main_screen is not None:
            self.main_screen.action_refresh()

    def action_reindex(self) -> None:
        if self.location is None or self.location.corpus is None:
            self._say(_("No corpus folder is known for this index: nothing to reindex."))
            return
        self.prepare_index(refresh=True)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        main = self.main_screen
        if main is not None:
            yield SystemCommand(_("Go to ward…"), _("Pick a ward by name"), self._palette_wards)
            yield SystemCommand(
                _("Go to article by id…"), _("Open an article by its id"), self._palette_articles
            )
            yield SystemCommand(
                _("Sort results"), _("Relevance, newest or oldest first"), main.action_toggle_sort
            )
            yield SystemCommand(
                _("Show all units"),
                _("Toggle the 168 units in the ward list"),
                main.wards.action_toggle_all,
            )
        yield SystemCommand(_("Toggle theme"), _("Light or dark"), self.action_toggle_theme)
        yield SystemCommand(
            _("Reindex"), _("Pick up changes in the corpus folder"), self.action_reindex
        )
        yield SystemCommand(
            _("Refresh (Ctrl+R)"),
            _("Show an index updated by another process"),
            self.action_refresh,
        )
        yield SystemCommand(_("Help"), _("Every key"), self.action_help)
        yield from super().get_system_commands(screen)

    async def on_event(self, event: events.Event) -> None:
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and self.type_ahead.intercept(self, event)
        ):
            return  # kept for the palette on its way
        await super().on_event(event)

    def on_command_palette_option_highlighted(
        self, event: CommandPalette.OptionHighlighted
    ) -> None:
        self.type_ahead.highlighted(event.highlighted_event.option)

    def action_command_palette(self) -> None:
        """Textual's palette, where an Enter typed before the list is there waits for it."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(ReadyPalette(id="--command-palette"))

    def on_command_palette_closed(self, event: CommandPalette.Closed) -> None:
        self.type_ahead.closed(event.option_selected)

    @opens_palette
    def _palette_wards(self) -> None:
        self.push_screen(HandoffPalette(self.type_ahead, [WardProvider], _("Go to ward…")))

    @opens_palette
    def _palette_articles(self) -> None:
        palette = HandoffPalette(self.type_ahead, [ArticleProvider], _("Go to article by id…"))
        self.push_screen(palette)


def _corpus_of(location: IndexLocation | None) -> str:
    """Whose remembered position this reader shows (see ``corpus_id``)."""
    if location is None:
        return NO_CORPUS
    return corpus_id(location.index_dir, bundled=location.bundled)


def _has_index(location: IndexLocation) -> bool:
    try:
        read_pointer(location.index_dir)
    except IndexMissingError:
        return False
    return True
