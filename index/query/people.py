"""People across the corpus, from what the index saved of them (``storage.facts``).

Nothing here reads a stored article: a person's roles and wards come from one indexed lookup
in the generation's facts table, and the people list from its one-row-per-person summary, so
they cost the same at 100,000 articles as at 100.

One person, several spellings: two names are taken for one person when they are the same name
in old and new tone placement ("Hoà"/"Hòa"), or one is the other with middle names left out
("Nguyễn Thành Long"/"Nguyễn Long": same family name, same given name, the shorter's words in
the longer's, in order), **and** the two share a role (accents and case aside) **and** a ward.
A name alone never merges two people: two "Nguyễn Văn Hùng" in different wards stay two.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import groupby
from pathlib import Path

from phuong_reader.index.lang.vietnamese import exact_form, fold, normalize_tones, sort_key
from phuong_reader.index.model import DatedRole, PersonSummary
from phuong_reader.index.storage.facts import (
    PersonRow,
    every_person,
    every_row,
    latest_roles,
    person_row,
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
        roles.sort(key=_latest_first, reverse=True)
    return history


def people(generation: Path, ward_keys: Sequence[str] | None = None) -> list[PersonSummary]:
    """Everyone named (in articles about ``ward_keys`` when given), most articles first, each
    with their roles (each once, with its latest date, latest first)."""
    if ward_keys is None:
        rows: Iterable[PersonRow] = every_person(generation)
    else:
        found = sorted(every_row(generation, ward_keys))
        rows = [person_row(list(g)) for _, g in groupby(found, key=lambda row: row[0])]
    summaries = merge_variants([_summary(row) for row in rows])
    return sorted(summaries, key=lambda p: (-len(p.articles), sort_key(p.name)))


def _summary(row: PersonRow) -> PersonSummary:
    name, _, history_json, wards_json, ids_json = row
    history = [
        DatedRole(role, date or None, article) for role, date, article in json.loads(history_json)
    ]
    return PersonSummary(
        name, [r.role for r in history], json.loads(wards_json), json.loads(ids_json), history
    )


def merge_variants(found: list[PersonSummary]) -> list[PersonSummary]:
    """Merge the spellings of one person (see the module's rule); the name kept is the fullest,
    then the most written."""
    by_ends: dict[tuple[str, str], list[PersonSummary]] = {}
    for person in found:
        words = exact_form(person.name).split()
        by_ends.setdefault((words[0], words[-1]) if words else ("", ""), []).append(person)
    out: list[PersonSummary] = []
    for group in by_ends.values():
        if len(group) == 1:
            out += group
            continue
        # The fullest name first, then the most written, then the new tone placement.
        group.sort(
            key=lambda p: (
                -len(p.name.split()),
                -len(p.articles),
                p.name != normalize_tones(p.name),
                sort_key(p.name),
            )
        )
        kept: list[PersonSummary] = []
        for person in group:
            for i, other in enumerate(kept):
                if same_person(other, person):
                    kept[i] = _merged(other, person)
                    break
            else:
                kept.append(person)
        out += kept
    return out


def same_person(a: PersonSummary, b: PersonSummary) -> bool:
    """Whether ``a`` and ``b`` are spellings of one person: names that agree, a shared role
    and a shared ward."""
    if not _names_agree(a.name, b.name):
        return False
    roles_a = {fold(r) for r in a.roles}
    return bool(roles_a & {fold(r) for r in b.roles}) and bool(set(a.wards) & set(b.wards))


def _names_agree(a: str, b: str) -> bool:
    long, short = sorted((exact_form(a).split(), exact_form(b).split()), key=len, reverse=True)
    if not short or long[0] != short[0] or long[-1] != short[-1]:
        return False
    rest = iter(long[1:-1])
    return all(word in rest for word in short[1:-1])  # in order: `in` consumes the iterator


def _merged(a: PersonSummary, b: PersonSummary) -> PersonSummary:
    latest: dict[str, DatedRole] = {}
    for role in sorted([*a.history, *b.history], key=_latest_first):
        latest[fold(role.role)] = role  # the latest of a role's spellings wins
    history = sorted(latest.values(), key=_latest_first, reverse=True)
    return PersonSummary(
        a.name,
        [r.role for r in history],
        list(dict.fromkeys([*a.wards, *b.wards])),
        sorted({*a.articles, *b.articles}),
        history,
        [*a.aliases, b.name, *b.aliases],
    )


def _latest_first(role: DatedRole) -> tuple[str, str]:
    """Sort key, with ``reverse=True``: the latest date first, undated last."""
    return (role.date or "", role.article)
