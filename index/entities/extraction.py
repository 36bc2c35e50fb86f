"""Run every extractor once over an article and merge the results into one record.

Extraction happens at index time; its output (spans, people, organisations, figures) is stored
in the index so that the reader renders it without re-parsing.
"""

from __future__ import annotations

import re
from datetime import date

from phuong_reader.index.entities.figures import FIGURE, find_numbers
from phuong_reader.index.entities.orgs import find_orgs
from phuong_reader.index.entities.people import find_people
from phuong_reader.index.entities.spans import SpanIndex
from phuong_reader.index.lang.vietnamese import exact_form
from phuong_reader.index.model import BODY_KINDS, Article, EntitySpan, Extraction

# "Ngày 15-1, …", "Sáng 30-1 …" opening the lead: the day the report is about.
_INFERRED_DATE_RE = re.compile(
    r"\s*(?:\([A-ZĐ.]{2,8}\)\s*[-–]?\s*)?"  # a dateline: "(PLO)- ", "(NLĐO) - "
    r"(?:Ngày|Sáng|Chiều|Tối|Trưa|Đêm|Rạng sáng)"
    r"(?:\s(?:ngày|nay|qua|mai))?\s(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})"
    r"(?:[-/.](?P<y>\d{4}))?(?!\d)"
)
# Years the article is set in: not the end of a range ("nhiệm kỳ 2025-2030") nor a target year.
_YEAR_RE = re.compile(r"(?<![\d–-])(?<!đến năm )(?<!tầm nhìn )(?:19|20)\d\d(?!\d)")
_TIMESTAMP_YEAR_RE = re.compile(r"\d{1,2}/\d{1,2}/((?:19|20)\d\d)")
_TIMESTAMP_RE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?!\d)")
_YEAR_END_REVIEW = re.compile(r"tổng kết[^.]{0,80}?năm (?P<y>(?:19|20)\d\d)")


def extract(article: Article) -> Extraction:
    """People, organisations, figures and typed numbers of the article's body blocks."""
    text = article.text
    body = [(b.start, b.end) for b in article.blocks if b.kind in BODY_KINDS]

    inside = SpanIndex(body).covers

    wards = [(m.start, m.end) for m in article.ward_mentions if inside(m.start, m.end)]
    orgs = [o for o in find_orgs(text, wards) if inside(o.start, o.end)]
    blocked = wards + [(o.start, o.end) for o in orgs]
    people = [p for p in find_people(text, blocked) if inside(p.start, p.end)]
    numbers = [n for n in find_numbers(text) if inside(n.start, n.end)]

    result = Extraction()
    roles: dict[str, str] = {}
    for person in people:
        # The fullest form of the office the article gives ("Bí thư Đảng ủy đặc khu Côn Đảo"
        # over "Bí thư Đảng ủy đặc khu" in the election sentence).
        if person.name not in roles or len(person.role) > len(roles[person.name]):
            roles[person.name] = person.role
    result.persons = list(roles.items())
    first_spelling: dict[str, str] = {}  # "Uỷ ban …" and "Ủy ban …" are one organisation
    for org in orgs:
        first_spelling.setdefault(exact_form(org.name), org.name)
    result.orgs = list(first_spelling.values())
    result.figures = list(dict.fromkeys(n.text for n in numbers if n.kind == FIGURE))
    spans = [EntitySpan(s, e, "ward", text[s:e]) for s, e in wards]
    spans += [EntitySpan(o.start, o.end, "org", o.name) for o in orgs]
    spans += [EntitySpan(p.start, p.end, "person", text[p.start : p.end]) for p in people]
    spans += [EntitySpan(n.start, n.end, n.kind, n.text) for n in numbers if n.kind != "number"]
    result.spans = sorted(spans, key=lambda s: (s.start, -s.end))
    if article.date is None:
        lead_blocks = [text[s:e] for s, e in body[:2]]
        noise = " ".join(text[b.start : b.end] for b in article.blocks if b.kind == "noise")
        result.date_inferred = infer_date(lead_blocks, text, noise)
    return result


def infer_date(lead_blocks: list[str], text: str, noise: str = "") -> date | None:
    """The date a lead opens with ("Ngày 15-1, …"): its year is written, or is the year of the
    page's timestamp, or the latest year the article is set in (the next one when a January-
    February report reviews that year); None when the year cannot be told."""
    for block in lead_blocks:
        match = _INFERRED_DATE_RE.match(block)
        if not match:
            continue
        day, month = int(match.group("d")), int(match.group("m"))
        stamp = _TIMESTAMP_YEAR_RE.search(noise)
        if match.group("y"):
            year = int(match.group("y"))
        elif stamp:
            year = int(stamp.group(1))
        else:
            year = max((int(y) for y in _YEAR_RE.findall(text)), default=0)
            review = _YEAR_END_REVIEW.search(text)
            if year and month <= 2 and review and int(review.group("y")) == year:
                year += 1  # "Sáng 30-1, … tổng kết năm 2025" happened in 2026
        try:
            return date(year, month, day) if year else None
        except ValueError:
            return None
    stamp = _TIMESTAMP_RE.search(noise)  # the page's own date: "Thứ hai, 9/3/2026 17:01"
    if stamp:
        try:
            return date(int(stamp.group(3)), int(stamp.group(2)), int(stamp.group(1)))
        except ValueError:
            return None
    return None
