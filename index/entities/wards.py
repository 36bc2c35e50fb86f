"""Find the wards an article names, and decide which one it is about.

A ward is a unit name from the gazetteer right after its type word ("phường", "xã", "đặc khu",
"P."), matched with accents and case intact (only the tone placement is normalised): folding would
make "gia đình" the ward Gia Định, and without the type word "cầu Phú Mỹ" would be a ward.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from phuong_reader.index.entities.gazetteer import Gazetteer, load_gazetteer
from phuong_reader.index.entities.spans import SpanIndex
from phuong_reader.index.lang.vietnamese import normalize_tones
from phuong_reader.index.model import WardMention, current_wards

_TYPE_WORD = r"(?:[Pp]hường|PHƯỜNG|[Xx]ã đảo|[Xx]ã|XÃ|[Đđ]ặc khu|ĐẶC KHU|P\.)"
# The special zone is the only unit that news names without its type word ("du khách đến Côn
# Đảo"); "huyện Côn Đảo" is the former district (a former-type mention).
_CITY_LEAD_RE = re.compile(
    r"TP\.? ?HCM|TP\.? ?Hồ Chí Minh|[Tt]hành phố Hồ Chí Minh|(?<!\w)Sở [A-ZĐ]|(?<!\w)168 "
    r"|[Tt]oàn thành phố|các phường, xã"
)
_BARE_ZONE_RE = re.compile(r"(?<![Hh]uyện )(?<![Hh]uyện đảo )(?<!\w)Côn Đảo(?!\w)")
# Types that no longer exist in HCMC: what follows is a former unit when the gazetteer lists it
# with that type ("thị trấn Nhà Bè", "huyện Côn Đảo"), and nothing otherwise ("quận Tân Phú").
_FORMER_TYPE_WORD = r"(?:[Tt]hị trấn|[Hh]uyện)"
_FORMER_SUFFIX = re.compile(r"\s+cũ(?!\w)")  # "phường Tân Định cũ"
_HISTORY_RE = re.compile(
    r"sáp nhập|hợp nhất|sắp xếp|trên cơ sở|thành lập từ|hình thành từ|ra đời từ|gồm toàn bộ|"
    r"một phần|trước ngày 1-7"
)
_HISTORY_REACH = 90  # characters from the cue: "hình thành từ …, giáp ranh với phường X" is not
_NOT_HISTORY_RE = re.compile(r"giáp|(?<!\w)với(?!\w)|cạnh|gần|nơi|hiện nay|bây giờ")
_BARE_LIST_RE = re.compile(r"(?<!\w)(?:trong đó có|gồm)\s+")
_LIST_SEPARATOR = re.compile(r"\s*(?:,|và)\s*")
_PLURAL = (
    r"(?:[Cc]ác|[Nn]hững|[Hh]ai|[Bb]a|[Bb]ốn|[Nn]ăm|[Ss]áu|[Bb]ảy|[Tt]ám|[Cc]hín|[Mm]ười|\d{1,2})"
)
# "các xã vùng ven như Bình Khánh, An Thới Đông và Hưng Long": a list after a few words
_LOWER_WORD = "[a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]+"
_AND_ONLY_RE = re.compile(r"\s+và\s+\S.*")  # one more name, joined by "và"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a mention with its type word and any list that follows "các phường", a bare name)."""
    gaz = load_gazetteer()
    names = sorted(set(gaz.by_name) | gaz.former_names(), key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names if not n.startswith("Phường "))
    name = rf"(?:{alternatives}|\d{{1,2}}(?!\d))(?!\w)"
    mention = re.compile(
        rf"(?P<plural>(?<!\w){_PLURAL}\s+)?"
        rf"(?:(?P<type>{_TYPE_WORD})|(?P<oldtype>{_FORMER_TYPE_WORD}))"
        rf"(?P<bridge>(?:\s+{_LOWER_WORD}){{0,3}}?\s+như\s)?\s*(?P<name>{name})"
        rf"(?P<more>(?:\s*(?:,|và)\s*{name})*)"
    )
    return mention, re.compile(name)


def find_ward_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[WardMention]:
    """Every ward mention in NFC ``text``, in order."""
    gaz = gazetteer or load_gazetteer()
    searchable = normalize_tones(text)  # same length, so offsets carry over
    mention_re, name_re = _patterns()
    mentions: list[WardMention] = []
    for match in mention_re.finditer(searchable):
        if match.group("bridge") and not (match.group("plural") and match.group("type")):
            continue  # only a plural type word reaches over "… như" to its list
        if match.group("oldtype"):
            mentions += _former_typed(gaz, text, match)
            continue
        history = _in_history_clause(searchable, match.start())
        type_word = text[match.start("type") : match.end("type")]
        spans = [match.span("name")]
        more = match.group("more")
        # "các phường A, B và C" lists several; without the plural only "phường A và B" does
        # ("phường A, B" is as often a ward and the old district after it).
        if more and (match.group("plural") or _AND_ONLY_RE.fullmatch(more)):
            offset = match.start("more")
            spans += [(offset + m.start(), offset + m.end()) for m in name_re.finditer(more)]
        for start, end in spans:
            mention = _resolve(gaz, text, searchable, start, end, history)
            if mention.ward is None and mention.text.isdigit():
                # "phường 10" is kept with its type word ("các phường 1, 2" → "phường 2")
                first = start == match.start("name")
                begin = match.start("type") if first else start
                mention = WardMention(begin, end, f"{type_word} {mention.text}", None, True)
            mentions.append(mention)
    mentions += _bare_history_names(gaz, text, searchable, mentions)
    taken = SpanIndex([(m.start, m.end) for m in mentions])
    for zone in _BARE_ZONE_RE.finditer(text):
        if "Côn Đảo" in gaz.by_name and not taken.overlaps(zone.start(), zone.end()):
            mentions.append(WardMention(zone.start(), zone.end(), zone.group(), "Côn Đảo", False))
    return sorted(mentions, key=lambda m: m.start)


def _former_typed(gaz: Gazetteer, text: str, match: re.Match[str]) -> list[WardMention]:
    kind = match.group("oldtype").lower()
    name = normalize_tones(match.group("name"))
    if kind not in gaz.former_kinds.get(name, set()):
        return []
    start, end = match.span("name")
    return [WardMention(start, end, text[start:end], gaz.former_to_current[name][0].name, True)]


def _bare_history_names(
    gaz: Gazetteer, text: str, searchable: str, found: list[WardMention]
) -> list[WardMention]:
    """Former wards listed without a type word in merger history: "sắp xếp 4 phường, trong đó
    có Hòa Phú, Phú Tân và Phú Chánh"."""
    _, name_re = _patterns()
    taken = [(m.start, m.end) for m in found]
    extra: list[WardMention] = []
    for cue in _BARE_LIST_RE.finditer(searchable):
        if not _in_history_clause(searchable, cue.start()):
            continue
        pos = cue.end()
        while match := name_re.match(searchable, pos):
            name, start, end = match.group(), match.start(), match.end()
            if name.isdigit() or name not in gaz.former_to_current:
                break
            if not any(s < end and start < e for s, e in taken):
                target = gaz.former_to_current[name][0].name
                extra.append(WardMention(start, end, text[start:end], target, True))
            separator = _LIST_SEPARATOR.match(searchable, end)
            if not separator:
                break
            pos = separator.end()
    return extra


def _resolve(
    gaz: Gazetteer, text: str, searchable: str, start: int, end: int, history: bool
) -> WardMention:
    name = searchable[start:end]
    if name.isdigit():  # a numbered former ward ("phường 10"): its district is unknown
        return WardMention(start, end, text[start:end], None, True)
    if name in gaz.by_name:
        # In merger history, a unit that never existed before 2025 is the one being formed
        # ("phường Phú Lâm được thành lập trên cơ sở phường 12, 13 và 14"), not a former one.
        was = history and name in gaz.former_to_current
        former = was or _FORMER_SUFFIX.match(searchable, end) is not None
        return WardMention(start, end, text[start:end], name, former)
    targets = gaz.former_to_current.get(name, [])
    return WardMention(start, end, text[start:end], targets[0].name if targets else None, True)


def _in_history_clause(text: str, position: int) -> bool:
    """True when a merger-history cue ("sáp nhập", "thành lập từ" …) leads up to ``position``
    in the same sentence, close enough and without a turn to the present ("giáp ranh với")."""
    sentence_start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position)) + 1
    clause = text[sentence_start:position].lower()
    cues = list(_HISTORY_RE.finditer(clause))
    if not cues:
        return False
    between = clause[cues[-1].end() :]
    return len(between) <= _HISTORY_REACH and not _NOT_HISTORY_RE.search(between)


def primary_ward(
    mentions: Sequence[WardMention],
    lead_end: int,
    caption_spans: Sequence[tuple[int, int]],
    lead: str = "",
) -> str | None:
    """The ward the article is about: the most weighted current ward, earliest on ties; None
    for a city-wide story.

    A mention weighs 3 in the lead, 2 in a caption, 1 elsewhere: reports name their subject in
    the lead, in captions and repeatedly, and visiting officials' wards once or twice. A lead
    that names no unit but the city ("Sở Y tế TP.HCM …", "168 phường, xã …") is a city-wide
    story: the units it names further down are examples, not its subject.
    """
    if (
        lead
        and _CITY_LEAD_RE.search(lead)
        and not any(m.start < lead_end and m.ward and not m.former for m in mentions)
    ):
        return None
    scores: dict[str, float] = {}
    in_caption = SpanIndex(caption_spans).covers
    for m in mentions:
        if not m.ward or m.former:
            continue
        if m.start < lead_end:
            weight = 3.0
        elif in_caption(m.start, m.end):
            weight = 2.0
        else:
            weight = 1.0
        scores[m.ward] = scores.get(m.ward, 0.0) + weight
    if not scores:
        return None
    order = {ward: i for i, ward in enumerate(current_wards(mentions))}
    best = max(order, key=lambda w: (scores[w], -order[w]))
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 and len(ranked) > 2 and ranked[1] == ranked[0]:
        return None  # city-wide: several units named in passing, none in the lead or a caption
    return best
