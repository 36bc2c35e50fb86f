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

FIGURE, YEAR, DATE, DURATION, ANNIVERSARY, ORDINAL, CODE, PHONE = (
    "figure",
    "year",
    "date",
    "duration",
    "anniversary",
    "ordinal",
    "code",
    "phone",
)


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    kind: str
    text: str


# Counting nouns and measures, longest first when they share a start ("tỷ đồng" before "tỷ").
_UNITS = """
tỷ đồng|triệu đồng|nghìn đồng|ngàn đồng|tỉ đồng|tỷ USD|triệu USD|USD|đồng|tỷ|triệu|nghìn|ngàn
tập thể|cá nhân|đảng viên|hộ gia đình|hộ dân|hộ|người|lượt người|lượt|nhân khẩu|khẩu|gia đình
trường hợp|vụ việc|vụ|hồ sơ|thủ tục|thủ tục hành chính|dịch vụ công|doanh nghiệp|cơ sở
chi bộ|đảng bộ|tổ chức cơ sở đảng|tổ chức đảng|tổ chức|đơn vị|cơ quan|khu phố|ấp|tổ dân phố
nội dung|chỉ tiêu|tiêu chí|nhiệm vụ|mô hình|đội hình|công trình|dự án|phần việc|phong trào
căn nhà|căn hộ|căn|ngôi nhà|nhà|phòng học|phòng|lớp học|lớp|trường học|trường|điểm|điểm trường
suất quà|phần quà|suất học bổng|suất|phần|học bổng|quà|thẻ bảo hiểm y tế|thẻ|sổ|bộ
học sinh|sinh viên|giáo viên|em|trẻ|cháu|bệnh nhân|ca|cán bộ|công chức|viên chức|chiến sĩ
đoàn viên|hội viên|thanh niên|tình nguyện viên|thành viên|đại biểu|lao động|việc làm|ý kiến
kiến nghị|kiến nghị|đơn|bài|tin|lượt truy cập|tài khoản|camera|xe|phương tiện|tàu|chiếc|cây
km đường|km|m²|m2|km²|km2|ha|hecta|héc ta|mét|m|cm|tấn|kg|lít|MW|kWh|giường bệnh|giường
tuyến hẻm|tuyến đường|tuyến|hẻm|con hẻm|tuyến kênh|cây cầu|cầu|chợ|sạp|ki-ốt|bến|điểm đen
buổi|cuộc|đợt|lần|hội nghị|lớp tập huấn|hoạt động|chương trình|sự kiện|giải|huy chương|bằng khen
giấy khen|danh hiệu|cờ thi đua|lá cờ|tác phẩm|sản phẩm|ngành nghề|cửa hàng|quầy|kios
""".replace("\n", "|").strip("|")
_UNIT_RE = "|".join(
    re.escape(u) for u in sorted({u.strip() for u in _UNITS.split("|") if u.strip()}, key=len)[::-1]
)
_TIME_UNITS = r"năm|tháng|tuần|ngày|giờ|phút|giây|thế kỷ|thập kỷ|quý"
_DAY_WORDS = r"ngày|sáng|chiều|tối|trưa|đêm|rạng sáng|hôm|từ|đến|tới|hạn"
_ID_WORDS = (
    r"khu phố|tổ dân phố|tổ|ấp|số|thứ|khóa|khoá|lần thứ|phường|quận|huyện|hẻm|lô|tầng|"
    r"phòng|đường|quốc lộ|tỉnh lộ|km|kilomet|hương lộ|block|căn|điểm|tuyến|xe buýt|mục|điều|khoản"
)

_NUM = r"\d+(?:[.,]\d+)*"
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
_AFTER_UNIT = re.compile(rf"\s?(?P<unit>{_UNIT_RE})(?!\w)")
_AFTER_TIME = re.compile(rf"\s(?P<unit>{_TIME_UNITS})(?!\w)")
_ANNIVERSARY_AFTER = re.compile(
    r"\s*(?:ngày|tuổi đảng|thành lập|truyền thống|giải phóng|chiến thắng|khởi nghĩa|kỷ niệm)",
    re.IGNORECASE,
)
_ANNIVERSARY_BEFORE = re.compile(r"(?:kỷ niệm|huy hiệu|chào mừng|tròn)\s+$", re.IGNORECASE)
_DAY_BEFORE = re.compile(rf"(?:{_DAY_WORDS})\s+$", re.IGNORECASE)
_ID_BEFORE = re.compile(rf"(?:{_ID_WORDS})\s+$", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"(?:năm|niên khóa|niên độ|giai đoạn|nhiệm kỳ|đến|từ|trước|sau)\s+$")


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number of ``text`` with its type; spans do not overlap."""
    spans: list[NumberSpan] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
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
    sep = (match.group("sep") or "").strip()
    if match.group("pct"):
        return FIGURE, end
    if num2 and sep in "-–" and _is_day_month(num, num2) and (num3 or _DAY_BEFORE.search(before)):
        return DATE, end
    if num2 and sep == "/" and _is_day_month(num, num2) and (num3 or _DAY_BEFORE.search(before)):
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
        return DURATION, time_unit.end()
    if _ID_BEFORE.search(before):
        return ORDINAL, end
    if _is_year(num) and (not num2 or _is_year(num2)):
        unit = _AFTER_UNIT.match(text, end)
        if not unit or _YEAR_BEFORE.search(before):
            return YEAR, end
    unit = _AFTER_UNIT.match(text, end)
    if unit:
        return FIGURE, unit.end()
    if re.match(r"\s?(?:m²|m2|km2|km²|ha)\b", text[end:]):
        return FIGURE, end
    return ("year" if _is_year(num) else "number"), end


def _anniversary(text: str, match: re.Match[str], before: str) -> int:
    """End of "96 năm Ngày thành lập…"/"Huy hiệu 80 năm tuổi Đảng" spans; 0 when not one."""
    years = re.compile(r"\s(năm)(?!\w)").match(text, match.end())
    if not years:
        return 0
    if _ANNIVERSARY_BEFORE.search(before) or _ANNIVERSARY_AFTER.match(text, years.end()):
        return years.end()
    return 0


def _is_day_month(day: str, month: str) -> bool:
    return day.isdigit() and month.isdigit() and 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _is_year(num: str) -> bool:
    return num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100
