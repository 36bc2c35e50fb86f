"""What a search hands the main screen: the hits with the snippets of the rows in view, and,
for the first frame, the ward counts with the remembered search's answer (made in the indexing
screen's thread, while the index is opened); and what the screen says of them (the results'
title, the article pane's message when nothing matches)."""

from __future__ import annotations

from dataclasses import dataclass

from phuong_reader.index import (
    IndexMissingError,
    MarkSource,
    QueryError,
    SearchEngine,
    SearchResult,
    Snippet,
    WardCount,
    read_pointer,
)
from phuong_reader.tui.dates import dates_label
from phuong_reader.tui.i18n import N_, _
from phuong_reader.tui.search_key import SearchKey, order_of
from phuong_reader.tui.state import ReaderState
from phuong_reader.tui.widgets.result_list import snippet_or_none

RESULT_LIMIT = 200  # more than anyone scrolls; the title says "200 of N"
EMPTY_INDEX = N_(
    "This index has no articles: the corpus folder holds no readable *.txt article "
    "(`phuong index DIR` lists what it skipped and why)."
)
__all__ = [
    "EMPTY_INDEX",
    "RESULT_LIMIT",
    "Answer",
    "FirstAnswer",
    "SearchKey",
    "answer",
    "first_answer",
    "no_match",
    "results_title",
]


@dataclass
class Answer:
    """What one search hands over: the hits, the snippets of the rows in view and, when a
    ward filter leaves nothing, how many all wards would find."""

    result: SearchResult
    snippets: dict[int, Snippet]
    elsewhere: int | None = None


@dataclass
class FirstAnswer:
    """Everything the first frame shows, made while the index is opened (the indexing
    screen's thread): the ward counts and the remembered search's answer."""

    wards: list[WardCount]
    total: int
    generation: str | None
    key: SearchKey
    answer: Answer | None  # None: the remembered query does not parse (searched again)


def answer(
    engine: SearchEngine, key: SearchKey, rows: int, marked: MarkSource | None = None
) -> Answer:
    """Search ``key`` (query, ward, sort, dates) and make the snippets of the first ``rows``
    hits. Raises what ``SearchEngine.search`` raises."""
    query, ward, sort, since, until = key
    result = engine.search(
        query, ward=ward, sort=sort, limit=RESULT_LIMIT, since=since, until=until, marked=marked
    )
    snippets = {
        index: snippet_or_none(engine.snippet, hit.id, result.terms)
        for index, hit in enumerate(result.hits[:rows])
    }
    elsewhere = None
    if not result.hits and ward and query:  # would all wards find some?
        elsewhere = engine.search(query, limit=1).total
    return Answer(result, snippets, elsewhere)


def first_answer(
    engine: SearchEngine, state: ReaderState, rows: int, marked: MarkSource | None = None
) -> FirstAnswer:
    """The ward counts and the answer to the remembered search (its ward if still known)."""
    wards = engine.ward_counts(include_empty=True)
    ward = state.ward if state.ward in {w.name for w in wards} else None
    key = SearchKey(state.query.strip(), ward, state.sort, state.since, state.until)
    try:
        generation: str | None = str(read_pointer(engine.index_dir)["generation"])
    except IndexMissingError:
        generation = None
    try:
        first: Answer | None = answer(engine, key, rows, marked)
    except QueryError:
        first = None
    return FirstAnswer(wards, engine.doc_count(), generation, key, first)


def results_title(result: SearchResult, key: SearchKey) -> tuple[str, str]:
    """The results' border title (how many, in what order) and subtitle (where, or what a
    former unit's name in the query is now: "Hiệp Phú → now part of …")."""
    total = str(result.total) if result.total_exact else _("up to {n}").format(n=result.total)
    count = (
        total
        if result.total <= len(result.hits)
        else _("{shown} of {total}").format(shown=len(result.hits), total=total)
    )
    if result.ward_split is not None:  # a ward chosen: about it first, then naming it
        about, mention = result.ward_split
        count = _("{count}: {about} about · {mention} mention").format(
            count=count, about=about, mention=mention
        )
    order = _(order_of(key.sort, key.query))  # a SORT_NAMES entry
    places = (key.ward or _("all wards"), dates_label(key.since, key.until))
    where = " · ".join(p for p in places if p)
    title = _("Results ({count}) · {order}").format(count=count, order=order)
    return title, " · ".join(result.notes) or where


def no_match(key: SearchKey, elsewhere: int | None, empty: bool = False) -> str:
    """The article pane's message when nothing matches ``key``: ``elsewhere`` is how many
    articles all wards would find; ``empty``, the index has none at all."""
    if empty:
        return _(EMPTY_INDEX)
    if key.ward and key.query:
        if elsewhere:
            text = _(
                "No article in {ward} matches. Press a to search all wards ({n} in all wards)."
            )
        else:
            text = _(
                "No article in {ward} matches. Press a to search all wards "
                "(nothing in any ward either)."
            )
        return text.format(ward=key.ward, n=elsewhere)
    return _("No article matches.")
