"""Who is one person: each name's summary, and the spellings of one person merged, as the
facts table saves them for the people list (``storage.facts``).

A name's summary (``person_row``): each role once with the latest date (and its article) an
article gives it, latest first; its wards in order of first appearance; its article ids.

One person, several spellings (``merge_variants``): two names are taken for one person when
they are the same name in old and new tone placement ("Hoà"/"Hòa"), or one is the other with
middle names left out ("Nguyễn Thành Long"/"Nguyễn Long": same family name, same given name,
the shorter's words in the longer's, in order), **and** the two share a role (accents and case
aside) **and** a ward. A name alone never merges two people: two "Nguyễn Văn Hùng" in
different wards stay two. The name kept is the fullest, then the most written, then the one in
new tone placement. Only names with the same first and last word can merge, so a build merges
the groups of those (``ends_key``) its changes touched, and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import partial

from phuong_reader.index.lang.vietnamese import exact_form, fold, normalize_tones, sort_string
from phuong_reader.index.model import DatedRole, PersonSummary

# (name, role, date, article id, primary ward): one time an article names someone.
RoleRow = tuple[str, str, str, str, str]
# (name, articles, history JSON, wards JSON, article ids JSON): one name's summary.
PersonRow = tuple[str, int, str, str, str]
dump = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


def person_row(rows: Sequence[RoleRow]) -> PersonRow:
    """One name's summary from all its role rows."""
    return person_state(rows)[0]


def person_state(rows: Sequence[RoleRow]) -> tuple[PersonRow, str]:
    """``person_row``, and each ward's first (date, article) as JSON (in the wards' order):
    what ``merged_state`` needs to add rows to the summary without reading the old rows."""
    return merged_state(*no_state(rows[0][0]), rows)


def no_state(name: str) -> tuple[PersonRow, str]:
    """The summary and ward firsts of a name no article gives yet."""
    return (name, 0, "[]", "[]", "[]"), "[]"


def merged_state(
    row: PersonRow, firsts_json: str, added: Sequence[RoleRow]
) -> tuple[PersonRow, str]:
    """A name's summary (and ward firsts) with ``added``, rows of articles new to the index,
    exactly as ``person_state`` of all the rows gives it."""
    name, _, history_json, wards_json, ids_json = row
    latest = {role: (date, article) for role, date, article in json.loads(history_json)}
    saved_wards, saved_firsts = json.loads(wards_json), json.loads(firsts_json)
    firsts = {w: (d, a) for w, (d, a) in zip(saved_wards, saved_firsts, strict=True)}
    ids = set(json.loads(ids_json))
    for _, role, date, article, ward in added:
        seen = (date, article)
        if role and (role not in latest or seen > latest[role]):
            latest[role] = seen
        if ward and (ward not in firsts or seen < firsts[ward]):
            firsts[ward] = seen
        ids.add(article)
    return _state(name, latest, firsts, ids)


Seen = tuple[str, str]  # (date, article id): when a role or a ward was seen


def removed_state(
    row: PersonRow,
    firsts_json: str,
    removed: set[str],
    latest_of: Callable[[str], Seen | None],
    first_in: Callable[[str], Seen | None],
) -> tuple[PersonRow, str] | None:
    """A name's summary (and ward firsts) without the articles ``removed``, exactly as
    ``person_state`` of the rows left gives it; None when no article names it any more. Only a
    role whose latest article is removed, or a ward whose first one is, is looked up again in
    the rows left: ``latest_of(role)`` and ``first_in(ward)`` give its (date, article), None when
    no row is left. (Rows added since may be among them: adding them again changes nothing.)"""
    name, _, history_json, wards_json, ids_json = row
    ids = set(json.loads(ids_json)) - removed
    if not ids:
        return None
    latest: dict[str, Seen] = {}
    for role, date, article in json.loads(history_json):
        seen = (date, article) if article not in removed else latest_of(role)
        if seen is not None:
            latest[role] = seen
    firsts: dict[str, Seen] = {}
    for ward, (date, article) in zip(json.loads(wards_json), json.loads(firsts_json), strict=True):
        seen = (date, article) if article not in removed else first_in(ward)
        if seen is not None:
            firsts[ward] = seen
    return _state(name, latest, firsts, ids)


def _state(
    name: str, latest: dict[str, Seen], firsts: dict[str, Seen], ids: set[str]
) -> tuple[PersonRow, str]:
    # Latest first; a role's ties (one article giving two roles) in reverse alphabetical order.
    history = sorted(((r, d, a) for r, (d, a) in latest.items()), key=lambda h: (h[1], h[2], h[0]))
    wards = sorted(firsts, key=lambda w: (firsts[w], w))  # by first appearance
    summary_row = (name, len(ids), dump(history[::-1]), dump(wards), dump(sorted(ids)))
    return summary_row, dump([firsts[w] for w in wards])


def summary(row: PersonRow, aliases: Sequence[str] = ()) -> PersonSummary:
    """The PersonSummary of a saved row."""
    name, _, history_json, wards_json, ids_json = row
    history = [DatedRole(r, d or None, a) for r, d, a in json.loads(history_json)]
    roles = [r.role for r in history]
    return PersonSummary(
        name, roles, json.loads(wards_json), json.loads(ids_json), history, list(aliases)
    )


def listing_row(
    person: PersonSummary, sort_of: Callable[[str], str] = sort_string
) -> tuple[object, ...]:
    """The people list's row of a (merged) person: name, ends key, aliases, articles, latest
    role and date, sort string (``sort_of``: the name's ``sort_string``), then the history,
    wards and ids as JSON."""
    latest = person.latest
    history = [(r.role, r.date or "", r.article) for r in person.history]
    return (
        person.name,
        ends_key(person.name),
        dump(person.aliases),
        len(person.articles),
        latest.role if latest else "",
        (latest.date or "") if latest else "",
        sort_of(person.name),
        dump(history),
        dump(person.wards),
        dump(person.articles),
    )


def ends_key(name: str) -> str:
    """The first and last word (exact forms): only names sharing them can be one person."""
    words = exact_form(name).split()
    return f"{words[0]} {words[-1]}" if words else ""


def merge_variants(
    found: list[PersonSummary], sort_of: Callable[[str], str] = sort_string
) -> list[PersonSummary]:
    """Merge the spellings of one person (see the module's rule); ``sort_of``: a name's
    ``sort_string`` (an update passes the ones it has saved)."""
    groups: dict[str, list[PersonSummary]] = {}
    for person in found:
        groups.setdefault(ends_key(person.name), []).append(person)
    out: list[PersonSummary] = []
    for group in groups.values():
        out += group if len(group) == 1 else _merge_group(group, sort_of)
    return out


def _merge_group(group: list[PersonSummary], sort_of: Callable[[str], str]) -> list[PersonSummary]:
    # The fullest name first, then the most written, then the new tone placement.
    group.sort(
        key=lambda p: (
            -len(p.name.split()),
            -len(p.articles),
            p.name != normalize_tones(p.name),
            sort_of(p.name),
        )
    )
    kept: list[tuple[PersonSummary, _Marks]] = []
    for person in group:
        marks = _Marks(person)
        for i, (other, other_marks) in enumerate(kept):
            if other_marks.agree(marks):
                merged = _merged(other, person)
                kept[i] = (merged, _Marks(merged))
                break
        else:
            kept.append((person, marks))
    return [person for person, _ in kept]


class _Marks:
    """What ``same_person`` compares, computed once per person."""

    def __init__(self, person: PersonSummary) -> None:
        self.words = exact_form(person.name).split()
        self.roles = {fold(r).lower() for r in person.roles}
        self.wards = set(person.wards)

    def agree(self, other: _Marks) -> bool:
        """A shared role and a shared ward (cheap, first), and names that agree."""
        if not (self.roles & other.roles and self.wards & other.wards):
            return False
        return _names_agree(self.words, other.words)


def same_person(a: PersonSummary, b: PersonSummary) -> bool:
    """Whether ``a`` and ``b`` are spellings of one person (see the module's rule)."""
    return _Marks(a).agree(_Marks(b))


def _names_agree(a: list[str], b: list[str]) -> bool:
    long, short = (a, b) if len(a) >= len(b) else (b, a)
    if not short or long[0] != short[0] or long[-1] != short[-1]:
        return False
    rest = iter(long[1:-1])
    return all(word in rest for word in short[1:-1])  # in order: `in` consumes the iterator


def _merged(a: PersonSummary, b: PersonSummary) -> PersonSummary:
    latest: dict[str, DatedRole] = {}
    for role in sorted([*a.history, *b.history], key=latest_first):
        latest[fold(role.role).lower()] = role  # the latest of a role's spellings wins
    history = sorted(latest.values(), key=latest_first, reverse=True)
    return PersonSummary(
        a.name,
        [r.role for r in history],
        list(dict.fromkeys([*a.wards, *b.wards])),
        sorted({*a.articles, *b.articles}),
        history,
        [*a.aliases, b.name, *b.aliases],
    )


def latest_first(role: DatedRole) -> tuple[str, str]:
    """Sort key, with ``reverse=True``: the latest date first, undated last."""
    return (role.date or "", role.article)
