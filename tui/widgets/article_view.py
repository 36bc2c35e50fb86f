"""The article view: header, styled text, a people/figures strip, and n/N through matches."""

from __future__ import annotations

from typing import ClassVar

from phuong_reader.index import DatedRole, QueryTerms, StoredArticle
from phuong_reader.tui.highlight import RenderedArticle, facts, render_article
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static


class ArticleScroll(VerticalScroll, can_focus=True):
    """The scrolling text, with less-style keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down"),
        Binding("b", "page_up", "Page up"),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]


class ArticleView(Vertical):
    """Shows one StoredArticle with the query's matches; its subtitle says "match 2/7"."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: StoredArticle | None = None
        self.terms = QueryTerms()
        self.current: int | None = None
        self.rendered: RenderedArticle | None = None

    def compose(self) -> ComposeResult:
        with ArticleScroll(id="article-scroll"):
            yield Static(id="article-body", markup=False)
        yield Static(id="facts", markup=False)

    @property
    def body(self) -> Static:
        return self.query_one("#article-body", Static)

    @property
    def scroller(self) -> ArticleScroll:
        return self.query_one(ArticleScroll)

    def show(
        self,
        article: StoredArticle,
        terms: QueryTerms,
        history: dict[str, list[DatedRole]] | None = None,
    ) -> None:
        """Display ``article`` from the top, the query's terms highlighted; ``history`` gives
        its people's roles over the corpus."""
        self.article, self.terms, self.current = article, terms, None
        self._draw()
        strip = facts(article, history)
        facts_widget = self.query_one("#facts", Static)
        facts_widget.update(strip)
        facts_widget.display = bool(strip.plain)
        self.scroller.scroll_home(animate=False)

    def show_message(self, message: str) -> None:
        """No article: a short line instead (an empty ward, a missing article)."""
        self.article, self.rendered, self.current = None, None, None
        self.body.update(Content(message).stylize("$text-muted"))
        self.query_one("#facts", Static).display = False
        self.border_subtitle = ""

    @property
    def match_count(self) -> int:
        return len(self.rendered.matches) if self.rendered else 0

    def next_match(self, step: int = 1) -> None:
        """Go to the next (``step=-1``: previous) match, wrapping around."""
        count = self.match_count
        if not count:
            return
        if self.current is None:
            self.current = 0 if step > 0 else count - 1
        else:
            self.current = (self.current + step) % count
        self._draw()
        self._scroll_to_current()

    def _draw(self) -> None:
        if self.article is None:
            return
        self.rendered = render_article(self.article, self.terms, self.current)
        self.body.update(self.rendered.content)
        count = self.match_count
        if not count:
            self.border_subtitle = ""
        elif self.current is None:
            self.border_subtitle = f"{count} match{'es' if count > 1 else ''} · n/N"
        else:
            self.border_subtitle = f"match {self.current + 1}/{count}"

    def _scroll_to_current(self) -> None:
        if self.rendered is None or self.current is None:
            return
        line = line_of(self.rendered.content, self.rendered.matches[self.current][0], self._width())
        target = max(0, line - self.scroller.size.height // 3)
        self.scroller.scroll_to(y=target, animate=False)

    def _width(self) -> int:
        return max(10, self.body.content_region.width or self.size.width - 4)


def line_of(content: Content, offset: int, width: int) -> int:
    """The wrapped line (0-based) holding character ``offset`` of ``content`` at ``width``."""
    text = content.plain
    position = 0
    for number, line in enumerate(content.wrap(width)):
        found = text.find(line.plain, position) if line.plain else position
        if found < 0:
            continue
        end = found + len(line.plain)
        if offset < end or (offset == end and not line.plain):
            return number
        position = end
    return 0
