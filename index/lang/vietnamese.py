"""Vietnamese text normalisation: one place that decides when two spellings are the same word.

Every function here keeps the string's length, character for character, so offsets computed on a
normalised string are valid in the original NFC text (highlighting depends on that).
"""

from __future__ import annotations

import re
import unicodedata

# Old ("hoà", "thuỷ", "khoẻ") and new ("hòa", "thủy", "khỏe") tone placement differ only for the
# open syllables ending in oa / oe / uy: the old style marks the second vowel, the new the first.
# With a final consonant ("hoàng", "toán") or after "q" ("quý", where "qu" is the consonant) both
# styles agree, so those are left alone.
_TONES = {
    "\u0300": "grave",
    "\u0301": "acute",
    "\u0303": "tilde",
    "\u0309": "hook",
    "\u0323": "dot",
}


def _with_tone(base: str, mark: str) -> str:
    return unicodedata.normalize("NFC", base + mark)


def _old_to_new_pairs() -> dict[str, str]:
    pairs = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONES:
            for a in (first, first.upper()):  # every case mix: "Uỷ", "UỶ", "uỷ"
                for b in (second, second.upper()):
                    pairs[a + _with_tone(b, mark)] = _with_tone(a, mark) + b
    return pairs


_OLD_TO_NEW = _old_to_new_pairs()
_OLD_TONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(sorted(_OLD_TO_NEW)) + r")(?!\w)",
)


def nfc(text: str) -> str:
    """NFC form; cheap when the text already is NFC (the usual case)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def normalize_tones(text: str) -> str:
    """Move old-style tone marks to the new placement: hoà → hòa, Uỷ → Ủy, khoẻ → khỏe."""
    return _OLD_TONE_RE.sub(lambda m: _OLD_TO_NEW[m.group(1)], text)


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0x00C0, 0x1F00):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[code] = base
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Strip every Vietnamese mark and map đ → d (NFC input), one character for one."""
    return text.translate(_FOLD)


def exact_form(text: str) -> str:
    """The *exact* search form: NFC, lower case, new tone placement. Accents stay."""
    return normalize_tones(nfc(text).lower())


def folded_form(text: str) -> str:
    """The *folded* search form: the exact form with all marks removed."""
    return fold(exact_form(text))


def has_marks(text: str) -> bool:
    """True when folding would change the text, i.e. the user typed accents."""
    return fold(text) != text
