"""``phuong export``: a query's results (the filters of ``phuong search``), or one article
whole (``--article ID``), as Markdown, CSV or JSON, on stdout or into a file (``-o``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from phuong_reader.index import MAX_LIMIT, SearchEngine
from phuong_reader.tui.cli import querying
from phuong_reader.tui.export import (
    FORMATS,
    article_text,
    new_path,
    results_name,
    results_text,
    write_text,
)
from phuong_reader.tui.i18n import _
from phuong_reader.tui.safe import visible
from rich.console import Console

EXIT_USAGE = 2


def add_parser(sub: Any, location_options: Any) -> None:
    p = sub.add_parser(
        "export", help=_("write a query's results, or one article, as Markdown, CSV or JSON")
    )
    p.add_argument("query", nargs="*", help=_("as for search (empty: every article)"))
    location_options(p)
    querying.add_filter_options(p, limit=MAX_LIMIT)
    p.add_argument(
        "--format",
        choices=FORMATS,
        help=_("md, csv or json (default: from the extension of -o FILE, else md)"),
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=_(
            "write to FILE (replaced whole), or to a new file in it if it is a folder; "
            "default: stdout"
        ),
    )
    p.add_argument("--article", metavar="ID", help=_("export this article, whole, not results"))
    p.add_argument("--json", action="store_true", help=_("the same as --format json"))


def run_export(args: argparse.Namespace, engine: SearchEngine, stdout: Console) -> int:
    fmt, problem = _format(args)
    if problem is None and args.article and args.query:
        problem = _("--article ID exports one article: give no query with it")
    if problem is not None:
        sys.stderr.write(_("phuong export: {problem}").format(problem=problem) + "\n")
        return EXIT_USAGE
    if args.article:
        article = engine.article(args.article)  # ArticleNotFoundError: a message, exit 2
        text, name = article_text(fmt, article), article.id
        what = _("article {id}").format(id=article.id)
    else:
        query = " ".join(args.query)
        result, snippets = querying.search(args, engine, args.marked)
        text, name = results_text(fmt, query, result.hits, snippets), results_name(query)
        what = _("{n} of {total} result(s)").format(n=len(result.hits), total=result.total_text)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    path = new_path(args.output, name, fmt) if args.output.is_dir() else args.output
    write_text(path, text)  # ExportError: a message, exit 2
    sys.stderr.write(visible(_("Exported {what} to {path}").format(what=what, path=path)) + "\n")
    return 0


def _format(args: argparse.Namespace) -> tuple[str, str | None]:
    """(the format asked for, or a usage problem)."""
    if args.json and args.format not in (None, "json"):
        return "", _("--json and --format {format}: choose one").format(format=args.format)
    if args.json:
        return "json", None
    if args.format:
        return args.format, None
    suffix = args.output.suffix.lower().lstrip(".") if args.output else ""
    return {"markdown": "md"}.get(suffix, suffix if suffix in FORMATS else "md"), None
