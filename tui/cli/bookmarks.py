"""``phuong bookmarks``: the bookmarks of a corpus (the reader's ``M``), and adding or removing
one from the command line (``--add ID [--note TEXT]``, ``--remove ID``).

Each bookmark is listed with its state against the index: ``unchanged``, ``changed`` (the file
changed since it was bookmarked) or ``removed`` (no longer in the corpus: the title, date and
ward listed are the ones it had).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from phuong_reader.index import ArticleNotFoundError, SearchEngine
from phuong_reader.tui.cli.render import safe_text
from phuong_reader.tui.i18n import _
from phuong_reader.tui.marks import Bookmark, Marks, MarksError
from phuong_reader.tui.safe import to_json, visible
from rich.console import Console
from rich.text import Text

EXIT_USAGE = 2


def add_parser(sub: Any, location_options: Any) -> None:
    p = sub.add_parser("bookmarks", help=_("the bookmarked articles; --add ID or --remove ID"))
    location_options(p)
    p.add_argument(
        "--search",
        metavar="WORDS",
        help=_(
            "only bookmarks whose title, note, ward or id contain these words (accents optional)"
        ),
    )
    p.add_argument("--add", metavar="ID", help=_("bookmark this article (again: replace its note)"))
    p.add_argument("--note", help=_("the note of the bookmark that --add makes"))
    p.add_argument("--remove", metavar="ID", help=_("remove this article's bookmark"))
    p.add_argument("--json", action="store_true", help=_("print the bookmarks as JSON"))


def run_bookmarks(args: argparse.Namespace, engine: SearchEngine, stdout: Console) -> int:
    problem = _misuse(args)
    if problem:
        _say(_("phuong bookmarks: {problem}").format(problem=problem))
        return EXIT_USAGE
    changing = bool(args.add or args.remove)
    marks = Marks.open(args.marked.corpus, args.marked.folder, create=changing)
    if marks.notice:
        _say(_("Note: {note}").format(note=marks.notice))
    if changing and not marks.saved:
        raise MarksError(_("the bookmark cannot be saved (see the note above)"))
    if args.add:
        return _add(args, engine, marks, stdout)
    if args.remove:
        if not marks.unbookmark(args.remove):
            _say(_("No bookmark for {id}").format(id=repr(args.remove)))
            return EXIT_USAGE
        removed = _("Removed the bookmark of {id}").format(id=args.remove)
        stdout.print(safe_text(removed), highlight=False)
        return 0
    rows = [record(b, state(engine, b)) for b in marks.bookmarks(args.search or "")]
    if args.json:
        sys.stdout.write(to_json(rows) + "\n")
    else:
        _print(stdout, rows)
    return 0


def record(bookmark: Bookmark, state: str) -> dict[str, Any]:
    """One bookmark in the documented JSON shape."""
    return asdict(bookmark) | {"state": state}


def state(engine: SearchEngine, bookmark: Bookmark) -> str:
    """``unchanged``, ``changed`` or ``removed``: the article in the index now."""
    try:
        current = engine.article(bookmark.id)
    except ArticleNotFoundError:
        return "removed"
    return "unchanged" if current.content_hash == bookmark.content_hash else "changed"


def _misuse(args: argparse.Namespace) -> str | None:
    if args.add and args.remove:
        return _("--add and --remove: one at a time")
    if args.note is not None and not args.add:
        return _("--note goes with --add ID")
    if args.search and (args.add or args.remove):
        return _("--search lists bookmarks: not with --add or --remove")
    return None


def _add(args: argparse.Namespace, engine: SearchEngine, marks: Marks, stdout: Console) -> int:
    article = engine.article(args.add)  # ArticleNotFoundError: a message, exit 2
    bookmark = marks.bookmark(
        article.id,
        article.content_hash,
        args.note or "",
        title=article.title,
        date=article.date,
        ward=article.ward,
    )
    if args.json:
        sys.stdout.write(to_json(record(bookmark, "unchanged")) + "\n")
    else:
        said = _("Bookmarked {id}: {title}").format(id=article.id, title=article.title)
        stdout.print(safe_text(said), highlight=False)
    return 0


def _print(console: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print(_("No bookmarks."), highlight=False)
        return
    for number, row in enumerate(rows, 1):
        line = Text(f"{number:>3}. ", style="dim")
        line.append(row["date"] or "----------", style="cyan")
        line.append("  ")
        line.append(safe_text(row["ward"] or "—", style="green"))
        line.append("  ")
        line.append(safe_text(row["title"] or row["id"], style="bold"))
        line.append(safe_text(f"  [{row['id']}]", style="dim"))
        console.print(line, highlight=False)
        if row["note"]:
            console.print(Text("     ") + safe_text(row["note"], style="italic"), highlight=False)
        since = {"changed": _(" · changed since"), "removed": _(" · no longer in the corpus")}
        when = _("     bookmarked {when}{state}").format(
            when=row["when"][:16].replace("T", " "), state=since.get(row["state"], "")
        )
        console.print(Text(when, style="dim"), highlight=False)


def _say(message: str) -> None:
    sys.stderr.write(visible(message) + "\n")
