"""People across the corpus, from what the index saved of them (``storage.facts``).

Nothing here reads a stored article: a person's roles and wards come from one indexed lookup
in the generation's facts table, so the reader's people line costs the same at 100,000
articles as at 100.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from phuong_reader.index.lang.vietnamese import sort_key
from phuong_reader.index.model import DatedRole, PersonSummary
from phuong_reader.index.storage.facts import RoleRow, every_row, latest_roles


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
    with their roles dated by the articles that give them, latest first."""
    return summarise(every_row(generation, ward_keys))


def summarise(rows: list[RoleRow]) -> list[PersonSummary]:
    """One PersonSummary per name of ``rows``."""
    found: dict[str, tuple[list[DatedRole], dict[str, None], list[str]]] = {}
    for name, role, date, article, ward in rows:
        history, wards, articles = found.setdefault(name, ([], {}, []))
        if role:
            history.append(DatedRole(role, date or None, article))
        if ward:
            wards.setdefault(ward, None)
        articles.append(article)
    out = []
    for name, (history, wards, articles) in found.items():
        history.sort(key=_latest_first, reverse=True)
        roles = list(dict.fromkeys(r.role for r in history))
        out.append(PersonSummary(name, roles, list(wards), sorted(set(articles)), history))
    return sorted(out, key=lambda p: (-len(p.articles), sort_key(p.name)))


def _latest_first(role: DatedRole) -> tuple[str, str]:
    """Sort key, with ``reverse=True``: the latest date first, undated last."""
    return (role.date or "", role.article)
