"""phuong-reader's engine: reading a corpus, Vietnamese analysis, the Whoosh index and search.

This is the engine's public front: the reader, the command line and scripts import from here.
The layers below (``lang`` → ``text`` → ``entities`` → ``storage`` → ``build`` / ``query``,
with ``model`` and ``errors`` beneath all) are documented in docs/architecture.md; the engine
never imports the reader, Textual or Rich.

Names load on first use (PEP 562): the reader's first frame needs the search engine, not the
build and extraction layers, which cost a third of its import time when imported up front.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each module of the front, and the names it gives (the same as the imports below).
_FRONT: dict[str, tuple[str, ...]] = {
    "build.corpus": ("bundled_corpus", "read_article"),
    "build.scan": ("CorpusFile", "Skipped", "file_hash"),
    "build.writer": ("BuildReport", "Progress", "update_index"),
    "entities.gazetteer": ("FormerUnit", "Unit", "load_gazetteer", "ward_key"),
    "entities.pipeline": ("parse_article", "to_record"),
    "entities.resolve": ("UnitMatch", "resolve_unit"),
    "errors": (
        "ArticleNotFoundError",
        "CorpusError",
        "IndexBuildError",
        "IndexBusyError",
        "IndexDamagedError",
        "IndexMissingError",
        "IndexUnusableError",
        "PhuongError",
        "QueryError",
        "UndecodableError",
    ),
    "lang.vietnamese": ("fold", "sort_key"),
    "location": (
        "IndexLocation",
        "damaged",
        "ensure_index",
        "interrupted_note",
        "locate",
        "open_engine",
        "probe_index",
        "refresh_index",
    ),
    "model": (
        "Article",
        "DatedRole",
        "Facets",
        "FigureFact",
        "Hit",
        "Person",
        "PersonLine",
        "PersonSummary",
        "QueryTerms",
        "SearchResult",
        "Snippet",
        "Span",
        "StoredArticle",
        "WardCount",
    ),
    "query.compare": ("by_unit", "groups"),
    "query.marked": ("MarkSource",),
    "query.search": ("MAX_LIMIT", "SearchEngine"),
    "query.snippets": ("match_spans",),
    "storage.store": ("read_pointer",),
    "text.decoding": ("CONTROL_CHARS", "FORMAT_CHARS", "decode_article"),
}
_WHERE = {name: f"{__name__}.{module}" for module, names in _FRONT.items() for name in names}

if TYPE_CHECKING:
    from phuong_reader.index.build.corpus import bundled_corpus, read_article
    from phuong_reader.index.build.scan import CorpusFile, Skipped, file_hash
    from phuong_reader.index.build.writer import BuildReport, Progress, update_index
    from phuong_reader.index.entities.gazetteer import FormerUnit, Unit, load_gazetteer, ward_key
    from phuong_reader.index.entities.pipeline import parse_article, to_record
    from phuong_reader.index.entities.resolve import UnitMatch, resolve_unit
    from phuong_reader.index.errors import (
        ArticleNotFoundError,
        CorpusError,
        IndexBuildError,
        IndexBusyError,
        IndexDamagedError,
        IndexMissingError,
        IndexUnusableError,
        PhuongError,
        QueryError,
        UndecodableError,
    )
    from phuong_reader.index.lang.vietnamese import fold, sort_key
    from phuong_reader.index.location import (
        IndexLocation,
        damaged,
        ensure_index,
        interrupted_note,
        locate,
        open_engine,
        probe_index,
        refresh_index,
    )
    from phuong_reader.index.model import (
        Article,
        DatedRole,
        Facets,
        FigureFact,
        Hit,
        Person,
        PersonLine,
        PersonSummary,
        QueryTerms,
        SearchResult,
        Snippet,
        Span,
        StoredArticle,
        WardCount,
    )
    from phuong_reader.index.query.compare import by_unit, groups
    from phuong_reader.index.query.marked import MarkSource
    from phuong_reader.index.query.search import MAX_LIMIT, SearchEngine
    from phuong_reader.index.query.snippets import match_spans
    from phuong_reader.index.storage.store import read_pointer
    from phuong_reader.index.text.decoding import CONTROL_CHARS, FORMAT_CHARS, decode_article


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CONTROL_CHARS",
    "FORMAT_CHARS",
    "MAX_LIMIT",
    "Article",
    "ArticleNotFoundError",
    "BuildReport",
    "CorpusError",
    "CorpusFile",
    "DatedRole",
    "Facets",
    "FigureFact",
    "FormerUnit",
    "Hit",
    "IndexBuildError",
    "IndexBusyError",
    "IndexDamagedError",
    "IndexLocation",
    "IndexMissingError",
    "IndexUnusableError",
    "MarkSource",
    "Person",
    "PersonLine",
    "PersonSummary",
    "PhuongError",
    "Progress",
    "QueryError",
    "QueryTerms",
    "SearchEngine",
    "SearchResult",
    "Skipped",
    "Snippet",
    "Span",
    "StoredArticle",
    "UndecodableError",
    "Unit",
    "UnitMatch",
    "WardCount",
    "bundled_corpus",
    "by_unit",
    "damaged",
    "decode_article",
    "ensure_index",
    "file_hash",
    "fold",
    "groups",
    "interrupted_note",
    "load_gazetteer",
    "locate",
    "match_spans",
    "open_engine",
    "parse_article",
    "probe_index",
    "read_article",
    "read_pointer",
    "refresh_index",
    "resolve_unit",
    "sort_key",
    "to_record",
    "update_index",
    "ward_key",
]
