"""The ``phuong`` command: index, search, wards, show, export, bookmarks…; with no command,
the reader; ``serve``, the reader in a web browser.

Exit codes: 0 success, 1 the index cannot be used or written, 2 a bad query or bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from phuong_reader.tui.cli import bookmarks as bookmarks_cli
from phuong_reader.tui.cli import config as config_cli
from phuong_reader.tui.cli import entities as entities_cli
from phuong_reader.tui.cli import exports as exports_cli
from phuong_reader.tui.cli import figures as figures_cli
from phuong_reader.tui.cli import language as language_cli
from phuong_reader.tui.cli import querying, render
from phuong_reader.tui.cli import serve as serve_cli
from phuong_reader.tui.export import ExportError, article_json, hit_json
from phuong_reader.tui.i18n import _, ngettext
from phuong_reader.tui.marks import MarksError, MarksOnDemand
from phuong_reader.tui.safe import to_json, visible
from phuong_reader.tui.settings import LoadedSettings, default_corpus, load_settings
from phuong_reader.tui.state import corpus_id
from rich.console import Console

COMMANDS = (
    "index", "search", "wards", "show", "extract", "people", "figures", "export", "bookmarks",
    "serve", "config",
)  # fmt: skip
EXIT_OK, EXIT_UNUSABLE, EXIT_USAGE = 0, 1, 2

if TYPE_CHECKING:
    from phuong_reader.tui.app import ReaderApp


def _location_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, help=_("folder of *.txt articles"))
    parser.add_argument("--index-dir", type=Path, help=_("index directory (default: user cache)"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="phuong",
        description=_("Read and search Vietnamese local news about HCMC's wards and communes."),
        epilog=_("With no command, opens the reader (on the bundled sample corpus by default)."),
    )
    language_cli.add_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help=_("build or update the index of a folder of articles"))
    p.add_argument("dir", nargs="?", type=Path, help=_("folder of *.txt articles"))
    _location_options(p)
    p.add_argument("--rebuild", action="store_true", help=_("rebuild from scratch"))
    p.add_argument("--json", action="store_true", help=_("print the report as JSON"))

    p = sub.add_parser("search", help=_("search the articles"))
    p.add_argument(
        "query", nargs="*", help=_('words, "phrases", AND/OR/NOT, ward:, date:, is:unread…')
    )
    _location_options(p)
    querying.add_filter_options(p, limit=10)
    p.add_argument("--json", action="store_true", help=_("print results as JSON"))

    p = sub.add_parser("wards", help=_("wards with their number of articles"))
    _location_options(p)
    p.add_argument("--all", action="store_true", help=_("include the units without articles"))
    p.add_argument(
        "--former",
        action="store_true",
        help=_("under each unit, the former units merged into it"),
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help=_("print one article as clean text"))
    p.add_argument("id", help=_("article id (the file name without .txt)"))
    _location_options(p)
    p.add_argument("--json", action="store_true")

    entities_cli.add_parsers(sub, _location_options)
    figures_cli.add_parser(sub, _location_options)
    serve_cli.add_parser(sub, _location_options)
    exports_cli.add_parser(sub, _location_options)
    bookmarks_cli.add_parser(sub, _location_options)
    config_cli.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``phuong`` console script."""
    args_list, wants_json = _take_json(list(sys.argv[1:] if argv is None else argv))
    stdout, stderr = _console(), _console(stderr=True)
    try:
        args_list, lang = language_cli.take_lang(args_list)
    except language_cli.LanguageError as exc:  # said in the settings' or the locale's language
        language_cli.choose(None, load_settings().settings.language)
        _say(stderr, language_cli.unknown_language(exc.asked))
        return EXIT_USAGE
    language_cli.choose(lang, load_settings().settings.language)  # before any text, --help too
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help"):
        if wants_json:
            _say(stderr, _("--json goes with a command, e.g.: phuong search QUERY --json"))
            return EXIT_USAGE
        return _open_reader(args_list, lang)
    with language_cli.argparse_in_language():
        parser = build_parser()
        args = _parse(parser, args_list)
    args.json, args.lang = args.json or wants_json, lang
    try:
        _refuse_options_after_dashes(parser, args_list)
        if args.command == "config":
            return config_cli.run_config(args, stdout, lambda message: _say(stderr, message))
        if args.command == "extract":
            return entities_cli.run_extract(args, stdout, stderr)
        settings = _settings(stderr).settings
        if args.command == "index":
            args.corpus = default_corpus(args.dir or args.corpus, args.index_dir, settings)
            return _cmd_index(args, stdout, stderr)
        if args.command == "serve":
            return serve_cli.run_serve(
                args, stdout, stderr, lambda: _prepare(args, stderr, settings)
            )
        return _run_engine_command(args, _prepare(args, stderr, settings), stdout)
    except QueryError as exc:
        _say(stderr, _("Query error: {error}").format(error=exc))
        return EXIT_USAGE
    except (IndexUnusableError, IndexMissingError, IndexBusyError, CorpusError) as exc:
        _say(stderr, _("Error: {error}").format(error=exc))
        return EXIT_UNUSABLE
    except ArticleNotFoundError as exc:
        _say(stderr, _("No article with id {id}").format(id=repr(exc.args[0])))
        return EXIT_USAGE
    except MarksError as exc:
        _say(stderr, _("Error: {error}").format(error=exc))
        return EXIT_UNUSABLE
    except ExportError as exc:
        _say(stderr, _("Error: {error}").format(error=exc))
        return EXIT_USAGE


def _prepare(args: argparse.Namespace, stderr: Console, settings: Any) -> IndexLocation:
    """The index the command reads (the settings' default corpus when none is given), built
    first if it is missing or outdated."""
    corpus = default_corpus(getattr(args, "dir", None) or args.corpus, args.index_dir, settings)
    location = locate(corpus, args.index_dir)
    with render.progress(stderr) as progress:
        report = ensure_index(location, progress)
    if report is not None and report.added and not location.bundled:
        _say(
            stderr,
            ngettext(
                "Indexed {n} article into {folder}",
                "Indexed {n} articles into {folder}",
                report.total,
            ).format(n=report.total, folder=location.index_dir),
        )
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
    if unknown or (extra and args.command not in ("search", "figures", "export")):
        parser.error(_("unrecognized arguments: %s") % " ".join(unknown or extra))
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
                _(
                    "{word} comes after '--', where every word is part of the query, not an "
                    "option: put options before '--', or quote it to search for it ('\"{raw}\"')"
                ).format(word=repr(word), raw=word)
            )


def _settings(stderr: Console) -> LoadedSettings:
    """config.toml (the default corpus); what is wrong in it is said on stderr, never fatal."""
    loaded = load_settings()
    for problem in loaded.problems:
        _say(stderr, problem)
    return loaded


def _say(console: Console, message: str) -> None:
    """A one-line message: literal (no markup), safe for the terminal, and not wrapped (the
    command it suggests can be copied as is)."""
    console.print(visible(message), markup=False, highlight=False, soft_wrap=True)


def _run_engine_command(args: argparse.Namespace, location: IndexLocation, stdout: Console) -> int:
    """Run search/wards/show/people… on a checked index; a read that fails because the index is
    damaged becomes IndexDamagedError (a message), anything else stays a bug. ``args.marked``:
    the corpus's read marks and bookmarks, opened when a command asks for them."""
    engine = open_engine(location)
    args.marked = MarksOnDemand(corpus_id(location.index_dir, bundled=location.bundled))
    commands = {
        "search": _cmd_search,
        "wards": _cmd_wards,
        "show": _cmd_show,
        "people": entities_cli.run_people,
        "figures": figures_cli.run_figures,
        "export": exports_cli.run_export,
        "bookmarks": bookmarks_cli.run_bookmarks,
    }
    try:
        return commands[args.command](args, engine, stdout)
    except (QueryError, ArticleNotFoundError, MarksError, ExportError):
        raise
    except Exception:
        probe_index(location)  # raises IndexDamagedError when that is what happened
        raise
    finally:
        if args.marked.notice:
            _say(_console(stderr=True), _("Note: {note}").format(note=args.marked.notice))


def _cmd_index(args: argparse.Namespace, stdout: Console, stderr: Console) -> int:
    location = locate(args.corpus, args.index_dir)
    if location.corpus is None:
        raise IndexUnusableError(_("give the corpus folder: phuong index DIR"))
    note = interrupted_note(location)
    if note:
        _say(stderr, note)
    with render.progress(stderr) as progress:
        report = refresh_index(location, progress, rebuild=args.rebuild)
    if args.json:
        _print_json(render.report_json(report))
    else:
        render.print_report(stdout, report)
    return EXIT_OK


def _cmd_search(args: argparse.Namespace, engine: SearchEngine, stdout: Console) -> int:
    result, snippets = querying.search(args, engine, args.marked)
    if args.json:
        for note in result.notes:  # stdout stays the JSON list
            _say(_console(stderr=True), note)
        _print_json([hit_json(h, s) for h, s in zip(result.hits, snippets, strict=True)])
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
        _print_json(article_json(article))
    else:
        render.print_article(stdout, article)
    return EXIT_OK


def _print_json(data: object) -> None:
    """JSON on stdout: Vietnamese readable, anything that could drive a terminal escaped."""
    sys.stdout.write(to_json(data) + "\n")


def _open_reader(argv: list[str], lang: str | None = None) -> int:
    """``phuong [DIR] [--index-dir D] [--lang vi|en]``: the reader; indexing, if needed,
    happens inside it."""
    with language_cli.argparse_in_language():
        parser = argparse.ArgumentParser(prog="phuong", description=_("Open the reader."))
        parser.add_argument("dir", nargs="?", type=Path, help=_("folder of *.txt articles"))
        _location_options(parser)
        language_cli.add_option(parser)
        args = parser.parse_args(argv)
    args.lang = lang
    app = reader_app(args)
    app.run()
    return app.return_code or EXIT_OK


def reader_app(args: argparse.Namespace) -> ReaderApp:
    """The reader on the corpus of ``args`` (``dir``, ``corpus``, ``index_dir``), or on the
    config file's default corpus when they name none; not yet running. ``lang`` (``--lang``),
    when ``args`` has it, wins over the settings' language and the locale's."""
    from phuong_reader.tui import collector

    collector.pause()  # until the first results (tui/collector.py): the imports included
    from phuong_reader.tui.app import ReaderApp  # Textual loads only when the reader opens

    loaded = load_settings()  # its problems are notifications in the reader
    corpus = default_corpus(args.dir or args.corpus, args.index_dir, loaded.settings)
    lang = getattr(args, "lang", None)
    try:
        return ReaderApp(locate(corpus, args.index_dir), settings=loaded, language=lang)
    except IndexUnusableError as exc:
        return ReaderApp(None, error=str(exc), settings=loaded, language=lang)


if __name__ == "__main__":
    sys.exit(main())
