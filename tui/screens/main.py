"""The main screen: search bar, ward list, results and article, wired to the engine by workers.

Every engine call runs in a thread worker; a result is applied only if it still answers what
the screen shows (the query in the bar, the ward, the sort), so a slow answer can never
overwrite a newer one. The screen watches the index's generation: when another process
publishes a new one (``phuong index`` in another terminal), counts and results are reloaded;
Ctrl+R does it at once. An engine call that fails twice means the index cannot be read: the app
then offers to rebuild it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from phuong_reader.index import (
    DatedRole,
    IndexMissingError,
    QueryError,
    QueryTerms,
    SearchEngine,
    SearchResult,
    StoredArticle,
    WardCount,
    read_pointer,
)
from phuong_reader.tui.state import ReaderState
from phuong_reader.tui.widgets.article_view import ArticleView
from phuong_reader.tui.widgets.result_list import ResultList
from phuong_reader.tui.widgets.search_bar import SearchBar, SearchInput
from phuong_reader.tui.widgets.ward_list import WardList
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList

RESULT_LIMIT = 200  # more than anyone scrolls; the title says "200 of N"
DEBOUNCE_SECONDS = 0.02  # a search costs 5-50 ms at 100,000 articles: a pause is enough
WATCH_SECONDS = 2.0  # how often the index's generation is checked (one small file read)
SearchKey = tuple[str, "str | None", str]
T = TypeVar("T")
EMPTY_INDEX = (
    "This index has no articles: the corpus folder holds no readable *.txt article "
    "(`phuong index DIR` lists what it skipped and why)."
)


class MainScreen(Screen[None]):
    """The reader's one working screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: handled before the keys that follow it are routed (a paste, a fast typist);
        # in the search bar, action_focus_search types the "/" instead.
        Binding("slash", "focus_search", "Search", priority=True),
        # ] and [ work even in the search bar (brackets mean nothing in a query).
        Binding("right_square_bracket", "ward(1)", "Next ward", priority=True),
        Binding("left_square_bracket", "ward(-1)", "Prev ward", priority=True),
        Binding("J", "ward(1)", "Next ward", show=False),
        Binding("K", "ward(-1)", "Prev ward", show=False),
        Binding("n", "match(1)", "Next match"),
        Binding("N", "match(-1)", "Prev match", show=False),
        Binding("s", "toggle_sort", "Sort"),
        Binding("w", "toggle_wards", "Wards", show=False),
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, engine: SearchEngine, state: ReaderState, show_timing: bool = True):
        super().__init__()
        self.engine = engine
        self.state = state
        self.show_timing = show_timing
        self.ward: str | None = None
        self.sort = state.sort
        self.shown: SearchKey | None = None  # what the results list answers
        self._debounce: Timer | None = None
        self._wanted_article: str | None = None
        self.generation: str | None = None  # the index generation the screen shows

    def compose(self) -> ComposeResult:
        yield SearchBar(self.state.history, self.show_timing, id="search-bar")
        with Horizontal(id="panes"):
            yield WardList(id="wards")
            with Horizontal(id="reading"):
                yield ResultList(lambda doc, terms: self.engine.snippet(doc, terms), id="results")
                yield ArticleView(id="article")
        yield Footer()

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
        self.bar.show_busy("Loading…")
        self.results.border_title = "Results"
        self.article.border_title = "Article"
        self.article.show_message("")
        with self.bar.input.prevent(Input.Changed):
            self.bar.input.value = self.state.query
        self.set_focus(self.results)
        self.load_wards()
        self.set_interval(WATCH_SECONDS, self.check_generation)

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
            self.notify("The index was updated: reloading.", timeout=3)
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
            self.app.call_from_thread(self._broken, exc)
            return
        self.app.call_from_thread(self._wards_loaded, wards, total, generation)

    def _wards_loaded(self, wards: list[WardCount], total: int, generation: str | None) -> None:
        self.generation = generation
        self.wards.set_wards(wards, total)
        known = {w.name for w in wards}
        self.ward = self.state.ward if self.state.ward in known else None
        self.wards.set_current(self.ward)
        self.run_search(keep=self.state.article)

    def choose_ward(self, ward: str | None) -> None:
        """Filter to ``ward`` (None: all), reload results and open the first article."""
        self.ward = ward
        self.wards.set_current(ward)
        self.state.ward = ward
        self.state.save()
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
        return (self.bar.input.value.strip(), self.ward, self.sort)

    def run_search(self, keep: str | None = None) -> None:
        """Search what the bar says, in the current ward and sort, in a worker."""
        if self._debounce is not None:
            self._debounce.stop()
        self._search(self.current_key(), keep)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, key: SearchKey, keep: str | None) -> None:
        query, ward, sort = key
        try:
            result = self._engine(
                lambda engine: engine.search(query, ward=ward, sort=sort, limit=RESULT_LIMIT)
            )
        except QueryError as exc:
            self.app.call_from_thread(self._search_failed, key, str(exc))
        except Exception as exc:
            self.app.call_from_thread(self._broken, exc)
        else:
            self.app.call_from_thread(self._search_done, key, result, keep)

    def _search_done(self, key: SearchKey, result: SearchResult, keep: str | None) -> None:
        if key != self.current_key():
            return  # the bar, the ward or the sort changed while searching
        self.shown = key
        self.bar.show_count(result.total, result.elapsed_ms, result.total_text)
        self._results_title(result, key)
        self.results.show(result, keep)
        if not result.hits:
            empty = not self.wards.total
            self.article.show_message(EMPTY_INDEX if empty else "No article matches.")
        self.state.query, self.state.sort = key[0], key[2]
        self.state.save()

    def _search_failed(self, key: SearchKey, message: str) -> None:
        if key == self.current_key():
            self.bar.show_error(message)

    def _results_title(self, result: SearchResult, key: SearchKey) -> None:
        count = (
            result.total_text
            if result.total <= len(result.hits)
            else (f"{len(result.hits)} of {result.total_text}")
        )
        if result.ward_split is not None:  # a ward chosen: about it first, then naming it
            count += f": {result.ward_split[0]} about · {result.ward_split[1]} mention"
        order = "newest first" if not key[0] or key[2] == "date" else "by relevance"
        where = key[1] or "all wards"
        self.results.border_title = f"Results ({count}) · {order}"
        # A former unit's name in the query: say what it is now ("Hiệp Phú → now part of …").
        self.results.border_subtitle = " · ".join(result.notes) or where

    @on(Input.Changed, "#query")
    def _typed(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self.run_search)

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
        if self.focused is bar:  # a priority key reaches us even in the bar: there it is text
            bar.insert_text_at_cursor("/")
        else:
            self.set_focus(bar)

    def action_toggle_sort(self) -> None:
        self.sort = "date" if self.sort == "relevance" else "relevance"
        self.run_search(keep=self.article.article.id if self.article.article else None)

    def action_toggle_wards(self) -> None:
        self.toggle_class("-wards-toggled")

    # -- the article -------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#results")
    def _result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.open_article(event.option.id)

    @on(OptionList.OptionSelected, "#results")
    def _result_selected(self) -> None:
        self.set_focus(self.article.scroller)

    def open_article(self, article_id: str) -> None:
        """Load and show ``article_id`` (focus stays where it is)."""
        self._wanted_article = article_id
        terms = self.results.result.terms if self.results.result else QueryTerms()
        self._load_article(article_id, terms)

    @work(thread=True, exclusive=True, group="article")
    def _load_article(self, article_id: str, terms: QueryTerms) -> None:
        history: dict[str, list[DatedRole]] = {}
        try:
            article = self._engine(lambda engine: engine.article(article_id))
            names = [p.name for p in article.persons]
            history = self._engine(lambda engine: engine.role_history(names))
        except KeyError:
            article = None
        except Exception as exc:
            self.app.call_from_thread(self._broken, exc)
            return
        self.app.call_from_thread(self._article_loaded, article_id, article, terms, history)

    def _article_loaded(
        self,
        article_id: str,
        article: StoredArticle | None,
        terms: QueryTerms,
        history: dict[str, list[DatedRole]] | None = None,
    ) -> None:
        if article_id != self._wanted_article:
            return  # the user moved on to another result
        if article is None:
            self.article.show_message(f"No article with id {article_id}.")
            return
        self.article.show(article, terms, history)
        self.state.article = article_id
        self.state.save()

    def goto_article(self, article_id: str) -> None:
        """Open an article by id (command palette) and move focus to it."""
        self.open_article(article_id)
        self.set_focus(self.article.scroller)

    def reload(self) -> None:
        """After a reindex: new counts, then the same search (and article, if still there)."""
        self.load_wards()

    def action_match(self, step: int) -> None:
        self.article.next_match(step)
