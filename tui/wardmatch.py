"""Accent-insensitive ward filtering as a person types: ``tan son``, ``tsh`` or ``son hoa``.

Folding a name (``ward_key``) is the costly step, and a ward list or the Go to ward… palette
asks about every ward on every key: each name, and each former unit's, is folded once per
process (``name_keys``), and what was typed once per key (``typed_key``). ``matches`` and
``former_of`` then only compare folded strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from phuong_reader.index import load_gazetteer, ward_key

MIN_FORMER_QUERY = 3  # letters typed before former names are searched too ("t" is not "Tân …")


@dataclass(frozen=True)
class NameKey:
    """A name folded once: the whole, its words and their initials."""

    key: str
    words: tuple[str, ...]
    initials: str

    @classmethod
    def of(cls, name: str) -> NameKey:
        key = ward_key(name)
        words = tuple(key.split())
        return cls(key, words, "".join(w[0] for w in words))


@dataclass(frozen=True)
class FormerKey:
    """A former unit of a ward, folded once: its name, and its name with its district."""

    name: str
    district: str
    alone: NameKey
    with_district: str


@dataclass(frozen=True)
class WardKeys:
    """Everything the filter compares for one of today's wards, folded once."""

    name: NameKey
    formers: tuple[FormerKey, ...]


@cache
def name_keys(name: str) -> WardKeys:
    """``name`` and its former units, folded (once per name and process)."""
    unit = load_gazetteer().by_name.get(name)
    formers = () if unit is None else unit.former
    return WardKeys(
        NameKey.of(name),
        tuple(
            FormerKey(
                old.name, old.district, NameKey.of(old.name), ward_key(f"{old.name} {old.district}")
            )
            for old in formers
            if old.name != name
        ),
    )


@lru_cache(maxsize=64)
def typed_key(typed: str) -> str:
    """What was typed, folded as names are: ``TÂN SƠN  HOÀ`` → ``tan son hoa``."""
    return ward_key(typed)


def matches(name: NameKey, query: str) -> bool:
    """True when the folded ``query`` finds ``name``: a substring, the initials, or word
    prefixes in order. ``tsh`` → Tân Sơn Hòa (initials), ``tan son`` / ``son hoa`` → substrings,
    ``t s h`` and ``ta so`` → each typed word starts a word of the name, in order."""
    if not query or query in name.key:
        return True
    if " " not in query and name.initials.startswith(query):
        return True
    return _prefixes_in_order(query.split(), name.words)


def former_of(ward: WardKeys, query: str) -> tuple[str, str] | None:
    """The former unit of ``ward`` that the folded ``query`` finds ("hiep phu", "phuong 10 quan
    6"), as (its name, its old district); None when none does."""
    if len(query.replace(" ", "")) < MIN_FORMER_QUERY:
        return None
    for old in ward.formers:
        # The old name as the ward filter reads names; with its district only written out
        # ("phuong 10 quan 6"): "hiep phu" must not find Hiệp Tân of quận Tân Phú.
        if matches(old.alone, query) or query in old.with_district:
            return old.name, old.district
    return None


def ward_matches(name: str, typed: str) -> bool:
    """True when ``typed`` finds ``name`` (see ``matches``)."""
    return matches(name_keys(name).name, typed_key(typed))


def former_match(name: str, typed: str) -> tuple[str, str] | None:
    """The former unit of today's ``name`` that ``typed`` finds (see ``former_of``)."""
    return former_of(name_keys(name), typed_key(typed))


def _prefixes_in_order(parts: list[str], words: tuple[str, ...]) -> bool:
    position = 0
    for part in parts:
        while position < len(words) and not words[position].startswith(part):
            position += 1
        if position == len(words):
            return False
        position += 1
    return True
