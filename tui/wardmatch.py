"""Accent-insensitive ward filtering as a person types: ``tan son``, ``tsh`` or ``son hoa``."""

from __future__ import annotations

from phuong_reader.index import ward_key


def ward_matches(name: str, typed: str) -> bool:
    """True when ``typed`` finds ``name``: a folded substring, the initials, or word prefixes.

    ``tsh`` → Tân Sơn Hòa (initials), ``tan son`` / ``son hoa`` → substrings, ``t s h`` and
    ``ta so`` → each typed word starts a word of the name, in order.
    """
    query = ward_key(typed)
    if not query:
        return True
    key = ward_key(name)
    if query in key:
        return True
    words = key.split()
    if " " not in query and "".join(w[0] for w in words).startswith(query):
        return True
    return _prefixes_in_order(query.split(), words)


def _prefixes_in_order(parts: list[str], words: list[str]) -> bool:
    position = 0
    for part in parts:
        while position < len(words) and not words[position].startswith(part):
            position += 1
        if position == len(words):
            return False
        position += 1
    return True
