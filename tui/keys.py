"""Every key of the reader, by where it works, and how keys are named and written.

``KEY_HELP`` is what the help screen lists. A key bound by one of the reader's Bindings is
written as its binding id in braces, ``{main.sort}``, and the help shows the key bound to that
id now (a ``[keys]`` entry of config.toml moves it); ``{a|b}`` writes the keys of two
bindings side by side, ``j / k, Down / Up``. Text outside braces is shown as written: keys
that Textual's own widgets handle (typing, Tab, Enter in a list).

No Textual import here: the command line checks a config file's ``[keys]`` against
``binding_ids()`` without loading the reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence

KEY_HELP: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere",
        [
            ("{main.search}", "focus the search bar"),
            ("Tab / Shift+Tab", "next / previous pane"),
            (
                "{main.next-ward|main.prev-ward}  ({main.next-ward-alt|main.prev-ward-alt})",
                "next / previous ward: reloads results, opens its first article",
            ),
            (
                "{main.all-wards}",
                "all wards: drop the ward filter (offered when it leaves no result)",
            ),
            (
                "{main.next-match|main.prev-match}",
                "next / previous match of the query in the article",
            ),
            ("{main.sort}", "order: by relevance → newest first → oldest first"),
            ("{main.people}", "people: everyone named, with roles, dates and units"),
            ("{main.pick-person}", "one of the open article's people: their articles"),
            ("{main.figures}", "figures of the current results, unit by unit"),
            ("{main.toggle-read}", "mark the highlighted result read / unread"),
            ("{main.unread-only}", "unread only: is:unread in the query (again: all)"),
            ("{main.bookmark}", "bookmark the open article, with a note"),
            ("{main.bookmarks}", "the bookmarks: filter, Enter opens, Delete removes"),
            ("{main.export}", "export the results (in the article: the article) to a file"),
            ("{main.copy}", "copy the result's citation (in the article: the paragraph)"),
            ("{main.dates}", "dates: from / to (2026-01, 15/1/2026, 1/2026…)"),
            ("{main.timeline}", "the months timeline: a month as the date filter"),
            ("{main.remove-filter}", "remove the newest filter (the chip on the right)"),
            ("{main.toggle-wards}", "show or hide the ward list"),
            ("{main.help}", "this help"),
            ("{app.palette}", "commands: go to ward…, go to article by id…, toggle theme, reindex"),
            ("{app.refresh}", "refresh now: show an index another process has published"),
            (
                "{main.quit} / {app.quit}",
                "quit (in the ward list, where letters filter, use the second)",
            ),
        ],
    ),
    (
        "Search bar",
        [
            ("typing", "search as you type; the article follows when you pause"),
            ("Enter", "search now and go to the results"),
            ("{search.older|search.newer}", "walk the search history (kept between sessions)"),
            ("{search.leave}", "leave the search bar"),
        ],
    ),
    (
        "Ward list",
        [
            ("letters, digits, space", "filter, accents optional: `tan son`, `tsh`"),
            ("Backspace / {wards.clear-filter}", "shorten / clear the filter"),
            ("Up / Down, PgUp / PgDn", "move"),
            ("Home / End", "first / last ward"),
            ("Enter", "choose the ward: its articles, or the query within it"),
            ("{wards.all-units}", "show all 168 units (those without articles dimmed)"),
            ("{wards.sort}", "sort by number of articles or by name"),
        ],
    ),
    (
        "Results",
        [
            ("{results.down|results.up}", "move (the article view follows)"),
            ("{results.first|results.last}", "first / last result"),
            ("{results.page-up|results.page-down}", "page"),
            ("{results.open}", "open the article"),
        ],
    ),
    (
        "Article",
        [
            ("{article.down|article.up}", "scroll a line"),
            ("{article.page-down|article.page-up}", "page down / up"),
            ("{article.top|article.bottom}", "top / bottom"),
        ],
    ),
    (
        "Dates dialog (d)",
        [
            ("typing", "2026, 2026-01, 2026-01-15, 15/1/2026, 1-2026 or 1/2026; empty: open"),
            ("Tab, {dates.previous-field|dates.next-field}", "the other field"),
            ("Enter", "apply both (a field that does not read says why)"),
            ("{dates.cancel}", "cancel"),
        ],
    ),
    (
        "Timeline (D)",
        [
            ("{timeline.earlier|timeline.later}, {timeline.first|timeline.last}", "pick a month"),
            ("{timeline.choose}, or a click on a bar", "only that month's results"),
            ("{timeline.clear}", "every date again"),
            ("{timeline.back}", "back to the results"),
        ],
    ),
    (
        "Filter chips (Tab to them, or a click)",
        [
            ("{chips.previous|chips.next}", "pick a chip"),
            ("{chips.remove}", "remove that filter (a click on a chip does too)"),
            ("{chips.back}", "back to the results"),
        ],
    ),
    (
        "People (p)",
        [
            ("typing", "filter by name, accents optional (other spellings too)"),
            ("{people.up|people.down}, {people.page-up|people.page-down}", "move"),
            ("Enter", "their articles, newest first, the person marked"),
            ("{people.back}", "back"),
            ("{picker.back}", "close the list of the article's people (P)"),
        ],
    ),
    (
        "Figures (f)",
        [
            ("Up / Down, Enter", "what is counted: its table by unit"),
            (
                "{figures.by-value} / {figures.by-unit} / {figures.by-date}",
                "sort by value, unit or date (again: reverse)",
            ),
            ("Enter (in the table)", "open the article at that figure"),
            ("Tab", "between the groups and the table"),
            ("{figures.back}", "back"),
            ("{table.down|table.up}", "the table: next / previous unit"),
            ("{table.top|table.bottom}", "the table: first / last unit"),
            ("{table.page-down|table.page-up}", "the table: a page down / up"),
            ("{table.open}", "the table: open the article at the figure"),
        ],
    ),
    (
        "Bookmarks (M), bookmark note (m), export (e)",
        [
            ("typing, Enter", "filter the bookmarks, open the highlighted one"),
            ("{bookmarks.remove}", "remove the highlighted bookmark (Down first, to the list)"),
            ("{bookmarks.close}", "back"),
            ("{note.cancel|export.cancel}", "close the note or export dialog without saving"),
        ],
    ),
    (
        "This help",
        [
            ("{help.close}", "close this help"),
            ("{help.down|help.up}", "scroll"),
        ],
    ),
    (
        "Message screen (no corpus, no index, a damaged index)",
        [
            ("{message.rebuild}", "rebuild the index (offered when its corpus folder is known)"),
            ("{message.quit}", "quit the reader"),
        ],
    ),
    ("Command palette", [("Esc", "close the palette")]),
]

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
# Keys Textual names by a word (with any modifiers): what a [keys] entry may bind.
NAMED_KEYS = frozenset(
    [
        *("escape", "enter", "tab", "backspace", "delete", "insert", "space"),
        *("up", "down", "left", "right", "home", "end", "pageup", "pagedown"),
        *(f"f{n}" for n in range(1, 25)),
    ]
)
# How the help writes a key Textual names by a word.
KEY_WORDS = {"escape": "Esc", "pageup": "PgUp", "pagedown": "PgDn"}
# Textual's names of printable characters: the Unicode name, with these shortened.
_SHORT_NAMES = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
_PLACEHOLDER = re.compile(r"\{([a-z0-9.-]+)(?:\|([a-z0-9.-]+))?\}")


def character_key(character: str) -> str:
    """Textual's name of the key that types ``character``: itself for a letter or digit,
    otherwise its Unicode name (``?`` is ``question_mark``, ``/`` is ``slash``)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return _SHORT_NAMES.get(name, name)


_CHARACTERS = {character_key(chr(code)): chr(code) for code in range(33, 127)}


def key_character(key: str) -> str | None:
    """The character a key without modifiers types (``slash`` /, ``j`` j), None for others."""
    return key if len(key) == 1 else _CHARACTERS.get(key)


def key_problem(key: str) -> str | None:
    """Why ``key`` cannot be bound (None when it can): a character, or modifiers and a key
    name, ``ctrl+f``, ``shift+f5``, ``question_mark``."""
    *modifiers, name = key.split("+") if len(key) > 1 else [key]
    unknown = [m for m in modifiers if m not in MODIFIERS]
    if unknown:
        return f"{unknown[0]!r} is not a modifier (use {', '.join(MODIFIERS)})"
    if len(name) == 1 or name in NAMED_KEYS or name in _CHARACTERS:
        return None
    return f"{key!r} is not a key (a character, or a name such as escape, f5, pagedown, ctrl+f)"


def normal_key(key: str) -> str:
    """A key as Textual names it: ``Ctrl+F`` is ``ctrl+f``, ``PageDown`` ``pagedown``, ``?``
    ``question_mark``; a character alone keeps its case (``J`` is Shift+J)."""
    *modifiers, name = key.split("+") if len(key) > 1 else [key]
    if len(name) > 1 or modifiers:
        name = name.lower()
    return "+".join(
        [*(m.lower() for m in modifiers), character_key(name) if len(name) == 1 else name]
    )


def key_label(key: str) -> str:
    """How the help writes a Textual key: ``ctrl+p`` Ctrl+P, ``question_mark`` ?, ``pagedown``
    PgDn, ``j`` j."""
    *modifiers, name = key.split("+") if len(key) > 1 else [key]
    if len(name) == 1:
        shown = name.upper() if modifiers else name
    else:
        shown = _CHARACTERS.get(name) or KEY_WORDS.get(name) or name.capitalize()
    return "+".join([*(m.capitalize() for m in modifiers), shown])


def binding_ids() -> list[str]:
    """Every binding id the help names, in its order: the actions a [keys] entry can move."""
    ids: list[str] = []
    for template, _ in rows():
        for match in _PLACEHOLDER.finditer(template):
            ids += [i for i in match.groups() if i and i not in ids]
    return ids


def rows() -> Iterator[tuple[str, str]]:
    """Every (key template, what it does) of KEY_HELP."""
    for _, section in KEY_HELP:
        yield from section


def render_keys(template: str, keys: Callable[[str], Sequence[str]]) -> str:
    """A row's keys as the help writes them, ``keys(id)`` giving the keys bound to an id now;
    an id bound to no key (another binding took it) is written ``(none)``."""

    def written(match: re.Match[str]) -> str:
        first = [key_label(k) for k in keys(match[1])]
        if match[2] is None:
            return ", ".join(first) or "(none)"
        second = [key_label(k) for k in keys(match[2])]
        if len(first) == len(second):
            return ", ".join(f"{a} / {b}" for a, b in zip(first, second, strict=True))
        return f"{', '.join(first) or '(none)'} / {', '.join(second) or '(none)'}"

    return _PLACEHOLDER.sub(written, template)


def split_keys(keys: str) -> list[str]:
    """A Binding's or a keymap's comma-separated keys, as a list."""
    return [key.strip() for key in keys.split(",") if key.strip()]


def help_lines(keys: Mapping[str, Sequence[str]]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """KEY_HELP with the keys written out, from ``keys`` (binding id → its keys now)."""
    for section, entries in KEY_HELP:
        yield section, [(render_keys(t, lambda i: keys.get(i, ())), what) for t, what in entries]
