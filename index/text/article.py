"""The real article format: blocks, the date marker and a display title (docs/article-format.md).

A file is: an optional `` date YYYY-MM-DD `` marker sharing its line with the lead, paragraphs
separated by blank lines, short caption lines without a final period, web leftovers (section
names, timestamps, hotline and "mobile version" banners, image labels and alt-text) and a byline
on the last line (in capitals, or a short name, or "Theo …"). Many pages open with a headline:
the unpunctuated line right before the lead. All offsets are into the article's NFC text.
"""

from __future__ import annotations

import re
from datetime import date

from phuong_reader.index.model import (
    BYLINE,
    CAPTION,
    HEADLINE,
    LEAD,
    NOISE,
    PARAGRAPH,
    Article,
    Block,
)

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
        r"^bạn có thể chuyển sang phiên bản\b",  # "… phiên bản mobile nhẹ hơn"
        r"^\d{1,3}\s+(?:phút|giờ|ngày)\s+trước$",  # "56 phút trước"
        r"^\(gmt[^)]*\)$|^\d{1,2}:\d{2}(?:\s*\(gmt[^)]*\))?$",
        r"\banh\s+\d{1,2}$",  # alt-text left by an image: "… khu phố 3 anh 1"
    )
]
_BYLINE_PREFIX = re.compile(r"^(?:Theo|Tin,? ảnh|Tin và ảnh|Bài,? ảnh|Bài và ảnh)\s*:?\s+")
_NAME_WORD = re.compile(r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]*\.?")
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
    """ "KHÁNH VY", "Minh Quân", "Theo Hồng Phúc", "Tin, ảnh: HOÀNG TRIỀU", "T.HUY - P.LAM"."""
    letters = [c for c in line if c.isalpha()]
    if not letters or len(line) > 60 or line[-1] == ".":
        return False
    if line == line.upper():
        return True
    name = _BYLINE_PREFIX.sub("", line)
    words = name.split()
    if name != line and name == name.upper():
        return 1 <= len(words) <= 6  # "Tin, ảnh: MINH NHẬT"
    return 2 <= len(words) <= 4 and all(_NAME_WORD.fullmatch(w) for w in words)


def author_of(byline: str | None) -> str | None:
    """The author a byline names: "Theo Hồng Phúc" → "Hồng Phúc"."""
    return _BYLINE_PREFIX.sub("", byline).strip() or None if byline else None


def _looks_like_caption(line: str) -> bool:
    return len(line) <= _MAX_CAPTION and not line.rstrip().endswith(_SENTENCE_END)


def _classify(text: str, spans: list[tuple[int, int]]) -> list[Block]:
    kinds: list[str] = []
    lines = [text[s:e] for s, e in spans]
    # The byline is the last line but web leftovers ("… phiên bản mobile …" under it).
    last = next((i for i in range(len(lines) - 1, 0, -1) if not _is_noise(lines[i])), 0)
    # The lead is the first sentence-like block. Before it: the headline (the last unpunctuated
    # line of some length), and web leftovers (section names, timestamps). Without any
    # sentence, the first block is the lead.
    first_sentence = next(
        (
            i
            for i, line in enumerate(lines[:last])
            if not _looks_like_caption(line) and not _is_noise(line)
        ),
        0,
    )
    headline = next(
        (i for i in range(first_sentence - 1, -1, -1) if _looks_like_headline(lines[i])), None
    )
    seen_lead = False
    for i, line in enumerate(lines):
        if _is_noise(line):
            kind = NOISE
        elif i == headline:
            kind = HEADLINE
        elif i == last and seen_lead and _is_byline(line):
            kind = BYLINE
        elif headline is not None and headline < i < first_sentence and _is_byline(line):
            kind = BYLINE  # at the top, under the headline: "Minh Khang", then the timestamp
        elif not seen_lead and i < first_sentence:
            kind = NOISE if len(line) < 60 else CAPTION
        elif not seen_lead:
            kind, seen_lead = LEAD, True
        elif _looks_like_caption(line):
            kind = CAPTION
        else:
            kind = PARAGRAPH
        kinds.append(kind)
    return [Block(kind, s, e) for kind, (s, e) in zip(kinds, spans, strict=True)]


def _looks_like_headline(line: str) -> bool:
    """A headline: a few words of a sentence without its final period, not a section name, a
    byline or a credit ("Cháy nhà phố trên đường Trần Hưng Đạo, 5 người được cứu")."""
    words = line.split()
    return (
        len(words) >= 4
        and 20 <= len(line) <= 200
        and line != line.upper()
        and not line.rstrip().endswith(_SENTENCE_END)
        and not _is_noise(line)
        and not _is_byline(line)
    )


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
