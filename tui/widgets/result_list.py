"""Search results, two lines each; snippets are computed lazily, only for the rows in view."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from phuong_reader.index import Hit, QueryTerms, SearchResult, Snippet
from phuong_reader.tui.highlight import result_row
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

ROW_HEIGHT = 2
SnippetSource = Callable[[str, QueryTerms], Snippet]


class ResultList(OptionList):
    """One option per hit; its second line fills in when it scrolls into view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "Top", show=False),
        Binding("G", "last", "Bottom", show=False),
        Binding("enter", "select", "Open"),
    ]

    def __init__(self, snippet_source: SnippetSource | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.snippet_source = snippet_source
        self.result: SearchResult | None = None
        self.snippets: dict[int, Snippet] = {}
        self._requested: set[int] = set()
        self._generation = 0

    @property
    def hits(self) -> list[Hit]:
        return self.result.hits if self.result else []

    def show(self, result: SearchResult, keep: str | None = None) -> None:
        """Replace the list; highlight the hit with id ``keep`` if present, else the first."""
        self.result = result
        self._generation += 1
        self.snippets, self._requested = {}, set()
        self.set_options([Option(result_row(hit, None), hit.id) for hit in result.hits])
        ids = [hit.id for hit in result.hits]
        self.highlighted = ids.index(keep) if keep in ids else (0 if ids else None)
        if self.highlighted is not None:
            self.scroll_to_highlight(top=True)
        self.call_after_refresh(self.request_visible_snippets)

    def visible_rows(self) -> range:
        """Indices of the hits on screen now."""
        top = int(self.scroll_offset.y) // ROW_HEIGHT
        bottom = (int(self.scroll_offset.y) + self.size.height) // ROW_HEIGHT + 1
        return range(top, min(bottom, len(self.hits)))

    def request_visible_snippets(self) -> None:
        """Start a worker for the visible rows whose snippet is not known yet."""
        if self.result is None or self.snippet_source is None:
            return
        wanted = [i for i in self.visible_rows() if i not in self._requested]
        if not wanted:
            return
        self._requested.update(wanted)
        generation, terms, source = self._generation, self.result.terms, self.snippet_source
        hits = [(i, self.hits[i].id) for i in wanted]

        def load() -> None:
            worker = get_current_worker()
            loaded: list[tuple[int, Snippet]] = []
            for index, article_id in hits:
                if worker.is_cancelled:
                    return
                try:
                    snippet = source(article_id, terms)
                except Exception:  # an article gone since the search: no snippet for it
                    snippet = Snippet("", [])
                loaded.append((index, snippet))
            # One hand-over for the whole screen: each one repaints the list.
            self.app.call_from_thread(self._set_snippets, generation, loaded)

        self.run_worker(load, thread=True, group="snippets", exit_on_error=False)

    def _set_snippets(self, generation: int, loaded: list[tuple[int, Snippet]]) -> None:
        if generation != self._generation:
            return  # snippets for results that have been replaced since
        for index, snippet in loaded:
            if index < len(self.hits):
                self.snippets[index] = snippet
                self.replace_option_prompt_at_index(index, result_row(self.hits[index], snippet))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.request_visible_snippets()

    def on_resize(self) -> None:
        self.call_after_refresh(self.request_visible_snippets)
