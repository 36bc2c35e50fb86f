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


def _old_tone_re(pairs: dict[str, str]) -> re.Pattern[str]:
    """The old-style pairs as one class of second letters per first letter ("[Oo]" then its
    marked vowels): the same two-letter matches as an alternation of every pair, found several
    times faster (the engine tests a class, not each pair, at every position)."""
    seconds: dict[str, set[str]] = {}
    for pair in pairs:  # every pair is two characters: a vowel, then a marked vowel
        seconds.setdefault(pair[0], set()).add(pair[1])
    classes = "|".join(
        f"{re.escape(first)}[{''.join(sorted(marked))}]"
        for first, marked in sorted(seconds.items())
    )
    return re.compile(rf"(?<![qQ])({classes})(?!\w)")


_OLD_TO_NEW = _old_to_new_pairs()
_OLD_TONE_RE = _old_tone_re(_OLD_TO_NEW)


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


# Vietnamese alphabetical order: the letters with their own place (ă â đ ê ô ơ ư after their
# base letter), then the tones (none, grave, hook, tilde, acute, dot), letter by letter.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {c: i for i, c in enumerate(_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê"}
_LETTER_MARKS |= {("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A key that sorts Vietnamese as a dictionary does: "Đa Kao" after "Dĩ An", "Ân" after
    "An" and before "Bàn Cờ", tones only breaking ties ("An Phú" < "An Phủ")."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char in _TONE_RANK:
            if tones:
                tones[-1] = _TONE_RANK[char]
            continue
        if letters and (marked := _LETTER_MARKS.get((_ALPHABET[letters[-1]], char))):
            letters[-1] = _LETTER_RANK[marked]
            continue
        rank = _LETTER_RANK.get(char)
        if rank is None:
            if unicodedata.category(char).startswith("M"):
                continue
            rank = -1 if char == " " else len(_ALPHABET) + ord(char)
        letters.append(rank)
        tones.append(0)
    return tuple(letters), tuple(tones)


def sort_string(text: str) -> str:
    """``sort_key`` as one string that compares the same way (plain string order, in Python
    and in SQLite), to be stored and sorted on without computing the key again."""
    letters, tones = sort_key(text)
    chars = []
    for rank in letters:
        code = rank + 0x30  # -1 (a space) sorts before every letter
        chars.append(chr(code + 0x800 if code >= 0xD800 else min(code, 0x10FFFF)))
    return "".join(chars) + "\x01" + "".join(chr(0x30 + tone) for tone in tones)
