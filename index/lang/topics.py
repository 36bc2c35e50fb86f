"""Topic groups: the different words this news uses for one topic ("ngập", "triều cường", "mưa
lớn" for flooding; "cháy", "hỏa hoạn", "PCCC" for fires), so that a query on one also finds the
articles that say it another way.

The groups are data (``data/topics.txt``, one line each), each term justified by counts over the
articles (``scripts/topic_evidence.py``, ``docs/topics.md``). They differ from the equivalent
spellings of ``equivalents.py`` (one thing written several ways, found at nearly the same rank):
the words of a group are different words, found at a lower boost and only for the query's own
words (never to exclude: ``-ngập`` excludes "ngập" alone).

A typed run of words names a term only with the term's accents (tone placement and case
aside): "chay" is "chạy" (run) and "chảy" (flow) as often as "cháy" (fire).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from phuong_reader.index.lang.analysis import iter_tokens
from phuong_reader.index.lang.datafile import data_lines, longest_runs
from phuong_reader.index.lang.equivalents import MAX_FORM_TOKENS, Form
from phuong_reader.index.lang.vietnamese import nfc


@dataclass(frozen=True)
class TopicTerm:
    exact: Form  # the term's tokens with accents (lower case, new tone placement)
    folded: Form  # the same without accents, as body_folded and pairs hold them


def topic_term(text: str) -> TopicTerm:
    text = nfc(text)
    exact = tuple(t for t, _, _ in iter_tokens(text))
    folded = tuple(t for t, _, _ in iter_tokens(text, folded=True))
    return TopicTerm(exact, folded)


@cache
def load_groups() -> dict[str, tuple[TopicTerm, ...]]:
    """Each group's label → its terms, in the order of the data file."""
    out: dict[str, tuple[TopicTerm, ...]] = {}
    for line in data_lines("topics.txt"):
        label, _, terms = line.partition(":")
        found = (topic_term(t) for t in terms.split(" = "))
        out[label.strip()] = tuple(dict.fromkeys(t for t in found if t.exact))
    return out


@cache
def _index() -> dict[Form, tuple[TopicTerm, ...]]:
    """Each term's exact form → the other terms of its group(s).

    The other terms are those worth searching: a term holding another of its group ("vụ cháy"
    holds "cháy", "ngập sâu" holds "ngập") is only a way to ask, or one mention would count
    twice."""
    by_exact: dict[Form, list[TopicTerm]] = {}
    for terms in load_groups().values():
        searched = [t for t in terms if not any(_within(o.exact, t.exact) for o in terms if o != t)]
        for term in terms:
            by_exact.setdefault(term.exact, []).extend(t for t in searched if t != term)
    return {form: tuple(dict.fromkeys(others)) for form, others in by_exact.items()}


def _within(short: Form, long: Form) -> bool:
    """True when ``short`` is a run of ``long``'s tokens ("cháy" of "vụ cháy")."""
    n = len(short)
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def find_topics(tokens: list[tuple[str, str]]) -> list[tuple[int, int, tuple[TopicTerm, ...]]]:
    """(start, end, the group's other terms) of each run of ``tokens`` ((exact, folded) pairs,
    as the query was typed) that names a term of a group: longest first, left to right, not
    overlapping."""
    exact = [e for e, _ in tokens]
    return longest_runs(exact, _index(), MAX_FORM_TOKENS)
