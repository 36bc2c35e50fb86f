"""The article view: header, styled text, a people/figures strip, and n/N through matches.

The text is on the Line API: the screen's worker renders and wraps the article off the UI
thread, in chunks (``article_lines.lay_out``), the view paints only the lines in view and
caches their strips, and n/N repaints only the lines of the old and the new current match. A
resize re-wraps in a worker while the old lines stay on screen.
"""

from __future__ import annotations

from typing import ClassVar

from phuong_reader.index import DatedRole, QueryTerms, StoredArticle
from phuong_reader.tui.article_lines import MIN_WIDTH, ArticleLines, wrap_part
from phuong_reader.tui.handover import hand_over
from phuong_reader.tui.highlight import CURRENT_MATCH_STYLE, facts
from phuong_reader.tui.i18n import N_, _, ngettext
from phuong_reader.tui.widgets.virtual import line_strip, set_virtual_size
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

FALLBACK_WIDTH = 60  # wrap width before the first layout


class ArticleScroll(ScrollView, can_focus=True):
    """The scrolling text, with less-style keys; paints only the lines in view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", N_("Down"), show=False, id="article.down"),
        Binding("k,up", "scroll_up", N_("Up"), show=False, id="article.up"),
        Binding("space,pagedown", "page_down", N_("Page down"), id="article.page-down"),
        Binding("b,pageup", "page_up", N_("Page up"), id="article.page-up"),
        Binding("g,home", "scroll_home", N_("Top"), show=False, id="article.top"),
        Binding("G,end", "scroll_end", N_("Bottom"), show=False, id="article.bottom"),
    ]
    DEFAULT_CSS = """
    ArticleScroll { overflow-x: hidden; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text: ArticleLines | None = None
        self.message: Content | None = None
        self._wrapped: tuple[int, list[Content]] = (0, [])  # the message at a width
        self.current: tuple[int, int] | None = None  # the current match's offsets
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(2048)

    @property
    def text_width(self) -> int:
        """The width the text wraps at now (a guess before the first layout)."""
        return max(MIN_WIDTH, self.scrollable_content_region.width or FALLBACK_WIDTH)

    def set_text(self, text: ArticleLines | None, message: Content | None = None) -> None:
        """Show ``text`` (or ``message``, wrapped at the view's width) from the top."""
        self.text, self.message, self.current = text, message, None
        self._wrapped = (0, [])
        self._strips.clear()
        set_virtual_size(self, Size(0, len(text.lines) if text else len(self.message_lines())))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def extend(self, more: ArticleLines) -> None:
        """The next chunk of the same article: more lines below."""
        if self.text is None:
            return
        self.text.extend(more)
        set_virtual_size(self, Size(0, len(self.text.lines)))
        self.refresh()
        if self.text.complete:
            self.on_resize()  # laid out at the width of its start: catch up with the view

    def _replace(self, text: ArticleLines) -> None:
        """The same text at a new width: keep the reading position."""
        old = self.text
        top = old.starts[min(int(self.scroll_y), len(old.starts) - 1)] if old else 0
        self.text = text
        self._strips.clear()
        set_virtual_size(self, Size(0, len(text.lines)))
        self.scroll_to(y=text.line_of(top), animate=False, immediate=True)
        self.refresh()

    def set_current(self, match: tuple[int, int] | None) -> None:
        """Mark ``match`` as the current one, repainting only the lines it and the old one
        are on."""
        old, self.current = self.current, match
        if self.text is None:
            return
        for span in (old, match):
            if span is not None:
                first = self.text.line_of(span[0])
                last = self.text.line_of(max(span[0], span[1] - 1))
                self.refresh_lines(first, last - first + 1)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def message_lines(self) -> list[Content]:
        """The message wrapped at the width the text wraps at now (none without a message)."""
        width = self.text_width
        if self.message is None:
            return []
        if self._wrapped[0] != width:
            self._wrapped = (width, wrap_part(self.message, 0, width)[0])
        return self._wrapped[1]

    def on_resize(self) -> None:
        if self.text is None and self.message is not None:  # the message wraps again
            set_virtual_size(self, Size(0, len(self.message_lines())))
            self.refresh()
            return
        text, width = self.text, self.text_width
        if text is None or width == text.width or not text.complete:
            return

        def rewrap() -> None:
            again = text.rewrapped(width)
            hand_over(self, self._rewrap_done, text, again)

        self.run_worker(rewrap, thread=True, exclusive=True, group="rewrap", exit_on_error=False)

    def _rewrap_done(self, before: ArticleLines, after: ArticleLines) -> None:
        if self.text is before and self.text_width == after.width:
            self._replace(after)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        style = self.rich_style
        number = int(self.scroll_y) + y
        if self.text is None or number >= len(self.text.lines):
            shown = self.message_lines() if self.text is None else []
            if number < len(shown):
                return line_strip(self, shown[number], width, self.visual_style, style)
            return Strip.blank(width, style)
        line = self.text.lines[number]
        start = self.text.starts[number]
        mark = self._current_in(start, start + len(line.plain))
        key = (id(self.text), number, width, mark)
        strip = self._strips.get(key)
        if strip is None:
            if mark is not None:
                line = line.stylize(CURRENT_MATCH_STYLE, *mark)
            strip = line_strip(self, line, width, self.visual_style, style)
            self._strips[key] = strip
        return strip

    def _current_in(self, start: int, end: int) -> tuple[int, int] | None:
        """The part of the current match on the line [start, end), in line offsets."""
        if self.current is None:
            return None
        left, right = max(start, self.current[0]), min(end, self.current[1])
        return (left - start, right - start) if left < right else None


class ArticleView(Vertical):
    """Shows one StoredArticle with the query's matches; its subtitle says "match 2/7"."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: StoredArticle | None = None
        self.terms = QueryTerms()
        self.current: int | None = None
        self._facts_lines = -1  # the strip's height now (-1: not drawn yet)
        self._reveal: tuple[int, int] | None = None  # a span to scroll to once laid out

    def compose(self) -> ComposeResult:
        yield ArticleScroll(id="article-scroll")
        yield Static(id="facts", markup=False)

    @property
    def scroller(self) -> ArticleScroll:
        return self.query_one(ArticleScroll)

    @property
    def body(self) -> ArticleScroll:
        """The widget the text is painted in."""
        return self.scroller

    @property
    def text(self) -> ArticleLines | None:
        """The article's lines so far (None when a message is shown)."""
        return self.scroller.text

    def show(self, article: StoredArticle, terms: QueryTerms, text: ArticleLines) -> None:
        """Display ``article``, laid out by a worker (its first chunk), from the top, the
        query's terms highlighted; its people with this article's roles until ``set_history``
        brings their roles over the corpus."""
        self.article, self.terms, self.current = article, terms, None
        self._reveal = None
        self.scroller.set_text(text)
        self._subtitle()
        self._facts(facts(article))

    def set_history(self, article: StoredArticle, history: dict[str, list[DatedRole]]) -> None:
        """``article``'s people's roles over the corpus, once known (ignored if another
        article is shown by now)."""
        if self.article is article:
            self._facts(facts(article, history))

    def extend(self, article: StoredArticle, more: ArticleLines) -> None:
        """The next chunk of ``article`` (ignored if another article is shown by now)."""
        if self.article is article:
            self.scroller.extend(more)
            self._subtitle()
            if self._reveal is not None:
                self.reveal(self._reveal)

    def reveal(self, span: tuple[int, int]) -> None:
        """Scroll to ``span`` (offsets into the article's text) and mark it, as the figures
        view asks; when that part is not laid out yet, once it is."""
        text = self.scroller.text
        self._reveal = span
        if text is None or (not text.complete and (not text.starts or span[0] > text.starts[-1])):
            return
        self._reveal = None
        self.scroller.set_current(span)
        target = max(0, text.line_of(span[0]) - self.scroller.size.height // 3)
        self.scroller.scroll_to(y=target, animate=False, immediate=True)

    def show_message(self, message: str) -> None:
        """No article: a message instead (an empty ward, a missing article), wrapped at the
        pane's width."""
        self.article, self.current = None, None
        self.scroller.set_text(None, Content(message).stylize("$text-muted"))
        self._facts(Content(""))
        self.border_subtitle = ""

    def _facts(self, strip: Content) -> None:
        """The people/figures strip; the screen is laid out again only when its height
        changes (it is shown or hidden, or wraps to another number of lines)."""
        widget = self.query_one("#facts", Static)
        width = widget.content_region.width or self.size.width
        lines = strip.get_height(widget.styles, width) if strip.plain and width else 0
        same = lines == self._facts_lines and bool(strip.plain) == widget.display
        self._facts_lines = lines
        widget.update(strip, layout=not same)
        if widget.display != bool(strip.plain):
            widget.display = bool(strip.plain)

    @property
    def matches(self) -> list[tuple[int, int]]:
        """The query's matches in the article (those laid out so far)."""
        text = self.scroller.text
        return text.matches if text else []

    @property
    def match_count(self) -> int:
        return len(self.matches)

    def next_match(self, step: int = 1) -> None:
        """Go to the next (``step=-1``: previous) match, wrapping around."""
        matches, text = self.matches, self.scroller.text
        if not matches or text is None:
            return
        if self.current is None:
            self.current = 0 if step > 0 else len(matches) - 1
        else:
            self.current = (self.current + step) % len(matches)
        match = matches[self.current]
        self.scroller.set_current(match)
        self._subtitle()
        target = max(0, text.line_of(match[0]) - self.scroller.size.height // 3)
        self.scroller.scroll_to(y=target, animate=False, immediate=True)

    def _subtitle(self) -> None:
        count = self.match_count
        more = "" if self.text is None or self.text.complete else "+"
        counted = f"{count}{more}"  # "12+": more may come as the article is laid out
        if not count:
            self.border_subtitle = ""
        elif self.current is None:
            self.border_subtitle = ngettext(
                "{count} match · n/N", "{count} matches · n/N", count
            ).format(count=counted)
        else:
            self.border_subtitle = _("match {n}/{count}").format(n=self.current + 1, count=counted)
