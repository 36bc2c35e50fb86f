"""The main screen: search bar, ward list, results and article, wired to the engine by workers.

Every engine call runs in a thread worker; a result is applied only if it still answers what
the screen shows (the query in the bar and its filters), so a slow answer can never
overwrite a newer one. One search is in flight at a time and only the newest key waits behind
it; the worker hands over the hits and the snippets of the rows in view together (one frame).
While typing, the article pane waits for a pause before following the cursor, and the
remembered state is saved after a pause, not on every key.

Once the first results are on screen, everything loaded so far (the index's arrays, Textual's
widgets, the ward counts) is moved out of the garbage collector's sight (``gc.freeze``), and
once more after the views' data (people, figure columns) is loaded in the background: a full
collection otherwise walked it all again every few keys, 40-70 ms at 100,000 articles, which
was most of the keystrokes' p95. Then after each search's results too, and the collector
catches up on what died in a pause (``tui/collector.py``).

The screen watches the index's generation: when another process publishes a new one
(``phuong index`` in another terminal), counts and results are reloaded; Ctrl+R does it at
once. An engine call that fails twice means the index cannot be read: the app then offers to
rebuild it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from phuong_reader.index import (
    IndexMissingError,
    QueryError,
    SearchEngine,
    WardCount,
    read_pointer,
)
from phuong_reader.tui import collector
from phuong_reader.tui.handover import hand_over
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.screens.answers import (
    EMPTY_INDEX as EMPTY_INDEX,  # the empty index's message, said here (tests)
)
from phuong_reader.tui.screens.answers import (
    Answer,
    FirstAnswer,
    SearchKey,
    answer,
    no_match,
    results_title,
)
from phuong_reader.tui.screens.article_pane import ArticlePane
from phuong_reader.tui.screens.compare_pane import ComparePane
from phuong_reader.tui.screens.filters_pane import FilterPane
from phuong_reader.tui.screens.held_frames import HeldFrames
from phuong_reader.tui.screens.marks_pane import MarksPane
from phuong_reader.tui.state import ReaderState
from phuong_reader.tui.widgets.article_view import ArticleView
from phuong_reader.tui.widgets.chips import FilterChips
from phuong_reader.tui.widgets.footer import KeysFooter
from phuong_reader.tui.widgets.result_list import ResultList
from phuong_reader.tui.widgets.search_bar import SearchBar, SearchInput
from phuong_reader.tui.widgets.timeline import Timeline
from phuong_reader.tui.widgets.ward_list import WardList
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Input

SAVE_PAUSE = 1.0  # the remembered state is written this long after its last change
WATCH_SECONDS = 2.0  # how often the index's generation is checked (one small file read)
T = TypeVar("T")


class MainScreen(ArticlePane, ComparePane, MarksPane, FilterPane, HeldFrames):
    """The reader's one working screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: handled before the keys that follow it are routed (a paste, a fast typist);
        # in the search bar, "/" is text (SearchInput consumes it).
        Binding("slash", "focus_search", N_("Search"), priority=True, id="main.search"),
        # ] and [ work even in the search bar (brackets mean nothing in a query).
        Binding(
            "right_square_bracket", "ward(1)", N_("Next ward"), priority=True, id="main.next-ward"
        ),
        Binding(
            "left_square_bracket", "ward(-1)", N_("Prev ward"), priority=True, id="main.prev-ward"
        ),
        Binding("J", "ward(1)", N_("Next ward"), show=False, id="main.next-ward-alt"),
        Binding("K", "ward(-1)", N_("Prev ward"), show=False, id="main.prev-ward-alt"),
        Binding("n", "match(1)", N_("Next match"), id="main.next-match"),
        Binding("N", "match(-1)", N_("Prev match"), show=False, id="main.prev-match"),
        Binding("s", "toggle_sort", N_("Sort"), id="main.sort"),
        Binding("w", "toggle_wards", N_("Wards"), show=False, id="main.toggle-wards"),
        Binding("a", "all_wards", N_("All wards"), show=False, id="main.all-wards"),
        Binding("p", "people", N_("People"), id="main.people"),
        Binding("P", "pick_person", N_("People here"), show=False, id="main.pick-person"),
        Binding("f", "figures", N_("Figures"), id="main.figures"),
        Binding("d", "dates", N_("Dates"), show=False, id="main.dates"),
        Binding("D", "timeline", N_("Months"), show=False, id="main.timeline"),
        Binding("x", "remove_filter", N_("Remove filter"), show=False, id="main.remove-filter"),
        Binding("u", "toggle_read", N_("Read/unread"), show=False, id="main.toggle-read"),
        Binding("U", "unread_only", N_("Unread only"), show=False, id="main.unread-only"),
        Binding("m", "bookmark", N_("Bookmark"), id="main.bookmark"),
        Binding("M", "bookmarks", N_("Bookmarks"), show=False, id="main.bookmarks"),
        Binding("e", "export", N_("Export"), show=False, id="main.export"),
        Binding("y", "copy", N_("Copy"), show=False, id="main.copy"),
        Binding("question_mark,f1", "app.help", N_("Help"), key_display="?", id="main.help"),
        Binding("q", "app.quit", N_("Quit"), id="main.quit"),
    ]

    def __init__(
        self,
        engine: SearchEngine,
        state: ReaderState,
        show_timing: bool = True,
        first: FirstAnswer | None = None,
    ):
        super().__init__()
        self.engine = engine
        self._first = first  # the first frame's wards and results, made with the index
        self.state = state
        self.show_timing = show_timing
        self.ward: str | None = None
        self.since, self.until = state.since, state.until  # the date filter (tui.dates forms)
        self.sort = state.sort
        self.shown: SearchKey | None = None  # what the results list answers
        self._in_flight = False  # a search worker is running
        self._queued: tuple[SearchKey, str | None] | None = None  # the newest search waiting
        self._article_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self._wanted_article: str | None = None
        self._typing = False  # the last search came from a key in the search bar
        self.generation: str | None = None  # the index generation the screen shows
        self._facets_timer: Timer | None = None
        self._views_frozen = False  # the views' data moved out of the collector's sight
        self._reveal_next: tuple[str, tuple[int, int]] | None = None  # a figure to scroll to

    def compose(self) -> ComposeResult:
        yield SearchBar(self.state.history, self.show_timing, id="search-bar")
        yield FilterChips(id="chips")
        with Horizontal(id="panes"):
            yield WardList(id="wards")
            with Horizontal(id="reading"):
                yield Timeline(id="timeline")
                yield ResultList(lambda doc, terms: self.engine.snippet(doc, terms), id="results")
                yield ArticleView(id="article")
        yield KeysFooter()

    @property
    def bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def wards(self) -> WardList:
        return self.query_one(WardList)

    @property
    def results(self) -> ResultList:
        return self.query_one(ResultList)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.bar.show_busy(_("Loading…"))
        self.results.border_title = _("Results")
        self.article.border_title = _("Article")
        self.article.show_message("")
        with self.bar.input.prevent(Input.Changed):
            self.bar.input.value = self.state.query
        self.bar.input.editing = self.hold_frames
        self.set_focus(self.results)
        self.watch_reading()
        self.set_interval(WATCH_SECONDS, self.check_generation)
        self.set_interval(collector.TIDY_PAUSE, collector.tidy_if_idle)
        first, self._first = self._first, None
        if first is None:
            self.load_wards()
            return
        self._wards_loaded(first.wards, first.total, first.generation, search=first.answer is None)
        if first.answer is not None and first.key == self.current_key():
            self._in_flight = True  # as if its worker had just answered
            self._search_done(first.key, first.answer, self.state.article)
            self._search_finished()
        elif first.answer is not None:
            self.run_search(keep=self.state.article)

    # -- the index ---------------------------------------------------------------------------

    def live_generation(self) -> str | None:
        try:
            return str(read_pointer(self.engine.index_dir)["generation"])
        except IndexMissingError:
            return None

    def check_generation(self) -> bool:
        """Reload when another process has published a new index; True if it did."""
        current = self.live_generation()
        if current is None or current == self.generation:
            return False
        if self.generation is not None:
            self.notify(_("The index was updated: reloading."), timeout=3)
        self.reload()
        return True

    def action_refresh(self) -> None:
        """Ctrl+R: pick up a new index now (and reload even if there is none)."""
        if not self.check_generation():
            self.reload()

    def _engine(self, call: Callable[[SearchEngine], T]) -> T:
        """Run an engine call in a worker. A failure is retried once on a fresh engine (new
        searchers in every thread): it covers a generation replaced during the call and
        searchers left closed by a failed open; a second failure is the index's."""
        try:
            return call(self.engine)
        except (QueryError, KeyError):
            raise
        except Exception:
            self.engine = SearchEngine(self.engine.index_dir)
            return call(self.engine)

    def _broken(self, exc: Exception) -> None:
        broken = getattr(self.app, "index_broken", None)
        if broken is not None:
            broken(exc)

    # -- wards -------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="wards")
    def load_wards(self) -> None:
        generation = self.live_generation()
        try:
            wards = self._engine(lambda engine: engine.ward_counts(include_empty=True))
            total = self._engine(lambda engine: engine.doc_count())
        except Exception as exc:
            hand_over(self, self._broken, exc)
            return
        hand_over(self, self._wards_loaded, wards, total, generation)

    def _wards_loaded(
        self, wards: list[WardCount], total: int, generation: str | None, search: bool = True
    ) -> None:
        self.generation = generation
        known = {w.name for w in wards}
        self.ward = self.state.ward if self.state.ward in known else None
        self.wards.set_wards(wards, total, self.ward)
        self.update_chips()
        if search:
            self.run_search(keep=self.state.article)

    def choose_ward(self, ward: str | None) -> None:
        """Filter to ``ward`` (None: all), reload results and open the first article."""
        self.ward = ward
        self.wards.set_current(ward)
        self.state.ward = ward
        self.remember()
        self.run_search()

    @on(WardList.Chosen)
    def _ward_chosen(self, event: WardList.Chosen) -> None:
        self.choose_ward(event.ward)

    def action_ward(self, step: int) -> None:
        order = self.wards.order()
        index = order.index(self.ward) if self.ward in order else 0
        target = order[max(0, min(len(order) - 1, index + step))]
        if target != self.ward or self.shown is None:
            self.choose_ward(target)

    # -- searching ---------------------------------------------------------------------------

    def current_key(self) -> SearchKey:
        return SearchKey(self.bar.input.value.strip(), self.ward, self.sort, self.since, self.until)

    def run_search(self, keep: str | None = None, typed: bool = False) -> None:
        """Search what the bar says, in the current ward and sort, in a worker; while one
        runs, this search waits (replacing any other waiting one). ``typed``: a key in the
        search bar asked for it (the article then waits for a pause)."""
        self._typing = typed
        if typed:
            self.typing_started()
        self.update_chips()  # a comparison, unless a filter changed
        request = (self.current_key(), keep)
        if self._in_flight:
            self._queued = request
            return
        self._in_flight = True
        self._search(*request, self.results.rows_on_screen(self.app.size.height))

    @property
    def settled(self) -> bool:
        """No search running or waiting, no article waiting for a pause, and the ward and
        month counts up to date (for tests)."""
        counting = self._facets_timer is not None or any(
            w.group == "facets" and not w.is_finished for w in self.workers
        )
        return (
            not self._in_flight
            and self._queued is None
            and self._article_timer is None
            and not counting
        )

    @work(thread=True, exclusive=False, group="search")
    def _search(self, key: SearchKey, keep: str | None, rows: int) -> None:
        try:
            found = self._engine(lambda engine: answer(engine, key, rows, self.mark_source))
        except QueryError as exc:
            hand_over(self, self._search_failed, key, str(exc))
        except Exception as exc:
            hand_over(self, self._broken, exc)
        else:
            hand_over(self, self._search_done, key, found, keep)
        finally:
            hand_over(self, self._search_finished)

    def _search_finished(self) -> None:
        self._in_flight = False
        if self._queued is not None:  # the newest request made while this one ran
            keep = self._queued[1]
            self._queued = None
            self.run_search(keep, typed=self._typing)

    def _search_done(self, key: SearchKey, found: Answer, keep: str | None) -> None:
        if key != self.current_key():
            return  # the bar, the ward or the sort changed while searching
        result, snippets, elsewhere = found.result, found.snippets, found.elsewhere
        if self.shown is None:  # the first results: what is loaded by now stays
            self.call_after_refresh(collector.freeze_and_resume)
            self.warm_workers()
        self.shown = key
        self.bar.show_count(result.total, result.elapsed_ms, result.total_text)
        self.results.border_title, self.results.border_subtitle = results_title(result, key)
        self.results.show(result, keep, snippets)
        if not result.hits:
            self.show_no_match(no_match(key, elsewhere, empty=not self.wards.total))
        self.state.query, self.state.sort = key.query, key.sort
        self.state.since, self.state.until = key.since, key.until
        self.remember()
        self.facets_later()
        self.release_frames()  # the key's character and its results, in one frame
        collector.out_of_sight()

    def action_all_wards(self) -> None:
        """The ward filter leaves nothing (or the reader wants all): search every ward."""
        if self.ward is not None:
            self.choose_ward(None)

    def remember(self) -> None:
        """Save the remembered state after a pause (and on exit), not on every key."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_PAUSE, self._save_state)

    def _save_state(self) -> None:
        self._save_timer = None
        self.state.save()

    def _search_failed(self, key: SearchKey, message: str) -> None:
        if key == self.current_key():
            self.release_frames()
            self.bar.show_error(message)

    @on(Input.Changed, "#query")
    def _typed(self) -> None:
        key = self.current_key()
        if key == self.shown and not self._in_flight:
            self.release_frames()  # no search: nothing to wait for
            return  # a space, or a character typed and erased: the same query is on screen
        if self._in_flight and self._queued is not None and self._queued[0] == key:
            return
        self.run_search(typed=True)

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.state.remember_query(event.value)
        self.bar.input.history.reset()
        if self.shown != self.current_key():
            self.run_search()
        self.set_focus(self.results)

    @on(SearchInput.Left)
    def _left_bar(self) -> None:
        self.set_focus(self.results)

    def action_focus_search(self) -> None:
        bar = self.bar.input
        if self.focused is not bar:  # in the bar, "/" is text (SearchInput consumes it)
            self.set_focus(bar)

    def action_toggle_wards(self) -> None:
        self.toggle_class("-wards-toggled")

    # -- the article -------------------------------------------------------------------------

    def reload(self) -> None:
        """After a reindex: new counts, then the same search (and article, if still there)."""
        self.load_wards()
