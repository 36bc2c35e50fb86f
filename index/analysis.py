"""Whoosh analyzers for Vietnamese: one regex pass, the normalisation done per token.

Whoosh pickles analyzers into the index's schema, so they must be plain classes of an importable
module (this one) with no lambdas or closures. Two forms are indexed:
- exact: lower case, new tone placement, accents kept (``hòa`` and ``hóa`` differ);
- folded: accents stripped and đ → d (``tan son hoa`` finds ``Tân Sơn Hòa``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer

from index.vietnamese import fold, nfc, normalize_tones

# A token is a run of word characters. Inside it, "-" and "/" join codes and ranges
# ("68-NQ/TW", "15-1", "32/33"), "." and "," join digits ("2.461", "24,661", "201,83"), and a
# trailing "%" stays on a number ("98%"), so a figure is matched whole, never in pieces.
TOKEN_RE = re.compile(r"\w+(?:[-/]\w+|(?<=\d)[.,]\d+)*(?:(?<=\d)%)?")


def iter_tokens(text: str, folded: bool = False) -> Iterator[tuple[str, int, int]]:
    """Yield (term, start, end) for each token of NFC ``text``; offsets index ``text``.

    The whole text is normalised once (every step keeps its length) and terms are slices of it;
    only when lower-casing changes the length (a few non-Vietnamese letters) is it done per token.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        for match in TOKEN_RE.finditer(text):
            term = normalize_tones(match.group().lower())
            yield (fold(term) if folded else term), match.start(), match.end()
        return
    forms = normalize_tones(lowered)
    if folded:
        forms = fold(forms)
    for match in TOKEN_RE.finditer(text):
        start, end = match.span()
        yield forms[start:end], start, end


class VietnameseTokenizer(Tokenizer):
    """Tokenizer producing the exact or the folded form of each Vietnamese token."""

    def __init__(self, folded: bool = False) -> None:
        self.folded = folded

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.folded == self.folded

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.folded))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = nfc(value)
        if not tokenize:
            pieces = [(self._form(text), 0, len(text))]
        else:
            pieces = iter_tokens(text, self.folded)
        for pos, (term, start, end) in enumerate(pieces):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token

    def _form(self, text: str) -> str:
        term = normalize_tones(text.lower())
        return fold(term) if self.folded else term


def exact_analyzer() -> VietnameseTokenizer:
    """Analyzer for the accent-keeping field."""
    return VietnameseTokenizer(folded=False)


def folded_analyzer() -> VietnameseTokenizer:
    """Analyzer for the accent-insensitive field."""
    return VietnameseTokenizer(folded=True)
