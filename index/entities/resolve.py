"""A unit name as a reader types it, today's or former, resolved to today's units.

Since 1 July 2025 every reader still knows their old ward: "Hiệp Phú", "phường 10 quận 6",
"Linh Trung Thủ Đức", "thị trấn Cần Thạnh", "huyện Hóc Môn". A current unit's name wins; else a
former unit's (its old district or town may follow, and picks one of several units that shared
the name); else a former district's, which means every unit made from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from phuong_reader.index.entities.gazetteer import (
    FormerUnit,
    Gazetteer,
    Unit,
    load_gazetteer,
    ward_key,
)
from phuong_reader.index.lang.vietnamese import exact_form, folded_form, normalize_tones

_TYPE_RE = re.compile(
    r"^(?:(?:phường|xã|đặc khu|thị trấn)\s+|(?:p|tt)\.?\s*(?=\d)|(?:p|tt)\.\s*)", re.IGNORECASE
)
# On folded text: "quận 6", "Q.6", "huyện Củ Chi", "Thành phố Thủ Đức", "TP Thủ Đức".
_DISTRICT_TYPE_RE = re.compile(r"^(?:quan|huyen|thanh pho|thi xa|tp\.?|q\.?|h\.)\s*")
_KIND_OF = {"phường": "phường", "p": "phường", "xã": "xã", "thị trấn": "thị trấn", "tt": "thị trấn"}
_KIND_OF["đặc khu"] = "đặc khu"


@dataclass(frozen=True)
class UnitMatch:
    """What a typed name means: today's ``units``, and the ``former`` units (each with the
    unit it went into) when it is an old name; ``district`` when it named a former district."""

    typed: str
    units: tuple[Unit, ...]
    former: tuple[tuple[FormerUnit, Unit], ...] = ()
    district: str = ""

    @property
    def note(self) -> str:
        """What the reader is told ("Hiệp Phú → now part of Tăng Nhơn Phú"); "" for a current
        unit's own name."""
        if self.district:
            names = ", ".join(u.name for u in self.units)
            return f"{self.district} (former) → now {len(self.units)} units: {names}"
        if not self.former:
            return ""
        if len(self.former) == 1:
            old, unit = self.former[0]
            return f"{old.name} ({old.district}) → now part of {unit.name}"
        parts = "; ".join(f"{old.district} → {unit.name}" for old, unit in self.former)
        return f"{self.former[0][0].name} was {len(self.former)} former units: {parts}"


def resolve_unit(typed: str, gazetteer: Gazetteer | None = None) -> UnitMatch | None:
    """Today's unit(s) that ``typed`` names, or None. Accents are optional; when given, only a
    name spelt that way matches (as ``Gazetteer.find``)."""
    gaz = gazetteer or load_gazetteer()
    clean = " ".join(normalize_tones(typed).split())
    typed_kind = _TYPE_RE.match(clean)
    kind = _KIND_OF.get(typed_kind.group().strip().lower().rstrip("."), "") if typed_kind else ""
    rest = clean[typed_kind.end() :] if typed_kind else clean
    if not rest:
        return None
    if kind != "thị trấn":
        current = gaz.find(rest)
        if current:
            return UnitMatch(typed, tuple(current))
    words = rest.split()
    for n in range(len(words), 0, -1):
        name, district = " ".join(words[:n]), " ".join(words[n:])
        found = _former(gaz, name, kind)
        if district:
            found = [(old, unit) for old, unit in found if _in_district(old.district, district)]
        if found:
            units = tuple(dict.fromkeys(unit for _, unit in found))
            return UnitMatch(typed, units, tuple(found))
    return _district(gaz, typed, clean)


def _former(gaz: Gazetteer, name: str, kind: str) -> list[tuple[FormerUnit, Unit]]:
    """Former units called ``name`` (a number is "Phường 10"), of ``kind`` when one is given."""
    if name.isdigit():  # "phường 10": only with its type word (a bare 10 is a number)
        if not kind:
            return []
        name = f"Phường {name}"
    key, wanted = ward_key(name), exact_form(name)
    accented = wanted != folded_form(wanted)
    found = []
    for old, unit in _former_by_key(gaz).get(key, []):
        if kind and kind != "đặc khu" and old.kind != kind:
            continue
        if accented and exact_form(old.name) != wanted:
            continue
        found.append((old, unit))
    return found


@cache
def _former_by_key(gaz: Gazetteer) -> dict[str, list[tuple[FormerUnit, Unit]]]:
    index: dict[str, list[tuple[FormerUnit, Unit]]] = {}
    for unit in gaz.units:
        for old in unit.former:
            index.setdefault(ward_key(old.name), []).append((old, unit))
    return index


def _district_key(name: str) -> str:
    return _DISTRICT_TYPE_RE.sub("", ward_key(name).replace(".", ". ")).replace(" ", "")


def _in_district(district: str, typed: str) -> bool:
    """ "quận 6" is "Quận 6", "Thủ Đức" is "Thành phố Thủ Đức", "Q6" too."""
    return _district_key(district) == _district_key(typed)


def _district(gaz: Gazetteer, typed: str, clean: str) -> UnitMatch | None:
    """A former district or town ("huyện Hóc Môn", "quận 6"): every unit made from it."""
    if not _DISTRICT_TYPE_RE.match(ward_key(clean)):
        return None  # a bare word is not taken for a district ("Thủ Đức" is a ward too)
    wanted = _district_key(clean)
    units: dict[Unit, None] = {}
    label = ""
    for unit in gaz.units:
        for old in unit.former:
            if _district_key(old.district) == wanted:
                units.setdefault(unit, None)
                label = old.district
    return UnitMatch(typed, tuple(units), district=label) if units else None
