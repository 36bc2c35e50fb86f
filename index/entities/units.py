"""What follows a number in a report, word lists for ``index.figures``.

The unit of a figure is the noun that the number counts: the longest known compound noun after
the number ("33 tập thể", "6 máy bơm", "800 người dân"), a classifier with its noun ("412.000
lượt khách", "500 suất quà"), or else the single word after the number when it is not a verb,
adjective or function word ("42.000 dân", "9 bãi"), followed by the words that qualify it
(``_modifiers``): nouns and adjectives, and after a noun of PURPOSE_HEADS the verb naming its kind
("12 điểm giữ xe"), up to a boundary ("18 hộ vươn lên" → "18 hộ"). The convention is written in
docs/article-format.md.
"""

from __future__ import annotations

import re

from phuong_reader.index.lang.lexicon import (
    NOMINAL,
    PHRASE_ENDING_TAGS,
    UNKNOWN,
    first_word_length,
    tag_of,
    word_lengths,
)


def _words(block: str) -> frozenset[str]:
    return frozenset(w.strip() for w in block.replace("\n", "|").split("|") if w.strip())


# Nouns of several syllables that are counted in local reports (the compound wins over its head).
COMPOUND_NOUNS = _words("""
tập thể|cá nhân|đảng viên|hộ gia đình|hộ dân|người dân|nhân khẩu|gia đình|trường hợp|vụ việc
hồ sơ|thủ tục|dịch vụ công|doanh nghiệp|cơ sở|chi bộ|đảng bộ|tổ chức|đơn vị|cơ quan|khu phố
tổ dân phố|đồng chí|nội dung|chỉ tiêu|tiêu chí|nhiệm vụ|mô hình|đội hình|công trình|dự án|phần việc
phong trào|căn nhà|căn hộ|ngôi nhà|nhà trọ|nhà hàng|nhà ở|phòng học|lớp học|trường học
điểm trường|học bổng|thẻ bảo hiểm y tế|học sinh|sinh viên|giáo viên|bệnh nhân|cán bộ|công chức
viên chức|chiến sĩ|đoàn viên|hội viên|thanh niên|tình nguyện viên|thành viên|đại biểu|lao động
việc làm|ý kiến|kiến nghị|phản ánh|tài khoản|camera|phương tiện|giường bệnh|tuyến hẻm
tuyến đường|tuyến kênh|con hẻm|cây cầu|điểm đen|hội nghị|lớp tập huấn|hoạt động|chương trình
sự kiện|huy chương|bằng khen|giấy khen|danh hiệu|cờ thi đua|tác phẩm|sản phẩm|ngành nghề
cửa hàng|gian hàng|máy bơm|hố ga|cống thoát nước|vỉa hè|làn xe|xe điện|xe buýt|chuyến bay
chuyến xe|hành khách|du khách|tiểu thương|công nhân|vận động viên|cây giống|cây xanh|trái cây
nguồn tin|tin báo|đối tượng|ổ dịch|tụ điểm|khu vực|nghị quyết|quyết định|văn bản|kế hoạch
câu hỏi|dân quân|hàng hóa|hàng hoá|rùa mẹ|rùa con|ô lồng|bãi biển
thương binh|liệt sĩ|trẻ em|học viên
phần quà|suất quà|suất ăn|bữa ăn|phần cơm|túi thuốc|thùng hàng|tấn gạo|bình nước|bộ máy tính
máy tính|điện thoại|căn phòng|phòng trọ|bếp ăn|chỗ ngồi|giường|bàn|ghế|cột đèn|bóng đèn
đèn chiếu sáng|điểm ngập|trạm bơm|cửa xả|tuyến cống|km cống|mét cống|hồ chứa|giếng khoan
ca bệnh|ca nhiễm|lượt khám|đợt khám|buổi khám|suất học bổng|chiếc xe|con đường
tuyến phố|dãy nhà|khu dân cư|khu nhà|căn chung cư|lô đất|thửa đất|mảnh đất|doanh thu
đầu mối|chốt|câu lạc bộ|nhóm|hợp tác xã|hộ kinh doanh|kíp trực|ca trực|thùng rác|vụ cháy
nhà chờ|nhà đầu tư|nhà văn hóa|nhà văn hoá|bàn thắng|ga metro|nhà tình thương|nhà tình nghĩa
""")
# Nouns of one syllable.
SIMPLE_NOUNS = _words("""
hộ|người|khẩu|vụ|tổ|đội|đoàn|nhóm|nhà|căn|phòng|lớp|trường|điểm|suất|phần|quà|thẻ|sổ|bộ|em
trẻ|cháu|ca|bài|tin|đơn|xe|tàu|chiếc|cây|cầu|chợ|sạp|bến|buổi|cuộc|đợt|lần|giải|cờ|quầy|cống
bãi|khách|dân|trứng|con|tấn|hẻm|tuyến|phường|xã|ấp|quận|huyện|tỉnh|nước|ngôi|mái|lô|thửa
bình|túi|thùng|gói|bao|chai|hộp|ghế|bàn|đèn|trạm|chốt|kênh|rạch|giếng|hồ|vườn|ao|ruộng|khâu
kíp|camera|máy
""")
# Nouns whose kind is named by what they are for, a verb after them: "12 điểm giữ xe", "4 xe chữa
# cháy", "27 trường hợp vi phạm", "300 hộ kinh doanh", "3 buổi đối thoại". After the other nouns
# a verb ends the phrase ("2.740 người mắc" → "2.740 người").
PURPOSE_HEADS = _words("""
điểm|tụ điểm|bãi|quầy|đội|tổ|đoàn|buổi|ca|kíp|khu vực|trường hợp|vụ|vụ việc|camera|cống|xe
cơ sở|công trình|thùng|thùng rác|khâu|hộ|trung tâm|trạm|máy|lớp|nhóm|chốt|cuộc|đợt|phiên
khu nhà|sản phẩm|lỗi
""")
# Verbs (and a few adjectives) that say what the counted things do or are, not what kind they
# are: the phrase ends before them even after a noun of PURPOSE_HEADS ("80 chiến sĩ trực", "650
# hộ sinh sống ngoài đê bao", "3 con hẻm dài 2 km"), and they are never a unit.
PREDICATES = _words("""
trực|túc trực|mắc|mắc kẹt|sinh hoạt|sinh sống|thoát|vươn|vươn lên|dọn|nhặt|đăng ký
phân luồng|đủ|lắp đặt|dài|rộng|sâu|ngoài|thành|tham gia|tham dự|nhận|đạt|hoàn thành|nằm|ở
dọc|dọc đường|thuộc|xuống cấp|ra quân|chuyển đổi|tự nguyện|hiến|có mặt|hoạt động|đủ điều|đi
làm|phải|bán|đứng tên|dương tính|âm tính|nối|quanh|suốt|suốt đêm|gồm có|nhân
""")
# A word starting with one of these is a predicate too ("phải điều trị"), but "ngoài trời" and
# "nhân dân" qualify.
_PREDICATE_STARTS = PREDICATES - {"ngoài", "nhân"}
# Nouns of people: they are not classified by a verb, listed or not ("21.000 người lưu trú" →
# "21.000 người", while "120 cơ sở lưu trú" keeps its verb).
PEOPLE = _words("""
người|người dân|đảng viên|chiến sĩ|em|cán bộ|đoàn viên|đại biểu|học sinh|sinh viên|công nhân
du khách|khách|lượt khách|thí sinh|bệnh nhân|nạn nhân|giáo viên|thanh niên|hội viên|trẻ em
tình nguyện viên|vận động viên|cháu|tiểu thương|công chức|viên chức|dân quân
""")
# Words after the noun that qualify it although the word list calls them verbs or function
# words ("96 đảng viên mới", "4 phường cũ", "12 chuyến xe miễn phí", "3 tổ công tác lưu động").
QUALIFIERS = _words(
    "mới|cũ|miễn phí|lưu động|hưu trí|dự phòng|tạm thời|cấp cứu|lão thành|cao tuổi|khuyết tật|"
    "đại đoàn kết"
)
# Capitalised words that still qualify the noun ("1.500 phần quà Tết", "2 căn nhà Đại đoàn
# kết", "30 gian hàng ẩm thực người Hoa", "1 giải A").
CAPITALISED_QUALIFIERS = _words("Tết|Đại đoàn kết|Hoa|Khmer|Chăm|A|B|C|D")
# Unit types after "cấp" ("168 đơn vị hành chính cấp xã").
LEVELS = _words("xã|phường|huyện|quận|tỉnh|thành phố|cơ sở|đặc khu")
# Words that take a noun after them: the unit is the pair ("lượt khách", "suất hàng hóa").
CLASSIFIERS = _words("lượt|suất|phần|chuyến|chiếc|con|bộ|đoàn|đợt|buổi|cái")
# Never a unit, and nothing after them is either.
STOP_WORDS = _words("""
và|với|của|cho|được|đã|đang|sẽ|là|có|không|trong|tại|từ|đến|tới|theo|về|trên|dưới|bằng|như
mỗi|mới|cũ|so|hơn|gần|khoảng|còn|đều|cùng|thì|mà|nên|vì|do|bị|để|rồi|lại|nữa|trở|lên|xuống
ra|vào|qua|sau|trước|giữa|này|đó|kia|nào|ấy|nay|đây|tuổi|mức|hạng|cấp|loại|độ|lần thứ|thứ
hoặc|hay|nhưng|tuy|nếu|khi|lúc|vừa|cũng|chỉ|rất|quá|nhất|gồm|bao gồm|đạt|tăng|giảm|chiếm
năm|tháng|tuần|ngày|giờ|phút|giây|quý|kỳ|khóa|nhiệm kỳ|triệu|tỷ|tỉ|nghìn|ngàn|trăm|chục|dịp|khác
""")
# Measures written with or without a space after the number ("800m²", "2,8 km2", "60mm").
MEASURE_RE = re.compile(
    r"\s?(?:km²|km2|m²|m2|m³|m3|km/h|km|mm|cm|m|ha|kg|tấn|lít|MW|kWh|GB|mét vuông|mét khối|mét|"
    r"hecta|héc-ta|gram|gam|mg|ml)(?!\w)|(?:g|l)(?!\w)"
)
CURRENCY_RE = re.compile(
    r"\s(?:(?:tỷ|tỉ|triệu|nghìn|ngàn|trăm)\s)?(?:đồng(?!\s+chí)|USD|euro)(?!\w)"
)
SCALE_RE = re.compile(r"\s(?:tỷ|tỉ|triệu|nghìn|ngàn)(?!\w)")
_WORD_RE = re.compile(r"\s([^\W\d_]+)")
PER_RE = re.compile(r"/(?:\d+(?:[.,]\d+)*\s)?[^\W\d_]+(?:²|2)?(?!\w)")
_NEXT_SYLLABLE = re.compile(r" ([^\W\d_]+)(?!\w)")
_ACRONYM_RE = re.compile(r"[A-ZĐ]{2,5}")
MAX_PHRASE = 10  # syllables read after a number: the counted noun and what qualifies it


def unit_end(text: str, pos: int) -> tuple[int, bool] | None:
    """(end, known) of the unit right after a number ending at ``pos``, or None. ``known`` is
    False when the unit is only a guess (an unlisted word that is not a function word)."""
    found = _unit_end(text, pos)
    if found is None:
        return None
    end, known = found
    return per_end(text, end), known


def per_end(text: str, pos: int) -> int:
    """End of the rates written at ``pos`` ("/năm", "/người/năm", "/lao động", "/1.000 dân"),
    or ``pos`` when there is none: "3 cm/năm", "36 triệu đồng/người/năm"."""
    while per := PER_RE.match(text, pos):
        pos = per.end()
        word = per.group().rsplit("/", 1)[-1].split()[-1]
        follow = _NEXT_SYLLABLE.match(text, pos)  # "/lao động": the word goes on
        if follow and tag_of(f"{word} {follow.group(1)}") is not None:
            pos = follow.end()
    return pos


def _unit_end(text: str, pos: int) -> tuple[int, bool] | None:
    for pattern in (CURRENCY_RE, MEASURE_RE):
        match = pattern.match(text, pos)
        if match:
            return match.end(), True
    scale = SCALE_RE.match(text, pos)
    if scale:  # "1,5 triệu lượt khách": the scale word belongs to the number
        return _unit_end(text, scale.end()) or (scale.end(), True)
    words = _next_words(text, pos, MAX_PHRASE + 3)  # a few more: a word must not be cut
    if not words or not words[0][0].islower():
        return None
    length = _compound_length(words)
    known = length > 0
    if not known:  # not in our lists: the lexicon's word ("21 trung tâm", "40 hướng dẫn viên")
        length = first_word_length([w for w, _ in words])
    head = " ".join(w for w, _ in words[:length])
    if not known:
        tag = tag_of(head)
        if words[0][0] in STOP_WORDS or tag in PHRASE_ENDING_TAGS or head in PREDICATES:
            return None
        known = tag is not None
    if head in CLASSIFIERS and len(words) > length:
        extra = _compound_length(words[length:])  # "lượt khách"; "3 đoàn công tác" stays
        if extra:
            head = " ".join(w for w, _ in words[length : length + extra])
            length += extra
    length += _modifiers(words[length:], head, words[length - 1][0])
    if length > 1 and words[length - 1][0] == "số":
        length -= 1  # "3 tuyến số 8": "số" starts the route's number
    return words[length - 1][1], known


def _modifiers(words: list[tuple[str, int]], head: str, last: str) -> int:
    """How many of ``words`` (syllables after the counted noun ``head``, whose last syllable is
    ``last``) still belong to its phrase: the words that qualify it ("21 trung tâm y tế", "8
    công viên ven sông", "120 hộ nghèo", "3 trường THCS"), and after a noun of PURPOSE_HEADS
    the verb that names its kind ("12 điểm giữ xe tạm thời"). It ends at a preposition,
    conjunction or function word, at a verb (but that one), at a PREDICATES word, at a
    syllable that is no word of the lexicon, and at a capitalised word (a name follows)."""
    syllables = [w for w, _ in words]
    verbs_ok = head in PURPOSE_HEADS
    taken = 0
    sizes = word_lengths(syllables)
    for size in sizes:
        if head.count(" ") + 1 + taken + size > MAX_PHRASE:
            break
        word = " ".join(syllables[taken : taken + size])
        if size == 1 and _ACRONYM_RE.fullmatch(word):
            return taken + 1  # "3 trường THCS", "9 sản phẩm OCOP": nothing after it
        if word in CAPITALISED_QUALIFIERS and (len(word) > 1 or last == "giải"):
            taken += size
            continue
        if word in QUALIFIERS:
            taken += size
            continue
        if word == "cấp" and taken + 1 < len(syllables) and syllables[taken + 1] in LEVELS:
            taken += 1 + next(sizes)  # "cấp xã"
            continue
        tag = tag_of(word)
        first = syllables[taken]
        if not word.islower() or tag is None or word in PREDICATES or first in _PREDICATE_STARTS:
            break
        if first in STOP_WORDS:
            break
        if (tag == "V" and not verbs_ok) or (tag == UNKNOWN and head in PEOPLE):
            break
        if tag not in NOMINAL and tag not in (UNKNOWN, "V"):
            break
        taken += size
        last = syllables[taken - 1]
    return taken


def _next_words(text: str, pos: int, count: int) -> list[tuple[str, int]]:
    """Up to ``count`` (word, end) pairs after ``pos``, stopping at punctuation."""
    words = []
    while len(words) < count:
        match = _WORD_RE.match(text, pos)
        if not match:
            break
        words.append((match.group(1), match.end()))
        pos = match.end()
    return words


def _compound_length(words: list[tuple[str, int]]) -> int:
    """How many of ``words`` form the longest known noun (0 when the first is not one)."""
    for n in range(min(4, len(words)), 0, -1):
        phrase = " ".join(w for w, _ in words[:n])
        if phrase in COMPOUND_NOUNS or (
            n == 1 and (phrase in SIMPLE_NOUNS or phrase in CLASSIFIERS)
        ):
            return n
    return 0
