"""What a figure says: its number, range or ratio, unit, qualifier and context.

``index.entities.figures`` finds figure spans ("24,661 tỷ đồng", "10-12 đảng viên", "32/33 nội
dung", "10,5%/năm", "800m²"); ``read_figure`` reads one of them back into a ``FigureValue``.

Numbers (``parse_number``) follow Vietnamese writing: "," is the decimal mark ("10,5" = 10.5,
"24,661" = 24.661) and "." groups thousands when every group after a leading group of 1-3 digits
has exactly three digits ("2.461" = 2461, "1.234.567" = 1234567, "1.234,5" = 1234.5). As a
tolerance for English-style writing, a single "." that does not group thousands is a decimal
point ("2.5" = 2.5, "0.500" = 0.5, "1234.567" = 1234.567), several commas that group thousands
do so ("1,234,567"), and "1,234.5" = 1234.5. A single comma is always decimal. Anything else
("1.2.3", "1,2,3", "12.", "abc") is not a number.

Spans: the number, then optionally "-", "–" or "—" and a second number (a range: ``high``) or
"/" and a second number (a ratio: ``of``), then the unit as written. Scale words at the start of
the unit multiply (nghìn/ngàn 1e3, triệu 1e6, tỷ/tỉ 1e9, trăm 100; "nghìn tỷ" = 1e12) ``value``
and ``high`` but never ``of``. ``counted`` is the unit lowercased (NFC, spaces collapsed) without
its scale words, with spelling variants unified per "/" part ("m2" → "m²", "km2" → "km²",
"héc-ta"/"hecta" → "ha", "VNĐ" → "đồng"): "1,2 triệu đồng/người/năm" counts "đồng/người/năm".
A span with a scale word and no noun ("đạt 5 tỷ") counts "".

Before the number, in the same clause, ``QUALIFIERS`` approximate or bound it; up to three stack
("lên đến hơn"), the longest phrase first ("gần như" before "gần"). Verbs of change ("tăng",
"giảm") are not qualifiers: they stay in ``context``, the last ``CONTEXT_WORDS`` words before the
qualifier, lowercased, stopping at the sentence start, at , ; : ( ) [ ] (a comma between digits
does not count) and at a dash between spaces. Quotes around words are dropped.

Sentences end after . ! ? … (and closing quotes or brackets) followed by whitespace, and at a
newline; a "." inside a number ("2.461") is followed by a digit and ends nothing, nor does one
after ``ABBREVIATIONS`` ("TP. Thủ Đức"). Bounds exclude surrounding whitespace and keep the end
punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from phuong_reader.index.model import Article

QUALIFIERS = frozenset(
    "hơn|gần|khoảng|trên|dưới|chừng|độ chừng|hàng|ước|tới|đến|gần như|ít nhất|tối thiểu|tối đa|"
    "xấp xỉ|ước tính|ước khoảng|trên dưới|có tới|có đến|lên tới|lên đến|không dưới|không quá|"
    "chưa tới|chưa đến|vào khoảng|tầm".split("|")
)
ABBREVIATIONS = frozenset("TP Tp Q P TX TT ThS TS PGS GS BS KS NXB".split())
SCALES = {"trăm": 100, "nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
UNIT_SPELLINGS = {
    "m2": "m²",
    "km2": "km²",
    "m3": "m³",
    "mét vuông": "m²",
    "mét khối": "m³",
    "héc-ta": "ha",
    "hécta": "ha",
    "héc ta": "ha",
    "hec-ta": "ha",
    "hecta": "ha",
    "vnđ": "đồng",
    "vnd": "đồng",
}
CONTEXT_WORDS = 10

_NUM = r"\d+(?:[.,]\d+)*"
_NUMBER_RE = re.compile(rf"[-−]?{_NUM}")
_DOT_GROUPS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_COMMA_GROUPS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")
_SPAN_RE = re.compile(
    rf"\s*(?P<num>{_NUM})(?:(?P<sep>\s*[-–—/]\s*)(?P<num2>{_NUM}))?(?:[-/]\d{{2,4}}(?!\d))?"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s)|\n")
_CLAUSE_STOP = re.compile(r"(?<!\d)[,;:]|[,;:](?!\d)|[()\[\]]|(?:^|\s)[-–—](?=\s|$)")
_QUOTES = "\"'“”‘’«»*"


@dataclass(frozen=True)
class FigureValue:
    value: float  # in the base unit: "24,661 tỷ đồng" → 24_661_000_000.0
    high: float | None  # upper end of a range: "10-12 đảng viên" → 12.0
    of: float | None  # the whole of a ratio: "32/33 nội dung" → 33.0
    qualifier: str  # "hơn", "gần như", … or ""
    counted: str  # what it counts, normalised, without scale words: "đồng", "hộ nghèo", "%/năm"
    unit: str  # the unit as written after the number(s): "tỷ đồng"
    context: str  # the words before the number (and qualifier) in its clause, lowercased
    sentence: tuple[int, int]  # offsets of the sentence holding the span


def parse_number(text: str) -> float | None:
    """The number written in ``text`` (Vietnamese conventions), or None when it is not one."""
    number = _decimal(text)
    return None if number is None else float(number)


def read_figure(text: str, start: int, end: int) -> FigureValue | None:
    """Read the figure span ``text[start:end]`` of the article ``text``; None when the span
    holds no number that parses."""
    if not 0 <= start < end <= len(text):
        return None
    span = text[start:end]
    match = _SPAN_RE.match(span)
    if not match:
        return None
    first = _decimal(match["num"])
    if first is None:
        return None
    second = _decimal(match["num2"]) if match["num2"] else None
    is_ratio = bool(match["sep"]) and "/" in match["sep"]
    unit = span[match.end() :].strip()
    scale, counted = _read_unit(unit)
    high = float(second * scale) if second is not None and not is_ratio else None
    of = float(second) if second is not None and is_ratio else None
    sentence = _sentence(text, start, end)
    qualifier, context = _read_before(text[sentence[0] : start])
    return FigureValue(float(first * scale), high, of, qualifier, counted, unit, context, sentence)


def _decimal(text: str) -> Decimal | None:
    text = text.strip()
    if not _NUMBER_RE.fullmatch(text):
        return None
    sign = "-" if text[0] in "-−" else ""
    text = text.lstrip("-−")
    if "," in text and "." in text:
        mark, group, groups = (",", ".", _DOT_GROUPS)
        if text.rfind(".") > text.rfind(","):  # "1,234.5", English style
            mark, group, groups = (".", ",", _COMMA_GROUPS)
        whole, _, fraction = text.rpartition(mark)
        if mark in whole or not groups.fullmatch(whole):
            return None
        digits = f"{whole.replace(group, '')}.{fraction}"
    elif "," in text:
        if text.count(",") == 1:
            digits = text.replace(",", ".")
        elif _COMMA_GROUPS.fullmatch(text):
            digits = text.replace(",", "")
        else:
            return None
    elif "." in text:
        if _DOT_GROUPS.fullmatch(text):
            digits = text.replace(".", "")
        elif text.count(".") == 1:
            digits = text
        else:
            return None
    else:
        digits = text
    return Decimal(sign + digits)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _read_unit(unit: str) -> tuple[int, str]:
    """(scale, counted) of a unit as written: "nghìn tỷ đồng/năm" → (10**12, "đồng/năm")."""
    head, *rates = _normal(unit).split("/")
    words = head.split()
    scale = 1
    while words and words[0] in SCALES:
        scale *= SCALES[words.pop(0)]
    parts = [" ".join(words), *(rate.strip() for rate in rates)]
    return scale, "/".join(UNIT_SPELLINGS.get(part, part) for part in parts)


def _read_before(before: str) -> tuple[str, str]:
    """(qualifier, context) from the sentence's text before a number."""
    clause = _CLAUSE_STOP.split(before)[-1]
    words = [w for w in (w.strip(_QUOTES) for w in _normal(clause).split()) if w]
    taken: list[str] = []
    for _ in range(3):
        size = next(
            (n for n in (3, 2, 1) if len(words) >= n and " ".join(words[-n:]) in QUALIFIERS), 0
        )
        if not size:
            break
        taken[:0] = words[-size:]
        del words[-size:]
    return " ".join(taken), " ".join(words[-CONTEXT_WORDS:])


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if match.group() == "\n" or not match.group().startswith("."):
        return True
    before = text[max(0, match.start() - 12) : match.start()]
    return not before or before[-1].isspace() or before.split()[-1] not in ABBREVIATIONS


@lru_cache(maxsize=4)
def _sentence_starts(text: str) -> list[int]:
    """Where a sentence may start: the end of every sentence end of ``text``, in order (found
    once per text; the figures of an article are read one after another)."""
    return [m.end() for m in _SENTENCE_END.finditer(text) if _ends_sentence(text, m)]


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding ``text[start:end]``, without surrounding whitespace."""
    starts = _sentence_starts(text)
    before = bisect_right(starts, start)  # the last sentence end that ends by ``start``
    first, last = starts[before - 1] if before else 0, len(text)
    # The end is scanned from ``end`` itself, not looked up: a sentence end that straddles
    # ``end`` is matched again from there; and the next sentence end is never far.
    for match in _SENTENCE_END.finditer(text, end):
        if _ends_sentence(text, match):
            last = match.start() if match.group() == "\n" else match.end()
            break
    while first < start and text[first].isspace():
        first += 1
    while last > end and text[last - 1].isspace():
        last -= 1
    return first, last


def figure_rows(article: Article) -> list[tuple[object, ...]]:
    """The article's figures as the facts table stores them (``storage.facts``): (start, end,
    text, value, high, of, qualifier, counted, unit, context, sentence start, sentence end),
    in text order; a figure whose number cannot be read, or that counts nothing named ("đạt 5
    tỷ"), is left out."""
    rows: list[tuple[object, ...]] = []
    for span in article.extraction.spans:
        if span.kind != "figure":
            continue
        found = read_figure(article.text, span.start, span.end)
        if found is None or not found.counted:
            continue
        text = article.text[span.start : span.end]
        value = (found.value, found.high, found.of, found.qualifier)
        rows.append(
            (
                span.start,
                span.end,
                text,
                *value,
                found.counted,
                found.unit,
                found.context,
                *found.sentence,
            )
        )
    return rows
