"""Find the wards an article names, and decide which one it is about.

A ward is a unit name from the gazetteer right after its type word ("phường", "xã", "đặc khu",
"P."), matched with accents and case intact (only the tone placement is normalised): folding would
make "gia đình" the ward Gia Định, and without the type word "cầu Phú Mỹ" would be a ward.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from index.gazetteer import Gazetteer, load_gazetteer
from index.vietnamese import normalize_tones

_TYPE_WORD = r"(?:[Pp]hường|PHƯỜNG|[Xx]ã|XÃ|[Đđ]ặc khu|ĐẶC KHU|P\.)"
_FORMER_SUFFIX = re.compile(r"\s+cũ(?!\w)")  # "phường Tân Định cũ"
_HISTORY_WORDS = ("sáp nhập", "hợp nhất", "trên cơ sở", "trước đây", "trước khi")


@dataclass(frozen=True)
class WardMention:
    """One ward named in the text; ``start``/``end`` cover the name only, in NFC offsets."""

    start: int
    end: int
    text: str  # as written in the article
    ward: str | None  # the current unit it is or became part of (None for "phường 10")
    former: bool  # named as a unit that no longer exists


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a mention with its type word and any list that follows "các phường", a bare name)."""
    gaz = load_gazetteer()
    names = sorted(set(gaz.by_name) | gaz.former_names(), key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names if not n.startswith("Phường "))
    name = rf"(?:{alternatives}|\d{{1,2}}(?!\d))(?!\w)"
    mention = re.compile(
        rf"(?P<plural>\b(?:các|những|hai|ba|bốn|năm|sáu|bảy|tám|\d)\s+)?(?P<type>{_TYPE_WORD})\s*(?P<name>{name})"
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
        history = _in_history_clause(searchable, match.start())
        spans = [match.span("name")]
        if match.group("plural") and match.group("more"):
            offset = match.start("more")
            spans += [
                (offset + m.start(), offset + m.end())
                for m in name_re.finditer(match.group("more"))
            ]
        for start, end in spans:
            mention = _resolve(gaz, text, searchable, start, end, history)
            if mention.ward is None and start == match.start("name"):
                # "phường 10" is kept as written, type word included
                mention = WardMention(
                    match.start("type"), end, text[match.start("type") : end], None, True
                )
            mentions.append(mention)
    return mentions


def _resolve(
    gaz: Gazetteer, text: str, searchable: str, start: int, end: int, history: bool
) -> WardMention:
    name = searchable[start:end]
    if name.isdigit():  # a numbered former ward ("phường 10"): its district is unknown
        return WardMention(start, end, text[start:end], None, True)
    if name in gaz.by_name:
        former = history or _FORMER_SUFFIX.match(searchable, end) is not None
        return WardMention(start, end, text[start:end], name, former)
    targets = gaz.former_to_current.get(name, [])
    return WardMention(start, end, text[start:end], targets[0].name if targets else None, True)


def _in_history_clause(text: str, position: int) -> bool:
    sentence_start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position)) + 1
    clause = text[sentence_start:position].lower()
    return any(word in clause for word in _HISTORY_WORDS)


def current_wards(mentions: Sequence[WardMention]) -> list[str]:
    """Current wards named as themselves (not as merger history), in order of first mention."""
    seen: dict[str, None] = {}
    for m in mentions:
        if m.ward and not m.former:
            seen.setdefault(m.ward, None)
    return list(seen)


def primary_ward(
    mentions: Sequence[WardMention], lead_end: int, caption_spans: Sequence[tuple[int, int]]
) -> str | None:
    """The ward the article is about: the most weighted current ward, earliest on ties.

    A mention weighs 3 in the lead, 2 in a caption, 1 elsewhere: reports name their subject in
    the lead, in captions and repeatedly, and visiting officials' wards once or twice.
    """
    scores: dict[str, float] = {}
    for m in mentions:
        if not m.ward or m.former:
            continue
        if m.start < lead_end:
            weight = 3.0
        elif any(s <= m.start < e for s, e in caption_spans):
            weight = 2.0
        else:
            weight = 1.0
        scores[m.ward] = scores.get(m.ward, 0.0) + weight
    if not scores:
        return None
    order = current_wards(mentions)
    return max(order, key=lambda w: (scores[w], -order.index(w)))
