"""Run every extractor once over an article and merge the results into one record.

Extraction happens at index time; its output (spans, people, organisations, figures) is stored
in the index so that the reader renders it without re-parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from index.figures import FIGURE, YEAR, find_numbers
from index.orgs import find_orgs
from index.people import find_people

if TYPE_CHECKING:
    from index.article import Article

BODY_KINDS = ("lead", "paragraph", "caption")
_INFERRED_DATE_RE = re.compile(
    r"(?:^|[\s,(])(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Rr]ạng sáng)"
    r"(?:\s(?:ngày|nay|qua|mai))?\s(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})(?:[-/.](?P<y>\d{4}))?(?!\d)"
)


@dataclass(frozen=True)
class EntitySpan:
    """A highlighted entity: offsets into the article's NFC text."""

    start: int
    end: int
    kind: str
    text: str


@dataclass
class Extraction:
    """Everything extracted from one article, each list de-duplicated in order of appearance."""

    persons: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    orgs: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    spans: list[EntitySpan] = field(default_factory=list)
    date_inferred: date | None = None


def extract(article: Article) -> Extraction:
    """People, organisations, figures and typed numbers of the article's body blocks."""
    text = article.text
    body = [(b.start, b.end) for b in article.blocks if b.kind in BODY_KINDS]

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in body)

    wards = [(m.start, m.end) for m in article.ward_mentions if inside(m.start, m.end)]
    orgs = [o for o in find_orgs(text, wards) if inside(o.start, o.end)]
    blocked = wards + [(o.start, o.end) for o in orgs]
    people = [p for p in find_people(text, blocked) if inside(p.start, p.end)]
    numbers = [n for n in find_numbers(text) if inside(n.start, n.end)]

    result = Extraction()
    roles: dict[str, str] = {}
    for person in people:
        if person.name not in roles or (person.role and not roles[person.name]):
            roles[person.name] = person.role
    result.persons = list(roles.items())
    result.orgs = list(dict.fromkeys(o.name for o in orgs))
    result.figures = list(dict.fromkeys(n.text for n in numbers if n.kind == FIGURE))
    spans = [EntitySpan(s, e, "ward", text[s:e]) for s, e in wards]
    spans += [EntitySpan(o.start, o.end, "org", o.name) for o in orgs]
    spans += [EntitySpan(p.start, p.end, "person", text[p.start : p.end]) for p in people]
    spans += [EntitySpan(n.start, n.end, n.kind, n.text) for n in numbers if n.kind != "number"]
    result.spans = sorted(spans, key=lambda s: (s.start, -s.end))
    if article.date is None:
        lead_blocks = [text[s:e] for s, e in body[:2]]
        years = [int(n.text[:4]) for n in numbers if n.kind == YEAR]
        result.date_inferred = infer_date(lead_blocks, years)
    return result


def infer_date(lead_blocks: list[str], years: list[int]) -> date | None:
    """The date a lead gives as "Ngày 15-1"/"Sáng 30-1": the year is written, or the latest
    year the article mentions; None when the year cannot be told."""
    for block in lead_blocks:
        match = _INFERRED_DATE_RE.search(block)
        if not match:
            continue
        year = int(match.group("y")) if match.group("y") else max(years, default=0)
        try:
            return date(year, int(match.group("m")), int(match.group("d"))) if year else None
        except ValueError:
            return None
    return None


def to_record(article: Article) -> dict[str, object]:
    """The ``phuong extract --json`` record of one article (documented in the README)."""
    found = article.extraction
    current: dict[str, str] = {}
    former: dict[str, None] = {}
    for mention in article.ward_mentions:
        if mention.former:
            former.setdefault(mention.text, None)
        elif mention.ward:
            current.setdefault(mention.ward, mention.text)
    return {
        "id": article.id,
        "date": article.date.isoformat() if article.date else None,
        "date_inferred": found.date_inferred.isoformat() if found.date_inferred else None,
        "primary_ward": article.primary_ward,
        "wards": list(current.values()),
        "former_wards": list(former),
        "persons": [{"name": name, "role": role} for name, role in found.persons],
        "orgs": found.orgs,
        "figures": found.figures,
        "author": article.byline,
        "spans": [
            {"start": s.start, "end": s.end, "kind": s.kind, "text": s.text} for s in found.spans
        ],
    }
