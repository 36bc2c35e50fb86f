"""Every key of the reader, by where it works: the help screen and the README list these."""

from __future__ import annotations

KEY_HELP: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere",
        [
            ("/", "focus the search bar"),
            ("Tab / Shift+Tab", "next / previous pane"),
            ("] / [  (J / K)", "next / previous ward: reloads results, opens its first article"),
            ("a", "all wards: drop the ward filter (offered when it leaves no result)"),
            ("n / N", "next / previous match of the query in the article"),
            ("s", "order: by relevance → newest first → oldest first"),
            ("p", "people: everyone named, with roles, dates and units"),
            ("P", "one of the open article's people: their articles"),
            ("f", "figures of the current results, unit by unit"),
            ("d", "dates: from / to (2026-01, 15/1/2026, 1/2026…)"),
            ("D", "the months timeline: a month as the date filter"),
            ("x", "remove the newest filter (the chip on the right)"),
            ("w", "show or hide the ward list"),
            ("? / F1", "this help"),
            ("Ctrl+P", "commands: go to ward…, go to article by id…, toggle theme, reindex"),
            ("q / Ctrl+Q", "quit (in the ward list, where letters filter, use Ctrl+Q)"),
        ],
    ),
    (
        "Search bar",
        [
            ("typing", "search as you type; the article follows when you pause"),
            ("Enter", "search now and go to the results"),
            ("Up / Down", "walk the search history (kept between sessions)"),
            ("Esc", "leave the search bar"),
        ],
    ),
    (
        "Ward list",
        [
            ("letters, digits, space", "filter, accents optional: `tan son`, `tsh`"),
            ("Backspace / Esc", "shorten / clear the filter"),
            ("Up / Down, PgUp / PgDn", "move"),
            ("Home / End", "first / last ward"),
            ("Enter", "choose the ward: its articles, or the query within it"),
            (".", "show all 168 units (those without articles dimmed)"),
            ("#", "sort by number of articles or by name"),
        ],
    ),
    (
        "Results",
        [
            ("j / k, Up / Down", "move (the article view follows)"),
            ("g / G, Home / End", "first / last result"),
            ("PgUp / PgDn", "page"),
            ("Enter", "open the article"),
        ],
    ),
    (
        "Article",
        [
            ("j / k, Up / Down", "scroll a line"),
            ("Space / b, PgDn / PgUp", "page down / up"),
            ("g / G, Home / End", "top / bottom"),
        ],
    ),
    (
        "Dates dialog (d)",
        [
            ("typing", "2026, 2026-01, 2026-01-15, 15/1/2026, 1-2026 or 1/2026; empty: open"),
            ("Tab / Up / Down", "the other field"),
            ("Enter", "apply both (a field that does not read says why)"),
            ("Esc", "cancel"),
        ],
    ),
    (
        "Timeline (D)",
        [
            ("Left / Right (h / l), Home / End", "pick a month"),
            ("Enter, or a click on a bar", "only that month's results"),
            ("x / Backspace", "every date again"),
            ("Esc", "back to the results"),
        ],
    ),
    (
        "Filter chips (Tab to them, or a click)",
        [
            ("Left / Right (h / l)", "pick a chip"),
            ("Delete / Backspace / x / Enter", "remove that filter (a click on a chip does too)"),
            ("Esc", "back to the results"),
        ],
    ),
    (
        "People (p)",
        [
            ("typing", "filter by name, accents optional (other spellings too)"),
            ("Up / Down, PgUp / PgDn", "move"),
            ("Enter", "their articles, newest first, the person marked"),
        ],
    ),
    (
        "Figures (f)",
        [
            ("Up / Down, Enter", "what is counted: its table by unit"),
            ("v / u / t", "sort by value, unit or date (again: reverse)"),
            ("Enter (in the table)", "open the article at that figure"),
            ("Tab", "between the groups and the table"),
        ],
    ),
    (
        "Dialogs",
        [("Esc", "close the help, people, figures, the command palette or a message")],
    ),
]
