"""One-line excerpts around query matches, computed from the stored text (no Whoosh highlighter).

Called lazily, for the rows a user can see; matching is on folded tokens, so a snippet marks
``Hòa`` for the query ``hoa``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from phuong_reader.index.lang.analysis import folded_tokens, iter_tokens
from phuong_reader.index.model import (
    BODY_KINDS,
    QueryTerms,
    Snippet,
    Span,
    StoredArticle,
    StoredBlock,
)

ELLIPSIS = "…"


def match_spans(text: str, terms: QueryTerms, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of ``text[start:end]`` whose tokens match the query (offsets into ``text``)."""
    if not (terms.words or terms.prefixes or terms.phrases):
        return []  # nothing to find: no need to tokenise (a 1 MB article opened without a query)
    found = list(iter_tokens(text[start:end], folded=True))
    folded = [term for term, _, _ in found]
    spans = [(s, e) for _, s, e in found]
    return [Span(start + s, start + e, "match") for s, e in _matched(folded, spans, terms)]


def _matched(
    folded: list[str], spans: list[tuple[int, int]], terms: QueryTerms
) -> list[tuple[int, int]]:
    """Offsets of the matching tokens, and of each run that spells a query phrase ("Ủy ban
    nhân dân" for "ubnd") as one span, in text order."""
    if terms.prefixes:
        hits = [spans[i] for i, term in enumerate(folded) if terms.matches(term)]
    else:
        words = set(terms.words)
        hits = [spans[i] for i, term in enumerate(folded) if term in words]
    if not terms.phrases:
        return hits
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in terms.phrases:
        by_first.setdefault(phrase[0], []).append(phrase)
    runs = []
    for i, term in enumerate(folded):
        for phrase in by_first.get(term, ()):
            if tuple(folded[i : i + len(phrase)]) == phrase:
                runs.append((spans[i][0], spans[i + len(phrase) - 1][1]))
    inside = {(s, e) for s, e in hits for rs, re_ in runs if rs <= s and e <= re_}
    return sorted({*runs, *(h for h in hits if h not in inside)})


def make_snippet(article: StoredArticle, terms: QueryTerms, width: int = 160) -> Snippet:
    """The best ``width``-character window: the block with the most distinct matched terms.

    The article is tokenised once and matches are found with a set lookup per token, then
    shared out to blocks by offset (per-block tokenising cost 0.6 ms per article).
    """
    return snippet_of(article.text, article.blocks, terms, width)


def snippet_of(
    text: str,
    blocks: Sequence[StoredBlock],
    terms: QueryTerms,
    width: int = 160,
    tokens: tuple[list[str], list[tuple[int, int]]] | None = None,
) -> Snippet:
    """``make_snippet`` from the article's text and blocks alone (the search engine's snippets
    skip building the whole ``StoredArticle``). ``tokens``: ``folded_tokens(text)``, when the
    caller kept them (most of a snippet's cost)."""
    folded, spans = tokens if tokens is not None else folded_tokens(text)
    found = _matched(folded, spans, terms)
    starts = [start for start, _ in found]
    best: tuple[tuple[int, int], int, int, list[Span]] | None = None
    for block in blocks:
        if block.kind not in BODY_KINDS:
            continue
        inside = found[bisect_left(starts, block.start) : bisect_left(starts, block.end)]
        matched = [Span(s, e, "match") for s, e in inside if e <= block.end]
        distinct = len({text[s.start : s.end].lower() for s in matched})
        rank = (distinct, len(matched))
        if best is None or rank > best[0]:
            best = (rank, block.start, block.end, matched)
    if best is None:
        return Snippet("", [])
    _, block_start, block_end, spans = best
    anchor = spans[0].start if spans else block_start
    start = _word_start(text, max(block_start, anchor - width // 4), block_start)
    end = min(block_end, start + width)
    if end < block_end:
        end = _word_end(text, end, start)
    prefix = ELLIPSIS if start > block_start else ""
    suffix = ELLIPSIS if end < block_end else ""
    body = text[start:end].replace("\n", " ")
    shift = len(prefix) - start
    highlights = [
        Span(s.start + shift, s.end + shift, s.kind)
        for s in spans
        if start <= s.start and s.end <= end
    ]
    return Snippet(prefix + body + suffix, highlights)


def _word_start(text: str, pos: int, floor: int) -> int:
    """Move ``pos`` forward to the start of a word (never before ``floor``)."""
    if pos <= floor:
        return floor
    space = text.find(" ", pos - 1)
    return space + 1 if 0 <= space < pos + 20 else pos


def _word_end(text: str, pos: int, floor: int) -> int:
    """Move ``pos`` back to the end of a word (never before ``floor``)."""
    space = text.rfind(" ", floor, pos + 1)
    return space if space > floor else pos
