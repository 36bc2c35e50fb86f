"""Numbers in Vietnamese reports, typed by what they are.

A *figure* counts something and keeps its unit as written ("33 tập thể", "24,661 tỷ đồng",
"98%", "800m²", "32/33 nội dung", "10-12 đảng viên"). Other numbers are typed apart so the reader
can highlight them without counting them: years, dates ("15-1", "Sáng 16.8", "3-2-1930"),
durations ("5 năm"), anniversaries and badge grades ("96 năm Ngày thành lập Đảng", "Huy hiệu 80
năm tuổi Đảng"), ordinals and identifiers ("lần thứ I", "khu phố 12"), codes ("68-NQ/TW") and
phone numbers. Words before a number ("hơn", "gần") are never part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from phuong_reader.index.entities.spans import SpanIndex
from phuong_reader.index.entities.units import MEASURE_RE, per_end, unit_end
from phuong_reader.index.model import NUMBER_KINDS

FIGURE, YEAR, DATE, DURATION, ANNIVERSARY, ORDINAL, CODE, PHONE = NUMBER_KINDS


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    kind: str
    text: str


_TIME_UNITS = r"năm|tháng|tuần|ngày|giờ|phút|giây|thế kỷ|thập kỷ|quý"
_DAY_WORDS = r"ngày|sáng|chiều|tối|trưa|đêm|rạng sáng|hôm"
# Before a number, these make it an identifier ("khu phố 12"), even when a noun follows
# ("tổ dân phố 5 khu phố 3"); the weak ones only when no known unit follows ("nâng cấp 63 tuyến
# hẻm" is a figure, "tuyến 12" is not).
_ID_WORDS = (
    r"khu phố|tổ dân phố|tổ|ấp|số|thứ|khóa|khoá|lần thứ|phường|quận|huyện|hẻm|lô|tầng|block|"
    r"kỳ họp thứ|khoản|quốc lộ|tỉnh lộ|hương lộ|xe buýt|lớp|mùng|metro số"
)
_WEAK_ID_WORDS = r"điều|phòng|đường|tuyến|mức|hạng|cấp|cấp độ|loại|báo động|giai đoạn|đợt|kỳ họp"

_NUM = r"\d+(?:[.,]\d+)*"
_ZERO_RE = re.compile(r"0+(?:[.,]0+)*")
_NUMBER_RE = re.compile(
    rf"(?<![\w.,/%-])(?P<num>{_NUM})"
    rf"(?:(?P<sep>\s?[-–/]\s?)(?P<num2>{_NUM}))?"
    rf"(?:(?P<sep3>[-/])(?P<num3>\d{{2,4}}))?"
    rf"(?P<pct>\s?%)?"
)
_CODE_RE = re.compile(r"(?<![\w/-])\d+[\w/]*-[A-ZĐ]{1,6}(?:[/-][A-ZĐ0-9]{1,6})*(?![\w/-])")
_PHONE_RE = re.compile(
    r"(?<![\w.])(?:\+84|0)\d{2,3}(?:[. ]?\d{3}){2}\d?(?![\w.])|\b1900[. ]?\d{4}\b"
)
_ROMAN_RE = re.compile(r"\b(?:[Ll]ần thứ|[Kk]hóa|[Kk]hoá|[Tt]hứ)\s+(?P<roman>[IVXLC]+)\b")
_WORKING_DAYS = re.compile(r" làm việc(?!\w)")
_AFTER_TIME = re.compile(rf"\s(?P<unit>{_TIME_UNITS})(?!\w)")
_ANNIVERSARY_AFTER = re.compile(
    r"\s*(?:ngày|tuổi đảng|thành lập|truyền thống|giải phóng|chiến thắng|khởi nghĩa|kỷ niệm)",
    re.IGNORECASE,
)
_ANNIVERSARY_BEFORE = re.compile(r"(?<!\w)(?:kỷ niệm|huy hiệu|chào mừng|tròn)\s+$", re.IGNORECASE)
_DAY_BEFORE = re.compile(rf"(?<!\w)(?:{_DAY_WORDS})\s+$", re.IGNORECASE)
_RANGE_DAY_BEFORE = re.compile(rf"(?<!\w)(?:{_DAY_WORDS}|từ|đến|tới|hạn)\s+$", re.IGNORECASE)
_ID_BEFORE = re.compile(rf"(?<!\w)(?:{_ID_WORDS})\s+$", re.IGNORECASE)
_WEAK_ID_BEFORE = re.compile(rf"(?<!\w)(?:{_WEAK_ID_WORDS})\s+$", re.IGNORECASE)
_YEAR_BEFORE = re.compile(
    r"(?<!\w)(?:năm|niên khóa|niên độ|giai đoạn|nhiệm kỳ|đến|từ|trước|sau)\s+$"
)


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number of ``text`` with its type; spans do not overlap."""
    spans: list[NumberSpan] = []
    taken = SpanIndex()

    def add(start: int, end: int, kind: str) -> None:
        if taken.overlaps(start, end):
            return
        taken.add(start, end)
        spans.append(NumberSpan(start, end, kind, text[start:end]))

    for match in _CODE_RE.finditer(text):
        add(match.start(), match.end(), CODE)
    for match in _PHONE_RE.finditer(text):
        add(match.start(), match.end(), PHONE)
    for match in _ROMAN_RE.finditer(text):
        add(match.start("roman"), match.end("roman"), ORDINAL)
    for match in _NUMBER_RE.finditer(text):
        kind, end = _classify(text, match)
        add(match.start(), end, kind)
    return sorted(spans, key=lambda s: s.start)


def _classify(text: str, match: re.Match[str]) -> tuple[str, int]:
    """(kind, end of the span) for one number match."""
    start, end = match.start(), match.end()
    before = text[max(0, start - 30) : start]
    num, num2, num3 = match.group("num"), match.group("num2"), match.group("num3")
    if match.group("pct"):
        return FIGURE, per_end(text, end)  # "10,5%/năm"
    found = unit_end(text, end)
    unit, known = found if found else (0, False)
    if num2 and _is_day_month(num, num2):
        # "15-1" after "ngày"/"sáng" is a date; "từ 5-7 thành viên" is a range of a figure.
        day_context = _DAY_BEFORE if unit else _RANGE_DAY_BEFORE
        if num3 or day_context.search(before):
            return DATE, end
    if not num2 and _DAY_BEFORE.search(before) and re.fullmatch(r"\d{1,2}\.\d{1,2}", num):
        day, month = num.split(".")
        if _is_day_month(day, month):
            return DATE, end
    anniversary = _anniversary(text, match, before)
    if anniversary:
        return ANNIVERSARY, anniversary
    time_unit = _AFTER_TIME.match(text, end)
    if time_unit:
        rate = per_end(text, time_unit.end())  # "8 phút/chuyến" is a rate, a figure
        if rate > time_unit.end():
            return FIGURE, rate
        working = _WORKING_DAYS.match(text, time_unit.end())  # "5 ngày làm việc" counts days
        if working:
            return FIGURE, working.end()
        return DURATION, time_unit.end()
    if _is_name_before(before):  # "khu phố Khánh Lộc 2", "ấp Tân Lập 4": the place's name
        return ORDINAL, end
    measured = known and MEASURE_RE.match(text, end)
    if (_ID_BEFORE.search(before) and not measured) or (
        _WEAK_ID_BEFORE.search(before) and not known
    ):
        return ORDINAL, end
    is_year = _is_year(num) and (not num2 or _is_year(num2))
    if is_year and (not known or _YEAR_BEFORE.search(before)):
        return YEAR, end
    if unit and not _ZERO_RE.fullmatch(num):  # "Phiên chợ 0 đồng" names a market, counts nothing
        return FIGURE, unit
    return "number", end


def _anniversary(text: str, match: re.Match[str], before: str) -> int:
    """End of "96 năm Ngày thành lập…"/"Huy hiệu 80 năm tuổi Đảng" spans; 0 when not one."""
    years = re.compile(r"\s(năm)(?!\w)").match(text, match.end())
    if not years:
        return 0
    if _ANNIVERSARY_BEFORE.search(before) or _ANNIVERSARY_AFTER.match(text, years.end()):
        return years.end()
    return 0


def _is_name_before(before: str) -> bool:
    """True when ``before`` ends with two capitalised syllables inside a sentence: a name that
    the number ends ("Tân Lập 4"), not a sentence's first word ("Có 30 hộ")."""
    words = before.split()
    if len(before) - len(before.rstrip()) != 1 or len(words) < 3:
        return False
    *_, lead, first, second = words
    return first.istitle() and second.istitle() and not lead.endswith((".", ":", "!", "?"))


def _is_day_month(day: str, month: str) -> bool:
    return day.isdigit() and month.isdigit() and 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _is_year(num: str) -> bool:
    return num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100
