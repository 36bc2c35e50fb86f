"""People named in an article: a Vietnamese surname, then capitalised syllables, then context.

A candidate is a run of capitalised syllables that starts with a known surname. It is a person
unless the words before it make it a street, school, bridge or place ("đường Võ Văn Kiệt",
"trường Lê Quý Đôn"), it is a province or district ("Lâm Đồng"), or it overlaps a ward or
organisation span. Bylines and photo credits are written in capitals and never match. The role is
the title phrase right before the name ("Bí thư Đảng ủy phường Phú Thạnh") or the appositive
after it (", Ủy viên Ban Thường vụ Thành ủy, Chủ nhiệm …,").
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from phuong_reader.index.entities.spans import SpanIndex
from phuong_reader.index.lang.lexicon import PHRASE_ENDING_TAGS, first_word_length, tag_of

# Surnames, without those that are more often ordinary capitalised words at a sentence start
# ("Ông", "Phó", "Văn", "Đường", "Hàng").
SURNAMES = frozenset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Lâm
    Mai Trịnh Đoàn Lưu Tạ Cao Hà Châu Tô Quách Thái Lương La Từ Kiều Lạc Tăng Thân Đàm Đào Triệu
    Vương Kha Mạc Hứa Chu Giang Tống Khổng Nghiêm Âu Lò Quan Phùng Diệp Bạch Hàn Lục Ninh Thạch
    Danh Kim Lã Tôn Đồng Viên Nông Hầu Lữ Doãn Mã Tiêu Cù Ung Văng Khưu Đậu Tiết Yên Bế Lành
    Mạch Ngụy Nhan Khúc Lai Dư Chế Sầm Trà Trình Khương Vi Vòng Bành Giáp Sử Tất Liêu Bồ Lam Lư
    Ma Mã Ôn Thẩm Phí Lỗ Lợi Hoa Hầu Lại""".split()
)
# Surnames that are also common words ("Ông" sir, "Phó" deputy, "Văn" literature): a name only
# when a usual middle name follows ("Ông Thị Mỹ Dung", "Phó Đức Anh", "Văn Đức Long").
RARE_SURNAMES = frozenset(["Ông", "Phó", "Văn", "Đường", "Hàng", "Cung", "Lô"])
MIDDLE_NAMES = frozenset(
    """Văn Thị Đức Ngọc Minh Hữu Công Quang Thanh Xuân Hoàng Kim Quốc Bảo Hồng Thu Anh Tuấn Gia
    Trọng Đình Duy Mạnh Hải Phước Tấn Thái Chí Khánh Huy Nhật Phương Mỹ Tường Như Ánh""".split()
)
# Words that, right before a capitalised run, make it a thing named after a person or a place.
_NOT_PERSON_BEFORE = re.compile(
    r"(?<!\w)(?P<thing>đường|phố|phố (?:ẩm thực|đi bộ|lồng đèn|sách|hoa|ông đồ)|đại lộ|hẻm|ngõ|cầu|"
    r"kênh|rạch|sông|bến|chợ|trường|"
    r"trường học|THCS|THPT|tiểu học|mầm non|mẫu giáo|đại học|học viện|quảng trường|công viên|"
    r"bệnh viện|nhà văn hóa|nhà thiếu nhi|khu|ấp|tỉnh|thành phố|TP\.?|quận|huyện|thị xã|"
    r"thị trấn|tượng đài|đền|chùa|nhà thờ|nghĩa trang|giải|cúp|giải thưởng|tuyến|lô|dự án|"
    r"tên|mang tên|số nhà|khu phố|tổ dân phố|hội trường|trung tâm|cao ốc|chung cư|sân vận động|"
    r"sân|nút giao|vòng xoay|ngã tư|ngã ba|Co\.opmart|siêu thị|nhà hàng|khách sạn|"
    r"(?:tuyến )?đường như|các tuyến|đường|giao lộ|trục|"
    r"(?:số\s+)?\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*|"  # a house number: "số 25 Nguyễn Đình Chiểu"
    # a junction: "nút giao Quốc lộ 13 – Kha Vạn Cân"
    r"(?:nút giao|giao lộ|ngã tư|ngã ba|vòng xoay)\s[^.,;\n]{1,30}?\s[-–])[^\S\n]+$",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
# Offices: the phrase that starts with one of these and runs up to the name is the role.
_TITLE_WORDS = (
    r"(?:[Nn]guyên )?(?:Phó |phó )?(?i:Bí thư|Chủ tịch|Đội trưởng|Chủ nhiệm|Trưởng ban|Giám đốc|"
    r"Trưởng phòng|"
    r"Trưởng Công an|Hiệu trưởng|Thủ tướng|Trưởng đoàn|Trưởng Đoàn|Thường trực|Tổng Giám đốc|"
    r"Chánh Văn phòng|Chánh án|Viện trưởng|Trưởng khu phố|Trưởng ấp|Trạm trưởng|Tổ trưởng|"
    r"tổ trưởng|Trưởng trạm|Trưởng Trạm|Chỉ huy trưởng|Bộ trưởng|Thứ trưởng|Tổng Bí thư)|"
    r"Ủy viên|Uỷ viên|Thành ủy viên|Thành uỷ viên|Đảng ủy viên|Đại biểu Quốc hội"
)
# Ranks, professions and forms of address: context that a name follows, never the role.
_HONORIFIC_BEFORE = re.compile(
    r"(?<!\w)(?:ông|bà|anh|chị|em|cụ|cô|thầy|bé|cháu|đồng chí|đ/c|gia đình|vợ chồng|bác sĩ|"
    r"nghệ sĩ|nhà giáo|nhà báo|kỹ sư|luật sư|thượng tá|trung tá|thiếu tá|đại tá|đại úy|"
    r"thượng úy|trung úy|thiếu úy|thiếu tướng|trung tướng|mẹ việt nam anh hùng|anh hùng|"
    r"pgs\.ts|gs\.ts|ts|ths|bs)\s+$",
    re.IGNORECASE,
)
_ROLE_BEFORE = re.compile(rf"(?P<role>(?:{_TITLE_WORDS})(?:[^.,;:!?\n()]|\.(?=\w)){{0,90}}?)\s*$")
_ROLE_AFTER = re.compile(
    rf"\s*(?:,|\(|-|–)\s*(?P<role>(?:{_TITLE_WORDS})(?:[^;.!?\n()]|\.(?=\w))*?)"
    r"(?=[,)]\s|\s\(|[;!?\n]|\.(?!\w)|$)"
)
# "X được bầu giữ chức Bí thư …", "được chỉ định làm …", "được bổ nhiệm …": the new office.
_APPOINTED_AFTER = re.compile(
    r"\s+(?:được\s+)?(?:bầu|chỉ định|bổ nhiệm|điều động|phân công|giao)?\s*(?:giữ chức|làm)?\s*"
    rf"(?P<role>(?:{_TITLE_WORDS})(?:[^;.!?\n(),]|\.(?=\w))*)"
)
# Lower-case words an office may hold ("Phó Giám đốc phụ trách …", "Bí thư Đảng ủy phường");
# any other verb, preposition or function word ends the role ("… phường Bình Phú cho biết").
_ROLE_VOCABULARY = frozenset(
    """phường xã thành phố quận huyện thị trấn tỉnh khu phố ấp tổ dân phố đặc khu khu vực
    thường trực phụ trách kiêm kiểm tra quản lý chỉ huy điều hành tuyên giáo dân vận tổ chức
    nhân dân thường vụ cũ và cấp cơ sở""".split()
)
_ROLE_ENDING_WORDS = frozenset(["nhiệm kỳ", "khóa", "khoá"])  # the term is not the office
_ROLE_ENDING_TAGS = PHRASE_ENDING_TAGS - {"Cc"}
_HONORIFIC_TAIL = re.compile(_HONORIFIC_BEFORE.pattern.replace("\\s+$", "\\s*$"), re.IGNORECASE)
_TRAILING_HONORIFIC = re.compile(r"\s+(?:đồng chí|ông|bà|anh|chị)$")
_CREDIT_BEFORE = re.compile(r"(?:Ảnh|ảnh|Ảnh minh họa|Nguồn|Video|Clip)\s*:\s*$")
_MAX_SYLLABLES = 5
_STREET = "named thing"  # a street, school, bridge… named after someone
_GIVES_OFFICE = r"(?:được\s+(?:chỉ định|bổ nhiệm|điều động)\s+)?giữ chức\s"
_TAKES_OFFICE = re.compile(rf",\s+{_GIVES_OFFICE}")  # after an appositive
_TAKES_OFFICE_HERE = re.compile(rf"\s*{_GIVES_OFFICE}")  # right after the name
_APPOINTING = re.compile(r"\s+(?:được|giữ chức|làm)\b")
_BORN = re.compile(r"\.?\s*\((?:SN|sinh năm)\s")  # "Lê Văn Tài (SN 1996)"
_PLACE_TYPE = re.compile(r"tỉnh|thành phố|TP\.?|quận|huyện|thị xã|thị trấn", re.IGNORECASE)
_LIST_GAP = re.compile(r"(?:\s+\d+)?\s*(?:,|-|–|và|hoặc|hay|;)\s*")  # "Quốc lộ 13 – Kha Vạn Cân"


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    name: str
    role: str


@cache
def _places() -> frozenset[str]:
    data = resources.files(__package__).joinpath("data/places.json").read_text("utf-8")
    return frozenset(json.loads(data)["places"]) | {"Hồ Chí Minh", "Thành phố Hồ Chí Minh"}


def find_people(text: str, blocked: Sequence[tuple[int, int]] = ()) -> list[PersonMention]:
    """People in ``text``; ``blocked`` spans (wards, organisations) are never part of a name."""
    blocked_index = SpanIndex(blocked)
    people: list[PersonMention] = []
    street_end = -1  # end of the last name that was a street: lists of streets go on
    for run_start, run_end in capitalised_runs(text):
        for start, end in _split_blocked(run_start, run_end, blocked_index):
            in_list = street_end >= 0 and _LIST_GAP.fullmatch(text, street_end, start) is not None
            if in_list and _BORN.match(text, end):
                in_list = False  # "… tỉnh Đồng Tháp và Phạm Gia Huy (SN 2003)": a person
            thing = _NOT_PERSON_BEFORE.search(text, max(0, start - 40), start)
            if in_list or thing:
                # "các tuyến đường Hậu Giang, Tháp Mười, Lê Tấn Kế"; a province is no list
                street_end = -1 if thing and _PLACE_TYPE.fullmatch(thing.group(1)) else end
                continue
            mention = _person_in(text, start, end)
            if isinstance(mention, PersonMention):
                people.append(mention)
            elif mention == _STREET:
                street_end = end
    return people


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or word[1:].islower())


def capitalised_runs(text: str) -> list[tuple[int, int]]:
    """Spans of consecutive Capitalised words separated by single spaces ("Võ Công Thành")."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    for match in _WORD_RE.finditer(text):
        if not _is_capitalised(match.group()):
            continue
        if start >= 0 and match.start() == end + 1 and text[end] == " ":
            end = match.end()
            continue
        if start >= 0:
            runs.append((start, end))
        start, end = match.start(), match.end()
    if start >= 0:
        runs.append((start, end))
    return runs


def _split_blocked(start: int, end: int, blocked: SpanIndex) -> list[tuple[int, int]]:
    """The parts of [start, end) outside the blocked spans."""
    parts = [(start, end)]
    for b_start, b_end in blocked.near(start, end):
        next_parts = []
        for s, e in parts:
            if b_start > s:
                next_parts.append((s, min(e, b_start)))
            if b_end < e:
                next_parts.append((max(s, b_end), e))
        parts = next_parts
    return [(s, e) for s, e in parts if e - s > 1]


def _starts_name(words: list[str], i: int) -> bool:
    if words[i] in SURNAMES:
        return True
    if words[i] not in RARE_SURNAMES or i + 1 >= len(words):
        return False
    follower = words[i + 1]
    return follower in MIDDLE_NAMES and follower not in SURNAMES | RARE_SURNAMES


def _person_in(text: str, start: int, end: int) -> PersonMention | str:
    """The person in the capitalised run text[start:end], or why it is not one."""
    words = list(re.finditer(r"\S+", text[start:end]))
    # Skip leading capitalised words that are not a surname ("Thượng Tá Nguyễn …").
    plain = [w.group() for w in words]
    first = next((i for i in range(len(plain)) if _starts_name(plain, i)), None)
    if first is None:
        return "no surname"
    words = words[first:]
    name_words = [w.group() for w in words]
    name_words = _undo_repetition(name_words)[:_MAX_SYLLABLES]
    if len(name_words) < 2:
        return "one word"
    name = " ".join(name_words)
    name_start = start + words[0].start()
    name_end = start + words[len(name_words) - 1].end()
    if len(name_words[-1]) == 1 and text[name_end : name_end + 1] == ".":
        name, name_end = name + ".", name_end + 1  # "Trần Minh T." as police reports write it
    if name in _places() or _places_prefix(name):
        return "place"
    before = text[max(0, name_start - 40) : name_start]
    if _CREDIT_BEFORE.search(before):
        return "photo credit"
    if _NOT_PERSON_BEFORE.search(before):
        return _STREET
    role = _role(text, name_start, name_end)
    has_context = bool(role or _HONORIFIC_BEFORE.search(before))
    if len(name_words) == 2 and not has_context:
        return "two words without context"  # "Thái Bình", "Mai Anh" alone are rarely people
    return PersonMention(name_start, name_end, name, role)


def _places_prefix(name: str) -> bool:
    """ "Hà Nội Mới" or "Lâm Đồng Xanh": a place followed by more capitalised words."""
    words = name.split()
    return any(" ".join(words[:n]) in _places() for n in (2, 3) if n < len(words))


def _undo_repetition(words: list[str]) -> list[str]:
    """ "Bùi Thanh Nhân Bùi Thanh Nhân" (a typo) is one name."""
    for size in range(2, len(words) // 2 + 1):
        if words[:size] == words[size : 2 * size]:
            return words[:size]
    # A second surname starting a new name ("... Ngọc Nguyễn Văn …") is rare; keep one name.
    return words


def _role(text: str, name_start: int, name_end: int) -> str:
    line_start = max(text.rfind("\n", 0, name_start), text.rfind(". ", 0, name_start) + 1, 0)
    before = text[line_start:name_start]
    before = before[before.rfind(" và ") + 1 :]  # "Chủ tịch … X và Bí thư … Y": Y's role only
    before = _HONORIFIC_TAIL.sub("", before)  # "Trưởng Công an phường, Trung tá X"
    if _TAKES_OFFICE_HERE.match(text, name_end):  # "bổ nhiệm X giữ chức …"
        appointed = _appointed(text, name_end)
        if appointed:
            return appointed
    match = _ROLE_BEFORE.search(before)
    if match and _clean_role(match.group("role")):
        return _clean_role(match.group("role"))
    appointed = _appointed(text, name_end)
    if appointed:
        return appointed
    after = _ROLE_AFTER.match(text, name_end)
    if after:
        role = after.group("role")
        more = after.end()
        while True:  # ", Ủy viên Ban Thường vụ Thành ủy, Chủ nhiệm Ủy ban Kiểm tra …"
            nxt = _ROLE_AFTER.match(text, more)
            if not nxt or not nxt.group().lstrip().startswith(","):
                break
            role += ", " + nxt.group("role")
            more = nxt.end()
        # "X, Phó Bí thư …, giữ chức Bí thư …": the office taken replaces the one held; one
        # elected beside it does not ("X, Chủ tịch UBND, được bầu làm Phó Bí thư").
        if _TAKES_OFFICE.match(text, more):
            return _appointed(text, more + 1) or _clean_role(role)
        return _clean_role(role)
    return ""


def _appointed(text: str, pos: int) -> str:
    """The office given at ``pos`` ("được chỉ định giữ chức …", "giữ chức …", "làm …"), or ""."""
    appointed = _APPOINTED_AFTER.match(text, pos)
    if appointed and _APPOINTING.match(text, pos):
        return _clean_role(appointed.group("role"))
    return ""


def _clean_role(role: str) -> str:
    role = _cut_at_verb(_TRAILING_HONORIFIC.sub("", role.strip(" ,-–")))
    return "" if role.lower() in ("đồng chí", "") else role


def _cut_at_verb(role: str) -> str:
    """The office without the clause that follows it: "Chủ tịch UBND phường Bình Phú cho biết …"
    ends before "cho biết" (a lower-case word the lexicon tags as a verb, preposition, …)."""
    words = role.split(" ")
    i = 1
    while i < len(words):
        word = words[i]
        named = f"{words[i - 1]} {word}".lower()  # "Sở Xây dựng", "Trường Tiểu học": a name
        if not word.islower() or word in _ROLE_VOCABULARY or tag_of(named) is not None:
            i += 1
            continue
        size = first_word_length(words[i : i + 4])
        phrase = " ".join(words[i : i + size])
        ending = phrase in _ROLE_ENDING_WORDS or " ".join(words[i : i + 2]) in _ROLE_ENDING_WORDS
        if ending or (phrase not in _ROLE_VOCABULARY and tag_of(phrase) in _ROLE_ENDING_TAGS):
            return " ".join(words[:i]).rstrip(" ,")
        i += size
    return role
