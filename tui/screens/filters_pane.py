"""The main screen's filters besides the query: the dates (``d``), the order (``s``), and the
chips row that shows every active filter under the search bar.

There is one date filter, ``(since, until)`` in ``tui.dates`` forms: the dates dialog sets it,
and so does a month chosen on the timeline (``D``), as ``(month, month)``. ``s`` cycles the
order relevance → newest first → oldest first; with no query, where relevance means newest
first, it skips the order that would look the same. ``x`` removes the newest filter's chip (a
click, or Delete on the focused chips row, removes any).

A filter of its own (``is:unread``, ``is:bookmarked``…) joins the chips by adding its chip in
``filter_chips`` and its removal in ``remove_filter``; the row follows from ``run_search``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from phuong_reader.tui.dates import dates_label, one_month
from phuong_reader.tui.i18n import _
from phuong_reader.tui.screens.dates import DatesDialog
from phuong_reader.tui.search_key import SORT_NAMES, order_of
from phuong_reader.tui.widgets.chips import Chip, FilterChips
from phuong_reader.tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from phuong_reader.tui.state import ReaderState
    from phuong_reader.tui.widgets.article_view import ArticleView
    from phuong_reader.tui.widgets.result_list import ResultList
    from phuong_reader.tui.widgets.search_bar import SearchBar

SORT_CYCLE = {"relevance": "date", "date": "oldest", "oldest": "relevance"}


def next_sort(sort: str, query: str) -> str:
    """The order after ``sort`` (``s``), skipping one that would list ``query``'s results the
    same way (with no query, relevance and newest first)."""
    after = SORT_CYCLE.get(sort, "relevance")
    if order_of(after, query) == order_of(sort, query):
        after = SORT_CYCLE[after]
    return after


class FilterPane:
    """Mixed into MainScreen (before the Screen class)."""

    ward: str | None
    sort: str
    since: str
    until: str
    state: ReaderState
    app: Any

    if TYPE_CHECKING:
        bar: SearchBar
        results: ResultList
        article: ArticleView
        timeline: Timeline

        def run_search(self, keep: str | None = None, typed: bool = False) -> None: ...
        def choose_ward(self, ward: str | None) -> None: ...
        def set_focus(self, widget: Any) -> None: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

    @property
    def chips(self) -> FilterChips:
        return self.query_one(FilterChips)

    # -- the chips ---------------------------------------------------------------------------

    def filter_chips(self) -> list[Chip]:
        """One chip per active filter (the row keeps them in the order they were set)."""
        chips = []
        if self.ward:
            chips.append(Chip("ward", _("ward: {ward}").format(ward=self.ward)))
        if self.since or self.until:
            dates = dates_label(self.since, self.until)
            chips.append(Chip("dates", _("dates: {dates}").format(dates=dates)))
        if self.sort != "relevance":  # SORT_NAMES: marked where written
            chips.append(Chip("sort", _(SORT_NAMES.get(self.sort, self.sort))))
        return chips

    def update_chips(self) -> None:
        """Show the filters' chips; nothing is redrawn (or laid out) when they are the same."""
        chips = self.chips
        if chips.show(self.filter_chips()) and not chips.chips and chips.has_focus:
            self.set_focus(self.results)  # the row is gone from under the focus

    def remove_filter(self, kind: str) -> None:
        """Drop the filter of a chip (clicked, deleted, or the newest with ``x``)."""
        removals: dict[str, Callable[[], None]] = {
            "ward": lambda: self.choose_ward(None),
            "dates": lambda: self.set_dates("", ""),
            "sort": lambda: self.set_sort("relevance"),
        }
        remove = removals.get(kind)
        if remove is not None:
            remove()

    def on_filter_chips_removed(self, event: FilterChips.Removed) -> None:
        self.remove_filter(event.kind)

    def on_filter_chips_left(self) -> None:
        self.set_focus(self.results)

    def action_remove_filter(self) -> None:
        """``x``: remove the newest filter (the chip on the right)."""
        chips = self.chips.chips
        if chips:
            self.remove_filter(chips[-1].kind)
        else:
            self.app.notify(_("No filter to remove."), timeout=2)

    # -- the dates ---------------------------------------------------------------------------

    def action_dates(self) -> None:
        """``d``: the from/to dialog, filled with the current filter."""
        self.app.push_screen(DatesDialog(self.since, self.until), self._dates_chosen)

    def _dates_chosen(self, dates: tuple[str, str] | None) -> None:
        if dates is not None:
            self.set_dates(*dates)

    def set_dates(self, since: str, until: str, search: bool = True) -> None:
        """Filter to these dates ("" for an open end; both: every date) and, when they change
        and ``search``, search again."""
        if (since, until) == (self.since, self.until):
            return
        self.since, self.until = since, until
        self.timeline_dates(since, until)
        if search:
            self.run_search()

    def timeline_dates(self, since: str, until: str) -> None:
        """The timeline marks the filter's month, or says its range."""
        self.timeline.chosen = one_month(since, until)
        self.timeline.range_label = "" if self.timeline.chosen else dates_label(since, until)
        self.timeline.refresh()

    def on_timeline_chosen(self, event: Timeline.Chosen) -> None:
        month = event.month or ""
        self.set_dates(month, month)

    # -- the order ---------------------------------------------------------------------------

    def action_toggle_sort(self) -> None:
        """``s``: relevance → newest first → oldest first (see ``next_sort``)."""
        self.set_sort(next_sort(self.sort, self.bar.input.value.strip()))

    def set_sort(self, sort: str) -> None:
        if sort != self.sort:
            self.sort = sort
            self.run_search(keep=self._open_id())

    def _open_id(self) -> str | None:
        """The open article, kept open when the same results come in another order."""
        return self.article.article.id if self.article.article else None
