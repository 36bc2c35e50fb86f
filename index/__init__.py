"""phuong-reader's engine: reading a corpus, Vietnamese analysis, the Whoosh index and search.

This is the engine's public front: the reader, the command line and scripts import from here.
The layers below (``lang`` → ``text`` → ``entities`` → ``storage`` → ``build`` / ``query``,
with ``model`` and ``errors`` beneath all) are documented in docs/architecture.md; the engine
never imports the reader, Textual or Rich.
"""

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
