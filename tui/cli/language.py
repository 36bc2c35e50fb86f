"""The command line's language: ``--lang vi|en`` taken out of the arguments wherever it is
before ``--`` (as ``--json`` is), and chosen before the parser is built, so that ``--help`` is
in it; argparse's own words (``usage:``, ``options:``, its error messages) are said in it too.

The language: ``--lang``, else config.toml's ``language`` (unless "auto"), else the locale's
(tui/i18n.py). A ``--lang`` that is neither ``vi`` nor ``en`` is a usage error (exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from phuong_reader.tui.i18n import LANGUAGES, N_, _, choose_language, ngettext, set_language

OPTION = "--lang"

# argparse's own messages that ``phuong`` can show (Python's argparse marks them for gettext's
# default domain, which has no Vietnamese): translated from our catalog while a command parses.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


class LanguageError(ValueError):
    """``--lang`` without a language it knows (``asked``: what it was given)."""

    def __init__(self, asked: str) -> None:
        super().__init__(asked)
        self.asked = asked


def take_lang(argv: list[str]) -> tuple[list[str], str | None]:
    """``argv`` without ``--lang X`` / ``--lang=X`` (before ``--``; after it every word is the
    query's), and X (the last one given), or None. LanguageError when X is not vi or en."""
    cut = argv.index("--") if "--" in argv else len(argv)
    head: list[str] = []
    asked: str | None = None
    words = iter(argv[:cut])
    for word in words:
        if word == OPTION:
            asked = next(words, "")
        elif word.startswith(OPTION + "="):
            asked = word.split("=", 1)[1]
        else:
            head.append(word)
            continue
        if asked.strip().lower() not in LANGUAGES:
            raise LanguageError(asked)
        asked = asked.strip().lower()
    return head + argv[cut:], asked


def unknown_language(asked: str) -> str:
    """The usage error for ``--lang ASKED``, in the language of the settings or the locale."""
    if not asked:
        return _("--lang needs a language: --lang vi (Vietnamese) or --lang en (English)")
    return _(
        "--lang {asked}: unknown language; use --lang vi (Vietnamese) or --lang en (English)"
    ).format(asked=repr(asked))


def choose(asked: str | None, setting: str) -> str:
    """Set the interface's language (``--lang``, else the setting, else the locale); it."""
    chosen = choose_language(asked, setting)
    set_language(chosen)
    return chosen


def add_option(parser: argparse.ArgumentParser) -> None:
    """``--lang`` in the help (it is taken out of the arguments before they are parsed)."""
    parser.add_argument(
        OPTION,
        choices=("vi", "en"),
        metavar="{vi,en}",
        help=_("the language of the interface (default: config.toml's language, else the locale)"),
    )


@contextmanager
def argparse_in_language() -> Iterator[None]:
    """While parsing: argparse's words from our catalog, in the language chosen."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
