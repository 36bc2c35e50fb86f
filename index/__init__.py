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

# name → the module that defines it
_WHERE = {
    "CorpusFile": "phuong_reader.index.build.corpus",
    "Skipped": "phuong_reader.index.build.corpus",
    "bundled_corpus": "phuong_reader.index.build.corpus",
    "file_hash": "phuong_reader.index.build.corpus",
    "read_article": "phuong_reader.index.build.corpus",
    "BuildReport": "phuong_reader.index.build.writer",
    "Progress": "phuong_reader.index.build.writer",
    "update_index": "phuong_reader.index.build.writer",
    "FormerUnit": "phuong_reader.index.entities.gazetteer",
    "Unit": "phuong_reader.index.entities.gazetteer",
    "load_gazetteer": "phuong_reader.index.entities.gazetteer",
    "ward_key": "phuong_reader.index.entities.gazetteer",
    "parse_article": "phuong_reader.index.entities.pipeline",
    "to_record": "phuong_reader.index.entities.pipeline",
    "UnitMatch": "phuong_reader.index.entities.resolve",
    "resolve_unit": "phuong_reader.index.entities.resolve",
    "ArticleNotFoundError": "phuong_reader.index.errors",
    "CorpusError": "phuong_reader.index.errors",
    "IndexBusyError": "phuong_reader.index.errors",
    "IndexDamagedError": "phuong_reader.index.errors",
    "IndexMissingError": "phuong_reader.index.errors",
    "IndexUnusableError": "phuong_reader.index.errors",
    "PhuongError": "phuong_reader.index.errors",
    "QueryError": "phuong_reader.index.errors",
    "UndecodableError": "phuong_reader.index.errors",
    "sort_key": "phuong_reader.index.lang.vietnamese",
    "IndexLocation": "phuong_reader.index.location",
    "damaged": "phuong_reader.index.location",
    "ensure_index": "phuong_reader.index.location",
    "interrupted_note": "phuong_reader.index.location",
    "locate": "phuong_reader.index.location",
    "open_engine": "phuong_reader.index.location",
    "probe_index": "phuong_reader.index.location",
    "refresh_index": "phuong_reader.index.location",
    "Article": "phuong_reader.index.model",
    "DatedRole": "phuong_reader.index.model",
    "Hit": "phuong_reader.index.model",
    "Person": "phuong_reader.index.model",
    "PersonSummary": "phuong_reader.index.model",
    "QueryTerms": "phuong_reader.index.model",
    "SearchResult": "phuong_reader.index.model",
    "Snippet": "phuong_reader.index.model",
    "Span": "phuong_reader.index.model",
    "StoredArticle": "phuong_reader.index.model",
    "WardCount": "phuong_reader.index.model",
    "MAX_LIMIT": "phuong_reader.index.query.search",
    "SearchEngine": "phuong_reader.index.query.search",
    "match_spans": "phuong_reader.index.query.snippets",
    "read_pointer": "phuong_reader.index.storage.store",
    "CONTROL_CHARS": "phuong_reader.index.text.decoding",
    "FORMAT_CHARS": "phuong_reader.index.text.decoding",
    "decode_article": "phuong_reader.index.text.decoding",
}

if TYPE_CHECKING:
    from phuong_reader.index.build.corpus import (
        CorpusFile,
        Skipped,
        bundled_corpus,
        file_hash,
        read_article,
    )
    from phuong_reader.index.build.writer import BuildReport, Progress, update_index
    from phuong_reader.index.entities.gazetteer import FormerUnit, Unit, load_gazetteer, ward_key
    from phuong_reader.index.entities.pipeline import parse_article, to_record
    from phuong_reader.index.entities.resolve import UnitMatch, resolve_unit
    from phuong_reader.index.errors import (
        ArticleNotFoundError,
        CorpusError,
        IndexBusyError,
        IndexDamagedError,
        IndexMissingError,
        IndexUnusableError,
        PhuongError,
        QueryError,
        UndecodableError,
    )
    from phuong_reader.index.lang.vietnamese import sort_key
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
        Hit,
        Person,
        PersonSummary,
        QueryTerms,
        SearchResult,
        Snippet,
        Span,
        StoredArticle,
        WardCount,
    )
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
    "FormerUnit",
    "Hit",
    "IndexBusyError",
    "IndexDamagedError",
    "IndexLocation",
    "IndexMissingError",
    "IndexUnusableError",
    "Person",
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
    "damaged",
    "decode_article",
    "ensure_index",
    "file_hash",
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
