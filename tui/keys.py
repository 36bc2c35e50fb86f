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

from phuong_reader.tui.i18n import N_, _

# Texts are marked N_ (the help translates them); a key template of binding ids alone is not
# prose ("# not-ui"): render_keys writes the keys in.
KEY_HELP: list[tuple[str, list[tuple[str, str]]]] = [
    (
        N_("Everywhere"),
        [
            ("{main.search}", N_("focus the search bar")),
            (N_("Tab / Shift+Tab"), N_("next / previous pane")),
            (
                "{main.next-ward|main.prev-ward}"  # not-ui
                "  ({main.next-ward-alt|main.prev-ward-alt})",
                N_("next / previous ward: reloads results, opens its first article"),
            ),
            (
                "{main.all-wards}",
                N_("all wards: drop the ward filter (offered when it leaves no result)"),
            ),
            (
                "{main.next-match|main.prev-match}",
                N_("next / previous match of the query in the article"),
            ),
            ("{main.sort}", N_("order: by relevance → newest first → oldest first")),
            ("{main.people}", N_("people: everyone named, with roles, dates and units")),
            ("{main.pick-person}", N_("one of the open article's people: their articles")),
            ("{main.figures}", N_("figures of the current results, unit by unit")),
            ("{main.toggle-read}", N_("mark the highlighted result read / unread")),
            ("{main.unread-only}", N_("unread only: is:unread in the query (again: all)")),
            ("{main.bookmark}", N_("bookmark the open article, with a note")),
            ("{main.bookmarks}", N_("the bookmarks: filter, Enter opens, Delete removes")),
            ("{main.export}", N_("export the results (in the article: the article) to a file")),
            ("{main.copy}", N_("copy the result's citation (in the article: the paragraph)")),
            ("{main.dates}", N_("dates: from / to (2026-01, 15/1/2026, 1/2026…)")),
            ("{main.timeline}", N_("the months timeline: a month as the date filter")),
            ("{main.remove-filter}", N_("remove the newest filter (the chip on the right)")),
            ("{main.toggle-wards}", N_("show or hide the ward list")),
            ("{main.help}", N_("this help")),
            (
                "{app.palette}",
                N_("commands: go to ward…, go to article by id…, toggle theme, reindex"),
            ),
            ("{app.refresh}", N_("refresh now: show an index another process has published")),
            (
                "{main.quit} / {app.quit}",  # not-ui
                N_("quit (in the ward list, where letters filter, use the second)"),
            ),
        ],
    ),
    (
        N_("Search bar"),
        [
            (N_("typing"), N_("search as you type; the article follows when you pause")),
            (N_("Enter"), N_("search now and go to the results")),
            ("{search.older|search.newer}", N_("walk the search history (kept between sessions)")),
            ("{search.leave}", N_("leave the search bar")),
        ],
    ),
    (
        N_("Ward list"),
        [
            (N_("letters, digits, space"), N_("filter, accents optional: `tan son`, `tsh`")),
            (N_("Backspace / {wards.clear-filter}"), N_("shorten / clear the filter")),
            ("{wards.down|wards.up}", N_("move")),
            ("{wards.page-up|wards.page-down}", N_("page")),
            ("{wards.first|wards.last}", N_("first / last ward")),
            ("{wards.choose}", N_("choose the ward: its articles, or the query within it")),
            ("{wards.all-units}", N_("show all 168 units (those without articles dimmed)")),
            ("{wards.sort}", N_("sort by number of articles or by name")),
        ],
    ),
    (
        N_("Results"),
        [
            ("{results.down|results.up}", N_("move (the article view follows)")),
            ("{results.first|results.last}", N_("first / last result")),
            ("{results.page-up|results.page-down}", N_("page")),
            ("{results.open}", N_("open the article")),
        ],
    ),
    (
        N_("Article"),
        [
            ("{article.down|article.up}", N_("scroll a line")),
            ("{article.page-down|article.page-up}", N_("page down / up")),
            ("{article.top|article.bottom}", N_("top / bottom")),
        ],
    ),
    (
        N_("Dates dialog (d)"),
        [
            (
                N_("typing"),
                N_("2026, 2026-01, 2026-01-15, 15/1/2026, 1-2026 or 1/2026; empty: open"),
            ),
            (N_("Tab, {dates.previous-field|dates.next-field}"), N_("the other field")),
            (N_("Enter"), N_("apply both (a field that does not read says why)")),
            ("{dates.cancel}", N_("cancel")),
        ],
    ),
    (
        N_("Timeline (D)"),
        [
            (
                "{timeline.earlier|timeline.later}, {timeline.first|timeline.last}",  # not-ui
                N_("pick a month"),
            ),
            (N_("{timeline.choose}, or a click on a bar"), N_("only that month's results")),
            ("{timeline.clear}", N_("every date again")),
            ("{timeline.back}", N_("back to the results")),
        ],
    ),
    (
        N_("Filter chips (Tab to them, or a click)"),
        [
            ("{chips.previous|chips.next}", N_("pick a chip")),
            ("{chips.remove}", N_("remove that filter (a click on a chip does too)")),
            ("{chips.back}", N_("back to the results")),
        ],
    ),
    (
        N_("People (p)"),
        [
            (N_("typing"), N_("filter by name, accents optional (other spellings too)")),
            ("{people.up|people.down}, {people.page-up|people.page-down}", N_("move")),  # not-ui
            (N_("Enter"), N_("their articles, newest first, the person marked")),
            ("{people.back}", N_("back")),
            ("{picker.back}", N_("close the list of the article's people (P)")),
        ],
    ),
    (
        N_("Figures (f)"),
        [
            (N_("Up / Down, Enter"), N_("what is counted: its table by unit")),
            (
                "{figures.by-value} / {figures.by-unit} / {figures.by-date}",  # not-ui
                N_("sort by value, unit or date (again: reverse)"),
            ),
            (N_("Enter (in the table)"), N_("open the article at that figure")),
            (N_("Tab"), N_("between the groups and the table")),
            ("{figures.back}", N_("back")),
            ("{table.down|table.up}", N_("the table: next / previous unit")),
            ("{table.top|table.bottom}", N_("the table: first / last unit")),
            ("{table.page-down|table.page-up}", N_("the table: a page down / up")),
            ("{table.open}", N_("the table: open the article at the figure")),
        ],
    ),
    (
        N_("Bookmarks (M), bookmark note (m), export (e)"),
        [
            (N_("typing, Enter"), N_("filter the bookmarks, open the highlighted one")),
            ("{bookmarks.remove}", N_("remove the highlighted bookmark (Down first, to the list)")),
            ("{bookmarks.close}", N_("back")),
            ("{note.cancel|export.cancel}", N_("close the note or export dialog without saving")),
        ],
    ),
    (
        N_("This help"),
        [
            ("{help.close}", N_("close this help")),
            ("{help.down|help.up}", N_("scroll")),
        ],
    ),
    (
        N_("Message screen (no corpus, no index, a damaged index)"),
        [
            (
                "{message.rebuild}",
                N_("rebuild the index (offered when its corpus folder is known)"),
            ),
            ("{message.quit}", N_("quit the reader")),
        ],
    ),
    (N_("Command palette"), [(N_("Esc"), N_("close the palette"))]),
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
KEY_WORDS = {"escape": "Esc", "pageup": "PgUp", "pagedown": "PgDn"}  # not-ui: key names
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
        return _("{modifier} is not a modifier (use {modifiers})").format(
            modifier=repr(unknown[0]), modifiers=", ".join(MODIFIERS)
        )
    if len(name) == 1 or name in NAMED_KEYS or name in _CHARACTERS:
        return None
    return _(
        "{key} is not a key (a character, or a name such as escape, f5, pagedown, ctrl+f)"
    ).format(key=repr(key))


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
    for template, _what in rows():
        for match in _PLACEHOLDER.finditer(template):
            ids += [i for i in match.groups() if i and i not in ids]
    return ids


def rows() -> Iterator[tuple[str, str]]:
    """Every (key template, what it does) of KEY_HELP."""
    for _section, entries in KEY_HELP:
        yield from entries


def render_keys(template: str, keys: Callable[[str], Sequence[str]]) -> str:
    """A row's keys as the help writes them, ``keys(id)`` giving the keys bound to an id now;
    an id bound to no key (another binding took it) is written ``(none)``."""
    none = _("(none)")

    def written(match: re.Match[str]) -> str:
        first = [key_label(k) for k in keys(match[1])]
        if match[2] is None:
            return ", ".join(first) or none
        second = [key_label(k) for k in keys(match[2])]
        if len(first) == len(second):
            return ", ".join(f"{a} / {b}" for a, b in zip(first, second, strict=True))
        return f"{', '.join(first) or none} / {', '.join(second) or none}"

    return _PLACEHOLDER.sub(written, template)


def split_keys(keys: str) -> list[str]:
    """A Binding's or a keymap's comma-separated keys, as a list."""
    return [key.strip() for key in keys.split(",") if key.strip()]


def help_lines(keys: Mapping[str, Sequence[str]]) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """KEY_HELP with the keys written out, from ``keys`` (binding id → its keys now). A key
    template with words in it ("{timeline.choose}, or a click on a bar") is translated before
    its keys are written in, so that its catalog entry is the template; the sections and what
    the keys do are left to the help to translate (``shown_lines``)."""
    for section, entries in KEY_HELP:
        yield section, [(render_keys(_(t), lambda i: keys.get(i, ())), what) for t, what in entries]
