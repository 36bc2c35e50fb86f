"""The main screen's comparing half: where and when the current results are, and the people
and figures views.

After a search is shown and the keys pause (FACETS_PAUSE), a worker counts the query's
articles per ward (the ward list shows them beside each unit's total) and per month (the
timeline above the results); nothing of it is on the key path. ``D`` focuses the timeline,
where Enter filters the results to a month (the date filter: see filters_pane). ``p`` opens
the people view, ``P`` picks one of the open article's people, ``f`` the figures of the
current results; choosing a person lists their articles newest first, choosing a figure opens
its article at it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeVar

from phuong_reader.index import Facets, FigureFact, PersonLine, SearchEngine, fold
from phuong_reader.tui.dates import dates_label
from phuong_reader.tui.handover import hand_over
from phuong_reader.tui.i18n import _
from phuong_reader.tui.screens.figures import FiguresScreen
from phuong_reader.tui.screens.people import PeopleScreen, PersonPicker
from phuong_reader.tui.search_key import SearchKey
from phuong_reader.tui.widgets.timeline import Timeline
from textual import work
from textual.timer import Timer
from textual.widgets import Input

if TYPE_CHECKING:
    from phuong_reader.tui.widgets.article_view import ArticleView
    from phuong_reader.tui.widgets.result_list import ResultList
    from phuong_reader.tui.widgets.search_bar import SearchBar
    from phuong_reader.tui.widgets.ward_list import WardList

FACETS_PAUSE = 0.15  # the results have been on screen this long: count them by ward and month
WORKER_THREADS = 2  # the reader's worker threads (the app makes them: app.py)
WARM_WAIT = 0.3  # seconds a thread being warmed waits for the other one to be too
T = TypeVar("T")


def person_query(names: list[str]) -> str:
    """The query listing a person's articles, every spelling of the name (once each)."""
    spellings = list({fold(n).lower(): n for n in names}.values())
    return " OR ".join(f'person:"{name}"' for name in spellings)


class ComparePane:
    """Mixed into MainScreen (after ArticlePane)."""

    since: str
    until: str
    ward: str | None
    sort: str
    shown: Any
    app: Any
    _facets_timer: Timer | None
    _reveal_next: tuple[str, tuple[int, int]] | None
    engine: SearchEngine

    if TYPE_CHECKING:
        mark_source: Any
        bar: SearchBar
        wards: WardList
        results: ResultList
        article: ArticleView

        def _engine(self, call: Callable[[SearchEngine], T]) -> T: ...
        def _broken(self, exc: Exception) -> None: ...
        def current_key(self) -> SearchKey: ...
        def set_dates(self, since: str, until: str, search: bool = True) -> None: ...
        def timeline_dates(self, since: str, until: str) -> None: ...
        def run_search(self, keep: str | None = None, typed: bool = False) -> None: ...
        def set_focus(self, widget: Any) -> None: ...
        def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer: ...
        def goto_article(self, article_id: str) -> None: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    # -- counts of the current query --------------------------------------------------------

    def warm_workers(self) -> None:
        """After the first results, open the engine's searcher in every worker thread. Each
        thread has its own, and a thread's first search opened it: 10 ms on an idle machine,
        105-127 ms at 100,000 articles while the UI rendered, paid by the first key."""
        barrier = threading.Barrier(WORKER_THREADS)  # one task on each thread, not two on one
        for _thread in range(WORKER_THREADS):
            self._warm_worker(barrier)

    @work(thread=True, exclusive=False, group="warm")
    def _warm_worker(self, barrier: threading.Barrier) -> None:
        with suppress(threading.BrokenBarrierError):  # a thread busy meanwhile: warm this one
            barrier.wait(WARM_WAIT)
        with suppress(Exception):  # a damaged index is the next search's to report
            self._engine(lambda engine: engine.open_here())

    def facets_later(self) -> None:
        """Count the results by ward and month once they have been shown for a moment."""
        if self._facets_timer is not None:
            self._facets_timer.stop()
        self._facets_timer = self.set_timer(FACETS_PAUSE, self._facets_due)

    def _facets_due(self) -> None:
        self._facets_timer = None
        if self.shown == self.current_key():
            self._load_facets(self.shown)

    @work(thread=True, exclusive=True, group="facets")
    def _load_facets(self, key: SearchKey) -> None:
        query, ward, _sort, since, until = key
        try:
            facets = self._engine(
                lambda e: e.facets(
                    query, ward=ward, since=since, until=until, marked=self.mark_source
                )
            )
        except Exception as exc:
            hand_over(self, self._broken, exc)
            return
        hand_over(self, self._facets_done, key, facets)
        # Once per index generation, so that ``p`` and ``f`` open without reading their data; a
        # failure here is the views' to report, when they are opened.
        with suppress(Exception):
            self.engine.prepare_views()
        if not self._views_frozen:  # once: the people list and the figure columns stay
            self._views_frozen = True
            gc.freeze()

    def _facets_done(self, key: SearchKey, facets: Facets) -> None:
        if key != self.current_key():
            return
        filtered = bool(key.query or key.since or key.until)
        self.wards.set_hits(facets.wards if filtered else None, sum(facets.wards.values()))
        self.timeline_dates(key.since, key.until)
        self.timeline.set_counts(facets.months, facets.undated)

    # -- the timeline ------------------------------------------------------------------------

    def action_timeline(self) -> None:
        self.set_focus(self.timeline)

    def on_timeline_left(self) -> None:
        self.set_focus(self.results)

    # -- people ------------------------------------------------------------------------------

    def action_people(self) -> None:
        load = lambda: self._engine(lambda e: e.people_lines())  # noqa: E731
        detail = lambda name: self._engine(lambda e: e.person(name))  # noqa: E731
        self._push_kept("people", PeopleScreen, (load, detail), self._person_chosen)

    def _push_kept(
        self, name: str, kind: type[Any], sources: tuple[Any, ...], done: Callable[[Any], None]
    ) -> None:
        """Show the view installed as ``name``, made once (mounting a screen costs ~0.3 s)
        and told each time where its data comes from (this screen's engine and results)."""
        if self.app.is_screen_installed(name):
            screen = self.app.get_screen(name)
            assert isinstance(screen, kind)
            screen.use(*sources)
        else:
            self.app.install_screen(kind(*sources), name)
        self.app.push_screen(name, done)

    def _person_chosen(self, person: PersonLine | None) -> None:
        if person is not None:
            self.show_person([person.name, *person.aliases])

    def action_pick_person(self) -> None:
        """``P``: one of the open article's people."""
        article = self.article.article
        if article is None or not article.persons:
            self.app.notify(_("No people named in this article."), timeout=3)
            return
        names = [(p.name, p.role) for p in article.persons]
        self.app.push_screen(PersonPicker(names), self._picked)

    def _picked(self, name: str | None) -> None:
        if name is not None:
            self.show_person([name])

    def show_person(self, names: list[str]) -> None:
        """List the articles naming this person, newest first, in every ward and at any date."""
        with self.bar.input.prevent(Input.Changed):
            self.bar.input.value = person_query(names)
        self.ward, self.sort = None, "date"
        self.set_dates("", "", search=False)
        self.wards.set_current(None)
        self.run_search()
        self.set_focus(self.results)

    # -- figures -----------------------------------------------------------------------------

    def action_figures(self) -> None:
        query, ward, _sort, since, until = self.current_key()

        def load() -> list[tuple[str, int, int]]:
            return self._engine(lambda e: e.figure_groups(query, ward, since, until))

        def table(counted: str) -> list[FigureFact]:
            return self._engine(lambda e: e.unit_table(counted, query, ward, since, until))

        def sentence(fact: FigureFact) -> str:
            return fact.sentence_in(self._engine(lambda e: e.article(fact.article)).text)

        what = f"«{query}»" if query else _("all articles")
        scope = " · ".join(p for p in (what, ward, dates_label(since, until)) if p)
        sources = (load, table, sentence, scope)
        self._push_kept("figures", FiguresScreen, sources, self._figure_chosen)

    def _figure_chosen(self, fact: FigureFact | None) -> None:
        if fact is not None:
            self._reveal_next = (fact.article, (fact.start, fact.end))
            self.goto_article(fact.article)
