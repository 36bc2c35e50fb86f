"""Organisations: party, state and mass bodies, with the scope written after them.

"Đảng ủy phường Phú Thạnh", "UBND phường", "Ủy ban Kiểm tra Thành ủy TPHCM", "Bộ Chính trị",
"MTTQ". The scope (a ward, "Thành ủy", "TPHCM") is part of the name when written, so two wards'
committees stay two organisations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_HEADS = sorted(
    (
        "Đảng ủy|Đảng uỷ|Đảng bộ|Chi bộ|Ban Thường vụ Đảng ủy|Ban Thường vụ|Ban Chấp hành|"
        "Ban Chấp hành Đảng bộ|HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân|Uỷ ban nhân dân|"
        "Ủy ban MTTQ Việt Nam|Uỷ ban MTTQ Việt Nam|Ủy ban MTTQ|"
        "Uỷ ban MTTQ|Ủy ban Mặt trận Tổ quốc Việt Nam|Uỷ ban Mặt trận Tổ quốc Việt Nam|"
        "Mặt trận Tổ quốc Việt Nam|Mặt trận Tổ quốc|MTTQ Việt Nam|MTTQ|Công an|"
        "Ban Chỉ huy Quân sự|Hội Liên hiệp Phụ nữ|Hội LHPN|Đoàn Thanh niên|Đoàn TNCS Hồ Chí Minh|"
        "Hội Cựu chiến binh|Hội Nông dân|Hội Chữ thập đỏ|Liên đoàn Lao động|Ủy ban Kiểm tra|"
        "Uỷ ban Kiểm tra|Ban Tuyên giáo và Dân vận|Ban Tuyên giáo|Ban Dân vận|Ban Tổ chức|"
        "Ban Xây dựng Đảng|Công đoàn|Ban Quản lý|Công an nhân dân|Mặt trận|"
        "Ban công tác Mặt trận|Ban Chỉ huy quân sự|Ban Chấp hành Trung ương Đảng|Thành ủy|"
        "Thành uỷ|Ban Thường vụ Thành ủy|"
        "Ban Thường vụ Thành uỷ|Ban Chấp hành Đảng bộ Thành phố|Bộ Chính trị|Ban Bí thư|"
        "Ban Chấp hành Trung ương|Trung ương Đảng|Quốc hội|Chính phủ|Tỉnh ủy|"
        "Ủy ban Kiểm tra Đảng ủy|Văn phòng Đảng ủy|Văn phòng HĐND và UBND|"
        "Bộ Công an|Bộ Quốc phòng|Bộ Y tế|"
        "Bộ Giáo dục và Đào tạo|Bộ Nội vụ|Sở Nội vụ|Sở Y tế|Sở Giáo dục và Đào tạo|Sở Tài chính|"
        "Sở Xây dựng|Sở Văn hóa và Thể thao|Sở Khoa học và Công nghệ|Bảo hiểm xã hội|"
        "Ngân hàng Chính sách xã hội|Hội Người cao tuổi|Hội Khuyến học"
    ).split("|"),
    key=len,
    reverse=True,
)
_CITY = r"TPHCM|TP\.HCM|TP\. HCM|TP HCM|TP Hồ Chí Minh|Thành phố Hồ Chí Minh|thành phố|Thành phố"
_ORG_RE = re.compile(
    rf"(?<![\w/-])(?P<head>{'|'.join(re.escape(h) for h in _HEADS)})"
    rf"(?:\s(?P<party>Thành ủy|Thành uỷ|Đảng ủy|Đảng uỷ))?"
    rf"(?:\s(?P<city>{_CITY}))?"
    r"(?:\s(?P<type>phường|xã|đặc khu|Phường|Xã))?"
    r"(?![\w])"
)


_NEED_SCOPE = frozenset(["Đảng bộ"])
_NUMBER_AFTER = re.compile(r" \d{1,2}(?!\d)")  # "UBND phường 14"


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    name: str


def find_orgs(text: str, ward_spans: Sequence[tuple[int, int]] = ()) -> list[OrgMention]:
    """Organisations in ``text``; a ward named right after "phường"/"xã" extends the name."""
    ward_at = {start: end for start, end in ward_spans}
    orgs = []
    for match in _ORG_RE.finditer(text):
        scoped = match.group("type") or match.group("city") or match.group("party")
        if match.group("head") in _NEED_SCOPE and not scoped:
            continue  # "Đảng bộ" alone is the party in general, not an organisation named
        end = match.end()
        if match.group("type"):
            ward_start = end + 1 if text[end : end + 1] == " " else end
            number = _NUMBER_AFTER.match(text, end)
            end = ward_at.get(ward_start, number.end() if number else end)
        orgs.append(OrgMention(match.start(), end, text[match.start() : end]))
    return orgs
