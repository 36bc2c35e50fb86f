"""The fixed query mix of the benchmark, and its translation into SQLite FTS5.

The mix is drawn from the corpus metadata with a seeded RNG, so every class finds something:
rare words are the corpus's least frequent generated syllables, person names are people the
corpus names, ward filters are wards that have articles. The same ``Query`` is run by our engine
(as a reader user types it) and by FTS5 (folded tokens, phrases as FTS5 phrases, ward and date
as WHERE clauses), so the two sides answer the same question.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from phuong_reader.index.entities.gazetteer import ward_key
from phuong_reader.index.lang.analysis import iter_tokens
from phuong_reader.index.lang.vietnamese import folded_form, nfc
from phuong_reader.index.query.parser import parse_date_range

CLASSES = ("common", "rare", "accentless", "phrase", "ward_word", "date_word", "person")
PER_CLASS = 30
HITS, SNIPPETS = 50, 20  # what the reader shows: top 50 hits, snippets for the first 20
# One common syllable each; function words ("và", "của") are the worst case for a scorer.
COMMON = (
    "phường năm Đảng dân công hội xã nhân triển khai tổ chức thành phố cán bộ kết quả nhiệm vụ "
    "chính quyền khu hộ người trong được các và của"
).split()
MONTHS = [
    f"{y}-{m:02d}" for y, m in [(2025, m) for m in range(7, 13)] + [(2026, m) for m in range(1, 7)]
]


@dataclass(frozen=True)
class Query:
    """One benchmark query: the text as typed, and the reader's ward / date filters."""

    cls: str
    text: str
    ward: str | None = None
    since: str | None = None
    until: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _folded_tokens(text: str) -> list[str]:
    return [t for t, _, _ in iter_tokens(nfc(text), folded=True)]


def fts5_match(query: Query) -> str:
    """The FTS5 MATCH expression: a quoted phrase, or every folded token quoted (implicit AND)."""
    tokens = _folded_tokens(query.text)
    if query.text.startswith('"') and query.text.endswith('"'):
        return '"' + " ".join(tokens) + '"'
    return " ".join(f'"{t}"' for t in tokens)


def fts5_filters(query: Query) -> tuple[str, list[str]]:
    """(SQL conditions to AND to the MATCH, their parameters) for the ward and date filters."""
    where, params = [], []
    if query.ward:
        where.append("ward = ?")
        params.append(ward_key(query.ward))
    if query.since or query.until:
        where.append("date BETWEEN ? AND ?")
        params.append(parse_date_range(query.since).start if query.since else "0000-00-00")
        params.append(parse_date_range(query.until).end if query.until else "9999-99-99")
    return "".join(f" AND {w}" for w in where), params


def _typed(rng: random.Random, text: str) -> str:
    """Half the time the user types without accents."""
    return folded_form(text) if rng.random() < 0.5 else text


def make_queries(meta: dict[str, Any], bank_lists: dict[str, list[str]]) -> list[Query]:
    """``PER_CLASS`` queries of each class in CLASSES, the same for the same corpus."""
    rng = random.Random(f"queries:{meta['seed']}:{meta['docs']}")
    articles = meta["articles"]
    phrases, words = bank_lists["key_phrase"], bank_lists["common_word"]
    out = [Query("common", _typed(rng, w)) for w in COMMON[:PER_CLASS]]
    df = Counter(s for a in articles for s in a["rare"])
    rare = sorted(df, key=lambda s: (df[s], rng.random()))[:PER_CLASS]
    out += [Query("rare", _typed(rng, s)) for s in rare]
    for i in range(PER_CLASS):
        ward = rng.choice(articles)["ward"]
        text = ward if i % 3 else rng.choice(phrases)
        out.append(Query("accentless", folded_form(text)))
    multi = [p for p in phrases + words if " " in p]
    out += [Query("phrase", f'"{p}"') for p in rng.sample(multi, PER_CLASS)]
    for _ in range(PER_CLASS):
        out.append(Query("ward_word", rng.choice(words), ward=rng.choice(articles)["ward"]))
    for _ in range(PER_CLASS):
        first = rng.randrange(len(MONTHS) - 1)
        last = min(len(MONTHS) - 1, first + rng.randrange(3))
        out.append(Query("date_word", rng.choice(words), since=MONTHS[first], until=MONTHS[last]))
    people = [p for a in articles for p in a["persons"]]
    out += [Query("person", _typed(rng, rng.choice(people))) for _ in range(PER_CLASS)]
    return out


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p95 and max of ``values`` (nearest rank), rounded to 0.1."""
    ordered = sorted(values)
    if not ordered:
        return {"p50": 0.0, "p95": 0.0, "max": 0.0}

    def rank(p: float) -> float:
        return ordered[min(len(ordered), max(1, math.ceil(p * len(ordered)))) - 1]

    return {"p50": round(rank(0.50), 1), "p95": round(rank(0.95), 1), "max": round(ordered[-1], 1)}


def by_class(timed: list[tuple[str, float]]) -> dict[str, dict[str, float]]:
    """Percentiles of (class, ms) pairs per query class, in CLASSES order."""
    return {c: percentiles([ms for k, ms in timed if k == c]) for c in CLASSES}
