"""The main screen's article pane: which article it shows, and loading it off the UI thread.

While the user types, the pane waits for a pause (ARTICLE_PAUSE) before following the results'
cursor; a cursor moved by a key or a click opens its article at once. The worker reads the
article and its people's roles, then lays the text out in chunks (``article_lines.lay_out``):
the first screens are handed over at once, the rest as they are ready, and a newer request
cancels it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from phuong_reader.index import QueryTerms, SearchEngine, StoredArticle
from phuong_reader.tui.article_lines import ArticleLines, lay_out
from phuong_reader.tui.handover import hand_over
from phuong_reader.tui.highlight import render_parts, shown_span
from phuong_reader.tui.i18n import _
from phuong_reader.tui.widgets.result_list import ResultList
from textual import work
from textual.timer import Timer
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from phuong_reader.tui.state import ReaderState
    from phuong_reader.tui.widgets.article_view import ArticleView

ARTICLE_PAUSE = 0.15  # typing paused this long: the article pane follows the cursor
T = TypeVar("T")


class ArticlePane:
    """Mixed into MainScreen: the article pane's half of the screen."""

    _article_timer: Timer | None
    _wanted_article: str | None
    _reveal_next: tuple[str, tuple[int, int]] | None
    _typing: bool
    state: ReaderState
    app: Any
    shown: Any

    if TYPE_CHECKING:
        results: ResultList
        article: ArticleView

        def _engine(self, call: Callable[[SearchEngine], T]) -> T: ...
        def _broken(self, exc: Exception) -> None: ...
        def remember(self) -> None: ...
        def article_shown(self, article: StoredArticle) -> None: ...
        def current_key(self) -> Any: ...
        def set_focus(self, widget: Any) -> None: ...
        def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer: ...

        workers: Any

    def on_result_list_highlighted(self, event: ResultList.Highlighted) -> None:
        self._cancel_article_timer()
        if event.by_user or not self._typing:
            self.open_article(event.hit.id)
        else:  # a search while typing: the article follows once the keys pause
            self._article_timer = self.set_timer(ARTICLE_PAUSE, self._typing_paused)

    def _typing_paused(self) -> None:
        self._article_timer = None
        row = self.results.highlighted
        if row is not None and self.shown == self.current_key():
            self.open_article(self.results.hits[row].id)

    def _cancel_article_timer(self) -> None:
        if self._article_timer is not None:
            self._article_timer.stop()
            self._article_timer = None

    def show_no_match(self, message: str) -> None:
        """Nothing matches: the pane says ``message``, after a pause when the search came from
        typing. On the way to a query that finds something, a key often finds nothing ("tan
        s" before "tan son"); saying so at once blanked the article for one key and laid the
        pane out again (the facts line hides), a layout pass on the key path."""
        self._cancel_article_timer()
        if not self._typing:
            self.article.show_message(message)
            return
        key = self.current_key()

        def paused() -> None:
            self._article_timer = None
            if self.shown == key == self.current_key():
                self.article.show_message(message)

        self._article_timer = self.set_timer(ARTICLE_PAUSE, paused)

    def typing_started(self) -> None:
        """A key in the search bar asked for a search: the article being read and laid out
        is for results about to change, and the pane follows the new ones after a pause. Its
        worker stops (between chunks), leaving the search alone on the other thread: at
        100,000 articles a key typed while the first article loads took 160 ms to search,
        1 ms otherwise (both threads and the UI share one interpreter lock)."""
        self.workers.cancel_group(self, "article")

    def on_result_list_selected(self) -> None:
        self.set_focus(self.article.scroller)

    def open_article(self, article_id: str) -> None:
        """Load and show ``article_id`` (focus stays where it is)."""
        self._wanted_article = article_id
        terms = self.results.result.terms if self.results.result else QueryTerms()
        self._load_article(article_id, terms, self.article.scroller.text_width)

    @work(thread=True, exclusive=True, group="article")
    def _load_article(self, article_id: str, terms: QueryTerms, width: int) -> None:
        """Read the article and lay it out at ``width``, handing it over in chunks; then its
        people's roles over the corpus (at 100,000 articles a person named in hundreds of
        them costs up to a second: the text does not wait for it)."""
        worker = get_current_worker()
        try:
            article = self._engine(lambda engine: engine.article(article_id))
        except KeyError:
            hand_over(self, self._article_missing, article_id)
            return
        except Exception as exc:
            hand_over(self, self._broken, exc)
            return
        first = True

        def deliver(chunk: ArticleLines) -> None:
            nonlocal first
            if first:
                hand_over(self, self._article_loaded, article_id, article, terms, chunk)
                first = False
            else:
                hand_over(self, self.article.extend, article, chunk)

        lay_out(render_parts(article, terms), width, deliver, lambda: worker.is_cancelled)
        names = [p.name for p in article.persons]
        if not names or worker.is_cancelled:
            return
        try:
            history = self._engine(lambda engine: engine.role_history(names))
        except Exception as exc:
            hand_over(self, self._broken, exc)
            return
        if not worker.is_cancelled:
            hand_over(self, self.article.set_history, article, history)

    def _article_missing(self, article_id: str) -> None:
        if article_id == self._wanted_article:
            self.article.show_message(_("No article with id {id}.").format(id=article_id))

    def _article_loaded(
        self, article_id: str, article: StoredArticle, terms: QueryTerms, text: ArticleLines
    ) -> None:
        if article_id != self._wanted_article:
            return  # the user moved on to another result
        self.article.show(article, terms, text)
        self.article_shown(article)  # read after a few seconds (MarksPane)
        if self._reveal_next is not None and self._reveal_next[0] == article_id:
            span = shown_span(article, *self._reveal_next[1])  # a figure chosen in ``f``
            self._reveal_next = None
            if span is not None:
                self.article.reveal(span)
        self.state.article = article_id
        self.remember()

    def goto_article(self, article_id: str) -> None:
        """Open an article by id (command palette) and move focus to it; the results'
        cursor moves to it when it is listed, so nothing waiting reopens another row."""
        self._cancel_article_timer()
        self._typing = False
        ids = [hit.id for hit in self.results.hits]
        if article_id in ids and self.results.highlighted != ids.index(article_id):
            self.results.highlighted = ids.index(article_id)  # opens it
        else:
            self.open_article(article_id)
        self.set_focus(self.article.scroller)

    def action_match(self, step: int) -> None:
        self.article.next_match(step)
