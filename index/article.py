"""The article model and the parser for the real format (see README, "Article format").

A file is: an optional `` date YYYY-MM-DD `` marker sharing its line with the lead, paragraphs
separated by blank lines, short caption lines without a final period, web leftovers (section
names, hotline banners, image labels) and a byline in capitals on the last line. All offsets are
into the article's NFC text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from index.extraction import Extraction, extract
from index.wards import WardMention, current_wards, find_ward_mentions, primary_ward

LEAD, PARAGRAPH, CAPTION, NOISE, BYLINE = "lead", "paragraph", "caption", "noise", "byline"

_DATE_MARKER = re.compile(r"\A\s?date (\d{4})-(\d{2})-(\d{2}) ")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", '"', "”")
_NOISE_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^-?\s*ảnh\s*\d+\s*\.?$",  # "- Ảnh 1."
        r"^\S+\.(?:jpe?g|png|gif|webp)$",  # "IMG_5896.JPG"
        r"^(?:đường dây nóng|hotline)\b",  # hotline banner
        r"^(?:thứ\s+\w+|chủ nhật)\s*,?\s*\d{1,2}[/-]\d{1,2}[/-]\d{2,4}",  # "Thứ Năm, 15/01/2026"
        r"^\d{1,2}[/-]\d{1,2}[/-]\d{4}(?:\s*[-,]?\s*\d{1,2}:\d{2})?\s*(?:\(gmt[^)]*\))?$",
        r"^\S.{0,40}\s>\s.{1,60}$",  # breadcrumb "Chính trị > Xây dựng Đảng"
        r"^(?:ảnh|video|clip|nguồn)\s*:\s*\S.{0,40}$",  # a credit line alone
    )
]
_MAX_CAPTION = 220
_MIN_TITLE, _MAX_TITLE = 25, 90


@dataclass(frozen=True)
class Block:
    """A paragraph-level piece of the article: its kind and where it sits in the text."""

    kind: str
    start: int
    end: int


@dataclass
class Article:
    """One parsed article; ``text`` is NFC and every offset refers to it."""

    id: str
    path: str
    text: str
    date: date | None
    blocks: list[Block]
    ward_mentions: list[WardMention] = field(default_factory=list)
    primary_ward: str | None = None
    title: str = ""
    extraction: Extraction = field(default_factory=Extraction)

    def _of(self, kind: str) -> list[str]:
        return [self.text[b.start : b.end] for b in self.blocks if b.kind == kind]

    @property
    def lead(self) -> str:
        leads = self._of(LEAD)
        return leads[0] if leads else ""

    @property
    def paragraphs(self) -> list[str]:
        return self._of(PARAGRAPH)

    @property
    def captions(self) -> list[str]:
        return self._of(CAPTION)

    @property
    def noise(self) -> list[str]:
        return self._of(NOISE)

    @property
    def byline(self) -> str | None:
        bylines = self._of(BYLINE)
        return bylines[0] if bylines else None

    @property
    def wards(self) -> list[str]:
        """Current wards the article names, in order of first mention."""
        return current_wards(self.ward_mentions)

    def body_text(self) -> str:
        """What is searched: lead, paragraphs and captions, without noise or byline."""
        return "\n\n".join(
            self.text[b.start : b.end] for b in self.blocks if b.kind in (LEAD, PARAGRAPH, CAPTION)
        )


def parse_article(text: str, article_id: str, path: str = "") -> Article:
    """Parse NFC ``text`` in the real format into an Article (never raises on odd input)."""
    article_date, body_start = _date_marker(text)
    spans = _paragraph_spans(text, body_start)
    blocks = _classify(text, spans)
    article = Article(article_id, path, text, article_date, blocks)
    article.ward_mentions = find_ward_mentions(text)
    lead = next((b for b in blocks if b.kind == LEAD), None)
    captions = [(b.start, b.end) for b in blocks if b.kind == CAPTION]
    article.primary_ward = primary_ward(article.ward_mentions, lead.end if lead else 0, captions)
    article.title = derive_title(article.lead, article.primary_ward) or article_id
    article.extraction = extract(article)
    return article


def _date_marker(text: str) -> tuple[date | None, int]:
    match = _DATE_MARKER.match(text)
    if not match:
        return None, 0
    try:
        return date(*(int(g) for g in match.groups())), match.end()
    except ValueError:  # "date 2026-13-40": not a date; keep the marker out of the lead anyway
        return None, match.end()


def _paragraph_spans(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line, trimmed; lines are the format's paragraphs."""
    spans = []
    for match in re.finditer(r"[^\n]+", text[start:]):
        line = match.group()
        stripped = line.strip()
        if stripped:
            left = start + match.start() + (len(line) - len(line.lstrip()))
            spans.append((left, left + len(stripped)))
    return spans


def _is_noise(line: str) -> bool:
    return any(p.search(line) for p in _NOISE_PATTERNS)


def _is_byline(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and len(line) <= 60 and line == line.upper() and line[-1] != "."


def _looks_like_caption(line: str) -> bool:
    return len(line) <= _MAX_CAPTION and not line.rstrip().endswith(_SENTENCE_END)


def _classify(text: str, spans: list[tuple[int, int]]) -> list[Block]:
    kinds: list[str] = []
    lines = [text[s:e] for s, e in spans]
    last = len(lines) - 1
    # The lead is the first sentence-like block; short unpunctuated lines before it are web
    # leftovers (section names). Without any sentence, the first block is the lead.
    first_sentence = next(
        (i for i, line in enumerate(lines[:last]) if not _looks_like_caption(line)), 0
    )
    seen_lead = False
    for i, line in enumerate(lines):
        if _is_noise(line):
            kind = NOISE
        elif i == last and seen_lead and _is_byline(line):
            kind = BYLINE
        elif not seen_lead:
            kind = NOISE if i < first_sentence and len(line) < 60 else LEAD
            seen_lead = kind == LEAD
        elif _looks_like_caption(line):
            kind = CAPTION
        else:
            kind = PARAGRAPH
        kinds.append(kind)
    return [Block(kind, s, e) for kind, (s, e) in zip(kinds, spans, strict=True)]


def derive_title(lead: str, ward: str | None) -> str:
    """A display title: the ward, then the lead's first clause (articles have no headline)."""
    clauses = re.split(r"(?<=[^\d\s])([,;:.!?](?=\s)|\s[–-]\s)", lead)
    clause = clauses[0]
    for i in range(1, len(clauses) - 1, 2):  # too short to say anything ("Năm qua"): go on
        if len(clause) >= _MIN_TITLE:
            break
        clause += clauses[i] + clauses[i + 1]
    clause = clause.strip()
    if len(clause) > _MAX_TITLE:
        clause = clause[:_MAX_TITLE].rsplit(" ", 1)[0] + "…"
    if ward and clause:
        return f"{ward}: {clause}"
    return clause
