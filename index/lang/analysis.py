"""Whoosh analyzers for Vietnamese: one regex pass, the normalisation done per token.

Whoosh pickles analyzers into the index's schema, so they must be plain classes of an importable
module (this one) with no lambdas or closures. Two forms are indexed:
- exact: lower case, new tone placement, accents kept (``hòa`` and ``hóa`` differ);
- folded: accents stripped and đ → d (``tan son hoa`` finds ``Tân Sơn Hòa``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

from phuong_reader.index.lang.vietnamese import fold, nfc, normalize_tones
from whoosh.analysis import Token, Tokenizer

# A token is a run of word characters. Inside it, "-" and "/" join codes and ranges
# ("68-NQ/TW", "15-1", "32/33"), "." and "," join digits ("2.461", "24,661", "201,83"), and a
# trailing "%" stays on a number ("98%"), so a figure is matched whole, never in pieces.
TOKEN_RE = re.compile(r"\w+(?:[-/]\w+|(?<=\d)[.,]\d+)*(?:(?<=\d)%)?")


def iter_tokens(text: str, folded: bool = False) -> Iterator[tuple[str, int, int]]:
    """Yield (term, start, end) for each token of NFC ``text``; offsets index ``text``."""
    exact, folded_terms, spans = _token_table(text)
    for term, (start, end) in zip(folded_terms if folded else exact, spans, strict=True):
        yield term, start, end


def folded_tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """(folded terms, spans) of every token of NFC ``text``, as lists (cheaper than iterating
    ``iter_tokens`` when a caller scans a whole article). Tone placement needs no normalising
    here: folding removes the marks wherever they sit."""
    spans = [m.span() for m in TOKEN_RE.finditer(text)]
    lowered = text.lower()
    if len(lowered) != len(text):
        return _token_table(text)[1], spans
    folded_text = fold(lowered)
    return [folded_text[s:e] for s, e in spans], spans


# Each distinct lower-case token's (exact, folded) forms, made once: the same words recur across
# articles, and a lookup is cheaper than normalising and folding them in the text again. Emptied
# when full (20,000 words: about 4 MB).
_FORMS: dict[str, tuple[str, str]] = {}
FORMS_MAX = 20_000


@lru_cache(maxsize=4)
def _token_table(text: str) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """(exact terms, folded terms, spans) of ``text``, computed once for the three fields that
    index the same body (Whoosh analyses each field separately).

    Terms are the tokens of the lower-cased text, each normalised on its own (``_forms``): the
    same as normalising the whole text and slicing it, because tone placement only looks at
    letters inside a token and folding is one character for one. Only when lower-casing changes
    the length (a few non-Vietnamese letters) is each token lower-cased on its own.
    """
    spans = [m.span() for m in TOKEN_RE.finditer(text)]
    lowered = text.lower()
    if len(lowered) == len(text):
        if len(_FORMS) > FORMS_MAX:
            _FORMS.clear()
        known = _FORMS.get
        forms = [known(word) or _forms(word) for word in [lowered[s:e] for s, e in spans]]
        if not forms:
            return [], [], spans
        exact, folded = zip(*forms, strict=True)
        return list(exact), list(folded), spans
    exact = [normalize_tones(text[s:e].lower()) for s, e in spans]
    return exact, [fold(t) for t in exact], spans


def _forms(word: str) -> tuple[str, str]:
    """(exact, folded) of one lower-case token, remembered."""
    exact = normalize_tones(word)
    forms = _FORMS[word] = (exact, fold(exact))
    return forms


class VietnameseTokenizer(Tokenizer):
    """Tokenizer producing the exact or the folded form of each Vietnamese token.

    With ``accented_only`` (the exact field), tokens without marks are skipped: their exact form
    is their folded form, already indexed, so indexing them twice would only cost time.
    """

    def __init__(self, folded: bool = False, accented_only: bool = False) -> None:
        self.folded = folded
        self.accented_only = accented_only

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.folded, self.accented_only))

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
        pieces = self._pieces(text) if tokenize else [(self._form(text), 0, len(text))]
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

    def terms(self, value: str) -> list[str]:
        """The terms this tokenizer yields for ``value``, in order (what an index writer needs,
        without a Token per term)."""
        return list(self._selected(nfc(value))[0])

    def _pieces(self, text: str) -> Iterator[tuple[str, int, int]]:
        terms, spans = self._selected(text)
        return ((term, s, e) for term, (s, e) in zip(terms, spans, strict=True))

    def _selected(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """(terms, spans) of NFC ``text``: the exact or folded forms, or only the accented
        ones. Folding is one character for one, so a term has marks when its forms differ
        (and a folded form never has)."""
        exact, folded, spans = _token_table(text)
        if not getattr(self, "accented_only", False):
            return (folded if self.folded else exact), spans
        if self.folded:
            return [], []
        kept = [i for i, (e, f) in enumerate(zip(exact, folded, strict=True)) if e != f]
        return [exact[i] for i in kept], [spans[i] for i in kept]

    def _form(self, text: str) -> str:
        term = normalize_tones(text.lower())
        return fold(term) if self.folded else term


class PairTokenizer(Tokenizer):
    """Adjacent folded tokens as one term ("tan son", "son hoa"): adjacency becomes a term
    lookup, so ranking adjacent words first and checking 2-word phrases need no positions."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        removestops: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, pair in enumerate(self.terms(value)):
            token.text, token.boost, token.stopped = pair, 1.0, False
            if positions:
                token.pos = pos
            yield token

    def terms(self, value: str) -> list[str]:
        """The pairs of adjacent folded tokens of ``value`` in one paragraph, in order."""
        text = nfc(value)
        tokens = list(iter_tokens(text, folded=True))
        return [
            f"{a} {b}"
            for (a, _, end), (b, start, _) in pairwise(tokens)
            if "\n" not in text[end:start]
        ]


def pairs(terms: list[str]) -> list[str]:
    """Pair terms of consecutive folded terms: ["tan", "son", "hoa"] → ["tan son", "son hoa"]."""
    return [f"{a} {b}" for a, b in pairwise(terms)]


def exact_analyzer() -> VietnameseTokenizer:
    """Analyzer for the accent-keeping field (accented tokens only)."""
    return VietnameseTokenizer(folded=False, accented_only=True)


def pair_analyzer() -> PairTokenizer:
    """Analyzer for the field of adjacent token pairs."""
    return PairTokenizer()


def folded_analyzer() -> VietnameseTokenizer:
    """Analyzer for the accent-insensitive field."""
    return VietnameseTokenizer(folded=True)
