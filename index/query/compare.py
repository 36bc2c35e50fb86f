"""Comparing across the current results: where and when they are (``facets``), and the
figures they give (``figures``), computed from what the index saved.

Both start from every document the query matches (not one page): the vector evaluator's
answer when it has one, else Whoosh's ``docs_for_query``. Ward and month counts are one
``bincount`` over the saved per-document ward and date ranks; figures are one join in the
generation's facts table on the matching article ids (saved whole, so no stored article is
unpickled). Phrases the evaluator leaves unchecked beyond its limit are counted as matches:
the counts are then an upper bound, as the results' total is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from phuong_reader.index.entities.resolve import UnitMatch
from phuong_reader.index.lang.vietnamese import fold
from phuong_reader.index.model import Facets, FigureFact
from phuong_reader.index.query.compile import date_filter, ward_filter
from phuong_reader.index.query.vectorized import Unsupported, VectorSearcher, common_docs
from phuong_reader.index.storage.figure_arrays import FigureColumns
from phuong_reader.index.storage.figure_shards import figures_at, figures_of, read_columns
from whoosh import query as wq


def matching_docs(vectors: VectorSearcher, compiled: wq.Query) -> np.ndarray:
    """Sorted doc numbers of every live document ``compiled`` matches."""
    try:
        return vectors.run(compiled).docs
    except Unsupported:
        docs = vectors.searcher.docs_for_query(compiled)
        return np.array(sorted(docs), dtype=np.int64)


def scoped_docs(
    vectors: VectorSearcher,
    compiled: wq.Query,
    place: UnitMatch | None,
    dates: tuple[str, str] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """(the matches within ``dates``, the matches naming the ward ``place``); without a
    filter its set is every match."""
    everywhere = matching_docs(vectors, compiled)
    dated = in_ward = everywhere
    if dates is not None:
        dated = common_docs(everywhere, vectors.range_docs(date_filter(*dates)))
    if place is not None:
        naming = matching_docs(vectors, ward_filter(place, field="wards_key"))
        in_ward = common_docs(everywhere, naming)
    return dated, in_ward


def count_facets(vectors: VectorSearcher, dated: np.ndarray, in_ward: np.ndarray) -> Facets:
    """Primary-ward counts over ``dated`` and month counts over ``in_ward``."""
    wards, ward_rank = vectors.ranked("ward")
    per_ward = np.bincount(ward_rank[dated] + 1, minlength=len(wards) + 1)[1:]
    dates, date_rank = vectors.ranked("date")
    months = sorted({d[:7] for d in dates if _is_month(d[:7])})
    month_index = {m: i for i, m in enumerate(months)}
    month_of = np.array([month_index.get(d[:7], -1) for d in dates] + [-1], dtype=np.int64)
    ranks = date_rank[in_ward]  # -1 (no date) picks the appended -1
    of_docs = month_of[ranks]
    per_month = np.bincount(of_docs[of_docs >= 0], minlength=len(months))
    return Facets(
        wards={w: int(n) for w, n in zip(wards, per_ward.tolist(), strict=True) if n},
        months={m: int(n) for m, n in zip(months, per_month.tolist(), strict=True) if n},
        undated=int((of_docs < 0).sum()),
    )


def _is_month(text: str) -> bool:
    """ "YYYY-MM" (a date term that is not a date, such as "", counts as undated)."""
    return len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit()


def figure_facts(
    generation: Path, vectors: VectorSearcher, docs: np.ndarray, about: str | None
) -> list[FigureFact]:
    """The figures of the articles ``docs``; with ``about``, only those about it (``is_about``)."""
    facts = [_fact(row) for row in figures_of(generation, vectors.ids_of(docs))]
    return [f for f in facts if is_about(f, about)] if about else facts


def is_about(fact: FigureFact, about: str) -> bool:
    """Whether ``fact`` counts ``about`` (accents and case aside): its counted noun contains it,
    or it is a percentage whose context names it ("tỷ lệ hộ nghèo còn 0,5%")."""
    wanted = fold(about).lower()
    if wanted in fold(fact.counted).lower():
        return True
    return fact.counted.startswith("%") and wanted in fold(fact.context).lower()


def unit_table(
    generation: Path, vectors: VectorSearcher, docs: np.ndarray, counted: str
) -> list[FigureFact]:
    """``by_unit`` of the figures of ``docs``, from the columns (or the rows, for an index
    without them)."""
    found = figure_selection(vectors, generation, docs)
    if found is None:
        return by_unit(figure_facts(generation, vectors, docs, None), counted)
    places = column_table(*found, counted)
    return [_fact(row) for row in figures_at(generation, places)]


def figure_groups(
    generation: Path, vectors: VectorSearcher, docs: np.ndarray
) -> list[tuple[str, int, int]]:
    """``groups`` of the figures of ``docs``, from the columns (or the rows)."""
    found = figure_selection(vectors, generation, docs)
    if found is None:
        return groups(figure_facts(generation, vectors, docs, None))
    return column_groups(*found)


def with_sentences(facts: list[FigureFact], text_of: Callable[[str], str]) -> list[FigureFact]:
    """``facts`` with their sentences, each article's text read once (``text_of``)."""
    texts: dict[str, str] = {}
    out = []
    for fact in facts:
        if fact.article not in texts:
            texts[fact.article] = text_of(fact.article)
        out.append(replace(fact, sentence=fact.sentence_in(texts[fact.article])))
    return out


def _fact(row: tuple[Any, ...]) -> FigureFact:
    article, start, end, text, value, high, of, qualifier, counted, unit, context = row[:11]
    sentence_start, sentence_end, date, ward = row[11:]
    return FigureFact(
        article,
        date or None,
        ward or None,
        text,
        value,
        high,
        of,
        qualifier,
        counted,
        unit,
        context,
        start,
        end,
        sentence_start,
        sentence_end,
    )


def figure_columns(
    vectors: VectorSearcher, generation: Path
) -> tuple[FigureColumns, np.ndarray] | None:
    """The generation's figure columns and, per doc number, its article's code in them (-1:
    none); read once per generation (``vectors.extras`` is shared by the engine's threads)."""
    if "figures" not in vectors.extras:
        columns = read_columns(generation)
        found = None
        if columns is not None:
            words, rank = vectors.ranked("id")
            code_of = {article: i for i, article in enumerate(columns.articles)}
            word_code = np.array([code_of.get(w, -1) for w in words] + [-1], dtype=np.int64)
            for word, code in zip(words, word_code[:-1].tolist(), strict=True):
                if code >= 0:  # one string per id, not two (100,000 ids: 7 MB)
                    columns.articles[code] = word
            found = (columns, word_code[rank])  # rank -1 (no id) picks the appended -1
        vectors.extras["figures"] = found
    return vectors.extras["figures"]


def figure_selection(
    vectors: VectorSearcher, generation: Path, docs: np.ndarray
) -> tuple[FigureColumns, np.ndarray] | None:
    """(the figure columns, which figures belong to the articles ``docs``)."""
    found = figure_columns(vectors, generation)
    if found is None:
        return None
    columns, doc_code = found
    chosen = np.zeros(len(columns.articles) + 1, dtype=bool)
    chosen[doc_code[docs]] = True
    chosen[-1] = False  # documents without figures
    return columns, chosen[columns.columns["article"]]


def column_groups(columns: FigureColumns, mask: np.ndarray) -> list[tuple[str, int, int]]:
    """``groups`` from the columns: (what is counted, figures, articles), most articles first."""
    size, width = len(columns.counted), max(1, len(columns.articles))
    # Distinct (counted, article) pairs: a sort and a comparison (np.unique hashes, 10x slower),
    # on one array made and sorted in place, 32-bit when the pairs fit (1.1 million figures
    # at 100,000 articles: 4 MB instead of five 8 MB arrays while the figures view loads).
    kind = np.int32 if size * width < np.iinfo(np.int32).max else np.int64
    pairs = columns.columns["counted"][mask].astype(kind)
    figures = np.bincount(pairs, minlength=size)
    pairs *= width
    pairs += columns.columns["article"][mask]
    pairs.sort()
    distinct = np.empty(len(pairs), dtype=bool)
    distinct[:1] = True
    np.not_equal(pairs[1:], pairs[:-1], out=distinct[1:])
    articles = np.bincount(pairs[distinct] // width, minlength=size)
    out = [
        (columns.counted[i], int(figures[i]), int(articles[i]))
        for i in np.flatnonzero(figures).tolist()
    ]
    return sorted(out, key=lambda g: (-g[2], -g[1], g[0]))


def column_table(columns: FigureColumns, mask: np.ndarray, counted: str) -> list[tuple[str, int]]:
    """``by_unit`` from the columns: each unit's latest figure (then the largest that day) of
    what ``counted`` counts, as (article id, offset), the largest value first."""
    if counted not in columns.counted:
        return []
    cols = columns.columns
    code = columns.counted.index(counted)
    rows = np.flatnonzero(mask & (cols["counted"] == code) & (cols["ward"] >= 0))
    order = rows[np.lexsort((cols["value"][rows], cols["date"][rows], cols["ward"][rows]))]
    wards = cols["ward"][order]
    last = order[np.append(wards[1:] != wards[:-1], True)] if len(order) else order
    last = last[np.argsort(-cols["value"][last], kind="stable")]
    return [(columns.articles[cols["article"][i]], int(cols["start"][i])) for i in last.tolist()]


def groups(facts: list[FigureFact]) -> list[tuple[str, int, int]]:
    """(what is counted, figures, articles) for each counted noun, most articles first."""
    found: dict[str, tuple[int, set[str]]] = {}
    for fact in facts:
        count, articles = found.get(fact.counted, (0, set()))
        articles.add(fact.article)
        found[fact.counted] = (count + 1, articles)
    out = [(counted, n, len(articles)) for counted, (n, articles) in found.items()]
    return sorted(out, key=lambda g: (-g[2], -g[1], g[0]))


def by_unit(facts: list[FigureFact], counted: str) -> list[FigureFact]:
    """For one counted noun, each unit's latest figure (then the largest that day), one row
    per unit; figures of articles without a ward are left out."""
    latest: dict[str, FigureFact] = {}
    for fact in facts:
        if fact.counted != counted or not fact.ward:
            continue
        best = latest.get(fact.ward)
        if best is None or (fact.date or "", fact.value) > (best.date or "", best.value):
            latest[fact.ward] = fact
    return sorted(latest.values(), key=lambda f: -f.value)
