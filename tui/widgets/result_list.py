"""Search results on the Line API: two lines a hit, laid out only when painted.

Nothing is measured up front: a row's two lines are made when ``render_line`` first asks for
them, at the width it has, and cached as strips per (result, row, line, cursor, width). A
snippet arriving or the cursor moving repaints only the rows concerned. The screen hands over
a search's hits together with the snippets of the rows in view (one frame); rows scrolled into
view later get theirs from a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from phuong_reader.index import Hit, QueryTerms, SearchResult, Snippet
from phuong_reader.tui.handover import hand_over
from phuong_reader.tui.highlight import result_lines
from phuong_reader.tui.i18n import N_
from phuong_reader.tui.widgets.virtual import fast_line_strip, set_virtual_size
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

ROW_HEIGHT = 2
SnippetSource = Callable[[str, QueryTerms], Snippet]
NO_SNIPPET = Snippet("", [])


class ResultList(ScrollView, can_focus=True):
    """The hits of one search; ``highlighted`` is the cursor row (None when empty)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"result-list--row", "result-list--cursor"}
    DEFAULT_CSS = """
    ResultList {
        overflow-x: hidden;
        background: $surface;
        & > .result-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .result-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", N_("Down"), show=False, id="results.down"),
        Binding("up,k", "cursor_up", N_("Up"), show=False, id="results.up"),
        Binding("home,g", "first", N_("Top"), show=False, id="results.first"),
        Binding("end,G", "last", N_("Bottom"), show=False, id="results.last"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="results.page-down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="results.page-up"),
        Binding("enter", "select", N_("Open"), id="results.open"),
    ]

    class Highlighted(Message):
        """The cursor is on ``hit``; ``by_user``: a key or a click moved it (not a search)."""

        def __init__(self, results: ResultList, index: int, hit: Hit, by_user: bool) -> None:
            super().__init__()
            self.results, self.index, self.hit, self.by_user = results, index, hit, by_user

        @property
        def control(self) -> ResultList:
            return self.results

    class Selected(Message):
        """Enter (or a click) on ``hit``."""

        def __init__(self, results: ResultList, index: int, hit: Hit) -> None:
            super().__init__()
            self.results, self.index, self.hit = results, index, hit

        @property
        def control(self) -> ResultList:
            return self.results

    def __init__(self, snippet_source: SnippetSource | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.snippet_source = snippet_source
        self.result: SearchResult | None = None
        self.snippets: dict[int, Snippet] = {}
        self.generation = 0  # one per result shown
        self.painted_generation = -1  # the result the last painted line belonged to
        self._cursor: int | None = None
        self._requested: set[int] = set()
        self._lines: LRUCache[tuple[int, int], tuple[Content, Content]] = LRUCache(1024)
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self.read_of: Callable[[Hit], bool] | None = None  # read rows are dimmed

    @property
    def hits(self) -> list[Hit]:
        return self.result.hits if self.result else []

    # -- the cursor --------------------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        return self._cursor

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        self.move_to(index, by_user=True)

    def move_to(self, index: int | None, by_user: bool) -> None:
        """Put the cursor on row ``index`` (clamped), scroll it into view, say so."""
        if index is not None:
            index = max(0, min(len(self.hits) - 1, index)) if self.hits else None
        old, self._cursor = self._cursor, index
        for row in {old, index} - {None}:
            self._refresh_row(row)  # type: ignore[arg-type]
        if index is None:
            return
        self._scroll_to_row(index)
        if old != index or not by_user:
            self.post_message(self.Highlighted(self, index, self.hits[index], by_user))

    def _scroll_to_row(self, row: int) -> None:
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        y = row * ROW_HEIGHT
        if y < top:
            self.scroll_to(y=y, animate=False, immediate=True)
        elif height and y + ROW_HEIGHT > top + height:
            self.scroll_to(y=y + ROW_HEIGHT - height, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        if self.hits:
            self.highlighted = 0

    def action_last(self) -> None:
        if self.hits:
            self.highlighted = len(self.hits) - 1

    def action_page(self, direction: int) -> None:
        self._step(direction * max(1, self.scrollable_content_region.height // ROW_HEIGHT))

    def _step(self, step: int) -> None:
        if self.hits:
            self.highlighted = 0 if self._cursor is None else self._cursor + step

    def action_select(self) -> None:
        if self._cursor is not None:
            self.post_message(self.Selected(self, self._cursor, self.hits[self._cursor]))

    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int) and row < len(self.hits):
            self.highlighted = row
            self.action_select()

    # -- the rows ----------------------------------------------------------------------------

    def show(
        self,
        result: SearchResult,
        keep: str | None = None,
        snippets: dict[int, Snippet] | None = None,
    ) -> None:
        """Replace the hits (with the snippets already made for the rows in view); the cursor
        goes to the hit with id ``keep`` if present, else to the first."""
        self.result = result
        self.generation += 1
        self.snippets = dict(snippets or {})
        self._requested = set(self.snippets)
        self._lines.clear()  # the strips stay: keyed by what they show
        self._cursor = None
        set_virtual_size(self, Size(0, len(result.hits) * ROW_HEIGHT))
        self.refresh()
        ids = [hit.id for hit in result.hits]
        if keep in ids:
            self.move_to(ids.index(keep), by_user=False)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
            if ids:
                self.move_to(0, by_user=False)
        self.call_after_refresh(self.request_visible_snippets)

    def visible_rows(self) -> range:
        """Indices of the hits on screen now (the first rows when not laid out yet)."""
        height = self.scrollable_content_region.height or self.size.height
        return self.rows_in_view(int(self.scroll_y), height, len(self.hits))

    def rows_on_screen(self, fallback_height: int) -> int:
        """How many rows fit in the view (before the first layout: in ``fallback_height``)."""
        return self.rows_in_height(self.scrollable_content_region.height or fallback_height)

    @staticmethod
    def rows_in_height(height: int) -> int:
        """How many rows a view ``height`` lines tall shows (the last one maybe in part)."""
        return max(1, -(-height // ROW_HEIGHT))

    @staticmethod
    def rows_in_view(top: int, height: int, count: int) -> range:
        """The rows a view ``height`` lines tall, scrolled to line ``top``, shows."""
        first = top // ROW_HEIGHT
        last = (top + max(height, 0) - 1) // ROW_HEIGHT + 1
        return range(min(first, count), min(last, count))

    def refresh_hit(self, article_id: str) -> None:
        """Repaint the rows of ``article_id`` (its read mark changed)."""
        for row, hit in enumerate(self.hits):
            if hit.id == article_id:
                self._refresh_row(row)

    def _refresh_row(self, row: int) -> None:
        self.refresh_lines(row * ROW_HEIGHT, ROW_HEIGHT)

    def request_visible_snippets(self) -> None:
        """Start a worker for the visible rows whose snippet is not known yet."""
        if self.result is None or self.snippet_source is None:
            return
        wanted = [i for i in self.visible_rows() if i not in self._requested]
        if not wanted:
            return
        self._requested.update(wanted)
        generation, terms, source = self.generation, self.result.terms, self.snippet_source
        hits = [(i, self.hits[i].id) for i in wanted]

        def load() -> None:
            worker = get_current_worker()
            loaded: dict[int, Snippet] = {}
            for index, article_id in hits:
                if worker.is_cancelled:
                    return
                loaded[index] = snippet_or_none(source, article_id, terms)
            hand_over(self, self.set_snippets, generation, loaded)

        self.run_worker(load, thread=True, group="snippets", exit_on_error=False)

    def set_snippets(self, generation: int, loaded: dict[int, Snippet]) -> None:
        """Fill in the rows' second lines (ignored if the result was replaced since)."""
        if generation != self.generation:
            return
        for index, snippet in loaded.items():
            if index < len(self.hits):
                self.snippets[index] = snippet
                self._lines.discard((generation, index))
                self._refresh_row(index)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.request_visible_snippets()

    def on_resize(self) -> None:
        self.call_after_refresh(self.request_visible_snippets)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a theme or focus change: the same rows, new colours

    def _watch_has_focus(self, has_focus: bool) -> None:
        self._strips.clear()  # the cursor row's colours follow the focus
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        row, part = divmod(line, ROW_HEIGHT)
        cursor = row == self._cursor
        style = self.get_visual_style("result-list--cursor" if cursor else "result-list--row")
        self.painted_generation = self.generation  # a line of this result is on screen
        if row >= len(self.hits):
            return Strip.blank(width, style.rich_style)
        hit = self.hits[row]
        read = self.read_of is not None and self.read_of(hit)
        # Keyed by what the line shows, not by the result: the next key's results are mostly
        # the same rows (a title line, and a snippet whose matches did not move), kept.
        snippet = self.snippets.get(row)
        if part == 0:
            shown: tuple[object, ...] = (hit.date, hit.ward, hit.title)
        else:
            shown = (snippet.text, *snippet.highlights) if snippet else ()
        key = (row, part, cursor, width, read, shown)
        strip = self._strips.get(key)
        if strip is None:
            lines = self._lines.get((self.generation, row))
            if lines is None:
                lines = result_lines(self.hits[row], self.snippets.get(row))
                self._lines[(self.generation, row)] = lines
            content = Content(" ") + lines[part].truncate(max(1, width - 2), ellipsis=True)
            if read:
                content = content.stylize("dim")
            strip = fast_line_strip(self, content, width, style, style.rich_style)
            strip = strip.apply_meta({"row": row})
            self._strips[key] = strip
        return strip


def snippet_or_none(source: SnippetSource, article_id: str, terms: QueryTerms) -> Snippet:
    """The snippet of one hit; an article gone since the search has an empty one."""
    try:
        return source(article_id, terms)
    except Exception:
        return NO_SNIPPET
