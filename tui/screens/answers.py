"""What a search hands the main screen: the hits with the snippets of the rows in view, and,
for the first frame, the ward counts with the remembered search's answer (made in the indexing
screen's thread, while the index is opened)."""

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
from phuong_reader.tui.search_key import SearchKey, order_of
from phuong_reader.tui.state import ReaderState
from phuong_reader.tui.widgets.result_list import snippet_or_none

RESULT_LIMIT = 200  # more than anyone scrolls; the title says "200 of N"
__all__ = [
    "RESULT_LIMIT",
    "Answer",
    "FirstAnswer",
    "SearchKey",
    "answer",
    "first_answer",
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
    count = (
        result.total_text
        if result.total <= len(result.hits)
        else (f"{len(result.hits)} of {result.total_text}")
    )
    if result.ward_split is not None:  # a ward chosen: about it first, then naming it
        count += f": {result.ward_split[0]} about · {result.ward_split[1]} mention"
    order = order_of(key.sort, key.query)
    where = " · ".join(p for p in (key.ward or "all wards", dates_label(key.since, key.until)) if p)
    return f"Results ({count}) · {order}", " · ".join(result.notes) or where
