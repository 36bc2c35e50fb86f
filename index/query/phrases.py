"""Phrase checks on the stored article: the indexed field's folded tokens, in a row.

Positions live in Whoosh's pickled, compressed posting blocks; for a phrase of common words,
reading them costs 50 ms per word at 100,000 articles. The pairs field already narrows a phrase
to the articles holding each adjacent pair of its words, and the few of those a page shows are
loaded anyway: tokenising their stored body (as the analyzer did, see ``folded_tokens``) checks
the phrase exactly for a fraction of that.
"""

from __future__ import annotations

from typing import Any

from phuong_reader.index.lang.analysis import folded_tokens
from phuong_reader.index.model import BODY_KINDS  # what Article.body_text() indexes


def field_tokens(fields: dict[str, Any], field: str) -> list[str]:
    """The folded tokens a positional field of a stored article was indexed from, in order
    (the same text ``schema.to_document`` gives it: body blocks, or names one per line)."""
    doc = fields["doc"]
    if field == "persons":
        text = "\n".join(name for name, _ in doc["persons"])
    elif field == "orgs":
        text = "\n".join(doc["orgs"])
    else:
        whole = doc["text"]
        text = "\n\n".join(whole[s:e] for kind, s, e in doc["blocks"] if kind in BODY_KINDS)
    return folded_tokens(text)[0]


def contains_phrase(tokens: list[str], words: list[str]) -> bool:
    """True when ``words`` occur in ``tokens`` one after the other."""
    if not words:
        return False
    first, size = words[0], len(words)
    return any(tokens[i : i + size] == words for i, token in enumerate(tokens) if token == first)
