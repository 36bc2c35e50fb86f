"""People across the corpus, from what the index saved of them (``storage.facts``).

Nothing here reads a stored article: a person's roles come from one indexed lookup in the
generation's facts table, and the people list from its saved listing (spellings of one person
already merged at index time, ``storage.persons``), so they cost the same at 100,000 articles
as at 100.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from phuong_reader.index.lang.vietnamese import sort_key
from phuong_reader.index.model import DatedRole, PersonLine, PersonSummary
from phuong_reader.index.storage.facts import (
    every_row,
    latest_roles,
    listed_people,
    listed_person,
)
from phuong_reader.index.storage.persons import (
    latest_first,
    merge_variants,
    person_row,
    summary,
)


def role_history(generation: Path, names: Sequence[str]) -> dict[str, list[DatedRole]]:
    """Each of ``names``' roles over the corpus, each once, dated by the latest article giving
    it, latest first (the reader's people line: a career, not every mention)."""
    history: dict[str, list[DatedRole]] = {name: [] for name in names}
    if not history:
        return history
    for name, role, date, article in latest_roles(generation, list(history)):
        history[name].append(DatedRole(role, date or None, article))
    for roles in history.values():
        roles.sort(key=latest_first, reverse=True)
    return history


def people(generation: Path, ward_keys: Sequence[str] | None = None) -> list[PersonSummary]:
    """Everyone named (in articles about ``ward_keys`` when given), most articles first, each
    with their roles (each once, with its latest date, latest first)."""
    if ward_keys is None:
        return [_listed(row) for row in listed_people(generation)]
    found = sorted(every_row(generation, ward_keys))
    rows = [person_row(list(g)) for _, g in groupby(found, key=lambda row: row[0])]
    merged = merge_variants([summary(row) for row in rows])
    return sorted(merged, key=lambda p: (-len(p.articles), sort_key(p.name)))


def people_lines(generation: Path) -> list[PersonLine]:
    """The people list, one line each (name, other spellings, articles, latest role and its
    date), without their histories: what the reader lists."""
    return [
        # Most people have no other spelling: their "[]" is not parsed (a third of the time).
        PersonLine(name, json.loads(aliases) if aliases != "[]" else [], count, role, date or None)  # type: ignore[arg-type]
        for name, aliases, count, role, date in listed_people(generation, full=False)
    ]


def person(generation: Path, name: str) -> PersonSummary | None:
    """One person of the list, by the name it shows."""
    row = listed_person(generation, name)
    return _listed(row) if row is not None else None


def _listed(row: tuple[object, ...]) -> PersonSummary:
    name, aliases, _, _, _, history, wards, ids = row
    dated = [DatedRole(r, d or None, a) for r, d, a in json.loads(history)]  # type: ignore[arg-type]
    return PersonSummary(
        str(name),
        [r.role for r in dated],
        json.loads(wards),  # type: ignore[arg-type]
        json.loads(ids),  # type: ignore[arg-type]
        dated,
        json.loads(aliases),  # type: ignore[arg-type]
    )
