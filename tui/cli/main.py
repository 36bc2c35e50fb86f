"""The ``phuong`` command: index, search, wards, show…; with no command, the reader; ``serve``,
the reader in a web browser.

Exit codes: 0 success, 1 the index cannot be used or written, 2 a bad query or bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from phuong_reader.index import (
    ArticleNotFoundError,
    CorpusError,
    IndexBusyError,
    IndexLocation,
    IndexMissingError,
    IndexUnusableError,
    QueryError,
    SearchEngine,
    ensure_index,
    interrupted_note,
    load_gazetteer,
    locate,
    open_engine,
    probe_index,
    refresh_index,
)
from phuong_reader.tui.cli import entities as entities_cli
from phuong_reader.tui.cli import figures as figures_cli
from phuong_reader.tui.cli import render
from phuong_reader.tui.cli import serve as serve_cli
from phuong_reader.tui.safe import to_json, visible
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

COMMANDS = ("index", "search", "wards", "show", "extract", "people", "figures", "serve")
EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE = 0, 1, 2


def _location_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, help="folder of *.txt articles")
    parser.add_argument("--index-dir", type=Path, help="index directory (default: user cache)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="phuong",
        description="Read and search Vietnamese local news about HCMC's wards and communes.",
        epilog="With no command, opens the reader (on the bundled sample corpus by default).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="build or update the index of a folder of articles")
    p.add_argument("dir", nargs="?", type=Path, help="folder of *.txt articles")
    _location_options(p)
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser("search", help="search the articles")
    p.add_argument("query", nargs="*", help='words, "phrases", AND/OR/NOT, ward:, date:')
    _location_options(p)
    p.add_argument(
        "--ward",
        help="articles about this ward, then those naming it (accents optional; former names work)",
    )
    p.add_argument("--since", help="from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", help="up to this date (inclusive)")
    p.add_argument(
        "--sort",
        choices=("relevance", "date", "oldest"),
        default="relevance",
        help="relevance, date (newest first) or oldest (oldest first)",
    )
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print results as JSON")

    p = sub.add_parser("wards", help="wards with their number of articles")
    _location_options(p)
    p.add_argument("--all", action="store_true", help="include the units without articles")
    p.add_argument(
        "--former", action="store_true", help="under each unit, the former units merged into it"
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="print one article as clean text")
    p.add_argument("id", help="article id (the file name without .txt)")
    _location_options(p)
    p.add_argument("--json", action="store_true")

    entities_cli.add_parsers(sub, _location_options)
    figures_cli.add_parser(sub, _location_options)
    serve_cli.add_parser(sub, _location_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``phuong`` console script."""
    args_list, wants_json = _take_json(list(sys.argv[1:] if argv is None else argv))
    stdout, stderr = _console(), _console(stderr=True)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help"):
        if wants_json:
            _say(stderr, "--json goes with a command, e.g.: phuong search QUERY --json")
            return EXIT_USAGE
        return _open_reader(args_list)
    parser = build_parser()
    args = _parse(parser, args_list)
    args.json = args.json or wants_json
    try:
        _refuse_options_after_dashes(parser, args_list)
        if args.command == "index":
            return _cmd_index(args, stdout, stderr)
        if args.command == "extract":
            return entities_cli.run_extract(args, stdout, stderr)
        if args.command == "serve":
            return serve_cli.run_serve(args, stdout, stderr, lambda: _prepare(args, stderr))
        return _run_engine_command(args, _prepare(args, stderr), stdout)
    except QueryError as exc:
        _say(stderr, f"Query error: {exc}")
        return EXIT_USAGE
    except (IndexUnusableError, IndexMissingError, IndexBusyError, CorpusError) as exc:
        _say(stderr, f"Error: {exc}")
        return EXIT_UNUSABLE
    except ArticleNotFoundError as exc:
        _say(stderr, f"No article with id {exc.args[0]!r}")
        return EXIT_USAGE


def _prepare(args: argparse.Namespace, stderr: Console) -> IndexLocation:
    """The index the command reads, built first if it is missing or outdated."""
    location = locate(getattr(args, "dir", None) or args.corpus, args.index_dir)
    with _progress(stderr) as progress:
        report = ensure_index(location, progress)
    if report is not None and report.added and not location.bundled:
        _say(stderr, f"Indexed {report.total} articles into {location.index_dir}")
    return location


def _take_json(argv: list[str]) -> tuple[list[str], bool]:
    """``--json`` wherever it appears before ``--`` (even before the command): taken out, and
    honoured. After ``--`` every word is part of the query, ``--json`` too."""
    cut = argv.index("--") if "--" in argv else len(argv)
    head = [a for a in argv[:cut] if a != "--json"]
    return head + argv[cut:], len(head) < cut


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """argparse, with the query's words allowed on both sides of the options and of ``--``
    (``phuong search tết --limit 5 quận 1``); an unknown option is still an error."""
    args, extra = parser.parse_known_args(argv)
    cut = extra.index("--") if "--" in extra else len(extra)
    unknown = [word for word in extra[:cut] if word.startswith("-")]
    if unknown or (extra and args.command not in ("search", "figures")):
        parser.error(f"unrecognized arguments: {' '.join(unknown or extra)}")
    if extra:
        args.query += [word for i, word in enumerate(extra) if i != cut]
    return args


def _console(stderr: bool = False) -> Console:
    """Rich output that wraps to the terminal's width, and not at all when piped or redirected
    (a script reading ``phuong search … > file`` gets one line per line, not 80 columns)."""
    console = Console(stderr=stderr)
    console.soft_wrap = not console.is_terminal
    return console


def _refuse_options_after_dashes(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """Words after ``--`` are the query (or the id, or file names), never options. One that is
    an option of the command was most likely meant as one: refuse it with a message (a usage
    error, exit 2) rather than search for it silently; quoted, it is searched for."""
    if "--" not in argv:
        return
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    options = set(subparsers.choices[argv[0]]._option_string_actions)
    for word in argv[argv.index("--") + 1 :]:
        if word.split("=", 1)[0] in options:
            raise QueryError(
                f"{word!r} comes after '--', where every word is part of the query, not an "
                f"option: put options before '--', or quote it to search for it ('\"{word}\"')"
            )


def _say(console: Console, message: str) -> None:
    """A one-line message: literal (no markup), safe for the terminal, and not wrapped (the
    command it suggests can be copied as is)."""
    console.print(visible(message), markup=False, highlight=False, soft_wrap=True)


def _run_engine_command(args: argparse.Namespace, location: IndexLocation, stdout: Console) -> int:
    """Run search/wards/show/people on a checked index; a read that fails because the index is
    damaged becomes IndexDamagedError (a message), anything else stays a bug."""
    engine = open_engine(location)
    commands = {
        "search": _cmd_search,
        "wards": _cmd_wards,
        "show": _cmd_show,
        "people": entities_cli.run_people,
        "figures": figures_cli.run_figures,
    }
    try:
        return commands[args.command](args, engine, stdout)
    except (QueryError, ArticleNotFoundError):
        raise
    except Exception:
        probe_index(location)  # raises IndexDamagedError when that is what happened
        raise


@contextmanager
def _progress(console: Console) -> Iterator[Any]:
    """A Rich progress bar (counts, rate, ETA) fed by the engine's progress callback.

    It appears on the first callback only, so a command that needs no indexing prints nothing.
    """
    columns = (
        TextColumn("[bold]Indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:>7} docs/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    bar = Progress(*columns, console=console, transient=True)

    def update(done: int, total: int, _name: str) -> None:
        if not bar.tasks:
            bar.start()
            bar.add_task("index", total=total, rate="")
        task = bar.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:.0f}" if elapsed > 0 else ""
        bar.update(task.id, completed=done, total=total, rate=rate)

    try:
        yield update
    finally:
        if bar.tasks:
            bar.stop()


def _cmd_index(args: argparse.Namespace, stdout: Console, stderr: Console) -> int:
    corpus = args.dir or args.corpus
    location = locate(corpus, args.index_dir)
    if location.corpus is None:
        raise IndexUnusableError("give the corpus folder: phuong index DIR")
    note = interrupted_note(location)
    if note:
        _say(stderr, note)
    with _progress(stderr) as progress:
        report = refresh_index(location, progress, rebuild=args.rebuild)
    if args.json:
        _print_json(render.report_json(report))
    else:
        render.print_report(stdout, report)
    return EXIT_OK


def _cmd_search(args: argparse.Namespace, engine: SearchEngine, stdout: Console) -> int:
    result = engine.search(
        " ".join(args.query),
        ward=args.ward,
        since=args.since,
        until=args.until,
        sort=args.sort,
        limit=args.limit,
        offset=args.offset,
    )
    snippets = [engine.snippet(hit.id, result.terms) for hit in result.hits]
    if args.json:
        for note in result.notes:  # stdout stays the JSON list
            _say(_console(stderr=True), note)
        _print_json([render.hit_json(h, s) for h, s in zip(result.hits, snippets, strict=True)])
    else:
        render.print_results(stdout, result, snippets)
    return EXIT_OK


def _cmd_wards(args: argparse.Namespace, engine: SearchEngine, stdout: Console) -> int:
    wards = engine.ward_counts(include_empty=args.all)
    units = load_gazetteer().by_name
    former = {w.name: list(units[w.name].former) for w in wards} if args.former else {}
    if args.json:
        rows = [
            w.__dict__ | ({"former": [asdict(f) for f in former[w.name]]} if former else {})
            for w in wards
        ]
        _print_json(rows)
    else:
        render.print_wards(stdout, wards, former)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace, engine: SearchEngine, stdout: Console) -> int:
    article = engine.article(args.id)
    if args.json:
        _print_json(render.article_json(article))
    else:
        render.print_article(stdout, article)
    return EXIT_OK


def _print_json(data: object) -> None:
    """JSON on stdout: Vietnamese readable, anything that could drive a terminal escaped."""
    sys.stdout.write(to_json(data) + "\n")


def _open_reader(argv: list[str]) -> int:
    """``phuong [DIR] [--index-dir D]``: the reader; indexing, if needed, happens inside it."""
    parser = argparse.ArgumentParser(prog="phuong", description="Open the reader.")
    parser.add_argument("dir", nargs="?", type=Path, help="folder of *.txt articles")
    _location_options(parser)
    args = parser.parse_args(argv)
    from phuong_reader.tui.app import ReaderApp  # Textual loads only when the reader opens

    try:
        app = ReaderApp(locate(args.dir or args.corpus, args.index_dir))
    except IndexUnusableError as exc:
        app = ReaderApp(None, error=str(exc))
    app.run()
    return app.return_code or EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
