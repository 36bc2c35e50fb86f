"""Spellings that mean the same: abbreviations and their long forms, the city's names, i/y
spellings and numbers as people type them, all as folded tokens.

The classes are data (``data/equivalents.txt``, one line each); two rules cover what a list
cannot: a syllable spelt with a final i or y where Vietnamese allows both ("tỷ"/"tỉ",
"kỹ"/"kĩ", "lý"/"lí", "mỹ"/"mĩ", "hy"/"hi", "sỹ"/"sĩ"), and a number written with or without
its thousands dots ("1000"/"1.000") or with a decimal point or comma ("2.5"/"2,5"). "Sài Gòn" is
left out on purpose: it is today's phường Sài Gòn as often as the city.
"""

from __future__ import annotations

import re
from functools import cache

from phuong_reader.index.lang.analysis import iter_tokens
from phuong_reader.index.lang.datafile import data_lines, longest_runs
from phuong_reader.index.lang.vietnamese import nfc

Form = tuple[str, ...]  # folded tokens

MAX_FORM_TOKENS = 6
# An onset that takes either final vowel, and the bare syllable: "ty"/"ti", "quy"/"qui".
_I_Y_RE = re.compile(r"^(h|k|l|m|s|t|v|qu)([iy])$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_PLAIN_RE = re.compile(r"^\d{4,}$")
_DECIMAL_RE = re.compile(r"^(\d+)[.,](\d{1,2}|\d{4,})$")


def folded(text: str) -> Form:
    """The folded tokens of ``text``, as the index stores them."""
    return tuple(t for t, _, _ in iter_tokens(nfc(text), folded=True))


@cache
def _classes() -> dict[Form, tuple[Form, ...]]:
    """Each form → every form of its class (itself first)."""
    out: dict[Form, tuple[Form, ...]] = {}
    for line in data_lines("equivalents.txt"):
        forms = tuple(dict.fromkeys(f for f in (folded(part) for part in line.split(" = ")) if f))
        for form in forms:
            out[form] = (form, *(f for f in forms if f != form))
    return out


def token_variants(token: str) -> tuple[str, ...]:
    """The token and its other spellings by rule ("ty" → "ty", "ti"; "1000" → "1.000")."""
    variants = [token]
    if match := _I_Y_RE.match(token):
        onset, vowel = match.groups()
        variants.append(onset + ("i" if vowel == "y" else "y"))
    elif _PLAIN_RE.match(token):
        grouped = f"{int(token):,}".replace(",", ".")
        variants.append(grouped)
    elif _THOUSANDS_RE.match(token):
        variants.append(token.replace(".", ""))
    if match := _DECIMAL_RE.match(token):
        whole, part = match.groups()
        if not _THOUSANDS_RE.match(token):
            other = "," if "." in token else "."
            variants.append(f"{whole}{other}{part}")
    return tuple(dict.fromkeys(variants))


def find_classes(tokens: list[str]) -> list[tuple[int, int, tuple[Form, ...]]]:
    """(start, end, forms) of each run of ``tokens`` that is a form of a class, longest first,
    left to right, not overlapping."""
    return longest_runs(tokens, _classes(), MAX_FORM_TOKENS)
