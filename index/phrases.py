"""Phrase checks on the stored article: the indexed body's folded tokens, in a row.

Positions live in Whoosh's pickled, compressed posting blocks; for a phrase of common words,
reading them costs 50 ms per word at 100,000 articles. The pairs field already narrows a phrase
to the articles holding each adjacent pair of its words, and the few of those a page shows are
loaded anyway: tokenising their stored body (as the analyzer did, see ``folded_tokens``) checks
the phrase exactly for a fraction of that.
"""

from __future__ import annotations

from typing import Any

from index.analysis import folded_tokens

BODY_KINDS = ("lead", "paragraph", "caption")  # what Article.body_text() indexes


def body_tokens(fields: dict[str, Any]) -> list[str]:
    """The folded tokens of the indexed body of a stored article, in order."""
    doc = fields["doc"]
    text = doc["text"]
    body = "\n\n".join(text[start:end] for kind, start, end in doc["blocks"] if kind in BODY_KINDS)
    return folded_tokens(body)[0]


def contains_phrase(tokens: list[str], words: list[str]) -> bool:
    """True when ``words`` occur in ``tokens`` one after the other."""
    if not words:
        return False
    first, size = words[0], len(words)
    return any(tokens[i : i + size] == words for i, token in enumerate(tokens) if token == first)
