"""``phuong config``: where the config file is, what it sets, what is wrong in it; ``--init``
writes the commented example there."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from phuong_reader.tui.i18n import _
from phuong_reader.tui.keys import key_label, split_keys
from phuong_reader.tui.safe import to_json, visible
from phuong_reader.tui.settings import LoadedSettings, example_text, load_settings
from phuong_reader.tui.state import ReaderState
from rich.console import Console

EXIT_OK, EXIT_UNWRITTEN, EXIT_PROBLEMS = 0, 1, 2
Say = Callable[[str], None]


def add_parser(sub: Any) -> None:
    """Register ``config`` on the main parser's subparsers."""
    p = sub.add_parser(
        "config",
        help=_("the settings file: its path, what it sets, what is wrong in it"),
        description=_(
            "Print the config file's path and the settings in effect, after checking "
            "the file (exit 2 when something in it is wrong). $PHUONG_CONFIG names another file."
        ),
    )
    what = p.add_mutually_exclusive_group()
    what.add_argument("--init", action="store_true", help=_("write a commented example file"))
    what.add_argument("--path", action="store_true", help=_("print the path only"))
    p.add_argument("--force", action="store_true", help=_("with --init: replace an existing file"))
    p.add_argument("--json", action="store_true", help=_("print as JSON"))


def run_config(args: argparse.Namespace, stdout: Console, say: Say) -> int:
    """``phuong config [--init [--force] | --path] [--json]``."""
    if args.force and not args.init:
        say(_("--force goes with --init: phuong config --init --force"))
        return EXIT_PROBLEMS
    loaded = load_settings()
    if args.init:
        return _init(loaded, args, stdout, say)
    if args.path:
        _out(stdout, args, str(loaded.path), {"path": str(loaded.path)})
        return EXIT_OK
    from textual.theme import BUILTIN_THEMES  # the reader's theme names: only this command

    loaded = loaded.check_theme(BUILTIN_THEMES)
    for problem in loaded.problems:
        say(problem)
    if args.json:
        sys.stdout.write(to_json(report_json(loaded)) + "\n")
    else:
        for line in report_lines(loaded):
            stdout.print(visible(line), markup=False, highlight=False, soft_wrap=True)
    return EXIT_PROBLEMS if loaded.problems else EXIT_OK


def _init(loaded: LoadedSettings, args: argparse.Namespace, stdout: Console, say: Say) -> int:
    path = loaded.path
    if path.exists() and not args.force:
        say(
            _("{path} exists: not overwritten (phuong config --init --force replaces it)").format(
                path=path
            )
        )
        return EXIT_UNWRITTEN
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(example_text(), "utf-8")
    except OSError as exc:
        say(_("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc))
        return EXIT_UNWRITTEN
    message = _("Wrote {path}: every line a comment, it changes nothing until you edit it").format(
        path=path
    )
    _out(stdout, args, message, {"path": str(path), "written": True})
    return EXIT_OK


def _out(stdout: Console, args: argparse.Namespace, text: str, data: dict[str, Any]) -> None:
    if args.json:
        sys.stdout.write(to_json(data) + "\n")
    else:
        stdout.print(visible(text), markup=False, highlight=False, soft_wrap=True)


def report_lines(loaded: LoadedSettings) -> list[str]:
    """The file and the settings in effect, one per line; each key moved by [keys]."""
    settings = loaded.settings
    note = "" if loaded.exists else _("  (no such file: phuong config --init writes an example)")
    last = ReaderState.load().theme or "textual-dark"
    theme = settings.theme or _("{theme} (the one used last)").format(theme=last)
    corpus = settings.corpus or _("the bundled sample corpus")
    # The other labels are the settings' names, as written in the file.
    # i18n: 13 characters before {path}, as the settings' names are padded to (corpus, theme…)
    lines = [
        _("config file  {path}{note}").format(path=loaded.path, note=note),
        f"corpus       {corpus}",
        f"theme        {theme}",
        f"language     {settings.language}",
    ]
    moved = [
        f"  {action} = {', '.join(key_label(k) for k in split_keys(keys))}"
        for action, keys in settings.keys.items()
    ]
    keys = _("moved by [keys]:") if moved else _("as by default")
    lines.append(f"keys         {keys}")
    return lines + moved


def report_json(loaded: LoadedSettings) -> dict[str, Any]:
    """``phuong config --json``: the file, the settings in effect, the problems."""
    settings = loaded.settings
    return {
        "path": str(loaded.path),
        "exists": loaded.exists,
        "corpus": str(settings.corpus) if settings.corpus else None,
        "theme": settings.theme,
        "language": settings.language,
        "keys": {action: split_keys(keys) for action, keys in settings.keys.items()},
        "problems": list(loaded.problems),
    }
