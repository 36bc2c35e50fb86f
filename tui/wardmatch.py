"""Accent-insensitive ward filtering as a person types: ``tan son``, ``tsh`` or ``son hoa``."""

from __future__ import annotations

from functools import cache

from phuong_reader.index import load_gazetteer, ward_key

MIN_FORMER_QUERY = 3  # letters typed before former names are searched too ("t" is not "Tân …")


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


def former_match(name: str, typed: str) -> tuple[str, str] | None:
    """The former unit of today's ``name`` that ``typed`` finds ("hiep phu", "phuong 10 quan 6"),
    as (its name, its old district); None when none does."""
    if len(ward_key(typed).replace(" ", "")) < MIN_FORMER_QUERY:
        return None
    for old, district in _formers(name):
        # The old name as the ward filter reads names; with its district only written out
        # ("phuong 10 quan 6"): "hiep phu" must not find Hiệp Tân of quận Tân Phú.
        if ward_matches(old, typed) or ward_key(typed) in ward_key(f"{old} {district}"):
            return old, district
    return None


@cache
def _formers(name: str) -> tuple[tuple[str, str], ...]:
    unit = load_gazetteer().by_name.get(name)
    if unit is None:
        return ()
    return tuple((old.name, old.district) for old in unit.former if old.name != name)
