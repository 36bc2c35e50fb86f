"""What the search engine answers about the results as a whole, mixed into SearchEngine:
people (from the saved listing), where and when the results are (``facets``), and their
figures, as rows (``figures``) or, for the figures view, grouped and by unit from the saved
columns (``figure_groups``, ``unit_table``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from phuong_reader.index.model import DatedRole, Facets, FigureFact, PersonLine, PersonSummary
from phuong_reader.index.query import compare
from phuong_reader.index.query import people as query_people
from phuong_reader.index.query.compile import resolve_ward
from phuong_reader.index.query.marked import MarkSource, marked_docs
from phuong_reader.index.query.parser import parse
from phuong_reader.index.query.vectorized import common_docs

if TYPE_CHECKING:
    from phuong_reader.index.entities.resolve import UnitMatch
    from phuong_reader.index.query.vectorized import VectorSearcher
    from whoosh import query as wq


class Comparing:
    """People, facets and figures; needs SearchEngine's searcher, generation and filters."""

    if TYPE_CHECKING:

        def _generation(self) -> Path: ...
        def _vectors(self) -> VectorSearcher: ...
        def _stored_fields(self, article_id: str) -> dict[str, Any]: ...
        def _filters(
            self, query: str, ward: str | None, since: str, until: str
        ) -> tuple[wq.Query, UnitMatch | None, tuple[str, str] | None]: ...

    def people(self, ward: str | None = None) -> list[PersonSummary]:
        """Everyone named in the corpus (or in articles about ``ward``), most articles first,
        each with their roles dated by the articles that give them, latest first."""
        keys = sorted({u.key for u in resolve_ward(ward).units}) if ward else None
        return query_people.people(self._generation(), keys)

    def people_lines(self) -> list[PersonLine]:
        """The people list, a line each, most articles first (the reader's ``p``); read once
        per index generation and shared by the threads (do not change the list)."""
        shared = self._vectors().extras
        if "people_lines" not in shared:
            shared["people_lines"] = query_people.people_lines(self._generation())
        return shared["people_lines"]

    def person(self, name: str) -> PersonSummary | None:
        """One person of the people list by name (with their other spellings), or None."""
        return query_people.person(self._generation(), name)

    def role_history(self, names: Sequence[str]) -> dict[str, list[DatedRole]]:
        """Each of ``names``' roles over the corpus, each once with the latest date an article
        gives it, latest first (the reader's people line): one lookup in the saved facts."""
        return query_people.role_history(self._generation(), names)

    def facets(
        self,
        query: str = "",
        ward: str | None = None,
        since: str = "",
        until: str = "",
        marked: MarkSource | None = None,
    ) -> Facets:
        """How many of the query's articles are about each ward (within the dates, in every
        ward) and fall in each month (within the ward, at every date): the ward list's counts
        and the timeline, for the same query and filters as ``search``. The query's ``is:``
        terms count with ``marked`` (as ``search`` reads them), and are left out without it."""
        compiled, place, dates = self._filters(query, ward, since, until)
        vectors = self._vectors()
        dated, in_ward = compare.scoped_docs(vectors, compiled, place, dates)
        allowed = marked_docs(vectors, parse(query).marks, marked) if marked is not None else None
        if allowed is not None:
            dated, in_ward = common_docs(dated, allowed), common_docs(in_ward, allowed)
        return compare.count_facets(vectors, dated, in_ward)

    def figures(
        self,
        query: str = "",
        ward: str | None = None,
        since: str = "",
        until: str = "",
        about: str | None = None,
        sentences: bool = False,
    ) -> list[FigureFact]:
        """The figures of every article matching the query and filters, as the index saved
        them; with ``sentences``, each with the sentence it comes from (read from the stored
        articles, so slower)."""
        docs = self._result_docs(query, ward, since, until)
        facts = compare.figure_facts(self._generation(), self._vectors(), docs, about)
        if sentences:
            facts = compare.with_sentences(facts, lambda a: self._stored_fields(a)["doc"]["text"])
        return facts

    def figure_groups(
        self, query: str = "", ward: str | None = None, since: str = "", until: str = ""
    ) -> list[tuple[str, int, int]]:
        """What the figures of the query's articles count: (counted, figures, articles), most
        articles first (the figures view's list, from the saved columns)."""
        every = self._every_article(query, ward, since, until)
        if every is not None and "groups" in every:
            return every["groups"]
        docs = self._result_docs(query, ward, since, until)
        found = compare.figure_groups(self._generation(), self._vectors(), docs)
        if every is not None:
            every["groups"] = found
        return found

    def _every_article(
        self, query: str, ward: str | None, since: str, until: str
    ) -> dict[str, Any] | None:
        """For the unfiltered view (every article: the reader's empty query, and the one
        whose groups and tables cost most, 1.1 million figures at 100,000 articles), what
        is kept for this generation; None for any other query."""
        if query.strip() or ward or since or until:
            return None
        return self._vectors().extras.setdefault("every_article", {})

    def prepare_views(self) -> None:
        """Load the people list and the figure columns now, and the unfiltered figures view
        (the reader does it in the background after its first results, so that ``p`` and
        ``f`` do not wait for them)."""
        self.people_lines()
        compare.figure_columns(self._vectors(), self._generation())
        groups = self.figure_groups()
        if groups:
            self.unit_table(groups[0][0])

    def unit_table(
        self,
        counted: str,
        query: str = "",
        ward: str | None = None,
        since: str = "",
        until: str = "",
    ) -> list[FigureFact]:
        """Each unit's latest figure counting ``counted`` in the query's articles, largest
        first (the figures view's table)."""
        every = self._every_article(query, ward, since, until)
        if every is not None and ("table", counted) in every:
            return every[("table", counted)]
        docs = self._result_docs(query, ward, since, until)
        table = compare.unit_table(self._generation(), self._vectors(), docs, counted)
        if every is not None:
            every[("table", counted)] = table
        return table

    def _result_docs(self, query: str, ward: str | None, since: str, until: str) -> np.ndarray:
        """The documents of the query and its filters; the last answer is kept (the figures
        view asks for the groups, then a table, of the same results)."""
        shared = self._vectors().extras
        key = (query, ward, since, until)
        last = shared.get("result_docs")
        if last is not None and last[0] == key:
            return last[1]
        compiled, place, dates = self._filters(query, ward, since, until)
        dated, in_ward = compare.scoped_docs(self._vectors(), compiled, place, dates)
        docs = common_docs(dated, in_ward)
        shared["result_docs"] = (key, docs)
        return docs
