"""What ``phuong search`` and ``phuong export`` share: the filter options and the search
itself (its ``is:`` terms answered by the corpus's marks, opened only when a query has one)."""

from __future__ import annotations

import argparse

from phuong_reader.index import SearchEngine, SearchResult, Snippet
from phuong_reader.tui.i18n import _
from phuong_reader.tui.marks import MarksOnDemand


def add_filter_options(parser: argparse.ArgumentParser, limit: int) -> None:
    """``--ward``, ``--since``, ``--until``, ``--sort``, ``--limit`` (default ``limit``) and
    ``--offset``, as ``phuong search`` has them."""
    parser.add_argument(
        "--ward",
        help=_(
            "articles about this ward, then those naming it (accents optional; former names work)"
        ),
    )
    parser.add_argument("--since", help=_("from this date (YYYY, YYYY-MM or YYYY-MM-DD)"))
    parser.add_argument("--until", help=_("up to this date (inclusive)"))
    parser.add_argument(
        "--sort",
        choices=("relevance", "date", "oldest"),
        default="relevance",
        help=_("relevance, date (newest first) or oldest (oldest first)"),
    )
    parser.add_argument("--limit", type=int, default=limit)
    parser.add_argument("--offset", type=int, default=0)


def search(
    args: argparse.Namespace, engine: SearchEngine, marked: MarksOnDemand
) -> tuple[SearchResult, list[Snippet]]:
    """The query of ``args`` with its filters, and a snippet for each hit."""
    result = engine.search(
        " ".join(args.query),
        ward=args.ward,
        since=args.since,
        until=args.until,
        sort=args.sort,
        limit=args.limit,
        offset=args.offset,
        marked=marked,
    )
    return result, [engine.snippet(hit.id, result.terms) for hit in result.hits]
