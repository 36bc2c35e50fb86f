"""What a search answers: the query and every filter, compared whole to know whether a result
still answers what the screen shows (a tuple: comparing it costs nothing per key)."""

from __future__ import annotations

from typing import NamedTuple

from phuong_reader.tui.i18n import N_


class SearchKey(NamedTuple):
    """The query in the bar, the ward (None: all), the sort ("relevance", "date" for newest
    first, "oldest"), and the dates (``tui.dates`` forms, "" for an open end)."""

    query: str
    ward: str | None
    sort: str
    since: str = ""
    until: str = ""


# Marked only: where an order is shown, ``_`` translates it (answers.py, filters_pane.py).
SORT_NAMES = {
    "relevance": N_("by relevance"),
    "date": N_("newest first"),
    "oldest": N_("oldest first"),
}


def order_of(sort: str, query: str) -> str:
    """What the results' order is, in words: without words to rank, relevance is newest first."""
    if sort == "relevance" and not query:
        return SORT_NAMES["date"]
    return SORT_NAMES.get(sort, SORT_NAMES["relevance"])
