"""The real article format: blocks, the date marker and a display title (docs/article-format.md).

A file is: an optional `` date YYYY-MM-DD `` marker sharing its line with the lead, paragraphs
separated by blank lines, short caption lines without a final period, web leftovers (section
names, hotline banners, image labels) and a byline in capitals on the last line. All offsets are
into the article's NFC text.
"""

from __future__ import annotations

import re
from datetime import date

from phuong_reader.index.model import BYLINE, CAPTION, LEAD, NOISE, PARAGRAPH, Article, Block

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


def split_article(text: str, article_id: str, path: str = "") -> Article:
    """The blocks of NFC ``text`` in the real format (never raises on odd input); the entities
    layer fills in the wards, title and extraction (``entities.parse_article``)."""
    article_date, body_start = _date_marker(text)
    blocks = _classify(text, _paragraph_spans(text, body_start))
    return Article(article_id, path, text, article_date, blocks)


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
