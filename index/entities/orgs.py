"""Organisations: party, state and mass bodies with their scope, and named bodies of any kind.

A body is found by its head word, from ``data/org_heads.json``:

- party, state and mass bodies ("UBND", "Đảng ủy", "Ban Chấp hành", "Công an", "Bộ Chính trị")
  are listed as written, alone too, with the scope written after them: a ward ("Đảng ủy phường
  Phú Thạnh", "UBND phường"), a former district ("UBND quận 6"), the city ("Công an TP HCM");
- named bodies (a school, hospital, company, department, police unit, centre …) are a head
  followed by their name: "Trường THCS Nguyễn Du", "Công ty TNHH Dệt may Phước Thịnh", "Sở
  Nông nghiệp và Môi trường TP.HCM"; the head alone ("Trường", "Sở", "Câu lạc bộ") is a common
  noun and is not listed;
- a body written right after another is its parent, and one name with it: "Phòng CSGT Công an
  TP HCM", "Văn phòng UBND TP.HCM", "Ban Tổ chức Thành ủy TPHCM".

A name runs over its capitalised words; lower-case words only right after its first word ("Khí
tượng thủy văn khu vực Nam Bộ", "Cảnh sát điều tra tội phạm về ma túy"), up to a verb or function
word the lexicon knows; "và" or a dash joins two capitalised parts ("PCCC và CNCH"). A surname
with more capitalised words after the name starts a person ("… Trần Văn Ơn Nguyễn Thị Lan").
One pass over the head words, and a few words' look-ahead each: linear in the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from phuong_reader.index.entities.people import SURNAMES
from phuong_reader.index.entities.spans import SpanIndex
from phuong_reader.index.lang.lexicon import PHRASE_ENDING_TAGS, first_word_length, tag_of


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class _Heads:
    head_re: re.Pattern[str]
    bodies: frozenset[str]
    need_scope: frozenset[str]
    described: frozenset[str]
    designators: frozenset[str]
    name_words: frozenset[str]
    stop_words: frozenset[str]
    not_orgs: tuple[str, ...]


@cache
def _heads() -> _Heads:
    data = json.loads(
        resources.files(__package__).joinpath("data/org_heads.json").read_text("utf-8")
    )
    heads = sorted(set(data["bodies"]) | set(data["named"]), key=len, reverse=True)
    head_re = re.compile(
        rf"(?<![\w/-])(?:{'|'.join(re.escape(h) for h in heads)})(?![\w-])(?! viên(?!\w))"
    )
    return _Heads(
        head_re,
        frozenset(data["bodies"]),
        frozenset(data["need_scope"]),
        frozenset(data["described"]),
        frozenset(data["designators"]),
        frozenset(data["name_words"]),
        frozenset(data["stop_words"]),
        tuple(data["not_orgs"]),
    )


_CITY_RE = re.compile(
    r" (?:TPHCM|TP\.HCM|TP\. HCM|TP HCM|TP\. Hồ Chí Minh|TP Hồ Chí Minh|TP\.Hồ Chí Minh|"
    r"[Tt]hành phố Hồ Chí Minh|[Tt]hành phố)(?![\w.]\w)"
)
# One word, a number or a dash after a space ("TP.HCM", "TH-THCS", "115", "Văn hóa - Thể thao").
_TOKEN_RE = re.compile(
    r" (?:(?P<num>\d{1,3})(?![\d\w]|[.,]\d)|(?P<word>[^\W\d_]\w*(?:[.-][^\W_]\w*)*)|(?P<dash>[-–]))"
)
_WARD_TYPES = frozenset(["phường", "xã", "đặc khu", "Phường", "Xã", "Đặc khu"])
_SCOPE_RE = re.compile(
    r" (?:(?P<plural>các (?:phường|xã))|(?P<ward>xã đảo|phường|xã|đặc khu|Phường|Xã|Đặc khu)|"
    r"(?P<block>khu phố|ấp)|(?P<area>khu vực)|"
    r"(?P<district>quận|huyện|thị xã|thị trấn|thành phố|Thành phố|tỉnh|TP\.?))(?!\w)"
)
_NUMBER_RE = re.compile(r" \d{1,2}(?![\d\w]|[.,]\d)")  # "UBND phường 14", "khu vực 1"
_LIST_GAP_RE = re.compile(r",? và |, ")
_TITLES_BEFORE = frozenset(["Trưởng", "Phó", "Chánh"])  # "Phó Chánh Văn phòng UBND TP.HCM"
_PREVIOUS_WORD_RE = re.compile(r"(\w+) $")
_MAX_PLACE_WORDS = 4


def find_orgs(text: str, ward_spans: Sequence[tuple[int, int]] = ()) -> list[OrgMention]:
    """Organisations in ``text``; a ward named right after "phường"/"xã" extends the name."""
    heads = _heads()
    ward_at = {start: end for start, end in ward_spans}
    wards = SpanIndex(ward_spans)
    found: list[tuple[int, int, bool]] = []  # (start, end, listed alone)
    last_end = -1
    for match in heads.head_re.finditer(text):
        start, head = match.start(), match.group()
        if start < last_end or wards.overlaps(start, start + 1):
            continue
        if head in heads.bodies:
            end = match.end()
            scoped = _scope(text, end, ward_at)
            if head in heads.need_scope and scoped == end:
                continue  # "Đảng bộ" alone is the party in general; "Đoàn" a surname
            listed = True
        else:
            if _after_capitalised(text, start):
                continue  # "phường An Hội Tây", "xã Cây Trường II"
            name_end = _name(text, match.end(), heads, head in heads.described)
            if _is_place(text[start:name_end], heads.not_orgs):
                continue
            scoped = _scope(text, name_end, ward_at)
            listed = name_end > match.end()
        found.append((start, scoped, listed))
        last_end = scoped
    return _merge(text, found)


def _merge(text: str, found: list[tuple[int, int, bool]]) -> list[OrgMention]:
    """A body right after another (one space between) is its parent: one name."""
    orgs: list[OrgMention] = []
    group_start = group_end = -1
    listed = False
    for start, end, alone in found:
        if group_start >= 0 and start == group_end + 1 and text[group_end] == " ":
            group_end, listed = end, alone or listed
            continue
        if group_start >= 0 and listed:
            orgs.append(OrgMention(group_start, group_end, text[group_start:group_end]))
        group_start, group_end, listed = start, end, alone
    if group_start >= 0 and listed:
        orgs.append(OrgMention(group_start, group_end, text[group_start:group_end]))
    return orgs


def _after_capitalised(text: str, start: int) -> bool:
    """True for a head inside a capitalised run mid-sentence ("trạm An Hội Tây", "xã Cây
    Trường II"); a sentence's first word ("Theo Sở Y tế …") and a title ("Phó Chánh Văn phòng
    …") are not a run."""
    previous = _PREVIOUS_WORD_RE.search(text, max(0, start - 30), start)
    if not previous or not previous.group(1)[0].isupper() or previous.group(1) in _TITLES_BEFORE:
        return False
    return (
        _PREVIOUS_WORD_RE.search(text, max(0, previous.start() - 30), previous.start()) is not None
    )


def _is_place(name: str, places: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + " ") for p in places)


def _is_capitalised(token: re.Match[str] | None) -> bool:
    return bool(token and token.group("word") and token.group("word")[0].isupper())


def _is_person(text: str, token: re.Match[str] | None) -> bool:
    """A surname followed by a capitalised word: "Nguyễn Thị Lan", not "Đào tạo"."""
    if not token or token.group("word") not in SURNAMES or _CITY_RE.match(text, token.end()):
        return False
    return _is_capitalised(_TOKEN_RE.match(text, token.end()))


def _starts_head(text: str, position: int) -> bool:
    """A body starts at ``position`` (a named body's head inside a capitalised run does not)."""
    heads = _heads()
    match = heads.head_re.match(text, position)
    if match is None:
        return False
    return match.group() in heads.bodies or not _after_capitalised(text, position)


def _name(text: str, pos: int, heads: _Heads, described: bool) -> int:
    """End of the name that starts at ``pos`` (``pos`` when none does)."""
    phase = 1 if described else 0  # 0: before the first word, 1: after it, 2: a capitalised part
    end = pos
    while True:
        if phase and _CITY_RE.match(text, end):
            return end
        token = _TOKEN_RE.match(text, end)
        if not token or _starts_head(text, end + 1) or _SCOPE_RE.match(text, end):
            return end
        if token.group("num"):
            after = _TOKEN_RE.match(text, token.end())
            if not phase or (after and not _is_capitalised(after)):
                return end
            end = token.end()
            continue
        word = token.group("word")
        if token.group("dash") or word == "và":  # "PCCC và CNCH", "Văn hóa - Thể thao"
            after = _TOKEN_RE.match(text, token.end())
            if not phase or not _is_capitalised(after) or _starts_head(text, token.end() + 1):
                return end
            if _is_person(text, after):
                return end
            end = token.end()
            continue
        word_end = _lexicon_word(text, token)
        if word[0].isupper():
            if phase == 0 and text[token.start() + 1 : word_end] in heads.designators:
                end = word_end
                continue
            if phase and _is_person(text, token):
                return end  # a person's name after the body's: "… Trần Văn Ơn Nguyễn Thị Lan"
            phase = 2 if phase else 1
            end = word_end
            continue
        if phase != 1:
            return end
        phrase = text[token.start() + 1 : word_end]
        tag = tag_of(phrase)
        if phrase in heads.stop_words or (
            phrase not in heads.name_words and tag in PHRASE_ENDING_TAGS
        ):
            return end
        end = word_end


def _lexicon_word(text: str, token: re.Match[str]) -> int:
    """The end of the lexicon word that starts at ``token`` ("Y tế", "dự án")."""
    tokens = [token]
    while len(tokens) < 4:
        nxt = _TOKEN_RE.match(text, tokens[-1].end())
        if not nxt or not nxt.group("word") or not nxt.group("word").islower():
            break
        tokens.append(nxt)
    size = first_word_length([t.group().strip() for t in tokens])
    return tokens[size - 1].end()


def _scope(text: str, end: int, ward_at: dict[int, int]) -> int:
    """End of the scope written at ``end``: a ward, a former district, the city (or ``end``)."""
    city = _CITY_RE.match(text, end)
    district_name = city and city.group().strip().lower() == "thành phố"
    if city and not (district_name and _place_name(text, city.end()) > city.end()):
        return city.end()
    scope = _SCOPE_RE.match(text, end)
    if not scope:
        return end
    after = scope.end()
    if scope.group("plural"):  # "Công an các xã Hóc Môn, Đông Thạnh, Xuân Thới Sơn"
        last = ward_at.get(after + 1, -1)
        if last < 0:
            return end
        while gap := _LIST_GAP_RE.match(text, last):
            if gap.end() not in ward_at:
                break
            last = ward_at[gap.end()]
        return last
    number = _NUMBER_RE.match(text, after)
    if scope.group("ward"):
        return ward_at.get(
            after + 1, ward_at.get(scope.start() + 1, number.end() if number else after)
        )
    if number:
        return number.end()
    if scope.group("block"):
        return after
    named = ward_at.get(after + 1) or _place_name(text, after)
    return named if named > after else end


def _place_name(text: str, pos: int) -> int:
    """End of the capitalised place name at ``pos`` ("Gò Vấp", "Nam Bộ"), a person's excluded."""
    end = pos
    for i in range(_MAX_PLACE_WORDS):
        token = _TOKEN_RE.match(text, end)
        if not _is_capitalised(token) or _starts_head(text, end + 1):
            break
        if i and _is_person(text, token):
            break
        end = token.end()
    return end
